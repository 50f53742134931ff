//! Story events: one event per happening across a story's articles, with the
//! counts GDELT users filter on (`NumMentions`, `NumSources`, `NumArticles`)
//! and the evidence of every mention.
//!
//! When an article is stored and assigned to a story, each of its events joins
//! a story event of that story with
//! - the same PLOVER type,
//! - the same actors and the same targets, each by Wikidata id when the entity
//!   is linked, else by its name key (lower case, single spaces), compared as sets,
//! - a compatible place: the same place key, or no place on either side (a
//!   report often names the place once, in one article; the story event takes
//!   the place of the first mention that names one),
//! - a date within [`WINDOW_DAYS`] days of the story event's first and last
//!   dates (the event's own date when it is a full day, else the article's):
//!   reports of one happening come out over a day or two, and relative dates
//!   ("on Tuesday") resolved against different publication days or time zones
//!   drift by a day; a wider window would merge the daily repeats of ongoing
//!   happenings (shelling, protests) that GDELT counts as separate events;
//!
//! else it starts a new story event. Negated and hypothetical events are no
//! happening and join none; future (planned) and historical ones do, as GDELT
//! codes them too, and a mention reported as happened upgrades a planned one.
//!
//! Counting is idempotent by (story event, article): an article id already
//! stored never reaches here (the store keeps the first copy), and a near-copy
//! (same duplicate group) from the same site as a counted mention is the same
//! article fetched again under another address and counts nothing; a copy on
//! another site is another article and source, as GDELT counts wire copies.
//! The store never deletes or replaces an article, so no count goes stale.
//!
//! The GlobalEventID is the story event's row id: it only grows and is never
//! reused. This module does not code events (the events stage does) and does
//! not judge which mention is right: the first mention's coding (CAMEO code,
//! actors' details) describes the story event.

use std::collections::BTreeSet;

use newsgraph_model::{Article, Entity, EntityId, Event, EventStatus, FeatureKind};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::keys::name_key;
use crate::{dates, Result};

/// Days either side of a story event's first and last dates within which an event joins it.
pub const WINDOW_DAYS: i64 = 2;
/// Story events listed on a story page at most (the most reported first).
pub const STORY_EVENTS: usize = 100;
/// Mentions listed per story event on a story page at most (the counts count all).
const PAGE_MENTIONS: usize = 10;

/// One happening of a story, as its articles report it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryEvent {
    /// GDELT's GlobalEventID: stable, never reused.
    pub id: i64,
    pub story: i64,
    /// The first mention's coding and the details of its actors and place.
    #[serde(flatten)]
    pub info: EventInfo,
    /// The day it happened (`YYYY-MM-DD`): the first mention's event date, else its article's day.
    pub day: String,
    /// Every evidence span in every counted article.
    pub num_mentions: usize,
    /// Distinct sites of the counted articles.
    pub num_sources: usize,
    pub num_articles: usize,
    /// Earliest and latest publication (else ingestion) time of a counted article, ISO 8601 UTC.
    pub first_seen: String,
    pub last_seen: String,
    /// Mean tone of the counted articles that have one.
    pub avg_tone: Option<f64>,
    /// Its mentions, one per article, earliest article first (a story page lists the first few).
    pub mentions: Vec<EventMention>,
}

/// What the first mention of a story event says about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventInfo {
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    /// `actual`, `future` or `historical` (an actual mention upgrades the others).
    pub status: String,
    /// The CAMEO code as the events stage gave it (a 2-digit root or a full code).
    pub cameo: String,
    pub quad_class: u8,
    pub goldstein: f32,
    pub actors: Vec<EventActor>,
    pub targets: Vec<EventActor>,
    pub place: Option<EventPlace>,
    /// Whether the first mention is in its article's lead paragraph (GDELT's IsRootEvent).
    pub root: bool,
}

/// An actor or target of a story event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventActor {
    pub name: String,
    /// OntoNotes type (`PERSON`, `GPE` ...).
    pub entity_type: String,
    pub wikidata: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// GOV, MIL, COP, REB ... (the KB's sector).
    pub sector: Option<String>,
    /// Whether the entity is a country itself (its place is country-level).
    pub is_country: bool,
}

/// The geocoded place of a story event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPlace {
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// FIPS 10-4 country code, as GDELT uses.
    pub fips: Option<String>,
    pub adm1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames: Option<u32>,
    pub feature: Option<FeatureKind>,
}

