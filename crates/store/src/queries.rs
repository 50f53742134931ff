//! Read queries over the derived tables (entity timelines, duplicate groups,
//! stories, saved searches) and the [`Store`] implementation that ties them
//! to [`EmbeddedStore`].

use newsgraph_model::Article;
use rusqlite::{params, Connection, OptionalExtension};

use crate::embedded::{decode, EmbeddedStore};
use crate::keys::name_key;
use crate::{
    dates, ArticleRef, DayCount, DuplicateGroup, EntityQuote, EntityTimeline, Failure, PutResult, Result, SearchQuery,
    SearchResults, Store, StoreError, Story, StorySummary, TimelineEntry,
};

/// Timeline entries listed per story at most.
const TIMELINE_LIMIT: i64 = 500;

fn article_ref(r: &rusqlite::Row, at: usize) -> rusqlite::Result<ArticleRef> {
    Ok(ArticleRef {
        id: r.get(at)?,
        title: r.get(at + 1)?,
        site: r.get(at + 2)?,
        url: r.get(at + 3)?,
        published: r.get(at + 4)?,
    })
}

const REF_COLUMNS: &str = "a.id, a.title, a.site, a.url, a.published";

fn duplicate_group(conn: &Connection, group: i64) -> Result<Option<DuplicateGroup>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {REF_COLUMNS}, a.time FROM articles a WHERE a.dup_group = ?1 ORDER BY a.time, a.seq"
    ))?;
    let rows = stmt.query_map([group], |r| Ok((article_ref(r, 0)?, r.get::<_, i64>(5)?)))?;
    let mut out = DuplicateGroup { id: group, ..DuplicateGroup::default() };
    let mut first: Option<i64> = None;
    for row in rows {
        let (article, time) = row?;
        first = Some(first.map_or(time, |f| f.min(time)));
        if let Some(site) = &article.site {
            if !out.sources.contains(site) {
                out.sources.push(site.clone());
            }
        }
        out.articles.push(article);
    }
    if out.articles.is_empty() {
        return Ok(None);
    }
    out.first_seen = first.map(dates::timestamp_of);
    out.num_articles = out.articles.len();
    out.num_sources = out.sources.len();
    Ok(Some(out))
}

