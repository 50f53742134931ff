//! The SQLite schema: the record of each article plus the tables derived from
//! it that facets, timelines, duplicates and stories query.
//!
//! `articles.seq` orders everything: it only grows, and the search index
//! remembers the last `seq` it holds (see `index.rs`). The derived tables are
//! written in the same transaction as the record, so they never disagree.

use rusqlite::Connection;

use crate::Result;

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
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
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
CREATE INDEX IF NOT EXISTS mentions_key ON mentions(key);
CREATE INDEX IF NOT EXISTS mentions_wikidata ON mentions(wikidata) WHERE wikidata IS NOT NULL;
CREATE INDEX IF NOT EXISTS mentions_seq ON mentions(seq);
CREATE TABLE IF NOT EXISTS quotes (
    seq INTEGER NOT NULL,
    speaker_key TEXT,
    speaker TEXT,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_key);
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
    start INTEGER NOT NULL
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
CREATE TABLE IF NOT EXISTS saved_searches (
    name TEXT PRIMARY KEY,
    query TEXT NOT NULL
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
    conn.pragma_update(None, "cache_size", -32_000)?;
    if create {
        conn.execute_batch(SCHEMA)?;
    }
    Ok(conn)
}