/// The mentions of a story event in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    pub article_id: String,
    pub url: Option<String>,
    pub site: Option<String>,
    /// The article's publication (else ingestion) time, ISO 8601 UTC.
    pub time: String,
    pub spans: Vec<MentionSpan>,
    /// 10–100: how completely the mention is coded (see [`confidence`]), as GDELT's Confidence.
    pub confidence: u8,
    /// The article's text length in characters.
    pub doc_len: usize,
    pub doc_tone: Option<f64>,
    pub language: Option<String>,
}

/// One evidence span (character offsets into the article's clean text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// 1-based sentence of the span (sentence ends counted from the text).
    pub sentence: usize,
    /// The nearest mention of the first actor and of the first target.
    pub actor_offset: Option<usize>,
    pub target_offset: Option<usize>,
}

/// What the store knows of an article when its events join story events.
pub struct Stored<'a> {
    pub seq: i64,
    pub story: i64,
    pub time: i64,
    pub site: Option<&'a str>,
    pub dup_group: i64,
    /// Whether it is a near-copy of an article stored before.
    pub is_copy: bool,
}

/// The match key of an entity: its Wikidata id, else its name key.
fn entity_key(entity: &Entity) -> String {
    match entity.kb.as_ref().and_then(|kb| kb.wikidata.as_deref()) {
        Some(q) => q.to_ascii_uppercase(),
        None => format!("n:{}", name_key(&entity.name)),
    }
}

fn find<'a>(article: &'a Article, id: &EntityId) -> Option<&'a Entity> {
    article.entities.iter().find(|e| &e.id == id)
}

fn keys_of(article: &Article, ids: &[EntityId]) -> String {
    let keys: BTreeSet<String> = ids.iter().filter_map(|id| find(article, id)).map(entity_key).collect();
    keys.into_iter().collect::<Vec<_>>().join(",")
}

fn actor_of(article: &Article, entity: &Entity) -> EventActor {
    let kb = entity.kb.as_ref();
    let is_country = article.places.iter().any(|p| p.entity == entity.id && p.feature == FeatureKind::Country);
    EventActor {
        name: entity.name.clone(),
        entity_type: entity.kind.label().to_string(),
        wikidata: kb.and_then(|k| k.wikidata.clone()),
        country: kb.and_then(|k| k.country.clone()),
        sector: kb.and_then(|k| k.sector.clone()),
        is_country,
    }
}

fn place_of(article: &Article, id: &EntityId) -> Option<(String, EventPlace)> {
    let entity = find(article, id)?;
    let geo = article.places.iter().find(|p| &p.entity == id);
    let place = EventPlace {
        name: entity.name.clone(),
        country: geo.and_then(|g| g.country.clone()).or_else(|| entity.kb.as_ref().and_then(|k| k.country.clone())),
        fips: geo.and_then(|g| g.fips.clone()),
        adm1: geo.and_then(|g| g.adm1.clone()),
        lat: geo.map(|g| g.lat),
        lon: geo.map(|g| g.lon),
        geonames: geo.and_then(|g| g.geonames),
        feature: geo.map(|g| g.feature),
    };
    Some((entity_key(entity), place))
}

/// The 1-based sentence holding char offset `at`: one plus the sentence ends
/// (`.`, `!` or `?` then white space, or a paragraph break) before it.
fn sentence_of(text: &str, at: usize) -> usize {
    let chars: Vec<char> = text.chars().take(at + 1).collect();
    let mut sentence = 1;
    let mut i = 0;
    while i + 1 < chars.len().min(at) {
        let (c, next) = (chars[i], chars[i + 1]);
        let ends = matches!(c, '.' | '!' | '?') && next.is_whitespace();
        let paragraph = c == '\n' && next == '\n' && i > 0 && !matches!(chars[i - 1], '.' | '!' | '?' | '\n');
        if ends || paragraph {
            sentence += 1;
        }
        i += 1;
    }
    sentence
}

/// The start of the mention of `id` nearest to char offset `at`.
fn nearest_mention(article: &Article, id: Option<&EntityId>, at: usize) -> Option<usize> {
    let entity = find(article, id?)?;
    entity.mentions.iter().map(|m| m.span.start()).min_by_key(|s| s.abs_diff(at))
}

/// GDELT's Confidence (10–100) of a mention: newsgraph has no extraction
/// probability, so this says how completely it is coded: 100 with an actor, a
/// target and an actual status, less for each part missing.
pub fn confidence(event: &Event) -> u8 {
    let mut score: i32 = 100;
    if event.actors.is_empty() {
        score -= 40;
    }
    if event.targets.is_empty() {
        score -= 20;
    }
    if event.status != EventStatus::Actual {
        score -= 20;
    }
    score.clamp(10, 100) as u8
}

