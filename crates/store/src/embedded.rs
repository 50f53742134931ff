//! [`EmbeddedStore`]: the SQLite + tantivy backend of [`Store`].
//!
//! Writes go through one connection (SQLite allows one writer); reads use a
//! small pool of their own connections, so searches and page views run while
//! an ingest writes (WAL). A store opened with [`EmbeddedStore::open`] owns the
//! index writer and `writer.lock` (one writer per data directory, across
//! processes: see `writer_lock.rs`); one opened with
//! [`EmbeddedStore::open_read_only`] searches what the last index commit holds
//! and sees new commits within a second. Either kind writes its own small
//! bookkeeping (saved searches) to SQLite only, never to the index.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use newsgraph_model::Article;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::index::{IndexedArticle, Outdated, SearchIndex};
use crate::keys::{name_key, published_seconds, site_of, speaker_name};
use crate::writer_lock::{map_index_busy, WriterLock};
use crate::{aggregates, dates, dedup, schema, status, stories, story_events};
use crate::{origin_of, PutResult, Result, SearchHit, SearchQuery, SearchResults, StoreError};

/// How often an ingest makes new articles searchable.
const INDEX_COMMIT_EVERY: Duration = Duration::from_secs(2);
const READ_CONNECTIONS: usize = 4;
/// Candidates checked per new article when looking for its near copies.
const DUP_CANDIDATES: usize = 24;

pub struct EmbeddedStore {
    dir: PathBuf,
    writer: Option<Mutex<Connection>>,
    readers: Vec<Mutex<Connection>>,
    pub(crate) index: SearchIndex,
    /// Highest seq added to the index but not yet committed, and when the index last committed.
    pending: Mutex<(Option<i64>, Instant)>,
    /// What opening found that the user should hear of (see [`EmbeddedStore::notices`]).
    notices: Vec<String>,
    /// Held by a store opened for writing, for as long as it is open.
    writer_lock: Option<WriterLock>,
    /// A read-only store's connection for bookkeeping writes (saved searches), short busy timeout.
    bookkeeping: Option<Mutex<Connection>>,
    /// The feeds this process follows, in follow-list order (what `/api/status` lists).
    pub(crate) followed: Mutex<Vec<String>>,
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding a connection leaves SQLite consistent (the transaction rolls back).
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl EmbeddedStore {
    /// Opens (creating if needed) the store in `dir` for reading and writing,
    /// first re-indexing any article a crash left out of the index.
    ///
    /// Fails with [`StoreError::Busy`], naming the other process, when another
    /// writer has the directory.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir)?;
        // Before anything else: a second writer must not even migrate.
        let writer_lock = WriterLock::acquire(&dir)?;
        let mut writer = schema::connect(&dir.join("records.sqlite"), true)?;
        schema::migrate(&mut writer)?;
        status::create_tables(&writer)?;
        let index = SearchIndex::open(&dir.join("index"), true).map_err(|e| map_index_busy(e, &dir))?;
        let mut store = Self::assemble(dir, Some(writer), index)?;
        store.writer_lock = Some(writer_lock);
        store.catch_up()?;
        if store.index.outdated() == Some(Outdated::Emptied) {
            let count = store.count_rows()?;
            store.notices.push(format!(
                "the search index in {} was made by an older newsgraph (it lacked fields this one searches or \
                 counts); it was rebuilt from the {count} articles in records.sqlite",
                store.dir.join("index").display()
            ));
        }
        Ok(store)
    }

