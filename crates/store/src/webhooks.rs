//! Webhooks: the registry of webhook targets and their delivery queue.
//!
//! A webhook is either a saved search's (one `article` event per new article
//! that matches the search) or a story alert (one `story` event each time a
//! story crosses a growth threshold: at least `min_articles` of its articles
//! published within `window_hours` of its newest). Each webhook keeps a cursor,
//! the last article `seq` it has looked at; it starts at the newest article
//! when the webhook is added, so only articles stored later count.
//!
//! [`Webhooks::queue_new`] turns what was stored since each cursor into rows of
//! the delivery queue (`webhook_deliveries`, in SQLite beside the records), in
//! the same transaction as the cursor moves, and one row per event per webhook
//! at most: a restart resumes the queue and queues nothing twice.
//! [`Webhooks::due`] and [`Webhooks::record`] let a delivery worker (the web
//! crate's `hooks` module) send and log them. This module does no HTTP and
//! signs nothing.
//!
//! Every method opens its own short-lived SQLite connection with a busy
//! timeout and writes only the webhook tables, never the search index, so it
//! works the same in a store opened read-only beside another writer.

use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::embedded::EmbeddedStore;
use crate::{dates, schema, Result, SearchQuery, StoreError};

/// Story alert defaults: a story that gets this many articles ...
pub const DEFAULT_MIN_ARTICLES: u32 = 5;
/// ... published within this many hours of its newest.
pub const DEFAULT_WINDOW_HOURS: u32 = 6;
/// Articles looked at per webhook per [`Webhooks::queue_new`] (the rest at the next call).
const SCAN_BATCH: usize = 1000;
/// Recent deliveries listed per webhook.
const RECENT: usize = 10;
/// How long a webhook write waits for another writer (an ingest's transaction).
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// What a webhook is told about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum HookTarget {
    /// New articles that match the saved search of this name.
    SavedSearch { name: String },
    /// Stories that get `min_articles` articles published within `window_hours`.
    StoryAlert { min_articles: u32, window_hours: u32 },
}

/// A webhook as listed: never its secret, only a fingerprint of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Webhook {
    pub id: i64,
    pub target: HookTarget,
    pub url: String,
    /// The first 16 hex digits of the secret's SHA-256, to tell secrets apart.
    pub secret_fingerprint: String,
    pub created: String,
    pub delivered: u64,
    pub pending: u64,
    pub failed: u64,
    /// Its most recently updated deliveries, newest first.
    pub recent: Vec<DeliveryState>,
}

/// One delivery's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryState {
    pub id: String,
    pub event: String,
    /// `a:<article id>` or `s:<story id>:<crossing>`.
    pub subject: String,
    /// `pending`, `delivered` or `failed`.
    pub state: String,
    pub attempts: u32,
    /// The last answer: an HTTP status (`500`) or a connection error.
    pub last_status: Option<String>,
    pub updated: String,
}

/// A delivery due to be sent, with what signing and sending it needs.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// Stable across retries (the `X-Newsgraph-Delivery` header).
    pub id: String,
    pub hook: i64,
    pub url: String,
    pub secret: String,
    pub event: String,
    /// The event's JSON object (the worker adds `delivered_at`).
    pub payload: serde_json::Value,
    /// Attempts made so far.
    pub attempts: u32,
}

/// The state a delivery attempt leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    Delivered,
    /// To be tried again at this time (milliseconds since 1970).
    RetryAt(i64),
    Failed,
}

/// Checks that a webhook URL is `http://` or `https://` with a host, and short.
pub fn check_url(url: &str) -> std::result::Result<(), String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("http://").or_else(|| lower.strip_prefix("https://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    if url.len() > 2048 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("a webhook URL must be at most 2048 characters, without spaces".into());
    }
    match host {
        Some(host) if !host.is_empty() && !host.contains('@') => Ok(()),
        Some(_) => Err(format!("webhook URL {url:?} has no host (or has credentials in it)")),
        None => Err(format!("a webhook URL must start with http:// or https://, got {url:?}")),
    }
}

/// The fingerprint shown in place of a secret.
pub fn fingerprint(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes())[..8])
}

/// Lower-case hex digits of `bytes` (fingerprints here, signatures in the delivery worker).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How long a claimed delivery is left to its worker (far beyond one POST's timeout).
pub const CLAIM_MS: i64 = 120_000;