fn status_label(status: EventStatus) -> String {
    serde_json::to_value(status).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The story-event candidate rows of one key.
struct Candidate {
    id: i64,
    place: Option<String>,
    first_day: i64,
    last_day: i64,
}

/// Adds the events of a new article (already assigned to `at.story`) to its story's events.
pub fn add(tx: &Transaction, article: &Article, at: &Stored) -> Result<()> {
    let lead_end = article.text.find("\n\n").map_or(usize::MAX, |b| article.text[..b].chars().count());
    let doc_len = article.text.chars().count();
    let tone = article.tone.map(|t| t.tone);
    for event in &article.events {
        if matches!(event.status, EventStatus::Negated | EventStatus::Hypothetical) {
            continue;
        }
        let key =
            format!("{}|{}|{}", event.kind.label(), keys_of(article, &event.actors), keys_of(article, &event.targets));
        let place = event.place.as_ref().and_then(|p| place_of(article, p));
        let day_seconds = event.date.as_deref().filter(|d| dates::is_day(d)).and_then(dates::parse_seconds);
        let day = day_seconds.unwrap_or(at.time) / 86_400;
        let mut spans: Vec<MentionSpan> = Vec::new();
        for m in &event.evidence {
            let (start, end) = (m.span.start(), m.span.end());
            if spans.iter().any(|s| s.start == start && s.end == end) {
                continue;
            }
            spans.push(MentionSpan {
                start,
                end,
                text: m.text.clone(),
                sentence: sentence_of(&article.text, start),
                actor_offset: nearest_mention(article, event.actors.first(), start),
                target_offset: nearest_mention(article, event.targets.first(), start),
            });
        }
        if spans.is_empty() {
            continue;
        }
        let candidates: Vec<Candidate> = tx
            .prepare_cached("SELECT id, place, first_day, last_day FROM story_events WHERE story = ?1 AND key = ?2")?
            .query_map(params![at.story, key], |r| {
                Ok(Candidate { id: r.get(0)?, place: r.get(1)?, first_day: r.get(2)?, last_day: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let place_key = place.as_ref().map(|(k, _)| k.as_str());
        let best = candidates
            .iter()
            .filter(|c| c.place.is_none() || place_key.is_none() || c.place.as_deref() == place_key)
            .filter(|c| day >= c.first_day - WINDOW_DAYS && day <= c.last_day + WINDOW_DAYS)
            // The same place before a missing one, then the nearest in time, then the oldest.
            .min_by_key(|c| {
                let distance = if day < c.first_day { c.first_day - day } else { (day - c.last_day).max(0) };
                (c.place.as_deref() != place_key, distance, c.id)
            });
        let id = match best {
            Some(c) => {
                if at.is_copy && counted_copy(tx, c.id, at)? {
                    continue;
                }
                update_event(tx, c, event, place, day)?;
                c.id
            }
            None => {
                let info = EventInfo {
                    kind: event.kind.label().to_string(),
                    mode: event.mode.clone(),
                    status: status_label(event.status),
                    cameo: event.cameo.clone(),
                    quad_class: event.quad_class,
                    goldstein: event.goldstein,
                    actors: event
                        .actors
                        .iter()
                        .filter_map(|id| find(article, id))
                        .map(|e| actor_of(article, e))
                        .collect(),
                    targets: event
                        .targets
                        .iter()
                        .filter_map(|id| find(article, id))
                        .map(|e| actor_of(article, e))
                        .collect(),
                    place: place.as_ref().map(|(_, p)| p.clone()),
                    root: spans[0].start < lead_end,
                };
                tx.prepare_cached(
                    "INSERT INTO story_events(story, key, place, day, first_day, last_day, first_seen, last_seen,
                     num_mentions, num_sources, num_articles, tone_sum, toned, info)
                     VALUES (?1, ?2, ?3, ?4, ?4, ?4, ?5, ?5, 0, 0, 0, 0, 0, ?6)",
                )?
                .execute(params![at.story, key, place_key, day, at.time, to_json(&info)?])?;
                tx.last_insert_rowid()
            }
        };
        add_mention(tx, id, at, &spans, confidence(event), doc_len, tone)?;
    }
    Ok(())
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| crate::StoreError::Export(e.to_string()))
}

/// Whether a near-copy's duplicate group already counts on its site for this story event.
fn counted_copy(tx: &Transaction, event: i64, at: &Stored) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT 1 FROM story_event_mentions WHERE event = ?1 AND site IS ?2 AND dup_group = ?3 AND seq != ?4 LIMIT 1",
        )?
        .query_row(params![event, at.site, at.dup_group, at.seq], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Widens a story event's dates and fills its place or status from a new mention.
fn update_event(
    tx: &Transaction,
    c: &Candidate,
    event: &Event,
    place: Option<(String, EventPlace)>,
    day: i64,
) -> Result<()> {
    let upgrade = event.status == EventStatus::Actual;
    let fill_place = c.place.is_none() && place.is_some();
    if upgrade || fill_place {
        let json: String =
            tx.prepare_cached("SELECT info FROM story_events WHERE id = ?1")?.query_row([c.id], |r| r.get(0))?;
        if let Ok(mut info) = serde_json::from_str::<EventInfo>(&json) {
            if upgrade {
                info.status = status_label(EventStatus::Actual);
            }
            if let Some((key, p)) = place.filter(|_| fill_place) {
                info.place = Some(p);
                tx.prepare_cached("UPDATE story_events SET place = ?2 WHERE id = ?1")?.execute(params![c.id, key])?;
            }
            tx.prepare_cached("UPDATE story_events SET info = ?2 WHERE id = ?1")?
                .execute(params![c.id, to_json(&info)?])?;
        }
    }
    tx.prepare_cached(
        "UPDATE story_events SET first_day = MIN(first_day, ?2), last_day = MAX(last_day, ?2) WHERE id = ?1",
    )?
    .execute(params![c.id, day])?;
    Ok(())
}

/// Counts one article's spans under a story event (once per article; a second
/// event of the same article adds its new spans only).
fn add_mention(
    tx: &Transaction,
    event: i64,
    at: &Stored,
    spans: &[MentionSpan],
    confidence: u8,
    doc_len: usize,
    tone: Option<f64>,
) -> Result<()> {
    let existing: Option<String> = tx
        .prepare_cached("SELECT spans FROM story_event_mentions WHERE event = ?1 AND seq = ?2")?
        .query_row(params![event, at.seq], |r| r.get(0))
        .optional()?;
    if let Some(json) = existing {
        let mut all: Vec<MentionSpan> = serde_json::from_str(&json).unwrap_or_default();
        let before = all.len();
        for s in spans {
            if !all.iter().any(|a| a.start == s.start && a.end == s.end) {
                all.push(s.clone());
            }
        }
        tx.prepare_cached("UPDATE story_event_mentions SET spans = ?3 WHERE event = ?1 AND seq = ?2")?
            .execute(params![event, at.seq, to_json(&all)?])?;
        tx.prepare_cached("UPDATE story_events SET num_mentions = num_mentions + ?2 WHERE id = ?1")?
            .execute(params![event, (all.len() - before) as i64])?;
        return Ok(());
    }
    let new_source: bool = tx
        .prepare_cached("SELECT 1 FROM story_event_mentions WHERE event = ?1 AND site IS ?2 LIMIT 1")?
        .query_row(params![event, at.site], |_| Ok(()))
        .optional()?
        .is_none();
    tx.prepare_cached(
        "INSERT INTO story_event_mentions(event, seq, site, dup_group, spans, confidence, doc_len, tone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![event, at.seq, at.site, at.dup_group, to_json(&spans)?, confidence, doc_len as i64, tone])?;
    tx.prepare_cached(
        "UPDATE story_events SET num_mentions = num_mentions + ?2, num_sources = num_sources + ?3,
         num_articles = num_articles + 1, first_seen = MIN(first_seen, ?4), last_seen = MAX(last_seen, ?4),
         tone_sum = tone_sum + ?5, toned = toned + ?6 WHERE id = ?1",
    )?
    .execute(params![
        event,
        spans.len() as i64,
        new_source as i64,
        at.time,
        tone.unwrap_or(0.0),
        tone.is_some() as i64
    ])?;
    Ok(())
}

/// Builds the story events of every stored article, in storage order (for
/// stores written before story events existed, schema version 4 and older).
pub fn backfill(tx: &Transaction) -> Result<()> {
    /// A stored article's row: seq, id, time, site, dup_group, story, record.
    type Row = (i64, String, i64, Option<String>, Option<i64>, Option<i64>, Vec<u8>);
    // From scratch: a store that went back to an older version may hold some already.
    // (Ids restart at 1, so a rebuilt store numbers its events as one written by this code.)
    tx.execute_batch(
        "DELETE FROM story_event_mentions; DELETE FROM story_events;
         DELETE FROM sqlite_sequence WHERE name = 'story_events';",
    )?;
    let mut after = 0i64;
    loop {
        // Pages of records, so that a large store is never all in memory.
        let rows: Vec<Row> = tx
            .prepare_cached(
                "SELECT seq, id, time, site, dup_group, story, record FROM articles WHERE seq > ?1 ORDER BY seq LIMIT 500",
            )?
            .query_map([after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(last) = rows.last().map(|r| r.0) else { return Ok(()) };
        for (seq, id, time, site, dup_group, story, blob) in rows {
            let Some(story) = story else { continue };
            let article = crate::embedded::decode(&id, &blob)?;
            let dup_group = dup_group.unwrap_or(seq);
            let at = Stored { seq, story, time, site: site.as_deref(), dup_group, is_copy: dup_group != seq };
            add(tx, &article, &at)?;
        }
        after = last;
    }
}

const SELECT_EVENTS: &str = "SELECT id, story, info, day, num_mentions, num_sources, num_articles, first_seen,
     last_seen, tone_sum, toned FROM story_events";

fn event_row(r: &rusqlite::Row) -> rusqlite::Result<(StoryEvent, String)> {
    let toned: i64 = r.get(10)?;
    let tone_sum: f64 = r.get(9)?;
    let event = StoryEvent {
        id: r.get(0)?,
        story: r.get(1)?,
        info: EventInfo::default(),
        day: dates::day_of(r.get::<_, i64>(3)? * 86_400),
        num_mentions: r.get::<_, i64>(4)? as usize,
        num_sources: r.get::<_, i64>(5)? as usize,
        num_articles: r.get::<_, i64>(6)? as usize,
        first_seen: dates::timestamp_of(r.get(7)?),
        last_seen: dates::timestamp_of(r.get(8)?),
        avg_tone: (toned > 0).then(|| tone_sum / toned as f64),
        mentions: Vec::new(),
    };
    Ok((event, r.get(2)?))
}

fn finish(conn: &Connection, (mut event, info): (StoryEvent, String), mentions: usize) -> Result<StoryEvent> {
    event.info = serde_json::from_str(&info)
        .map_err(|e| crate::StoreError::Corrupt { id: format!("story event {}", event.id), message: e.to_string() })?;
    event.mentions = mentions_of(conn, event.id, mentions)?;
    Ok(event)
}

/// The first `limit` mentions of a story event, earliest article first.
fn mentions_of(conn: &Connection, event: i64, limit: usize) -> Result<Vec<EventMention>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.url, m.site, a.time, m.spans, m.confidence, m.doc_len, m.tone, a.language
         FROM story_event_mentions m JOIN articles a ON a.seq = m.seq WHERE m.event = ?1 ORDER BY a.time, m.seq LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![event, limit.min(i64::MAX as usize) as i64], |r| {
        Ok(EventMention {
            article_id: r.get(0)?,
            url: r.get(1)?,
            site: r.get(2)?,
            time: dates::timestamp_of(r.get(3)?),
            spans: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default(),
            confidence: r.get(5)?,
            doc_len: r.get::<_, i64>(6)? as usize,
            doc_tone: r.get(7)?,
            language: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A story's events, the most reported first (at most [`STORY_EVENTS`], each with its first few mentions).
pub fn of_story(conn: &Connection, story: i64) -> Result<Vec<StoryEvent>> {
    let rows: Vec<(StoryEvent, String)> = conn
        .prepare_cached(&format!(
            "{SELECT_EVENTS} WHERE story = ?1 ORDER BY num_articles DESC, num_mentions DESC, id LIMIT ?2"
        ))?
        .query_map(params![story, STORY_EVENTS as i64], event_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|row| finish(conn, row, PAGE_MENTIONS)).collect()
}

/// Calls `f` on every story event in id order, each with all its mentions (for exports).
pub fn for_each(conn: &Connection, f: &mut dyn FnMut(StoryEvent) -> Result<()>) -> Result<()> {
    let mut after = 0i64;
    loop {
        // Pages of rows, so that a large store never holds all its events at once.
        let rows: Vec<(StoryEvent, String)> = conn
            .prepare_cached(&format!("{SELECT_EVENTS} WHERE id > ?1 ORDER BY id LIMIT 500"))?
            .query_map([after], event_row)?
            .collect::<rusqlite::Result<_>>()?;
        let Some(last) = rows.last().map(|r| r.0.id) else { return Ok(()) };
        for row in rows {
            f(finish(conn, row, usize::MAX)?)?;
        }
        after = last;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_counted_from_the_text() {
        let text = "One is here. Two is here!\n\nThree has no stop\n\nFour.";
        assert_eq!(sentence_of(text, 0), 1);
        assert_eq!(sentence_of(text, 13), 2);
        assert_eq!(sentence_of(text, 27), 3);
        assert_eq!(sentence_of(text, text.chars().count() - 2), 4);
    }
}
