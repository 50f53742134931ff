//! Article metadata from what a page says about itself: JSON-LD, meta tags,
//! `<title>`, headings, `<time>`, bylines, and the URL.
//!
//! Each field takes the most reliable source that has it: structured data
//! (JSON-LD) first, then meta tags, then visible markup, then the URL. For the
//! date, a line shown under the headline in date markup (or spelled out after no more
//! than a byline's worth of text) outranks structured data unless the page labels the
//! same date "Updated" elsewhere or it is the structured date read day-for-month; so
//! does a line that says "Published" on a day before a structured date stamped on the
//! last save, and an "Updated" line dated before every structured date. A last-modified
//! date is the last resort. It does not look at the body text beyond bylines and date
//! lines marked up as such.

use newsgraph_model::{DateSource, Published};
use serde_json::Value;

use super::content::normalise;
use super::dom::{Dom, Tag};
use super::hints::Hint;
use crate::dates::{date_in_url, parse_date};

#[derive(Debug, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<Published>,
    pub site: Option<String>,
}

/// What the JSON-LD blocks of a page say about its article.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    /// `dateModified`: lets a shown date that is really the last update be told apart.
    modified: Option<String>,
    publisher: Option<String>,
}

const ARTICLE_TYPES: [&str; 10] = [
    "newsarticle",
    "article",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "scholarlyarticle",
    "techarticle",
];