    /// Opens an existing store for reading only; several may run beside one writer.
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref().to_path_buf();
        let db = dir.join("records.sqlite");
        if !db.exists() {
            return Err(StoreError::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no store in {} (run `newsgraph ingest` first)", dir.display()),
            )));
        }
        // A store written by older code gets its new tables once (a write, but not of articles).
        schema::migrate(&mut schema::connect(&db, false)?)?;
        let index = SearchIndex::open(&dir.join("index"), false)?;
        let mut store = Self::assemble(dir, None, index)?;
        if store.index.outdated() == Some(Outdated::ReadAsItIs) {
            store.notices.push(format!(
                "the search index in {} was made by an older newsgraph: searches may analyse articles as \
                 English and the analyst view lacks tone and top lists until a writer (`newsgraph ingest` or \
                 `newsgraph serve`) opens the store and rebuilds it",
                store.dir.join("index").display()
            ));
        }
        // A crashed ingest may have left the index behind; catch up unless a writer is at work
        // (holding `writer.lock` meanwhile, so that a writer starting now is told who has it).
        if store.index_lag()? > 0 {
            if let Ok(lock) = WriterLock::acquire(&store.dir) {
                if let Some(mut writer) = store.index.try_writer() {
                    store.reindex_after(&mut writer)?;
                    store.index.reload()?;
                }
                drop(lock);
            }
        }
        let bookkeeping = schema::connect(&db, false)?;
        // A page view waits a little for a batch to commit, not half a minute.
        bookkeeping.busy_timeout(Duration::from_secs(5))?;
        status::create_tables(&bookkeeping)?;
        store.bookkeeping = Some(Mutex::new(bookkeeping));
        Ok(store)
    }

    fn assemble(dir: PathBuf, writer: Option<Connection>, index: SearchIndex) -> Result<Self> {
        let db = dir.join("records.sqlite");
        let readers =
            (0..READ_CONNECTIONS).map(|_| schema::connect(&db, false).map(Mutex::new)).collect::<Result<Vec<_>>>()?;
        Ok(EmbeddedStore {
            dir,
            writer: writer.map(Mutex::new),
            readers,
            index,
            pending: Mutex::new((None, Instant::now())),
            notices: Vec::new(),
            writer_lock: None,
            bookkeeping: None,
            followed: Mutex::new(Vec::new()),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether this store was opened for writing (it holds `writer.lock`).
    pub fn is_writer(&self) -> bool {
        self.writer_lock.is_some()
    }

    /// The `writer.lock` line of whoever writes the store now (this process
    /// included), or `None` when nobody does.
    pub fn writer_holder(&self) -> Option<String> {
        match &self.writer_lock {
            Some(lock) => Some(lock.holder().to_string()),
            None => crate::writer_lock::holder_of(&self.dir),
        }
    }

    /// Whether the search index was made by older code and is read as it is
    /// (a store opened read-only); opening it for writing rebuilds it.
    pub fn index_outdated(&self) -> bool {
        self.index.outdated() == Some(Outdated::ReadAsItIs)
    }

    /// What opening the store found or did that its user should hear of, one
    /// sentence each (an outdated search index rebuilt, or read as it is).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    fn count_rows(&self) -> Result<i64> {
        Ok(self.reader().query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?)
    }

    /// A read connection: the first free one, else the first.
    pub(crate) fn reader(&self) -> MutexGuard<'_, Connection> {
        for conn in &self.readers {
            if let Ok(guard) = conn.try_lock() {
                return guard;
            }
        }
        lock(&self.readers[0])
    }

    /// Articles in SQLite that the index's last commit lacks.
    pub fn index_lag(&self) -> Result<i64> {
        let indexed = self.index.indexed_seq()?;
        let max: Option<i64> = self.reader().query_row("SELECT MAX(seq) FROM articles", [], |r| r.get(0))?;
        let lag: i64 =
            self.reader().query_row("SELECT COUNT(*) FROM articles WHERE seq > ?1", [indexed], |r| r.get(0))?;
        Ok(if max.unwrap_or(0) > indexed { lag } else { 0 })
    }

    /// The ids the search index holds (for consistency checks).
    pub fn indexed_ids(&self) -> Result<Vec<String>> {
        self.index.reload()?;
        self.index.all_ids()
    }

    /// `PRAGMA integrity_check`'s verdict (`"ok"` when sound).
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.reader().query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    fn catch_up(&self) -> Result<()> {
        if self.index_lag()? == 0 {
            return Ok(());
        }
        // The store holds the writer itself when opened writable: use it through `add`.
        if self.index.is_writable() {
            self.reindex_rows(|items| self.index.add(items), |seq| self.index.commit(seq))
        } else if let Some(mut writer) = self.index.try_writer() {
            self.reindex_after(&mut writer)
        } else {
            Ok(())
        }
    }

    fn reindex_after(&self, writer: &mut tantivy::IndexWriter) -> Result<()> {
        let cell = std::cell::RefCell::new(writer);
        self.reindex_rows(
            |items| SearchIndex::add_with(&cell.borrow(), &self.index, items),
            |seq| SearchIndex::commit_with(&mut cell.borrow_mut(), seq),
        )
    }

    fn reindex_rows(
        &self,
        mut add: impl FnMut(&[IndexedArticle]) -> Result<()>,
        commit: impl FnOnce(i64) -> Result<()>,
    ) -> Result<()> {
        let mut after = self.index.indexed_seq()?;
        loop {
            let rows: Vec<(i64, Option<String>, Article)> = {
                let conn = self.reader();
                let mut stmt =
                    conn.prepare("SELECT seq, site, record, id FROM articles WHERE seq > ?1 ORDER BY seq LIMIT 500")?;
                let rows = stmt.query_map([after], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get::<_, Vec<u8>>(2)?, r.get::<_, String>(3)?))
                })?;
                let mut out = Vec::new();
                for row in rows {
                    let (seq, site, blob, id) = row?;
                    out.push((seq, site, decode(&id, &blob)?));
                }
                out
            };
            let Some(last) = rows.last().map(|r| r.0) else { break };
            let items: Vec<IndexedArticle> = rows
                .iter()
                .map(|(_, site, article)| IndexedArticle {
                    article,
                    site: site.as_deref(),
                    time: published_seconds(article),
                })
                .collect();
            add(&items)?;
            after = last;
        }
        commit(after)
    }

    pub(crate) fn writer_conn(&self) -> Result<MutexGuard<'_, Connection>> {
        self.writer()
    }

    fn writer(&self) -> Result<MutexGuard<'_, Connection>> {
        self.writer.as_ref().map(lock).ok_or(StoreError::ReadOnly)
    }

    /// The connection for small SQLite-only writes (saved searches, follow state):
    /// the writer's own, else the read-only store's bookkeeping connection.
    pub(crate) fn bookkeeping(&self) -> Result<MutexGuard<'_, Connection>> {
        match (&self.writer, &self.bookkeeping) {
            (Some(writer), _) => Ok(lock(writer)),
            (None, Some(bookkeeping)) => Ok(lock(bookkeeping)),
            (None, None) => Err(StoreError::ReadOnly),
        }
    }

    fn insert(tx: &Transaction, article: &Article, origin: &str, now: i64) -> Result<PutResult> {
        let existing: Option<(Option<i64>, Option<i64>)> = tx
            .prepare_cached("SELECT dup_group, story FROM articles WHERE id = ?1")?
            .query_row([article.id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        tx.prepare_cached("INSERT OR IGNORE INTO origins(origin, article_id) VALUES (?1, ?2)")?
            .execute(params![origin, article.id.as_str()])?;
        if let Some((dup_group, story)) = existing {
            return Ok(PutResult { id: article.id.0.clone(), new: false, dup_group, story });
        }
        let site = site_of(article);
        let published = published_seconds(article);
        let time = published.unwrap_or(now);
        let signature = dedup::signature(&article.text);
        let json = serde_json::to_vec(article)
            .map_err(|e| StoreError::Corrupt { id: article.id.0.clone(), message: e.to_string() })?;
        tx.prepare_cached(
            "INSERT INTO articles(id, url, site, title, language, published, time, ingested_at, signature, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            article.id.as_str(),
            article.source.url,
            site,
            article.title,
            article.language,
            article.published.as_ref().map(|p| p.value.as_str()),
            time,
            dates::timestamp_of(now),
            signature.as_deref().map(dedup::to_blob),
            lz4_flex::compress_prepend_size(&json),
        ])?;
        let seq = tx.last_insert_rowid();
        let (dup_group, copy_of) = match &signature {
            Some(signature) => Self::group_copies(tx, seq, signature)?,
            None => (seq, None),
        };
        tx.prepare_cached("UPDATE articles SET dup_group = ?1 WHERE seq = ?2")?.execute(params![dup_group, seq])?;
        aggregates::add_to_group(tx, dup_group, time, site.as_deref())?;
        // The story first: the quote and event rows carry it for the story timeline. Pages
        // that are not news (a product page, a forum thread) join no story and leave the
        // entity counts alone; they stay stored and searchable.
        let news = article.is_news();
        let story = if news { Some(stories::assign(tx, seq, article, time, copy_of)?) } else { None };
        if let Some(story) = story {
            aggregates::add_to_story(tx, story, site.as_deref())?;
        }
        let published_day: Option<String> = article.published.as_ref().map(|p| p.value.chars().take(10).collect());
        Self::insert_layers(tx, seq, article, time, published_day.as_deref(), story)?;
        if let Some(story) = story {
            let at =
                story_events::Stored { seq, story, time, site: site.as_deref(), dup_group, is_copy: copy_of.is_some() };
            story_events::add(tx, article, &at)?;
        }
        let day = published_day.unwrap_or_else(|| dates::day_of(now));
        if news {
            aggregates::add_entities(tx, seq, time, &day, article)?;
        }
        Ok(PutResult { id: article.id.0.clone(), new: true, dup_group: Some(dup_group), story })
    }

    /// Finds the group of the stored article most similar to this one (if near enough),
    /// records the band keys, and returns (group, the copy's seq).
    fn group_copies(tx: &Transaction, seq: i64, signature: &[u32]) -> Result<(i64, Option<i64>)> {
        let keys = dedup::band_keys(signature);
        let mut candidates: Vec<i64> = Vec::new();
        {
            // Any member of a group leads to the group, so a few rows per key suffice.
            let mut probe = tx.prepare_cached("SELECT seq FROM dup_bands WHERE key = ?1 LIMIT 8")?;
            for key in &keys {
                for row in probe.query_map([key], |r| r.get::<_, i64>(0))? {
                    let other = row?;
                    if !candidates.contains(&other) && candidates.len() < DUP_CANDIDATES {
                        candidates.push(other);
                    }
                }
            }
        }
        let mut best: Option<(f64, i64, i64)> = None;
        let mut load = tx.prepare_cached("SELECT signature, dup_group FROM articles WHERE seq = ?1")?;
        for other in candidates {
            let (blob, group): (Option<Vec<u8>>, Option<i64>) =
                load.query_row([other], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let similarity = blob.map_or(0.0, |b| dedup::similarity(signature, &dedup::from_blob(&b)));
            if similarity >= dedup::NEAR_JACCARD && best.is_none_or(|(s, _, _)| similarity > s) {
                best = Some((similarity, group.unwrap_or(other), other));
            }
        }
        let mut insert = tx.prepare_cached("INSERT OR IGNORE INTO dup_bands(key, seq) VALUES (?1, ?2)")?;
        for key in keys {
            insert.execute(params![key, seq])?;
        }
        Ok(best.map_or((seq, None), |(_, group, other)| (group, Some(other))))
    }

    /// The mention, quote, event and place rows of a new article; `day` is its
    /// publication day (the timeline date of its quotes and undated events).
    fn insert_layers(
        tx: &Transaction,
        seq: i64,
        article: &Article,
        time: i64,
        day: Option<&str>,
        story: Option<i64>,
    ) -> Result<()> {
        let mut mention = tx.prepare_cached(
            "INSERT INTO mentions(seq, key, name, type, wikidata, country, mentions, roles) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
        )?;
        // Numbers and dates are not entities one follows over time.
        for entity in article.entities.iter().filter(|e| e.kind.is_named()) {
            let kb = entity.kb.as_ref();
            let roles: Vec<String> = entity.roles.iter().map(ToString::to_string).collect();
            mention.execute(params![
                seq,
                name_key(&entity.name),
                entity.name,
                entity.kind.label(),
                kb.and_then(|k| k.wikidata.as_deref()),
                kb.and_then(|k| k.country.as_deref()),
                entity.mentions.len() as i64,
                (!roles.is_empty()).then(|| roles.join("; ")),
            ])?;
        }
        let mut quote = tx.prepare_cached(
            "INSERT INTO quotes(seq, speaker_key, speaker, kind, text, start, time, day, story)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
        )?;
        for q in &article.quotes {
            let speaker = speaker_name(article, q);
            let kind = serde_json::to_value(q.kind).ok().and_then(|v| v.as_str().map(str::to_string));
            quote.execute(params![
                seq,
                speaker.map(name_key),
                speaker,
                kind.unwrap_or_default(),
                q.text,
                q.span.start() as i64,
                time,
                day,
                story,
            ])?;
        }
        let mut event = tx.prepare_cached(
            "INSERT INTO events(seq, type, date, status, actors, targets, place, text, start, day, story)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
        )?;
        let names = |ids: &[newsgraph_model::EntityId]| -> String {
            ids.iter().filter_map(|id| crate::keys::entity_name(article, id)).collect::<Vec<_>>().join("; ")
        };
        for e in &article.events {
            let status = serde_json::to_value(e.status).ok().and_then(|v| v.as_str().map(str::to_string));
            let evidence = e.evidence.first();
            event.execute(params![
                seq,
                e.kind.label(),
                e.date,
                status.unwrap_or_default(),
                names(&e.actors),
                names(&e.targets),
                e.place.as_ref().and_then(|p| crate::keys::entity_name(article, p)),
                evidence.map(|m| m.text.as_str()).unwrap_or_default(),
                evidence.map_or(0, |m| m.span.start() as i64),
                e.date.as_deref().or(day),
                story,
            ])?;
        }
        let mut place = tx.prepare_cached(
            "INSERT INTO places(seq, name, country, fips, adm1, lat, lon, geonames, feature) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
        )?;
        for p in &article.places {
            let feature = serde_json::to_value(p.feature).ok().and_then(|v| v.as_str().map(str::to_string));
            place.execute(params![
                seq,
                crate::keys::entity_name(article, &p.entity),
                p.country,
                p.fips,
                p.adm1,
                p.lat,
                p.lon,
                p.geonames,
                feature,
            ])?;
        }
        Ok(())
    }

    /// Commits the index if anything is pending and `force` or enough time passed.
    fn commit_index(&self, force: bool) -> Result<()> {
        let mut pending = lock(&self.pending);
        if let Some(seq) = pending.0 {
            if force || pending.1.elapsed() >= INDEX_COMMIT_EVERY {
                self.index.commit(seq)?;
                *pending = (None, Instant::now());
            }
        }
        Ok(())
    }

    pub(crate) fn put_batch_impl(&self, articles: &[Article], origins: Option<&[String]>) -> Result<Vec<PutResult>> {
        let now = dates::now_seconds();
        let mut results = Vec::with_capacity(articles.len());
        // The connection stays locked until the index has the batch too, so that
        // index commits (which record the highest seq they hold) follow SQLite's order.
        let mut conn = self.writer()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (i, article) in articles.iter().enumerate() {
            let origin = match origins.and_then(|o| o.get(i)) {
                Some(origin) => origin.clone(),
                None => origin_of(article),
            };
            results.push(Self::insert(&tx, article, &origin, now)?);
        }
        tx.commit()?;
        // SQLite has them now; the index follows (a crash here is repaired on the next open).
        let fresh: Vec<(&Article, Option<String>)> =
            articles.iter().zip(&results).filter(|(_, r)| r.new).map(|(a, _)| (a, site_of(a))).collect();
        if !fresh.is_empty() {
            let items: Vec<IndexedArticle> = fresh
                .iter()
                .map(|(a, site)| IndexedArticle { article: a, site: site.as_deref(), time: published_seconds(a) })
                .collect();
            self.index.add(&items)?;
            let max_seq: i64 = conn.query_row("SELECT MAX(seq) FROM articles", [], |r| r.get(0))?;
            lock(&self.pending).0 = Some(max_seq);
        }
        drop(conn);
        self.commit_index(false)?;
        Ok(results)
    }

    pub(crate) fn search_impl(&self, query: &SearchQuery) -> Result<SearchResults> {
        let raw = self.index.search(query)?;
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT title, site, url, published, language, dup_group, story, record FROM articles WHERE id = ?1",
        )?;
        let words: Vec<String> = query
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2 && !matches!(*w, "AND" | "OR" | "NOT"))
            .map(str::to_lowercase)
            .collect();
        let mut hits = Vec::with_capacity(raw.hits.len());
        for (id, score) in raw.hits {
            let row = stmt
                .query_row([&id], |r| {
                    Ok(SearchHit {
                        id: id.clone(),
                        score,
                        title: r.get(0)?,
                        site: r.get(1)?,
                        url: r.get(2)?,
                        published: r.get(3)?,
                        language: r.get(4)?,
                        snippet: snippet_of(&r.get::<_, Vec<u8>>(7)?, &words),
                        dup_group: r.get(5)?,
                        story: r.get(6)?,
                    })
                })
                .optional()?;
            // An id the index has but SQLite lacks cannot happen (SQLite commits first); skip it if it does.
            hits.extend(row);
        }
        Ok(SearchResults { total: raw.total, hits, facets: raw.facets })
    }

    pub(crate) fn flush_impl(&self) -> Result<()> {
        if self.writer.is_some() {
            self.commit_index(true)?;
            let conn = self.writer()?;
            // Fold the WAL back so the database file is complete on its own.
            conn.pragma_update(None, "wal_checkpoint", "PASSIVE")?;
        } else {
            self.index.reload()?;
        }
        Ok(())
    }
}

