//! Aggregates kept at write time for the read views: per-entity totals, names,
//! mentions by day, roles and newest articles; near-duplicate group totals and
//! sources; the sources of each story. They are written in the same
//! transaction as the article, so they never disagree with the records, and a
//! rerun of an ingest (same ids) adds nothing twice because only new articles
//! reach here.
//!
//! Reading an entity or a duplicate group then costs a few index range scans
//! bounded by LIMITs, whatever the size of the store (a popular entity on a
//! 100,000-article store has tens of thousands of mentions; grouping them at
//! read time took hundreds of milliseconds).
//!
//! [`backfill`] rebuilds all of it from the base tables, for stores written
//! before these tables existed (schema version 1).

use std::collections::BTreeMap;

use newsgraph_model::Article;
use rusqlite::{params, Transaction};

use crate::keys::name_key;
use crate::Result;

/// The aggregate key of an entity's name.
pub fn name_entity_key(name: &str) -> String {
    format!("n:{}", name_key(name))
}

/// The aggregate key of a Wikidata id (`Q42` → `w:q42`).
pub fn wikidata_entity_key(id: &str) -> String {
    format!("w:{}", id.trim().to_ascii_lowercase())
}

/// Whether a lookup string is a Wikidata id (`Q` then digits, any case).
pub fn is_wikidata_id(value: &str) -> bool {
    let value = value.trim();
    value.len() > 1 && matches!(value.as_bytes()[0], b'q' | b'Q') && value[1..].bytes().all(|b| b.is_ascii_digit())
}

/// What one article adds to one entity key.
#[derive(Default)]
struct KeyShare {
    mentions: i64,
    /// (name, type) → Wikidata id, for the display name and kind.
    names: BTreeMap<(String, String), Option<String>>,
    roles: Vec<String>,
}

/// Adds one new article's entities to the entity aggregates.
pub fn add_entities(tx: &Transaction, seq: i64, time: i64, day: &str, article: &Article) -> Result<()> {
    let mut shares: BTreeMap<String, KeyShare> = BTreeMap::new();
    for entity in article.entities.iter().filter(|e| e.kind.is_named()) {
        let wikidata = entity.kb.as_ref().and_then(|k| k.wikidata.as_deref());
        let roles: Vec<String> = entity.roles.iter().map(ToString::to_string).collect();
        let keys = std::iter::once(name_entity_key(&entity.name)).chain(wikidata.map(wikidata_entity_key));
        for key in keys {
            let share = shares.entry(key).or_default();
            share.mentions += entity.mentions.len() as i64;
            share.names.insert((entity.name.clone(), entity.kind.label().to_string()), wikidata.map(str::to_string));
            share.roles.extend(roles.iter().cloned());
        }
    }
    let mut stats = tx.prepare_cached(
        "INSERT INTO entity_stats(key, articles, mentions) VALUES (?1, 1, ?2)
         ON CONFLICT(key) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions",
    )?;
    let mut names = tx.prepare_cached(
        "INSERT INTO entity_names(key, name, type, wikidata, articles) VALUES (?1, ?2, ?3, ?4, 1)
         ON CONFLICT(key, name, type) DO UPDATE SET articles = articles + 1,
             wikidata = COALESCE(entity_names.wikidata, excluded.wikidata)",
    )?;
    let mut days = tx.prepare_cached(
        "INSERT INTO entity_days(key, day, mentions, articles) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT(key, day) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions",
    )?;
    let mut roles = tx.prepare_cached("INSERT OR IGNORE INTO entity_roles(key, role) VALUES (?1, ?2)")?;
    let mut articles =
        tx.prepare_cached("INSERT OR IGNORE INTO entity_articles(key, time, seq) VALUES (?1, ?2, ?3)")?;
    for (key, share) in &shares {
        stats.execute(params![key, share.mentions])?;
        for ((name, kind), wikidata) in &share.names {
            names.execute(params![key, name, kind, wikidata])?;
        }
        days.execute(params![key, day, share.mentions])?;
        for role in &share.roles {
            roles.execute(params![key, role])?;
        }
        articles.execute(params![key, time, seq])?;
    }
    Ok(())
}