/// A story's timeline entries of one kind; `sql` selects date, label, text, article id and site.
fn timeline_rows(conn: &Connection, sql: &str, kind: &str, story: i64) -> Result<Vec<TimelineEntry>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![story, TIMELINE_LIMIT], |r| {
        Ok(TimelineEntry {
            date: r.get(0)?,
            kind: kind.into(),
            label: r.get(1)?,
            text: r.get(2)?,
            article_id: r.get(3)?,
            site: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn story(conn: &Connection, id: i64) -> Result<Option<Story>> {
    let head = conn
        .query_row("SELECT title, first, last FROM stories WHERE id = ?1", [id], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
        })
        .optional()?;
    let Some((title, first, last)) = head else { return Ok(None) };
    let mut stmt = conn
        .prepare_cached(&format!("SELECT {REF_COLUMNS} FROM articles a WHERE a.story = ?1 ORDER BY a.time, a.seq"))?;
    let articles = stmt.query_map([id], |r| article_ref(r, 0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut timeline = timeline_rows(
        conn,
        "SELECT COALESCE(e.date, substr(a.published, 1, 10)), e.type, e.text, a.id, a.site
         FROM events e JOIN articles a ON a.seq = e.seq WHERE a.story = ?1 LIMIT ?2",
        "event",
        id,
    )?;
    timeline.extend(timeline_rows(
        conn,
        "SELECT substr(a.published, 1, 10), COALESCE(q.speaker, ''), q.text, a.id, a.site
         FROM quotes q JOIN articles a ON a.seq = q.seq WHERE a.story = ?1 LIMIT ?2",
        "quote",
        id,
    )?);
    // Undated entries go last; TIMEX values such as `2016-11` sort before their days.
    timeline.sort_by(|a, b| (a.date.is_none(), &a.date).cmp(&(b.date.is_none(), &b.date)));
    Ok(Some(Story {
        id,
        title,
        first: Some(dates::timestamp_of(first)),
        last: Some(dates::timestamp_of(last)),
        articles,
        timeline,
    }))
}

fn entity(conn: &Connection, name: &str) -> Result<Option<EntityTimeline>> {
    let key = name_key(name);
    // A Wikidata id finds every surface name linked to it; a name finds that name.
    let by_wikidata = key.starts_with('q') && key[1..].bytes().all(|b| b.is_ascii_digit()) && key.len() > 1;
    let filter = if by_wikidata { "m.wikidata = ?1 COLLATE NOCASE" } else { "m.key = ?1" };
    let head = conn
        .query_row(
            &format!(
                "SELECT m.name, m.type, m.wikidata, COUNT(DISTINCT m.seq) FROM mentions m WHERE {filter}
                 GROUP BY m.name, m.type ORDER BY COUNT(*) DESC LIMIT 1"
            ),
            [&key],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)),
        )
        .optional()?;
    let Some((display, kind, wikidata)) = head else { return Ok(None) };
    let num_articles: i64 =
        conn.query_row(&format!("SELECT COUNT(DISTINCT m.seq) FROM mentions m WHERE {filter}"), [&key], |r| r.get(0))?;
    let mut by_day = Vec::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT substr(COALESCE(a.published, a.ingested_at), 1, 10) AS day, SUM(m.mentions), COUNT(DISTINCT m.seq)
         FROM mentions m JOIN articles a ON a.seq = m.seq WHERE {filter} GROUP BY day ORDER BY day"
    ))?;
    for row in stmt.query_map([&key], |r| {
        Ok(DayCount { day: r.get(0)?, mentions: r.get::<_, i64>(1)? as u64, articles: r.get::<_, i64>(2)? as u64 })
    })? {
        by_day.push(row?);
    }
    let mut roles: Vec<String> = Vec::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT m.roles FROM mentions m WHERE {filter} AND m.roles IS NOT NULL LIMIT 200"
    ))?;
    for row in stmt.query_map([&key], |r| r.get::<_, String>(0))? {
        for role in row?.split("; ") {
            if !roles.iter().any(|r| r == role) {
                roles.push(role.to_string());
            }
        }
    }
    let names: Vec<String> = if by_wikidata {
        let mut stmt =
            conn.prepare_cached("SELECT DISTINCT key FROM mentions WHERE wikidata = ?1 COLLATE NOCASE LIMIT 20")?;
        let keys = stmt.query_map([&key], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        keys
    } else {
        vec![key.clone()]
    };
    let mut quotes = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT substr(a.published, 1, 10), q.text, q.kind, a.id FROM quotes q JOIN articles a ON a.seq = q.seq
         WHERE q.speaker_key = ?1 ORDER BY a.time LIMIT 200",
    )?;
    for name in &names {
        for row in stmt.query_map([name], |r| {
            Ok(EntityQuote { date: r.get(0)?, text: r.get(1)?, kind: r.get(2)?, article_id: r.get(3)? })
        })? {
            quotes.push(row?);
        }
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT {REF_COLUMNS}, a.time FROM mentions m JOIN articles a ON a.seq = m.seq WHERE {filter}
         ORDER BY a.time DESC LIMIT 50"
    ))?;
    let articles = stmt.query_map([&key], |r| article_ref(r, 0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(EntityTimeline {
        name: display,
        kind: Some(kind),
        wikidata,
        num_articles: num_articles as usize,
        by_day,
        roles,
        quotes,
        articles,
    }))
}

impl Store for EmbeddedStore {
    fn put_batch(&self, articles: &[Article]) -> Result<Vec<PutResult>> {
        self.put_batch_impl(articles, None)
    }

    fn put_batch_from(&self, articles: &[Article], origins: &[String]) -> Result<Vec<PutResult>> {
        self.put_batch_impl(articles, Some(origins))
    }

