//! The SQLite schema: the record of each article plus the tables derived from
//! it that facets, timelines, duplicates and stories query.
//!
//! `articles.seq` orders everything: it only grows, and the search index
//! remembers the last `seq` it holds (see `index.rs`). The derived tables are
//! written in the same transaction as the record, so they never disagree.
//! Stores written by older code are upgraded in place on open ([`migrate`]).

use rusqlite::{Connection, TransactionBehavior};

use crate::Result;

/// The schema version this code writes (`PRAGMA user_version`). Version 2 added
/// the write-time aggregates (see `aggregates.rs`) and the columns and indexes
/// the entity, story and duplicate views read; version 3 the index by story and
/// site that finds when each source joined a story (`story_view.rs`); version 4
/// the webhook tables (see `webhooks.rs`); version 5 the story events
/// (`story_events.rs`), built from the stored records on migration.
const VERSION: i64 = 5;

/// The index version 3 added to a version-2 store, built once on open.
const INDEXES_V3: &str = "CREATE INDEX IF NOT EXISTS articles_story_site ON articles(story, site, time);";

/// Columns added after version 1 (`ALTER TABLE` on older stores).
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[
    ("quotes", "time", "INTEGER"),
    ("quotes", "day", "TEXT"),
    ("quotes", "story", "INTEGER"),
    ("events", "day", "TEXT"),
    ("events", "story", "INTEGER"),
];

/// Indexes over the added columns, and the version-1 indexes they replace.
const INDEXES: &str = "
CREATE INDEX IF NOT EXISTS articles_story_time ON articles(story, time, seq);
CREATE INDEX IF NOT EXISTS articles_group_time ON articles(dup_group, time, seq);
CREATE INDEX IF NOT EXISTS quotes_speaker_time ON quotes(speaker_key, time);
CREATE INDEX IF NOT EXISTS quotes_story ON quotes(story, day);
CREATE INDEX IF NOT EXISTS events_story ON events(story, day);
CREATE INDEX IF NOT EXISTS dup_groups_size ON dup_groups(articles);
DROP INDEX IF EXISTS articles_story;
DROP INDEX IF EXISTS articles_dup_group;
DROP INDEX IF EXISTS quotes_speaker;
DROP INDEX IF EXISTS mentions_key;
DROP INDEX IF EXISTS mentions_wikidata;
";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    site TEXT,
    title TEXT,
    language TEXT,
    published TEXT,
    -- publication (else ingestion) time, seconds since 1970: time windows and first-seen.
    time INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    dup_group INTEGER,
    story INTEGER,
    -- MinHash signature of the text's word shingles (little-endian u32s).
    signature BLOB,
    -- The record as JSON, lz4-compressed (size-prepended).
    record BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_dup_group ON articles(dup_group);