fn jsonld(dom: &Dom) -> JsonLd {
    let mut out = JsonLd::default();
    for raw in &dom.head.jsonld {
        let Some(value) = parse_json_lenient(raw) else { continue };
        // Walk the whole value iteratively: objects may sit in arrays, `@graph`, or `mainEntity`.
        let mut stack: Vec<(&Value, usize)> = vec![(&value, 0)];
        while let Some((v, depth)) = stack.pop() {
            if depth > 16 {
                continue;
            }
            match v {
                Value::Array(items) => stack.extend(items.iter().map(|i| (i, depth + 1))),
                Value::Object(map) => {
                    if is_article_type(map.get("@type")) {
                        read_article(map, &mut out);
                    }
                    for key in ["@graph", "mainEntity", "mainEntityOfPage", "itemListElement"] {
                        if let Some(inner) = map.get(key) {
                            stack.push((inner, depth + 1));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The `articleBody` of the page's first JSON-LD article, entities decoded.
pub(super) fn article_body(dom: &Dom) -> Option<String> {
    for raw in dom.head.jsonld.iter().filter(|r| r.contains("\"articleBody\"")) {
        let Some(value) = parse_json_lenient(raw) else { continue };
        let mut stack: Vec<(&Value, usize)> = vec![(&value, 0)];
        while let Some((v, depth)) = stack.pop() {
            match v {
                Value::Array(items) if depth < 16 => stack.extend(items.iter().map(|i| (i, depth + 1))),
                Value::Object(map) if depth < 16 => {
                    if let (true, Some(body)) = (is_article_type(map.get("@type")), map.get("articleBody")) {
                        return body.as_str().map(super::entities::decode);
                    }
                    if let Some(inner) = map.get("@graph").or_else(|| map.get("mainEntity")) {
                        stack.push((inner, depth + 1));
                    }
                }
                _ => {}
            }
        }
    }
    None
}

fn parse_json_lenient(raw: &str) -> Option<Value> {
    let trimmed = raw.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
    if let Ok(v) = serde_json::from_str(trimmed) {
        return Some(v);
    }
    // Raw newlines and tabs inside strings are the usual fault; JSON allows them outside strings as spaces.
    let cleaned: String = trimmed.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    serde_json::from_str(&cleaned).ok()
}

fn is_article_type(t: Option<&Value>) -> bool {
    let matches = |s: &str| ARTICLE_TYPES.contains(&s.to_ascii_lowercase().as_str());
    match t {
        Some(Value::String(s)) => matches(s),
        Some(Value::Array(a)) => a.iter().any(|v| v.as_str().is_some_and(matches)),
        _ => false,
    }
}

fn read_article(map: &serde_json::Map<String, Value>, out: &mut JsonLd) {
    if out.headline.is_none() {
        out.headline = map.get("headline").or_else(|| map.get("name")).and_then(Value::as_str).map(clean_text);
    }
    if out.published.is_none() {
        out.published =
            map.get("datePublished").or_else(|| map.get("dateCreated")).and_then(Value::as_str).map(str::to_string);
    }
    if out.modified.is_none() {
        out.modified = map.get("dateModified").and_then(Value::as_str).map(str::to_string);
    }
    if out.authors.is_empty() {
        if let Some(author) = map.get("author").or_else(|| map.get("creator")) {
            collect_names(author, &mut out.authors);
        }
    }
    if out.publisher.is_none() {
        out.publisher = map.get("publisher").and_then(|p| match p {
            Value::Object(o) => o.get("name").and_then(Value::as_str).map(clean_text),
            Value::String(s) => Some(clean_text(s)),
            _ => None,
        });
    }
}

fn collect_names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => push_names(s, out),
        Value::Object(o) => {
            // An organisation as author is the publisher, not a byline.
            let organisation =
                o.get("@type").and_then(Value::as_str).is_some_and(|t| t.eq_ignore_ascii_case("organization"));
            if let (Some(name), false) = (o.get("name").and_then(Value::as_str), organisation) {
                push_names(name, out);
            }
        }
        Value::Array(items) => {
            for item in items.iter().take(20) {
                if matches!(item, Value::String(_) | Value::Object(_)) {
                    collect_names(item, out);
                }
            }
        }
        _ => {}
    }
}

fn clean_text(s: &str) -> String {
    super::dom::collapse(&super::entities::decode(s))
}

/// Splits a byline into names: "By A and B", "A, B & C", "A | Reuters".
pub fn push_names(raw: &str, out: &mut Vec<String>) {
    let raw = clean_text(raw);
    if raw.contains("://") || raw.starts_with('@') || raw.len() > 200 {
        return;
    }
    let mut s = raw.as_str();
    for prefix in ["by ", "von ", "par ", "por ", "di ", "door ", "av ", "af ", "written by ", "posted by "] {
        if s.len() > prefix.len() && s.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix)) {
            s = &s[prefix.len()..];
            break;
        }
    }
    for part in s.split([',', '&', '|', ';', '/', '\n']).flat_map(|p| p.split(" and ")).flat_map(|p| p.split(" und ")) {
        let name = part.trim().trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'');
        let words = name.split_whitespace().count();
        if name.is_empty() || words > 6 || name.chars().count() > 60 || name.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let lower = name.to_lowercase();
        if matches!(
            lower.as_str(),
            "staff"
                | "admin"
                | "editor"
                | "reuters"
                | "ap"
                | "afp"
                | "updated"
                | "published"
                | "by"
                | "the author"
                | "author"
                | "posted"
                | "written"
        ) {
            continue;
        }
        if !out.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            out.push(name.to_string());
        }
    }
}

fn meta_value<'a>(dom: &'a Dom, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| dom.head.metas.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str()))
}

/// Score from which a date line shown near the headline outranks structured data: a
/// date-marked element or `<time>` within about 150 nodes of the headline.
const SHOWN_DATE_FIRST: f32 = 1.0;
/// Score from which a spelled-out date line outranks structured data without date markup:
/// it stands within about fifteen nodes under the headline, where bylines put the date.
const SHOWN_DATE_UNDER_HEADLINE: f32 = -0.1;
/// Most characters of text between the headline and a spelled-out date line that still
/// stands under it: a byline's name, reading time and share labels, not a paragraph of the
/// body. Deep markup puts many nodes in a short byline, so this counts text, not nodes.
const SHOWN_DATE_TEXT_GAP: u32 = 150;