impl Drop for EmbeddedStore {
    fn drop(&mut self) {
        // Best effort: anything not committed here is re-indexed on the next open.
        if self.writer.is_some() {
            let _ = self.commit_index(true);
        }
    }
}

/// The article of a stored record blob.
pub(crate) fn decode(id: &str, blob: &[u8]) -> Result<Article> {
    let corrupt = |message: String| StoreError::Corrupt { id: id.to_string(), message };
    let json = lz4_flex::decompress_size_prepended(blob).map_err(|e| corrupt(e.to_string()))?;
    serde_json::from_slice(&json).map_err(|e| corrupt(e.to_string()))
}

const SNIPPET_CHARS: usize = 240;

/// A passage of the record's text around the first query word, else its opening.
fn snippet_of(blob: &[u8], words: &[String]) -> String {
    #[derive(serde::Deserialize)]
    struct TextOnly {
        #[serde(default)]
        text: String,
    }
    let Some(text) = lz4_flex::decompress_size_prepended(blob)
        .ok()
        .and_then(|json| serde_json::from_slice::<TextOnly>(&json).ok())
        .map(|t| t.text)
    else {
        return String::new();
    };
    let lower = text.to_lowercase();
    // Lower-casing can change byte lengths; only trust a hit when the lengths agree.
    let hit = if lower.len() == text.len() { words.iter().filter_map(|w| lower.find(w.as_str())).min() } else { None };
    let start_byte = hit.map_or(0, |h| h.saturating_sub(SNIPPET_CHARS / 3));
    let start = (0..=start_byte).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let passage: String = text[start..].chars().take(SNIPPET_CHARS).collect();
    let passage = passage.split_whitespace().collect::<Vec<_>>().join(" ");
    if start > 0 {
        format!("…{passage}…")
    } else {
        passage
    }
}