CREATE TABLE IF NOT EXISTS origins (
    origin TEXT PRIMARY KEY,
    article_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS failures (
    origin TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mentions (
    seq INTEGER NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    wikidata TEXT,
    country TEXT,
    mentions INTEGER NOT NULL,
    roles TEXT
);
CREATE INDEX IF NOT EXISTS mentions_seq ON mentions(seq);
CREATE TABLE IF NOT EXISTS quotes (
    seq INTEGER NOT NULL,
    speaker_key TEXT,
    speaker TEXT,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    -- Copied from the article (version 2): the entity and story pages read them by index.
    time INTEGER,
    day TEXT,
    story INTEGER
);
CREATE INDEX IF NOT EXISTS quotes_seq ON quotes(seq);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    date TEXT,
    status TEXT NOT NULL,
    actors TEXT,
    targets TEXT,
    place TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    -- The timeline day (the event's date, else the article's) and the article's story (version 2).
    day TEXT,
    story INTEGER
);
CREATE INDEX IF NOT EXISTS events_seq ON events(seq);
CREATE TABLE IF NOT EXISTS places (
    seq INTEGER NOT NULL,
    name TEXT,
    country TEXT,
    fips TEXT,
    adm1 TEXT,
    lat REAL,
    lon REAL,
    geonames INTEGER,
    feature TEXT
);
CREATE INDEX IF NOT EXISTS places_seq ON places(seq);
-- MinHash LSH bands: articles sharing a band key are near-duplicate candidates.
CREATE TABLE IF NOT EXISTS dup_bands (
    key INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,
    title TEXT,
    first INTEGER NOT NULL,
    last INTEGER NOT NULL,
    articles INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_size ON stories(articles);
-- A story's centroid: summed feature weights of its articles (the strongest kept).
CREATE TABLE IF NOT EXISTS story_features (
    feature TEXT NOT NULL,
    story INTEGER NOT NULL,
    weight REAL NOT NULL,
    PRIMARY KEY (feature, story)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_features_story ON story_features(story);
-- Document frequency of story features, for their idf weight.
CREATE TABLE IF NOT EXISTS feature_df (
    feature TEXT PRIMARY KEY,
    df INTEGER NOT NULL
) WITHOUT ROWID;
-- Per-entity aggregates kept at write time (version 2), so an entity page reads a
-- few index ranges instead of grouping every mention. `key` is `n:` + the name
-- key, or `w:` + the lower-case Wikidata id: each mention counts under both.
CREATE TABLE IF NOT EXISTS entity_stats (
    key TEXT PRIMARY KEY,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entity_names (
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    wikidata TEXT,
    articles INTEGER NOT NULL,
    PRIMARY KEY (key, name, type)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entity_days (
    key TEXT NOT NULL,
    day TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (key, day)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entity_roles (
    key TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (key, role)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entity_articles (
    key TEXT NOT NULL,
    time INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, time, seq)
) WITHOUT ROWID;
-- Near-duplicate group totals (version 2): a group page lists a bounded page of copies.
CREATE TABLE IF NOT EXISTS dup_groups (
    id INTEGER PRIMARY KEY,
    first INTEGER NOT NULL,
    articles INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS dup_sources (
    grp INTEGER NOT NULL,
    site TEXT NOT NULL,
    PRIMARY KEY (grp, site)
) WITHOUT ROWID;
-- The sites of a story's articles (version 2).
CREATE TABLE IF NOT EXISTS story_sources (
    story INTEGER NOT NULL,
    site TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (story, site)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS saved_searches (
    name TEXT PRIMARY KEY,
    query TEXT NOT NULL
) WITHOUT ROWID;
-- Webhooks (version 3): a saved search's (saved_search set) or a story alert's
-- (min_articles, window_hours set). `cursor` is the last article seq handled.
CREATE TABLE IF NOT EXISTS webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    saved_search TEXT,
    min_articles INTEGER,
    window_hours INTEGER,
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    cursor INTEGER NOT NULL,
    created TEXT NOT NULL
);
-- The delivery queue and log: one row per event per webhook (its id is the
-- X-Newsgraph-Delivery header), `state` pending, delivered or failed; `next_at`
-- in milliseconds since 1970.
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    id TEXT PRIMARY KEY,
    hook INTEGER NOT NULL,
    subject TEXT NOT NULL,
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_at INTEGER NOT NULL,
    last_status TEXT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (hook, subject)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries(state, next_at);
CREATE INDEX IF NOT EXISTS webhook_deliveries_hook ON webhook_deliveries(hook, updated);
-- Story events (version 5): one row per happening of a story (`id` is GDELT's
-- GlobalEventID); `key` is type|actor keys|target keys, `place` the place key,
-- days are days since 1970, times seconds; `info` the first mention's coding (JSON).
CREATE TABLE IF NOT EXISTS story_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    story INTEGER NOT NULL,
    key TEXT NOT NULL,
    place TEXT,
    day INTEGER NOT NULL,
    first_day INTEGER NOT NULL,
    last_day INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    num_mentions INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    tone_sum REAL NOT NULL,
    toned INTEGER NOT NULL,
    info TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_events_key ON story_events(story, key);
CREATE INDEX IF NOT EXISTS story_events_story ON story_events(story, num_articles);
-- The mentions of a story event in one article: its evidence spans (JSON) and what GDELT's mentions table reports.
CREATE TABLE IF NOT EXISTS story_event_mentions (
    event INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    site TEXT,
    dup_group INTEGER NOT NULL,
    spans TEXT NOT NULL,
    confidence INTEGER NOT NULL,
    doc_len INTEGER NOT NULL,
    tone REAL,
    PRIMARY KEY (event, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_event_mentions_site ON story_event_mentions(event, site, dup_group);
-- Whether a story is above a story alert's threshold, and how often it crossed it.
CREATE TABLE IF NOT EXISTS webhook_stories (
    hook INTEGER NOT NULL,
    story INTEGER NOT NULL,
    above INTEGER NOT NULL,
    crossings INTEGER NOT NULL,
    PRIMARY KEY (hook, story)
) WITHOUT ROWID;
";

/// Opens (creating if needed) the database with the settings every connection uses.
pub fn connect(path: &std::path::Path, create: bool) -> Result<Connection> {
    let conn = Connection::open(path)?;
    // WAL lets readers (search, the web app) run while an ingest writes; NORMAL
    // sync is still durable at each commit in WAL mode except on power loss
    // mid-checkpoint, and a killed process never loses a committed transaction.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    // One article's write runs about thirty distinct statements; rusqlite's default
    // cache of 16 would evict and re-prepare most of them for every article.
    conn.set_prepared_statement_cache_capacity(128);
    conn.pragma_update(None, "cache_size", -32_000)?;
    if create {
        // The writer's connection: each article touches a few rows in many
        // indexes (records, layers, aggregates, stories), so a larger page cache
        // and less frequent checkpoints (a 32 MB WAL between them instead of
        // 4 MB) cut the pages read and written per article several-fold on a
        // large store. Readers keep the small cache.
        conn.pragma_update(None, "cache_size", -131_072)?;
        conn.pragma_update(None, "wal_autocheckpoint", 8_000)?;
        conn.execute_batch(SCHEMA)?;
    }
    Ok(conn)
}

/// Brings the database up to [`VERSION`]: adds the new columns, rebuilds the
/// aggregates from the base tables and creates the indexes, in one transaction
/// (a crash leaves the old version, and the next open starts again).
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version >= VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while this one waited for the lock.
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < VERSION {
        // New tables and indexes (all `IF NOT EXISTS`), for a connection opened without creating the schema.
        tx.execute_batch(SCHEMA)?;
        for (table, column, kind) in ADDED_COLUMNS {
            let present: bool = tx.query_row(
                &format!("SELECT COUNT(*) > 0 FROM pragma_table_info('{table}') WHERE name = ?1"),
                [column],
                |r| r.get(0),
            )?;
            if !present {
                tx.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {kind}"))?;
            }
        }
        // Versions 3 and 4 add only indexes and tables: the aggregates are version 2's.
        if version < 2 {
            crate::aggregates::backfill(&tx)?;
        }
        // Version 5's story events, from the stored records (empty on a new store).
        if version < 5 {
            crate::story_events::backfill(&tx)?;
        }
        tx.execute_batch(INDEXES)?;
        tx.execute_batch(INDEXES_V3)?;
        tx.pragma_update(None, "user_version", VERSION)?;
    }
    tx.commit()?;
    Ok(())
}
