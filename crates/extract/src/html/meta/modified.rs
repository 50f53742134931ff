//! The last-update date a page states, kept apart from its publication date, and the
//! plausibility check every date the metadata picks must pass.
//!
//! [`modified`] prefers what a reader sees (an "Updated" line by the headline) over
//! structured data (`dateModified`, `article:modified_time`, `og:updated_time`), and
//! keeps it only when it is a later moment than the publication date: a re-save stamp
//! equal to `datePublished` states no update. [`plausible`] rejects dates in the future
//! (a template's expiry, an event's day, a day-for-month misreading) and before the web
//! carried news. It does not choose the publication date: that is [`super::extract`].

use newsgraph_model::calendar;
use newsgraph_model::{DateSource, Published};

use super::jsonld::JsonLd;
use crate::dates::parse_date;
use crate::html::dom::Dom;

/// Meta tags that give the last-update time, most used first.
const MODIFIED_KEYS: [&str; 6] = [
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
];

/// Score from which a shown "Updated" line is the update the page states: a date-marked
/// element or `<time>` near the headline (as for the shown publication date).
const SHOWN_UPDATE: f32 = 1.0;

/// Earliest day a news page is dated by: before it, a date is a template's placeholder.
const EARLIEST: &str = "1995-01-01";

/// Days after today a date may still stand: a page saved in a zone ahead of the reader's.
const FUTURE_SLACK_DAYS: i64 = 1;

/// The structured last-update time, full (`2024-05-09T10:00:00`), with where it was read.
fn structured(dom: &Dom, ld: &JsonLd) -> Option<Published> {
    if let Some(value) = ld.modified.as_deref().and_then(parse_date) {
        return Some(Published { value, from: DateSource::Jsonld });
    }
    MODIFIED_KEYS.iter().find_map(|k| {
        let value = dom.head.metas.iter().filter(|(key, _)| key == k).find_map(|(_, v)| parse_date(v))?;
        Some(Published { value, from: DateSource::Meta })
    })
}

/// The update the page states after `published`: the shown "Updated" line when it stands
/// by the headline, else structured data; `None` when neither is a later moment.
pub(super) fn modified(
    dom: &Dom,
    ld: &JsonLd,
    shown_updated: Option<&str>,
    shown_score: f32,
    published: Option<&Published>,
    today: &str,
) -> Option<Published> {
    let shown = shown_updated
        .filter(|_| shown_score >= SHOWN_UPDATE)
        .map(|value| Published { value: value.to_string(), from: DateSource::Text });
    let candidate = shown.or_else(|| structured(dom, ld)).filter(|m| plausible(&m.value, today))?;
    match published {
        Some(p) if !later(&candidate.value, &p.value) => None,
        _ => Some(candidate),
    }
}

/// Whether `a` is a later moment than `b`: a later day, or the same day at a later time
/// when both give one (a day alone says nothing about the hour).
pub(super) fn later(a: &str, b: &str) -> bool {
    let (da, db) = (a.get(..10), b.get(..10));
    if da != db {
        return da > db;
    }
    a.len() > 10 && b.len() > 10 && a.get(11..16) > b.get(11..16)
}

/// Whether a date can date a news page read on `today` (`YYYY-MM-DD`): a real day, from
/// 1995 on, and no more than a day after today.
pub(super) fn plausible(date: &str, today: &str) -> bool {
    let Some(day) = calendar::day_prefix(date) else { return false };
    let limit = calendar::day_prefix(today).and_then(|t| calendar::add_days(t, FUTURE_SLACK_DAYS));
    date.get(..10) >= Some(EARLIEST) && limit.is_none_or(|limit| day <= limit)
}

/// Today as `YYYY-MM-DD` (UTC), the bound [`plausible`] checks against.
pub(super) fn today() -> String {
    calendar::day_of(calendar::now_seconds())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_compares_days_then_times_when_both_have_one() {
        assert!(later("2024-05-10", "2024-05-09T23:00"));
        assert!(later("2024-05-09T10:01", "2024-05-09T10:00:59"));
        assert!(!later("2024-05-09T10:00:30", "2024-05-09T10:00"));
        assert!(!later("2024-05-09", "2024-05-09T08:00"));
        assert!(!later("2024-05-08T23:00", "2024-05-09"));
        assert!(!later("", "2024-05-09") && !later("junk", "2024"));
    }

    #[test]
    fn future_and_prehistoric_dates_are_implausible() {
        let today = "2026-12-07";
        assert!(plausible("2026-12-07T23:00", today) && plausible("2026-12-08", today));
        assert!(!plausible("2026-12-09", today) && !plausible("2031-01-01", today));
        assert!(plausible("1995-01-01", today) && !plausible("1970-01-01T00:00", today));
        for junk in ["", "2026", "2026-13-01", "2026-02-30", "abcd-ef-gh", "2026-1é-01", "\u{0}"] {
            assert!(!plausible(junk, today), "{junk:?}");
        }
        // Without a readable today only the lower bound applies.
        assert!(plausible("2090-01-01", "") && !plausible("1990-01-01", ""));
    }
}
