//! Read queries over the derived tables (entity timelines, duplicate groups,
//! stories, saved searches) and the [`Store`] implementation that ties them
//! to [`EmbeddedStore`].

use newsgraph_model::Article;
use rusqlite::{params, Connection, OptionalExtension};

use crate::embedded::{decode, EmbeddedStore};
use crate::keys::name_key;
use crate::{
    aggregates, dates, story_view, ArticleRef, DayCount, DuplicateGroup, EntityQuote, EntityTimeline, Failure,
    PutResult, QueryAnalysis, Result, SearchQuery, SearchResults, Store, StoreError, Story, StorySummary,
    TimelineEntry, LIST_LIMIT, TIMELINE_LIMIT,
};

fn article_ref(r: &rusqlite::Row, at: usize) -> rusqlite::Result<ArticleRef> {
    Ok(ArticleRef {
        id: r.get(at)?,
        title: r.get(at + 1)?,
        site: r.get(at + 2)?,
        url: r.get(at + 3)?,
        published: r.get(at + 4)?,
        dup_group: None,
    })
}

const REF_COLUMNS: &str = "a.id, a.title, a.site, a.url, a.published";

/// A group's totals and its first [`LIST_LIMIT`] copies and sources.
fn duplicate_group(conn: &Connection, group: i64) -> Result<Option<DuplicateGroup>> {
    let head = conn
        .prepare_cached("SELECT first, articles FROM dup_groups WHERE id = ?1")?
        .query_row([group], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
        .optional()?;
    let Some((first, num_articles)) = head else { return Ok(None) };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {REF_COLUMNS}, a.dup_group FROM articles a WHERE a.dup_group = ?1 ORDER BY a.time, a.seq LIMIT ?2"
    ))?;
    let articles = stmt
        .query_map(params![group, LIST_LIMIT as i64], |r| {
            Ok(ArticleRef { dup_group: r.get(5)?, ..article_ref(r, 0)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let num_sources: i64 =
        conn.prepare_cached("SELECT COUNT(*) FROM dup_sources WHERE grp = ?1")?.query_row([group], |r| r.get(0))?;
    // Sources in first-seen order as far as the listed copies go, then the rest by name.
    let mut sources: Vec<String> = Vec::new();
    for site in articles.iter().filter_map(|a| a.site.as_ref()) {
        if !sources.contains(site) {
            sources.push(site.clone());
        }
    }
    if (sources.len() as i64) < num_sources {
        let mut stmt = conn.prepare_cached("SELECT site FROM dup_sources WHERE grp = ?1 LIMIT ?2")?;
        for site in stmt.query_map(params![group, LIST_LIMIT as i64], |r| r.get::<_, String>(0))? {
            let site = site?;
            if sources.len() >= LIST_LIMIT {
                break;
            }
            if !sources.contains(&site) {
                sources.push(site);
            }
        }
    }
    Ok(Some(DuplicateGroup {
        id: group,
        first_seen: Some(dates::timestamp_of(first)),
        num_articles: num_articles as usize,
        num_sources: num_sources as usize,
        sources,
        articles,
    }))
}

/// A story's timeline entries of one kind, earliest first; `sql` selects date,
/// label, text, article id, site and status, and takes the story and a limit.
fn timeline_rows(conn: &Connection, sql: &str, kind: &str, story: i64, limit: usize) -> Result<Vec<TimelineEntry>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![story, limit as i64], |r| {
        Ok(TimelineEntry {
            date: r.get(0)?,
            kind: kind.into(),
            label: r.get(1)?,
            text: r.get(2)?,
            article_id: r.get(3)?,
            site: r.get(4)?,
            // Rows written before statuses were kept have an empty one.
            status: r.get::<_, Option<String>>(5)?.filter(|s| !s.is_empty()),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The first [`TIMELINE_LIMIT`] dated entries (events and quotes merged), then undated ones.
fn timeline(conn: &Connection, story: i64) -> Result<Vec<TimelineEntry>> {
    const EVENTS: &str =
        "SELECT e.day, e.type, e.text, a.id, a.site, e.status FROM events e JOIN articles a ON a.seq = e.seq";
    const QUOTES: &str = "SELECT q.day, COALESCE(q.speaker, ''), q.text, a.id, a.site, NULL FROM quotes q
         JOIN articles a ON a.seq = q.seq";
    let mut out = Vec::new();
    for (filter, order) in [("day IS NOT NULL", "day"), ("day IS NULL", "seq")] {
        let mut part = timeline_rows(
            conn,
            &format!("{EVENTS} WHERE e.story = ?1 AND e.{filter} ORDER BY e.{order} LIMIT ?2"),
            "event",
            story,
            TIMELINE_LIMIT,
        )?;
        part.extend(timeline_rows(
            conn,
            &format!("{QUOTES} WHERE q.story = ?1 AND q.{filter} ORDER BY q.{order} LIMIT ?2"),
            "quote",
            story,
            TIMELINE_LIMIT,
        )?);
        // TIMEX values such as `2016-11` sort before their days.
        part.sort_by(|a, b| a.date.cmp(&b.date));
        out.extend(part);
        if out.len() >= TIMELINE_LIMIT {
            break;
        }
    }
    out.truncate(TIMELINE_LIMIT);
    Ok(out)
}

fn story_articles(conn: &Connection, id: i64, offset: usize, limit: usize) -> Result<Vec<ArticleRef>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {REF_COLUMNS}, a.dup_group FROM articles a WHERE a.story = ?1 ORDER BY a.time, a.seq LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = stmt.query_map(params![id, limit.min(LIST_LIMIT) as i64, offset as i64], |r| {
        Ok(ArticleRef { dup_group: r.get(5)?, ..article_ref(r, 0)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn story(conn: &Connection, id: i64) -> Result<Option<Story>> {
    let head = conn
        .prepare_cached("SELECT title, first, last, articles FROM stories WHERE id = ?1")?
        .query_row([id], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
        })
        .optional()?;
    let Some((title, first, last, num_articles)) = head else { return Ok(None) };
    Ok(Some(Story {
        id,
        title,
        first: Some(dates::timestamp_of(first)),
        last: Some(dates::timestamp_of(last)),
        num_articles: num_articles as usize,
        articles: story_articles(conn, id, 0, LIST_LIMIT)?,
        num_sources: conn
            .prepare_cached("SELECT COUNT(*) FROM story_sources WHERE story = ?1")?
            .query_row([id], |r| r.get::<_, i64>(0))? as usize,
        sources: conn
            .prepare_cached("SELECT site FROM story_sources WHERE story = ?1 ORDER BY articles DESC, site LIMIT ?2")?
            .query_map(params![id, LIST_LIMIT as i64], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        timeline: timeline(conn, id)?,
        quotes_by_speaker: story_view::quotes_by_speaker(conn, id)?,
        counts: story_view::counts(conn, id)?,
        joined: story_view::joined(conn, id)?,
        events: crate::story_events::of_story(conn, id)?,
    }))
}

/// Quotes listed per entity at most (earliest first).
const ENTITY_QUOTES: usize = 200;
/// Newest articles listed per entity.
const ENTITY_ARTICLES: usize = 50;
/// Surface names of one Wikidata id whose quotes are gathered.
const ENTITY_NAMES: usize = 20;

fn entity(conn: &Connection, name: &str) -> Result<Option<EntityTimeline>> {
    // A Wikidata id finds every surface name linked to it; a name finds that name.
    let by_wikidata = aggregates::is_wikidata_id(name);
    let key = if by_wikidata { aggregates::wikidata_entity_key(name) } else { aggregates::name_entity_key(name) };
    let stats = conn
        .prepare_cached("SELECT articles FROM entity_stats WHERE key = ?1")?
        .query_row([&key], |r| r.get::<_, i64>(0))
        .optional()?;
    let Some(num_articles) = stats else { return Ok(None) };
    let mut surface: Vec<(String, String, Option<String>)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT name, type, wikidata FROM entity_names WHERE key = ?1 ORDER BY articles DESC, name LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![&key, ENTITY_NAMES as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    if surface.is_empty() {
        return Ok(None);
    }
    let (display, kind, wikidata) = surface.swap_remove(0);
    let mut stmt =
        conn.prepare_cached("SELECT day, mentions, articles FROM entity_days WHERE key = ?1 ORDER BY day")?;
    let by_day = stmt
        .query_map([&key], |r| {
            Ok(DayCount { day: r.get(0)?, mentions: r.get::<_, i64>(1)? as u64, articles: r.get::<_, i64>(2)? as u64 })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached("SELECT role FROM entity_roles WHERE key = ?1 LIMIT 200")?;
    let roles = stmt.query_map([&key], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    // Quotes are filed under the speaker's name: gather those of each surface name.
    let mut names: Vec<String> = vec![name_key(&display)];
    for (other, _, _) in &surface {
        let other = name_key(other);
        if by_wikidata && !names.contains(&other) {
            names.push(other);
        }
    }
    let mut quotes: Vec<(i64, EntityQuote)> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT q.day, q.text, q.kind, a.id, q.time FROM quotes q JOIN articles a ON a.seq = q.seq
         WHERE q.speaker_key = ?1 ORDER BY q.time LIMIT ?2",
    )?;
    for name in &names {
        for row in stmt.query_map(params![name, ENTITY_QUOTES as i64], |r| {
            Ok((
                r.get::<_, Option<i64>>(4)?.unwrap_or(0),
                EntityQuote { date: r.get(0)?, text: r.get(1)?, kind: r.get(2)?, article_id: r.get(3)? },
            ))
        })? {
            quotes.push(row?);
        }
    }
    quotes.sort_by_key(|(time, _)| *time);
    quotes.truncate(ENTITY_QUOTES);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {REF_COLUMNS} FROM entity_articles e JOIN articles a ON a.seq = e.seq WHERE e.key = ?1
         ORDER BY e.time DESC, e.seq DESC LIMIT ?2"
    ))?;
    let articles = stmt
        .query_map(params![&key, ENTITY_ARTICLES as i64], |r| article_ref(r, 0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(EntityTimeline {
        name: display,
        kind: Some(kind),
        wikidata,
        num_articles: num_articles as usize,
        by_day,
        roles,
        quotes: quotes.into_iter().map(|(_, q)| q).collect(),
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

    fn analyze(&self, query: &SearchQuery) -> Result<QueryAnalysis> {
        crate::analysis::analyze(&self.index, query)
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
                "SELECT id FROM dup_groups WHERE articles >= ?1 ORDER BY articles DESC, id LIMIT ?2 OFFSET ?3",
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

    fn story_articles(&self, id: i64, offset: usize, limit: usize) -> Result<Vec<ArticleRef>> {
        story_articles(&self.reader(), id, offset, limit)
    }

    fn story_of(&self, article_id: &str) -> Result<Option<i64>> {
        let story: Option<Option<i64>> = self
            .reader()
            .prepare_cached("SELECT story FROM articles WHERE id = ?1")?
            .query_row([article_id], |r| r.get(0))
            .optional()?;
        Ok(story.flatten())
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
        // SQLite only: a read-only store (a `serve` beside an ingest) saves searches too.
        self.bookkeeping()?.execute(
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

    fn status(&self) -> Result<crate::StoreStatus> {
        EmbeddedStore::status(self)
    }

    fn webhooks(&self) -> Option<crate::Webhooks<'_>> {
        Some(self.webhook_registry())
    }

    fn for_each_story_event(&self, f: &mut dyn FnMut(crate::StoryEvent) -> Result<()>) -> Result<()> {
        crate::story_events::for_each(&self.reader(), f)
    }
}