/// Adds one new article to its near-duplicate group's totals.
pub fn add_to_group(tx: &Transaction, group: i64, time: i64, site: Option<&str>) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO dup_groups(id, first, articles) VALUES (?1, ?2, 1)
         ON CONFLICT(id) DO UPDATE SET articles = articles + 1, first = MIN(first, excluded.first)",
    )?
    .execute(params![group, time])?;
    if let Some(site) = site {
        tx.prepare_cached("INSERT OR IGNORE INTO dup_sources(grp, site) VALUES (?1, ?2)")?
            .execute(params![group, site])?;
    }
    Ok(())
}

/// Adds one new article's site to its story's sources.
pub fn add_to_story(tx: &Transaction, story: i64, site: Option<&str>) -> Result<()> {
    if let Some(site) = site {
        tx.prepare_cached(
            "INSERT INTO story_sources(story, site, articles) VALUES (?1, ?2, 1)
             ON CONFLICT(story, site) DO UPDATE SET articles = articles + 1",
        )?
        .execute(params![story, site])?;
    }
    Ok(())
}

/// Recomputes every aggregate from the base tables (articles, mentions, quotes, events).
pub fn backfill(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "UPDATE quotes SET time = a.time, day = substr(a.published, 1, 10), story = a.story
             FROM articles a WHERE a.seq = quotes.seq;
         UPDATE events SET day = COALESCE(events.date, substr(a.published, 1, 10)), story = a.story
             FROM articles a WHERE a.seq = events.seq;
         DELETE FROM entity_stats; DELETE FROM entity_names; DELETE FROM entity_days;
         DELETE FROM entity_roles; DELETE FROM entity_articles;
         DELETE FROM dup_groups; DELETE FROM dup_sources; DELETE FROM story_sources;
         CREATE TEMP TABLE keyed_mentions AS
             SELECT 'n:' || key AS k, seq, name, type, wikidata, mentions, roles FROM mentions
             UNION ALL
             SELECT 'w:' || lower(trim(wikidata)), seq, name, type, wikidata, mentions, roles FROM mentions
             WHERE wikidata IS NOT NULL;
         INSERT INTO entity_stats(key, articles, mentions)
             SELECT k, COUNT(DISTINCT seq), SUM(mentions) FROM keyed_mentions GROUP BY k;
         INSERT INTO entity_names(key, name, type, wikidata, articles)
             SELECT k, name, type, MAX(wikidata), COUNT(DISTINCT seq) FROM keyed_mentions GROUP BY k, name, type;
         INSERT INTO entity_days(key, day, mentions, articles)
             SELECT m.k, substr(COALESCE(a.published, a.ingested_at), 1, 10) AS d, SUM(m.mentions), COUNT(DISTINCT m.seq)
             FROM keyed_mentions m JOIN articles a ON a.seq = m.seq GROUP BY m.k, d;
         INSERT OR IGNORE INTO entity_articles(key, time, seq)
             SELECT m.k, a.time, m.seq FROM keyed_mentions m JOIN articles a ON a.seq = m.seq;
         INSERT INTO dup_groups(id, first, articles)
             SELECT dup_group, MIN(time), COUNT(*) FROM articles WHERE dup_group IS NOT NULL GROUP BY dup_group;
         INSERT OR IGNORE INTO dup_sources(grp, site)
             SELECT DISTINCT dup_group, site FROM articles WHERE dup_group IS NOT NULL AND site IS NOT NULL;
         INSERT INTO story_sources(story, site, articles)
             SELECT story, site, COUNT(*) FROM articles WHERE story IS NOT NULL AND site IS NOT NULL
             GROUP BY story, site;",
    )?;
    // Roles are stored joined with "; " per mention row; split them here.
    let rows: Vec<(String, String)> = {
        let mut stmt = tx.prepare("SELECT DISTINCT k, roles FROM keyed_mentions WHERE roles IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut insert = tx.prepare("INSERT OR IGNORE INTO entity_roles(key, role) VALUES (?1, ?2)")?;
    for (key, joined) in &rows {
        for role in joined.split("; ").filter(|r| !r.is_empty()) {
            insert.execute(params![key, role])?;
        }
    }
    tx.execute_batch("DROP TABLE temp.keyed_mentions")?;
    Ok(())
}