pub fn extract(dom: &Dom, html: &str, url: Option<&str>) -> Meta {
    let ld = jsonld(dom);
    let site = meta_value(dom, &["og:site_name", "application-name"])
        .map(str::to_string)
        .or_else(|| ld.publisher.clone())
        .or_else(|| url.and_then(domain));
    let title = title(dom, &ld, site.as_deref());
    let authors = authors(dom, &ld);
    let headline = headline_node(dom, title.as_deref());
    let shown = super::visible_date::find(dom, headline);
    let shown_date = |d: &Option<String>| d.clone().map(|value| Published { value, from: DateSource::Text });
    // A date line set out under the headline in date markup is what the page tells its
    // readers; structured data is often the template's (a site launch, a re-index).
    // Otherwise structured data first, the shown published date, `<time>`, the URL, the
    // page's own scripts, a date in a side column, and last a date shown only as "updated".
    let (structured, zoned) = match published_structured(dom, &ld) {
        Some((p, zoned)) => (Some(p), zoned),
        None => (None, false),
    };
    let url_date = url.and_then(date_in_url).map(|value| Published { value, from: DateSource::Url });
    let doubtful = shown_is_doubtful(&shown, structured.as_ref()) || shown_is_doubtful(&shown, url_date.as_ref());
    // A spelled-out shown date that structured data gives with day and month swapped: the
    // structured one was written the wrong way round.
    let swapped_structured = shown.published_written
        && structured.as_ref().zip(shown.published.as_deref()).is_some_and(|(s, d)| swapped(d) == day(&s.value));
    // A shown date a day off a structured timestamp can be the same moment read in the
    // reader's time zone ("December 9" for 02:17 UTC on the 10th): then the timestamp is the
    // exact one, unless the URL dates the page as shown (the site's own calendar day).
    let url_agrees = url_date.as_ref().zip(shown.published.as_deref()).is_some_and(|(u, d)| day(&u.value) == day(d));
    let shown_same_moment = !url_agrees
        && structured.as_ref().zip(shown.published.as_deref()).is_some_and(|(s, d)| same_moment(&s.value, d));
    let shown_first = shown.published_score >= SHOWN_DATE_FIRST
        || (shown.published_written
            && (shown.published_score >= SHOWN_DATE_UNDER_HEADLINE
                || shown.published_gap.is_some_and(|g| g <= SHOWN_DATE_TEXT_GAP)));
    // Structured data whose published day is its modified day stamps the last save: a line
    // that says in words it was published on an earlier day dates the first publication.
    let modified = modified_structured(dom, &ld);
    let resaved = structured.as_ref().zip(modified.as_deref()).is_some_and(|(s, m)| day(&s.value) == day(m));
    let stated_earlier = resaved
        && shown.published_stated
        && shown.published_written
        && !shown_same_moment
        && structured.as_ref().zip(shown.published.as_deref()).is_some_and(|(s, d)| day(d) < day(&s.value));
    let confident = ((shown_first && !doubtful && !shown_same_moment) || swapped_structured || stated_earlier)
        .then(|| shown_date(&shown.published))
        .flatten();
    // No article is updated before it is published: an "Updated" line by the headline dated
    // before the structured published and modified days shows both are a later re-save,
    // unless it is the same moment read in another zone, which only a timestamp that names
    // its zone can be. The earliest date the page shows is then the better one. (A modified
    // day before the published one, as the page shows it, is a post scheduled after its
    // last edit: the published day stands.)
    let updated_before = shown.updated_score >= SHOWN_DATE_FIRST
        && structured.as_ref().zip(shown.updated.as_deref()).is_some_and(|(s, u)| {
            day(u) < day(&s.value)
                && modified.as_deref().is_none_or(|m| day(u) < day(m))
                && !(zoned && same_moment(&s.value, u))
        });
    let earliest_shown = updated_before
        .then(|| match (&shown.published, &shown.updated) {
            (Some(p), Some(u)) if day(p) <= day(u) => shown_date(&shown.published),
            _ => shown_date(&shown.updated),
        })
        .flatten();
    let structured = if doubtful { structured.or(url_date) } else { structured };
    // A note that the article was first published elsewhere names the original date.
    let original =
        super::visible_date::originally_published(dom).map(|value| Published { value, from: DateSource::Text });
    let published = original
        .or(confident)
        .or(earliest_shown)
        .or(structured)
        .or_else(|| shown_date(&shown.published))
        .or_else(|| published_other(dom, url))
        .or_else(|| script_date(html))
        .or_else(|| shown_date(&shown.side))
        .or_else(|| shown_date(&shown.updated))
        // Last, the date the page was last changed: no page is older than its last edit.
        .or_else(|| modified.map(|value| Published { value, from: DateSource::Meta }));
    Meta { title, authors, published, site }
}