/// A delivery id: unique (the clock's nanoseconds are in it) and fixed once queued.
fn delivery_id(hook: i64, subject: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    hex(&Sha256::digest(format!("{hook}\u{0}{subject}\u{0}{nanos}").as_bytes())[..16])
}

/// A new article a saved search matches, as a webhook payload tells of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewArticle {
    #[serde(skip)]
    pub seq: i64,
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
}

impl EmbeddedStore {
    /// The webhook registry and delivery queue of this store.
    pub fn webhook_registry(&self) -> Webhooks<'_> {
        Webhooks { store: self }
    }

    /// Articles stored after `after_seq` (at most `limit` of them looked at, in
    /// storage order) that match `query` with all its filters, and the seq up
    /// to which they were looked at. Only what the search index holds is looked
    /// at, so an article not yet indexed waits for the next call.
    pub fn search_after_seq(
        &self,
        query: &SearchQuery,
        after_seq: i64,
        limit: usize,
    ) -> Result<(Vec<NewArticle>, i64)> {
        // The index's last commit first, then the reader: it holds at least that commit.
        let indexed = self.index.indexed_seq()?;
        self.index.reload()?;
        let candidates: Vec<NewArticle> = {
            let conn = self.reader();
            let mut stmt = conn.prepare_cached(
                "SELECT seq, id, title, url, site, published, language FROM articles
                 WHERE seq > ?1 AND seq <= ?2 ORDER BY seq LIMIT ?3",
            )?;
            let rows = stmt.query_map(params![after_seq, indexed, limit as i64], |r| {
                Ok(NewArticle {
                    seq: r.get(0)?,
                    id: r.get(1)?,
                    title: r.get(2)?,
                    url: r.get(3)?,
                    site: r.get(4)?,
                    published: r.get(5)?,
                    language: r.get(6)?,
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let Some(last) = candidates.last().map(|a| a.seq) else { return Ok((Vec::new(), after_seq)) };
        let ids: Vec<String> = candidates.iter().map(|a| a.id.clone()).collect();
        let matching: std::collections::HashSet<String> = self.index.matching_ids(query, &ids)?.into_iter().collect();
        Ok((candidates.into_iter().filter(|a| matching.contains(&a.id)).collect(), last))
    }
}

/// A webhook as [`Webhooks::queue_new`] reads it.
struct HookRow {
    id: i64,
    search: Option<String>,
    min: Option<u32>,
    window: Option<u32>,
    cursor: i64,
}

/// The webhook registry and delivery queue of an [`EmbeddedStore`].
pub struct Webhooks<'a> {
    store: &'a EmbeddedStore,
}

impl Webhooks<'_> {
    fn connect(&self) -> Result<Connection> {
        let conn = schema::connect(&self.store.dir().join("records.sqlite"), false)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(conn)
    }

    /// Adds a webhook; it hears of articles stored from now on. Returns its id.
    pub fn add(&self, target: &HookTarget, url: &str, secret: &str) -> Result<i64> {
        check_url(url).map_err(StoreError::Invalid)?;
        if secret.is_empty() {
            return Err(StoreError::Invalid("a webhook needs a non-empty secret".into()));
        }
        let mut conn = self.connect()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (search, min, window) = match target {
            HookTarget::SavedSearch { name } => {
                let known =
                    tx.query_row("SELECT 1 FROM saved_searches WHERE name = ?1", [name], |_| Ok(())).optional()?;
                if known.is_none() {
                    return Err(StoreError::Invalid(format!("no saved search named {name:?}")));
                }
                (Some(name.as_str()), None, None)
            }
            HookTarget::StoryAlert { min_articles, window_hours } => {
                if *min_articles < 2 || *window_hours == 0 {
                    return Err(StoreError::Invalid(
                        "a story alert needs at least 2 articles within 1 hour or more".into(),
                    ));
                }
                (None, Some(*min_articles), Some(*window_hours))
            }
        };
        let cursor: i64 = tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM articles", [], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO webhooks(saved_search, min_articles, window_hours, url, secret, cursor, created)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![search, min, window, url, secret, cursor, dates::timestamp_of(dates::now_seconds())],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Removes a webhook and its deliveries; false when there was none.
    pub fn remove(&self, id: i64) -> Result<bool> {
        let mut conn = self.connect()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let removed = tx.execute("DELETE FROM webhooks WHERE id = ?1", [id])? > 0;
        tx.execute("DELETE FROM webhook_deliveries WHERE hook = ?1", [id])?;
        tx.execute("DELETE FROM webhook_stories WHERE hook = ?1", [id])?;
        tx.commit()?;
        Ok(removed)
    }

    /// Every webhook with its delivery counts and recent deliveries, oldest webhook first.
    pub fn list(&self) -> Result<Vec<Webhook>> {
        let conn = self.connect()?;
        let mut stmt = conn.prepare(
            "SELECT id, saved_search, min_articles, window_hours, url, secret, created FROM webhooks ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            let target = match r.get::<_, Option<String>>(1)? {
                Some(name) => HookTarget::SavedSearch { name },
                None => HookTarget::StoryAlert {
                    min_articles: r.get::<_, Option<u32>>(2)?.unwrap_or(DEFAULT_MIN_ARTICLES),
                    window_hours: r.get::<_, Option<u32>>(3)?.unwrap_or(DEFAULT_WINDOW_HOURS),
                },
            };
            Ok(Webhook {
                id: r.get(0)?,
                target,
                url: r.get(4)?,
                secret_fingerprint: fingerprint(&r.get::<_, String>(5)?),
                created: r.get(6)?,
                delivered: 0,
                pending: 0,
                failed: 0,
                recent: Vec::new(),
            })
        })?;
        let mut hooks = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut counts =
            conn.prepare("SELECT state, COUNT(*) FROM webhook_deliveries WHERE hook = ?1 GROUP BY state")?;
        let mut recent = conn.prepare(
            "SELECT id, event, subject, state, attempts, last_status, updated FROM webhook_deliveries
             WHERE hook = ?1 ORDER BY updated DESC, id LIMIT ?2",
        )?;
        for hook in &mut hooks {
            for row in counts.query_map([hook.id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))? {
                let (state, n) = row?;
                match state.as_str() {
                    "delivered" => hook.delivered = n,
                    "pending" => hook.pending = n,
                    _ => hook.failed += n,
                }
            }
            hook.recent = recent
                .query_map(params![hook.id, RECENT as i64], |r| {
                    Ok(DeliveryState {
                        id: r.get(0)?,
                        event: r.get(1)?,
                        subject: r.get(2)?,
                        state: r.get(3)?,
                        attempts: r.get(4)?,
                        last_status: r.get(5)?,
                        updated: r.get(6)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
        }
        Ok(hooks)
    }

    /// Queues a delivery for every event since each webhook's cursor and moves
    /// the cursors; returns how many were queued.
    pub fn queue_new(&self) -> Result<usize> {
        let mut conn = self.connect()?;
        let hooks: Vec<HookRow> = {
            let mut stmt = conn.prepare("SELECT id, saved_search, min_articles, window_hours, cursor FROM webhooks")?;
            let rows = stmt.query_map([], |r| {
                Ok(HookRow { id: r.get(0)?, search: r.get(1)?, min: r.get(2)?, window: r.get(3)?, cursor: r.get(4)? })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let saved: std::collections::HashMap<String, SearchQuery> =
            crate::Store::saved_searches(self.store)?.into_iter().collect();
        let mut queued = 0;
        for HookRow { id: hook, search, min, window, cursor } in hooks {
            match search {
                Some(name) => {
                    // A saved search since removed (or unreadable) has nothing to match.
                    let Some(query) = saved.get(&name) else { continue };
                    let (articles, last) = self.store.search_after_seq(query, cursor, SCAN_BATCH)?;
                    if last == cursor {
                        continue;
                    }
                    let events: Vec<(String, serde_json::Value)> = articles
                        .iter()
                        .map(|a| {
                            let payload = serde_json::json!({ "event": "article", "saved_search": name, "article": a });
                            (format!("a:{}", a.id), payload)
                        })
                        .collect();
                    queued += enqueue(&mut conn, hook, (cursor, last), "article", &events, |_| Ok(()))?;
                }
                None => {
                    let min = min.unwrap_or(DEFAULT_MIN_ARTICLES);
                    let window = window.unwrap_or(DEFAULT_WINDOW_HOURS);
                    queued += crate::webhook_stories::queue_crossings(&mut conn, hook, cursor, min, window)?;
                }
            }
        }
        Ok(queued)
    }

    /// Claims the pending deliveries whose time has come, earliest first: each is
    /// left to this caller for [`CLAIM_MS`], so a second worker on the same store
    /// (another `serve`) does not send it too. A caller that dies before
    /// [`Webhooks::record`] leaves it due again once the claim runs out; it is then
    /// sent again under the same delivery id, which receivers dedupe on.
    pub fn due(&self, limit: usize) -> Result<Vec<Delivery>> {
        let mut conn = self.connect()?;
        // Immediate: the select and the claim happen under one write lock, so two workers never claim alike.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = dates::now_millis();
        let mut out = Vec::new();
        {
            let mut stmt = tx.prepare(
                "SELECT d.id, d.hook, w.url, w.secret, d.event, d.payload, d.attempts
                 FROM webhook_deliveries d JOIN webhooks w ON w.id = d.hook
                 WHERE d.state = 'pending' AND d.next_at <= ?1 ORDER BY d.next_at LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![now, limit as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get::<_, String>(5)?, r.get(6)?))
            })?;
            for row in rows {
                let (id, hook, url, secret, event, payload, attempts) = row?;
                let payload = serde_json::from_str(&payload)
                    .map_err(|e| StoreError::Corrupt { id: format!("delivery {id}"), message: e.to_string() })?;
                out.push(Delivery { id, hook, url, secret, event, payload, attempts });
            }
        }
        for delivery in &out {
            tx.execute(
                "UPDATE webhook_deliveries SET next_at = ?2 WHERE id = ?1",
                params![delivery.id, now + CLAIM_MS],
            )?;
        }
        tx.commit()?;
        Ok(out)
    }

    /// Logs one more attempt at delivery `id`: `status` is the HTTP status or the error.
    pub fn record(&self, id: &str, attempt: Attempt, status: &str) -> Result<()> {
        let (state, next_at) = match attempt {
            Attempt::Delivered => ("delivered", 0),
            Attempt::RetryAt(at) => ("pending", at),
            Attempt::Failed => ("failed", 0),
        };
        self.connect()?.execute(
            "UPDATE webhook_deliveries SET state = ?2, attempts = attempts + 1, next_at = ?3, last_status = ?4,
             updated = ?5 WHERE id = ?1",
            params![id, state, next_at, status, dates::timestamp_of(dates::now_seconds())],
        )?;
        Ok(())
    }
}

/// Queues `events` (subject, payload) of one webhook, moves its cursor from
/// `from` to `to` and runs `also`, in one transaction; returns how many were new.
pub(crate) fn enqueue(
    conn: &mut Connection,
    hook: i64,
    (from, to): (i64, i64),
    event: &str,
    events: &[(String, serde_json::Value)],
    also: impl FnOnce(&rusqlite::Transaction) -> Result<()>,
) -> Result<usize> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another worker moved the cursor meanwhile: it queued these already.
    let moved = tx.execute("UPDATE webhooks SET cursor = ?3 WHERE id = ?1 AND cursor = ?2", params![hook, from, to])?;
    if moved == 0 {
        return Ok(0);
    }
    let now = dates::timestamp_of(dates::now_seconds());
    let mut insert = tx.prepare(
        "INSERT OR IGNORE INTO webhook_deliveries(id, hook, subject, event, payload, state, attempts, next_at, created, updated)
         VALUES (?1, ?2, ?3, ?4, ?5, 'pending', 0, 0, ?6, ?6)",
    )?;
    let mut queued = 0;
    for (subject, payload) in events {
        queued +=
            insert.execute(params![delivery_id(hook, subject), hook, subject, event, payload.to_string(), now])?;
    }
    drop(insert);
    also(&tx)?;
    tx.commit()?;
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_urls_are_checked() {
        for good in ["http://127.0.0.1:9000/hook", "https://example.com", "HTTPS://Example.com/a?b=c"] {
            assert_eq!(check_url(good), Ok(()), "{good}");
        }
        for bad in ["ftp://x", "http://", "https:///path", "file:///etc/passwd", "http://a b", "http://u:p@host/"] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
        assert_eq!(fingerprint("s3cret").len(), 16);
        assert_ne!(fingerprint("s3cret"), fingerprint("s3cret "));
    }
}
