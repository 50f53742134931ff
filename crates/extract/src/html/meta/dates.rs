//! The dates a page gives outside its visible date lines: structured and meta-tag
//! published and modified dates, `<time>` elements, the URL and the page's scripts; and
//! the comparisons [`super::extract`] uses to rank a shown date against them (same day,
//! day and month swapped, the same moment read in another time zone).
//!
//! It does not pick the date: the ranking lives in [`super::extract`].

use newsgraph_model::calendar;
use newsgraph_model::{DateSource, Published};

use super::jsonld::JsonLd;
use crate::dates::{date_in_url, parse_date};
use crate::html::dom::{Dom, Tag};
use crate::html::visible_date::Shown;

/// The structured published date, and whether its timestamp names its time zone.
pub(super) fn published_structured(dom: &Dom, ld: &JsonLd) -> Option<(Published, bool)> {
    let found = |raw: &str, from: DateSource| parse_date(raw).map(|value| (Published { value, from }, has_zone(raw)));
    if let Some(p) = ld.published.as_deref().and_then(|raw| found(raw, DateSource::Jsonld)) {
        return Some(p);
    }
    const DATE_KEYS: [&str; 22] = [
        "article:published_time",
        "og:article:published_time",
        "og:published_time",
        "published_time",
        "datepublished",
        "article.published",
        "parsely-pub-date",
        "sailthru.date",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "published-date",
        "published_date",
        "dc.date.issued",
        "dc.date",
        "dcterms.created",
        "citation_publication_date",
        "citation_date",
        "citation_online_date",
        "published",
        "date",
    ];
    for key in DATE_KEYS {
        if let Some(p) = dom.head.metas.iter().filter(|(k, _)| k == key).find_map(|(_, v)| found(v, DateSource::Meta)) {
            return Some(p);
        }
    }
    None
}

/// Whether OpenGraph gives the publication time (`article:published_time`): across sites the
/// most reliable published signal, where JSON-LD `datePublished` alone is often a template's.
pub(super) fn og_published(dom: &Dom) -> bool {
    dom.head.metas.iter().any(|(k, v)| OG_PUBLISHED.contains(&k.as_str()) && parse_date(v).is_some())
}

/// The OpenGraph keys of the publication time.
/// `published_time` is the same tag when a page gives it a `name` beside its `property`.
const OG_PUBLISHED: [&str; 4] =
    ["article:published_time", "og:article:published_time", "og:published_time", "published_time"];

/// Whether a timestamp says which time zone its time is in: `Z`, `+01:00`, `-0500`, `GMT`,
/// `UTC` after the time of day (`2024-05-09T02:17:00Z`). Without one it is the site's own clock.
pub(super) fn has_zone(raw: &str) -> bool {
    let b = raw.as_bytes();
    let Some(colon) = b.windows(3).position(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit()) else {
        return false;
    };
    let mut j = colon + 1;
    while j < b.len() && (b[j].is_ascii_digit() || b[j] == b':' || b[j] == b'.') {
        j += 1;
    }
    let rest = raw.get(j..).unwrap_or("").trim_start();
    let rb = rest.as_bytes();
    match rb.first() {
        Some(b'Z' | b'z') => true,
        Some(b'+' | b'-') => rb.get(1).is_some_and(u8::is_ascii_digit),
        _ => rest.starts_with("GMT") || rest.starts_with("UTC"),
    }
}

/// Whether a shown date line should not outrank a structured date that differs from it:
/// the page labels the same date "Updated" elsewhere (the unlabelled line is the update,
/// shown twice), or the shown date is the structured one with day and month read the
/// other way round (`09.10.2024` is 10 September on a month-first site).
pub(super) fn shown_is_doubtful(shown: &Shown, structured: Option<&Published>) -> bool {
    let (Some(date), Some(structured)) = (shown.published.as_deref(), structured) else { return false };
    let (shown_day, other) = (day(date), day(&structured.value));
    if shown_day.is_none() || shown_day == other {
        return false;
    }
    let updated = shown.updated.as_deref().and_then(day);
    updated == shown_day || (!shown.published_written && swapped(date) == other)
}