fn title(dom: &Dom, ld: &JsonLd, site: Option<&str>) -> Option<String> {
    let og = meta_value(dom, &["og:title", "twitter:title", "headline", "dc.title"]).map(str::to_string);
    let tag_title = dom.head.title.clone();
    let references: Vec<String> =
        [og.as_deref(), ld.headline.as_deref(), tag_title.as_deref()].into_iter().flatten().map(normalise).collect();
    let h1s = headings(dom, Tag::H1, 8);
    // A visible headline that the metadata confirms is the best title.
    for h in &h1s {
        let key = normalise(h);
        if !key.is_empty() && references.iter().any(|r| r == &key || (r.starts_with(&key) && key.len() * 2 > r.len())) {
            return Some(h.clone());
        }
    }
    // Otherwise a visible headline that shares most of its words with the metadata titles:
    // sites shorten or reword `og:title` and `<title>` for search, the page shows the real one.
    let reference_words: Vec<&str> = references.iter().flat_map(|r| r.split(' ')).collect();
    for h in &h1s {
        let key = normalise(h);
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        if words.len() < 2 {
            continue;
        }
        let shared = words.iter().filter(|w| reference_words.contains(w)).count();
        if shared * 2 >= words.len() {
            return Some(h.clone());
        }
    }
    let strip_site = |t: &str| -> String { strip_site_name(t, site) };
    if let Some(t) = ld.headline.as_deref().or(og.as_deref()).filter(|t| !t.is_empty()) {
        return Some(strip_site(t));
    }
    if let Some(t) = tag_title.as_deref().filter(|t| !t.is_empty()) {
        let stripped = strip_site(t);
        if stripped != t {
            return Some(stripped);
        }
        return Some(longest_segment(t));
    }
    h1s.into_iter().next()
}

/// Drops a " | Site" or "Site - " part from a title.
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    const SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " » ", " · "];
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail_key = normalise(tail);
            let site_key = site.map(normalise).unwrap_or_default();
            let looks_like_site = (!site_key.is_empty() && (tail_key == site_key || site_key.contains(&tail_key)))
                || (tail.split_whitespace().count() <= 3 && head.split_whitespace().count() >= 4);
            if looks_like_site && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
        if let (Some((head, tail)), Some(site)) = (title.split_once(sep), site) {
            if normalise(head) == normalise(site) && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

fn longest_segment(title: &str) -> String {
    let mut marked = title.to_string();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " » "] {
        marked = marked.replace(sep, "\u{1}");
    }
    marked.split('\u{1}').max_by_key(|s| s.len()).unwrap_or(title).trim().to_string()
}

/// The `<h1>` that shows the title (else the first `<h1>`, else the root): where date lines are looked for.
fn headline_node(dom: &Dom, title: Option<&str>) -> usize {
    let key = title.map(normalise).unwrap_or_default();
    let mut first = None;
    for (i, node) in dom.nodes.iter().enumerate() {
        if node.tag != Tag::H1 || node.chars == 0 {
            continue;
        }
        if !key.is_empty() && node.chars < 400 && normalise(&dom.inner_text(i as u32)) == key {
            return i;
        }
        first.get_or_insert(i);
    }
    first.unwrap_or(0)
}

/// Texts of the first `limit` visible headings of a level, outside navigation.
fn headings(dom: &Dom, tag: Tag, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (i, node) in dom.nodes.iter().enumerate() {
        if node.tag == tag && !node.hidden() && node.chars > 0 {
            let text = dom.inner_text(i as u32);
            if !text.is_empty() && text.chars().count() < 300 {
                out.push(text);
                if out.len() >= limit {
                    break;
                }
            }
        }
    }
    out
}

