//! What a story page shows beyond its articles and dated timeline: quotes
//! grouped by speaker, the counts (casualties, troops ...) its articles
//! report as they change, and its sources in the order they joined.
//!
//! Quotes and sources come from the derived tables (indexed by story); counts
//! have no table of their own, so they are read from the stored records of the
//! story's first [`COUNT_ARTICLES`] articles, decoding only the fields needed.
//! Nothing here judges which count is right: every report is listed with its
//! article and date.

use rusqlite::{params, Connection};

use crate::{Result, SourceJoin, SpeakerQuotes, StoryCount, TimelineEntry, LIST_LIMIT};

/// Quotes of a story grouped by speaker, at most.
const QUOTES: usize = 500;
/// The story's articles (in date order) whose records are read for counts.
const COUNT_ARTICLES: usize = 100;
/// Counts listed at most.
const COUNTS: usize = 300;

/// The story's quotes grouped by speaker, the most quoted speaker first, each
/// speaker's quotes earliest first.
pub fn quotes_by_speaker(conn: &Connection, story: i64) -> Result<Vec<SpeakerQuotes>> {
    let mut stmt = conn.prepare_cached(
        "SELECT q.day, COALESCE(q.speaker, ''), q.text, a.id, a.site FROM quotes q JOIN articles a ON a.seq = q.seq
         WHERE q.story = ?1 ORDER BY q.time, q.seq, q.start LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![story, QUOTES as i64], |r| {
        Ok(TimelineEntry {
            date: r.get(0)?,
            kind: "quote".into(),
            label: r.get(1)?,
            text: r.get(2)?,
            article_id: r.get(3)?,
            site: r.get(4)?,
            status: None,
        })
    })?;
    let mut groups: Vec<SpeakerQuotes> = Vec::new();
    for row in rows {
        let entry = row?;
        match groups.iter_mut().find(|g| g.speaker == entry.label) {
            Some(group) => group.quotes.push(entry),
            None => groups.push(SpeakerQuotes { speaker: entry.label.clone(), quotes: vec![entry] }),
        }
    }
    // Stable: speakers with as many quotes stay in the order they first spoke.
    groups.sort_by_key(|g| (g.speaker.is_empty(), std::cmp::Reverse(g.quotes.len())));
    Ok(groups)
}

/// The story's sites in the order their first article appeared.
pub fn joined(conn: &Connection, story: i64) -> Result<Vec<SourceJoin>> {
    let mut stmt = conn.prepare_cached(
        // SQLite takes a bare column (the id) from the row that gives MIN().
        "SELECT a.site, MIN(a.time), COUNT(*), a.id
         FROM articles a WHERE a.story = ?1 AND a.site IS NOT NULL GROUP BY a.site ORDER BY MIN(a.time), a.site LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![story, LIST_LIMIT as i64], |r| {
        Ok(SourceJoin {
            site: r.get(0)?,
            first: crate::dates::timestamp_of(r.get(1)?),
            articles: r.get::<_, i64>(2)? as usize,
            first_article: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The counts of the story's first [`COUNT_ARTICLES`] articles, in their date order.
pub fn counts(conn: &Connection, story: i64) -> Result<Vec<StoryCount>> {
    #[derive(serde::Deserialize)]
    struct CountsOnly {
        #[serde(default)]
        counts: Vec<newsgraph_model::Count>,
    }
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.site, substr(COALESCE(a.published, a.ingested_at), 1, 10), a.record FROM articles a
         WHERE a.story = ?1 ORDER BY a.time, a.seq LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![story, COUNT_ARTICLES as i64], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Vec<u8>>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, site, date, blob) = row?;
        // A record that does not decode is reported by `get`; here it just has no counts.
        let Some(only) = lz4_flex::decompress_size_prepended(&blob)
            .ok()
            .and_then(|json| serde_json::from_slice::<CountsOnly>(&json).ok())
        else {
            continue;
        };
        for count in only.counts.into_iter().filter(|c| c.kind != newsgraph_model::CountKind::Other) {
            let label = |v: serde_json::Result<serde_json::Value>| {
                v.ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
            };
            out.push(StoryCount {
                date: date.clone(),
                value: count.value,
                kind: label(serde_json::to_value(count.kind)),
                qualifier: label(serde_json::to_value(count.qualifier)),
                what: count.object.clone().unwrap_or_else(|| count.text.clone()),
                text: count.text,
                article_id: id.clone(),
                site: site.clone(),
            });
            if out.len() >= COUNTS {
                return Ok(out);
            }
        }
    }
    Ok(out)
}