/// Whether `date` can be `timestamp`'s calendar day in some time zone other than the one
/// it is written in: one day earlier when it is before noon, one day later after 10:00
/// (zones run from 12 hours behind to 14 ahead).
pub(super) fn same_moment(timestamp: &str, date: &str) -> bool {
    let days = |d: &str| calendar::day_prefix(d).map(calendar::days_since_epoch);
    let Some(hour) = timestamp.get(11..13).and_then(|h| h.parse::<u32>().ok()) else { return false };
    match days(timestamp).zip(days(date)).map(|(a, b)| a - b) {
        Some(1) => hour < 12,
        Some(-1) => hour >= 10,
        _ => false,
    }
}

/// The `YYYY-MM-DD` part of a date.
pub(super) fn day(date: &str) -> Option<String> {
    date.get(..10).map(str::to_string)
}

/// The date with day and month exchanged, when that is a date (`2024-10-09` → `2024-09-10`).
pub(super) fn swapped(date: &str) -> Option<String> {
    let (y, m, d) = (date.get(..4)?, date.get(5..7)?, date.get(8..10)?);
    (d.parse::<u32>().ok()? <= 12).then(|| format!("{y}-{d}-{m}"))
}

/// The last-modified date the page's structured data gives (day only).
pub(super) fn modified_structured(dom: &Dom, ld: &JsonLd) -> Option<String> {
    const KEYS: [&str; 4] = ["article:modified_time", "og:updated_time", "datemodified", "last-modified"];
    ld.modified
        .as_deref()
        .and_then(parse_date)
        .or_else(|| {
            KEYS.iter().find_map(|k| dom.head.metas.iter().filter(|(key, _)| key == k).find_map(|(_, v)| parse_date(v)))
        })
        .map(|d| d.chars().take(10).collect())
}

pub(super) fn published_other(dom: &Dom, url: Option<&str>) -> Option<Published> {
    let found = |value: Option<String>, from: DateSource| value.map(|value| Published { value, from });
    for node in &dom.nodes {
        if node.tag == Tag::Time {
            if let Some(p) =
                found(node.element.as_ref().and_then(|e| e.link.as_deref()).and_then(parse_date), DateSource::Time)
            {
                return Some(p);
            }
        }
    }
    if let Some(p) = found(url.and_then(date_in_url), DateSource::Url) {
        return Some(p);
    }
    None
}

/// Publication dates that scripts carry as plain keys (`"publishedDate": "2019-08-16"`),
/// outside any JSON-LD block: the page's own data layer. JSON held in an HTML attribute
/// (`data-props`, a `<meta content>`) writes its quotes as `&quot;`, and is read the same.
pub(super) fn script_date(html: &str) -> Option<Published> {
    const KEYS: [&str; 10] = [
        "datePublished",
        "publishedDate",
        "publishDate",
        "published_at",
        "publishedAt",
        "first_publication_date",
        "date_posted",
        "datePosted",
        "publish_date",
        "pubDate",
    ];
    let bytes = html.as_bytes();
    for key in KEYS {
        for at in memchr::memmem::find_iter(bytes, key.as_bytes()).take(4) {
            let rest = html.get(at + key.len()..(at + key.len() + 64).min(html.len()));
            let Some(rest) = rest.or_else(|| html.get(at + key.len()..)) else { continue };
            let value = trim_quotes(rest);
            let Some(value) = value.strip_prefix(':').or_else(|| value.strip_prefix('=')) else { continue };
            let value = trim_quotes(value);
            if value.starts_with(|c: char| c.is_ascii_digit()) {
                let mut end = value.len().min(40);
                while !value.is_char_boundary(end) {
                    end -= 1;
                }
                if let Some(value) = parse_date(&value[..end]) {
                    return Some(Published { value, from: DateSource::Meta });
                }
            }
        }
    }
    None
}

/// `s` without the quotes, escapes and spaces around a script value: `"`, `'`, `\`, and
/// the `&quot;` / `&#34;` an HTML attribute writes a quote as.
pub(super) fn trim_quotes(mut s: &str) -> &str {
    loop {
        let next = s.trim_start_matches(['"', '\\', '\'', ' ']);
        let next = next.strip_prefix("&quot;").or_else(|| next.strip_prefix("&#34;")).unwrap_or(next);
        if next.len() == s.len() {
            return s;
        }
        s = next;
    }
}