fn authors(dom: &Dom, ld: &JsonLd) -> Vec<String> {
    let mut out = Vec::new();
    if !ld.authors.is_empty() {
        out.extend(ld.authors.iter().cloned());
        return out;
    }
    for key in ["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "citation_author"]
    {
        for (k, v) in &dom.head.metas {
            if k == key {
                push_names(v, &mut out);
            }
        }
        if !out.is_empty() {
            return out;
        }
    }
    // Visible bylines: `rel=author` links, then elements named byline/author.
    for (i, node) in dom.nodes.iter().enumerate() {
        if node.tag == Tag::A
            && node.element.as_ref().and_then(|e| e.extra.as_deref()).is_some_and(|r| r.contains("author"))
        {
            push_names(&dom.inner_text(i as u32), &mut out);
        }
    }
    if !out.is_empty() {
        return out;
    }
    for (i, node) in dom.nodes.iter().enumerate() {
        if node.element.is_none() || node.chars == 0 || node.chars > 120 {
            continue;
        }
        let h = node.hints();
        if (h.contains("byline") || h.contains("author")) && !h.contains("bio") && node.hint() != Hint::Hidden {
            let text = dom.inner_text(i as u32);
            push_names(&text, &mut out);
            if !out.is_empty() {
                break;
            }
        }
    }
    out
}

/// The structured published date, and whether its timestamp names its time zone.
fn published_structured(dom: &Dom, ld: &JsonLd) -> Option<(Published, bool)> {
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

/// Whether a timestamp says which time zone its time is in: `Z`, `+01:00`, `-0500`, `GMT`,
/// `UTC` after the time of day (`2024-05-09T02:17:00Z`). Without one it is the site's own clock.
fn has_zone(raw: &str) -> bool {
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
fn shown_is_doubtful(shown: &super::visible_date::Shown, structured: Option<&Published>) -> bool {
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
fn same_moment(timestamp: &str, date: &str) -> bool {
    let days = |d: &str| -> Option<i64> {
        let (y, m, d) = (d.get(..4)?.parse().ok()?, d.get(5..7)?.parse().ok()?, d.get(8..10)?.parse().ok()?);
        Some(newsgraph_model::calendar::days_from_civil(y, m, d))
    };
    let Some(hour) = timestamp.get(11..13).and_then(|h| h.parse::<u32>().ok()) else { return false };
    match days(timestamp).zip(days(date)).map(|(a, b)| a - b) {
        Some(1) => hour < 12,
        Some(-1) => hour >= 10,
        _ => false,
    }
}

/// The `YYYY-MM-DD` part of a date.
fn day(date: &str) -> Option<String> {
    date.get(..10).map(str::to_string)
}

/// The date with day and month exchanged, when that is a date (`2024-10-09` → `2024-09-10`).
fn swapped(date: &str) -> Option<String> {
    let (y, m, d) = (date.get(..4)?, date.get(5..7)?, date.get(8..10)?);
    (d.parse::<u32>().ok()? <= 12).then(|| format!("{y}-{d}-{m}"))
}

/// The last-modified date the page's structured data gives (day only).
fn modified_structured(dom: &Dom, ld: &JsonLd) -> Option<String> {
    const KEYS: [&str; 4] = ["article:modified_time", "og:updated_time", "datemodified", "last-modified"];
    ld.modified
        .as_deref()
        .and_then(parse_date)
        .or_else(|| {
            KEYS.iter().find_map(|k| dom.head.metas.iter().filter(|(key, _)| key == k).find_map(|(_, v)| parse_date(v)))
        })
        .map(|d| d.chars().take(10).collect())
}

fn published_other(dom: &Dom, url: Option<&str>) -> Option<Published> {
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
fn script_date(html: &str) -> Option<Published> {
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
fn trim_quotes(mut s: &str) -> &str {
    loop {
        let next = s.trim_start_matches(['"', '\\', '\'', ' ']);
        let next = next.strip_prefix("&quot;").or_else(|| next.strip_prefix("&#34;")).unwrap_or(next);
        if next.len() == s.len() {
            return s;
        }
        s = next;
    }
}

/// The host of a URL without `www.`: the site name of last resort.
pub fn domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host).to_ascii_lowercase();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonld_then_meta_then_url() {
        let dom = Dom::parse(
            r#"<head><title>Big news happens today - The Daily</title>
            <meta property="og:site_name" content="The Daily">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"Big news happens today",
            "datePublished":"2021-12-30T16:06:00+01:00","author":[{"@type":"Person","name":"Jane Roe"},{"name":"John Doe"}]}]}</script>
            </head><body><h1>Big news happens today</h1></body>"#,
        );
        let meta = extract(&dom, "", Some("https://www.daily.example/2020/01/02/x"));
        assert_eq!(meta.title.as_deref(), Some("Big news happens today"));
        assert_eq!(meta.authors, vec!["Jane Roe".to_string(), "John Doe".to_string()]);
        assert_eq!(meta.site.as_deref(), Some("The Daily"));
        let published = meta.published.unwrap_or(Published { value: String::new(), from: DateSource::Text });
        assert_eq!(published.from, DateSource::Jsonld);
        assert!(published.value.starts_with("2021-12-30"));
        assert_eq!(date_in_url("https://x.example/2020/01/02/slug").as_deref(), Some("2020-01-02"));
        assert_eq!(date_in_url("https://x.example/blog/2023/october/03/slug").as_deref(), Some("2023-10-03"));
        assert_eq!(date_in_url("https://x.example/blog/2023/maybe/03/slug"), None);
    }

    fn date_of(html: &str, url: Option<&str>) -> Option<String> {
        let dom = Dom::parse(html);
        extract(&dom, html, url).published.map(|p| p.value.chars().take(10).collect())
    }

    #[test]
    fn a_byline_date_under_the_headline_outranks_structured_data_unless_it_is_the_same_moment() {
        let head = r#"<head><meta property="article:published_time" content="2024-05-09T02:17:00+00:00"></head>"#;
        // Spelled out just under the headline: the page's own date.
        let page = format!("{head}<body><h1>Talks resume in Geneva</h1><div><span>16 December 2025</span></div><p>Talks went on.</p></body>");
        assert_eq!(date_of(&page, None).as_deref(), Some("2025-12-16"));
        // Far below it, without date markup: structured data wins.
        let filler = "<div><p>Talks went on.</p></div>".repeat(40);
        let page = format!(
            "{head}<body><h1>Talks resume in Geneva</h1>{filler}<div><span>16 December 2025</span></div></body>"
        );
        assert_eq!(date_of(&page, None).as_deref(), Some("2024-05-09"));
        // The evening before in the reader's zone: the timestamp is exact.
        let page = format!("{head}<body><h1>Talks resume in Geneva</h1><div class='date'>May 8, 2024</div></body>");
        assert_eq!(date_of(&page, None).as_deref(), Some("2024-05-09"));
        // ... unless the URL dates the page as shown.
        assert_eq!(date_of(&page, Some("https://x.example/2024/05/08/talks")).as_deref(), Some("2024-05-08"));
    }

    #[test]
    fn more_meta_names_and_the_original_publication_note() {
        let page = r#"<head><meta name="published-date" content="2021-02-16"></head><body><h1>Talks</h1></body>"#;
        assert_eq!(date_of(page, None).as_deref(), Some("2021-02-16"));
        let page = r#"<head><meta name="published-date" content="2022-09-30"></head><body><h1>Talks</h1>
            <p>Talks went on.</p><p>This article was originally published on 26 Sep 2019 at 4:12pm.</p></body>"#;
        assert_eq!(date_of(page, None).as_deref(), Some("2019-09-26"));
    }

    #[test]
    fn bylines_split_into_names() {
        let mut names = Vec::new();
        push_names("By Jane Roe and John Doe, Reuters", &mut names);
        assert_eq!(names, vec!["Jane Roe", "John Doe"]);
        assert_eq!(strip_site_name("Markets rally on rate hopes | Example News", None), "Markets rally on rate hopes");
    }

    #[test]
    fn a_spelled_out_date_after_a_short_byline_under_the_headline_outranks_structured_data() {
        let head = r#"<head><meta property="article:published_time" content="2024-08-07T12:01:51Z"></head>"#;
        // Many wrapper nodes but little text between the headline and the date: the byline.
        let wrappers = "<div><div><span></span></div></div>".repeat(20);
        let page = format!(
            "{head}<body><h1>Lessons from a failed start-up</h1>{wrappers}<div><span>Jo Roe</span> \
             <span>7 min read</span> <span>Dec 30, 2013</span></div><p>Talks went on.</p></body>"
        );
        assert_eq!(date_of(&page, None).as_deref(), Some("2013-12-30"));
        // A paragraph of the body in between: structured data wins.
        let body =
            "<p>Talks went on for a long while in the capital after the pause, and then they stopped.</p>".repeat(3);
        let page = format!(
            "{head}<body><h1>Lessons from a failed start-up</h1>{wrappers}{body}<div><span>Dec 30, 2013</span></div></body>"
        );
        assert_eq!(date_of(&page, None).as_deref(), Some("2024-08-07"));
    }

    #[test]
    fn an_update_shown_before_the_structured_publication_dates_the_page() {
        // A zone-less timestamp is the site's own clock: the shown day before it is another day,
        // and an article is not updated before it is published.
        let head = r#"<head><script type="application/ld+json">{"@type":"Article","datePublished":"2025-11-13 09:21:40",
            "dateModified":"2025-11-13 09:21:40"}</script></head>"#;
        let page = format!(
            "{head}<body><h1>Eat well on a budget</h1><div class='page-date'><span>Page updated:</span> \
             <span class='date'>12 November 2025</span></div><p>Talks went on.</p></body>"
        );
        assert_eq!(date_of(&page, None).as_deref(), Some("2025-11-12"));
        // With a zone the shown day can be the same moment read in the reader's zone.
        let head = r#"<head><meta property="article:published_time" content="2025-11-13T01:21:40+00:00"></head>"#;
        let page = format!(
            "{head}<body><h1>Eat well on a budget</h1><div class='date'>Updated 12 November 2025</div><p>Talks went on.</p></body>"
        );
        assert_eq!(date_of(&page, None).as_deref(), Some("2025-11-13"));
        assert!(
            has_zone("2025-11-13T01:21:40+00:00") && has_zone("2025-11-13T01:21Z") && has_zone("Nov 13, 2025 1:21 GMT")
        );
        assert!(!has_zone("2025-11-13 09:21:40") && !has_zone("2025-11-13") && !has_zone("13/11/2025 09:21"));
    }

    #[test]
    fn a_line_that_says_published_earlier_outranks_a_structured_date_stamped_on_the_last_save() {
        let head = r#"<head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-11-29T12:28:31-05:00",
            "dateModified":"2025-11-29T12:28:31-05:00"}</script></head>"#;
        let filler = "<div><p>Talks went on for a long while in the capital after the pause.</p></div>".repeat(120);
        let page = format!(
            "{head}<body><h1>Free tools for small firms</h1>{filler}<div class='post-info'>Published \
             <time datetime='2025-08-13'>August 13, 2025</time></div></body>"
        );
        assert_eq!(date_of(&page, None).as_deref(), Some("2025-08-13"));
        // Not said in words: structured data wins.
        let page = format!(
            "{head}<body><h1>Free tools for small firms</h1>{filler}<div class='post-info'>\
             <time datetime='2025-08-13'>August 13, 2025</time></div></body>"
        );
        assert_eq!(date_of(&page, None).as_deref(), Some("2025-11-29"));
    }

    #[test]
    fn script_dates_in_html_attributes_are_read() {
        let page = r#"<head><meta name="page-data" content="{&quot;@type&quot;:&quot;Article&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}"></head>
            <body><h1>A guide to electric cars</h1><p>Talks went on.</p></body>"#;
        assert_eq!(date_of(page, None).as_deref(), Some("2025-11-17"));
        assert_eq!(trim_quotes(r#"\"&quot;&#34; 2025"#), "2025");
        // A multi-byte character where the value is cut does not split it.
        let page = "<body><script>var d = {\"publishDate\": \"2019-08-16 ééééééééééééééééééééééé\"}</script></body>";
        assert_eq!(date_of(page, None).as_deref(), Some("2019-08-16"));
    }
}
