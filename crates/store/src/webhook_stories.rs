//! Story alerts: which stories crossed a story alert's growth threshold.
//!
//! A story is above the threshold when at least `min_articles` of its articles
//! were published within `window_hours` before its newest article. The window
//! is measured in the articles' own publication times (not the clock), so a
//! backfill reads as it would have live, and only a story that gets new
//! articles can change side: only the stories of articles stored since the
//! alert's cursor are looked at. Each crossing from below to above queues one
//! `story` event; falling back below re-arms the alert.

use rusqlite::{params, Connection, OptionalExtension};

use crate::webhooks::enqueue;
use crate::{dates, Result};

/// Stories looked at per alert per scan at most (the cursor stops before the rest).
const STORY_BATCH: i64 = 2000;

/// Queues a `story` event for each story that crossed the threshold since `cursor`.
pub(crate) fn queue_crossings(
    conn: &mut Connection,
    hook: i64,
    cursor: i64,
    min_articles: u32,
    window_hours: u32,
) -> Result<usize> {
    let last: i64 = conn.query_row(
        "SELECT COALESCE(MAX(seq), ?1) FROM (SELECT seq FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2)",
        params![cursor, STORY_BATCH],
        |r| r.get(0),
    )?;
    if last == cursor {
        return Ok(0);
    }
    let stories: Vec<i64> = {
        let mut stmt = conn.prepare(
            "SELECT DISTINCT story FROM articles WHERE seq > ?1 AND seq <= ?2 AND story IS NOT NULL ORDER BY story",
        )?;
        let rows = stmt.query_map(params![cursor, last], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let window = i64::from(window_hours) * 3600;
    let mut events = Vec::new();
    let mut states = Vec::new();
    for story in stories {
        // The story's articles up to the cursor's end: those stored later are the next scan's.
        let newest: Option<i64> = conn.query_row(
            "SELECT MAX(time) FROM articles WHERE story = ?1 AND seq <= ?2",
            params![story, last],
            |r| r.get(0),
        )?;
        let Some(newest) = newest else { continue };
        let recent: i64 = conn.query_row(
            "SELECT COUNT(*) FROM articles WHERE story = ?1 AND seq <= ?2 AND time >= ?3",
            params![story, last, newest - window],
            |r| r.get(0),
        )?;
        let above = recent >= i64::from(min_articles);
        let (was_above, crossings): (bool, i64) = conn
            .query_row(
                "SELECT above, crossings FROM webhook_stories WHERE hook = ?1 AND story = ?2",
                params![hook, story],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or((false, 0));
        let crossings = if above && !was_above { crossings + 1 } else { crossings };
        if above && !was_above {
            let head: Option<(Option<String>, i64, i64, i64)> = conn
                .query_row("SELECT title, first, last, articles FROM stories WHERE id = ?1", [story], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?;
            let (title, first, latest, num_articles) = head.unwrap_or((None, newest, newest, recent));
            let payload = serde_json::json!({
                "event": "story",
                "story": {
                    "id": story,
                    "title": title,
                    "num_articles": num_articles,
                    "new_articles": recent,
                    "window_hours": window_hours,
                    "min_articles": min_articles,
                    "first": dates::timestamp_of(first),
                    "last": dates::timestamp_of(latest),
                    "path": format!("/stories/{story}"),
                },
            });
            events.push((format!("s:{story}:{crossings}"), payload));
        }
        if above != was_above {
            states.push((story, above, crossings));
        }
    }
    // The stories' states move with the cursor: a crash re-reads both as they were.
    let queued = enqueue(conn, hook, (cursor, last), "story", &events, |tx| {
        let mut upsert = tx.prepare(
            "INSERT INTO webhook_stories(hook, story, above, crossings) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(hook, story) DO UPDATE SET above = excluded.above, crossings = excluded.crossings",
        )?;
        for (story, above, crossings) in states {
            upsert.execute(params![hook, story, above, crossings])?;
        }
        Ok(())
    })?;
    Ok(queued)
}
