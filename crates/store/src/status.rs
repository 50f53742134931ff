//! The store's health and progress ([`StoreStatus`], `/api/status`) and the
//! per-feed state a follow run keeps ([`FeedState`], table `follow_feeds`).
//!
//! The feed state is written by whoever follows feeds (the writer) after each
//! poll, so a restarted follow run resumes its schedule; this module only
//! stores and reads it, it polls nothing. Articles per hour come from
//! `articles.ingested_at` (an ISO time in UTC, written with each article).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::embedded::lock;
use crate::{dates, EmbeddedStore, Result};

/// Hours [`StoreStatus::per_hour`] covers.
const HOURS: i64 = 24;

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS follow_feeds (
    url TEXT PRIMARY KEY,
    every_seconds INTEGER NOT NULL,
    last_poll TEXT,
    next_poll TEXT,
    last_status TEXT,
    consecutive_errors INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    items_stored INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS articles_ingested ON articles(ingested_at);
";

/// Creates the follow table and the index articles per hour reads (idempotent).
pub(crate) fn create_tables(conn: &Connection) -> Result<()> {
    conn.execute_batch(TABLES)?;
    Ok(())
}

/// One followed feed (or page): its schedule and how its polls went.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    pub url: String,
    /// Seconds between polls when all is well (errors back off beyond it).
    pub every_seconds: u64,
    /// When the last poll ended, ISO 8601 in UTC (`Z`).
    pub last_poll: Option<String>,
    /// When the next poll is due, ISO 8601 in UTC (`Z`).
    pub next_poll: Option<String>,
    /// `ok`, `ok, N items failed`, `not modified` or `error`.
    pub last_status: Option<String>,
    /// Polls in a row that failed (the back-off doubles with each).
    pub consecutive_errors: u32,
    pub last_error: Option<String>,
    /// Articles this feed brought into the store, over all polls.
    pub items_stored: u64,
}

/// Who writes the store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriterStatus {
    /// Whether the process answering is the writer.
    pub this_process: bool,
    /// The writer's `writer.lock` line (pid, command, since when); `None` when nobody writes.
    pub holder: Option<String>,
}

/// Articles stored in one hour (by ingestion time).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HourCount {
    /// The hour's start, `YYYY-MM-DDTHH:00Z`.
    pub hour: String,
    pub articles: u64,
}

/// Health and progress of a store, as `/api/status` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreStatus {
    /// When this was read, ISO 8601 in UTC.
    pub now: String,
    /// Articles stored.
    pub articles: u64,
    /// Articles stored in each of the last 24 hours, oldest first (the current hour last).
    pub per_hour: Vec<HourCount>,
    /// Articles in SQLite that searches do not see yet.
    pub index_lag: i64,
    pub writer: WriterStatus,
    /// The feeds this process follows, in follow-list order; empty when it follows none.
    pub feeds: Vec<FeedState>,
}

impl EmbeddedStore {
    /// The state of every feed ever followed into this store.
    pub fn feed_states(&self) -> Result<Vec<FeedState>> {
        let conn = self.reader();
        if !has_follow_table(&conn)? {
            return Ok(Vec::new());
        }
        let mut stmt = conn.prepare_cached(
            "SELECT url, every_seconds, last_poll, next_poll, last_status, consecutive_errors, last_error, items_stored
             FROM follow_feeds ORDER BY url",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FeedState {
                url: r.get(0)?,
                every_seconds: r.get::<_, i64>(1)?.max(0) as u64,
                last_poll: r.get(2)?,
                next_poll: r.get(3)?,
                last_status: r.get(4)?,
                consecutive_errors: r.get::<_, i64>(5)?.clamp(0, u32::MAX as i64) as u32,
                last_error: r.get(6)?,
                items_stored: r.get::<_, i64>(7)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Saves one feed's state (replacing what was stored for its URL).
    pub fn save_feed_state(&self, state: &FeedState) -> Result<()> {
        self.bookkeeping()?
            .prepare_cached(
                "INSERT OR REPLACE INTO follow_feeds
                 (url, every_seconds, last_poll, next_poll, last_status, consecutive_errors, last_error, items_stored)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                state.url,
                state.every_seconds as i64,
                state.last_poll,
                state.next_poll,
                state.last_status,
                state.consecutive_errors as i64,
                state.last_error,
                state.items_stored as i64,
            ])?;
        Ok(())
    }

    /// Names the feeds this process follows, in order: [`EmbeddedStore::status`] lists their states.
    pub fn set_followed(&self, urls: Vec<String>) {
        *lock(&self.followed) = urls;
    }

    /// Health and progress: counts, articles per hour, index lag, the writer, followed feeds.
    pub fn status(&self) -> Result<StoreStatus> {
        let now = dates::now_seconds();
        let this_hour = now - now.rem_euclid(3600);
        let first_hour = this_hour - (HOURS - 1) * 3600;
        let counts: Vec<(String, u64)> = {
            let conn = self.reader();
            let mut stmt = conn.prepare_cached(
                "SELECT substr(ingested_at, 1, 13), COUNT(*) FROM articles WHERE ingested_at >= ?1 GROUP BY 1",
            )?;
            let rows = stmt.query_map([dates::timestamp_of(first_hour)], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64))
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let per_hour = (0..HOURS)
            .map(|i| {
                let start = dates::timestamp_of(first_hour + i * 3600);
                let key = &start[..13];
                let articles = counts.iter().find(|(h, _)| h == key).map_or(0, |(_, n)| *n);
                HourCount { hour: format!("{key}:00Z"), articles }
            })
            .collect();
        let followed = lock(&self.followed).clone();
        let feeds = if followed.is_empty() {
            Vec::new()
        } else {
            let states = self.feed_states()?;
            followed
                .iter()
                .map(|url| {
                    states
                        .iter()
                        .find(|s| &s.url == url)
                        .cloned()
                        .unwrap_or_else(|| FeedState { url: url.clone(), ..FeedState::default() })
                })
                .collect()
        };
        let articles: i64 = self.reader().query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
        Ok(StoreStatus {
            now: dates::timestamp_of(now),
            articles: articles.max(0) as u64,
            per_hour,
            index_lag: self.index_lag()?,
            writer: WriterStatus { this_process: self.is_writer(), holder: self.writer_holder() },
            feeds,
        })
    }
}

/// Whether the follow table exists (a store last written by older code lacks it until a writer opens it).
fn has_follow_table(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'follow_feeds'", [], |_| Ok(()))
        .optional()?
        .is_some())
}