    fn get(&self, id: &str) -> Result<Option<Article>> {
        let blob: Option<Vec<u8>> =
            self.reader().query_row("SELECT record FROM articles WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        blob.map(|b| decode(id, &b)).transpose()
    }

    fn has_origin(&self, origin: &str) -> Result<bool> {
        Ok(self
            .reader()
            .query_row("SELECT 1 FROM origins WHERE origin = ?1", [origin], |_| Ok(()))
            .optional()?
            .is_some())
    }

    fn record_failure(&self, origin: &str, reason: &str) -> Result<()> {
        let now = dates::timestamp_of(dates::now_seconds());
        // Failures are history, not state: a read-only store simply does not keep them.
        if let Ok(conn) = self.writer_conn() {
            conn.execute(
                "INSERT INTO failures(origin, reason, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(origin) DO UPDATE SET reason = excluded.reason, at = excluded.at",
                params![origin, reason, now],
            )?;
        }
        Ok(())
    }

    fn failures(&self, limit: usize) -> Result<Vec<Failure>> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached("SELECT origin, reason, at FROM failures ORDER BY at DESC LIMIT ?1")?;
        let rows =
            stmt.query_map([limit as i64], |r| Ok(Failure { origin: r.get(0)?, reason: r.get(1)?, at: r.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn count(&self) -> Result<u64> {
        Ok(self.reader().query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))? as u64)
    }

    fn search(&self, query: &SearchQuery) -> Result<SearchResults> {
        self.search_impl(query)
    }

    fn entity(&self, name: &str) -> Result<Option<EntityTimeline>> {
        entity(&self.reader(), name)
    }

    fn duplicates_of(&self, id: &str) -> Result<Option<DuplicateGroup>> {
        let conn = self.reader();
        let group: Option<Option<i64>> =
            conn.query_row("SELECT dup_group FROM articles WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        match group.flatten() {
            Some(group) => duplicate_group(&conn, group),
            None => Ok(None),
        }
    }

    fn duplicate_groups(&self, min_size: usize, offset: usize, limit: usize) -> Result<Vec<DuplicateGroup>> {
        let conn = self.reader();
        let ids: Vec<i64> = {
            let mut stmt = conn.prepare_cached(
                "SELECT dup_group FROM articles WHERE dup_group IS NOT NULL GROUP BY dup_group HAVING COUNT(*) >= ?1
                 ORDER BY COUNT(*) DESC, dup_group LIMIT ?2 OFFSET ?3",
            )?;
            let rows = stmt.query_map(params![min_size.max(1) as i64, limit as i64, offset as i64], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let mut groups = Vec::with_capacity(ids.len());
        for id in ids {
            groups.extend(duplicate_group(&conn, id)?);
        }
        Ok(groups)
    }

    fn story(&self, id: i64) -> Result<Option<Story>> {
        story(&self.reader(), id)
    }

    fn stories(&self, offset: usize, limit: usize) -> Result<Vec<StorySummary>> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT id, title, first, last, articles FROM stories ORDER BY articles DESC, last DESC LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![limit as i64, offset as i64], |r| {
            Ok(StorySummary {
                id: r.get(0)?,
                title: r.get(1)?,
                first: Some(dates::timestamp_of(r.get(2)?)),
                last: Some(dates::timestamp_of(r.get(3)?)),
                num_articles: r.get::<_, i64>(4)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn save_search(&self, name: &str, query: &SearchQuery) -> Result<()> {
        let json = serde_json::to_string(query).map_err(|e| StoreError::Export(e.to_string()))?;
        self.writer_conn()?.execute(
            "INSERT INTO saved_searches(name, query) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET query = excluded.query",
            params![name, json],
        )?;
        Ok(())
    }

    fn saved_searches(&self) -> Result<Vec<(String, SearchQuery)>> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached("SELECT name, query FROM saved_searches ORDER BY name")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (name, json) = row?;
            // A saved search written by a newer version may not parse; skip it rather than fail the list.
            if let Ok(query) = serde_json::from_str(&json) {
                out.push((name, query));
            }
        }
        Ok(out)
    }

    fn for_each(&self, f: &mut dyn FnMut(Article) -> Result<()>) -> Result<()> {
        let mut after = 0i64;
        loop {
            // Pages keep no read transaction open for the whole export.
            let page: Vec<(i64, String, Vec<u8>)> = {
                let conn = self.reader();
                let mut stmt =
                    conn.prepare_cached("SELECT seq, id, record FROM articles WHERE seq > ?1 ORDER BY seq LIMIT 256")?;
                let rows = stmt.query_map([after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            };
            let Some(last) = page.last().map(|p| p.0) else { return Ok(()) };
            for (_, id, blob) in page {
                f(decode(&id, &blob)?)?;
            }
            after = last;
        }
    }

    fn flush(&self) -> Result<()> {
        self.flush_impl()
    }
}
