//! What a story page shows beyond its articles and dated timeline: quotes
//! grouped by speaker, the counts (casualties, troops ...) its articles
//! report as they change, and its sources in the order they joined.
//!
//! Quotes and sources come from the derived tables and indexes by story, read
//! in bounded index ranges (a story can have tens of thousands of articles); counts
//! have no table of their own, so they are read from the stored records of the
//! story's first [`COUNT_ARTICLES`] articles, decoding only the fields needed.
//! Nothing here judges which count is right: every report is listed with its
//! article and date.

use rusqlite::{params, Connection, OptionalExtension};

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
    // Dated quotes in day order straight from the (story, day) index, then undated ones.
    let mut entries: Vec<TimelineEntry> = Vec::new();
    for filter in ["q.day IS NOT NULL ORDER BY q.day", "q.day IS NULL"] {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT q.day, COALESCE(q.speaker, ''), q.text, a.id, a.site FROM quotes q JOIN articles a ON a.seq = q.seq
             WHERE q.story = ?1 AND {filter} LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![story, (QUOTES - entries.len()) as i64], |r| {
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
        for row in rows {
            entries.push(row?);
        }
        if entries.len() >= QUOTES {
            break;
        }
    }
    let mut groups: Vec<SpeakerQuotes> = Vec::new();
    for entry in entries {
        match groups.iter_mut().find(|g| g.speaker == entry.label) {
            Some(group) => group.quotes.push(entry),
            None => groups.push(SpeakerQuotes { speaker: entry.label.clone(), quotes: vec![entry] }),
        }
    }
    // Stable: speakers with as many quotes stay in the order they first spoke.
    groups.sort_by_key(|g| (g.speaker.is_empty(), std::cmp::Reverse(g.quotes.len())));
    Ok(groups)
}

/// Sites of a story looked at for [`joined`] at most (`story_sources` lists them).
const JOIN_SITES: usize = 2_000;

/// The story's sites in the order their first article appeared: one index seek
/// per site (the `articles_story_site` index), not a scan of the story.
pub fn joined(conn: &Connection, story: i64) -> Result<Vec<SourceJoin>> {
    let sites: Vec<(String, i64)> = conn
        .prepare_cached("SELECT site, articles FROM story_sources WHERE story = ?1 LIMIT ?2")?
        .query_map(params![story, JOIN_SITES as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut first =
        conn.prepare_cached("SELECT time, id FROM articles WHERE story = ?1 AND site = ?2 ORDER BY time, seq LIMIT 1")?;
    let mut out: Vec<(i64, SourceJoin)> = Vec::with_capacity(sites.len());
    for (site, articles) in sites {
        let row =
            first.query_row(params![story, site], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).optional()?;
        let Some((time, id)) = row else { continue };
        out.push((
            time,
            SourceJoin {
                site,
                first: crate::dates::timestamp_of(time),
                first_article: id,
                articles: articles as usize,
            },
        ));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.site.cmp(&b.1.site)));
    Ok(out.into_iter().take(LIST_LIMIT).map(|(_, join)| join).collect())
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
