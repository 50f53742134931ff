//! Structured data: what the JSON-LD blocks of a page say about its article (headline,
//! authors, dates, publisher) and its `articleBody`.
//!
//! Blocks are read leniently (HTML comments and raw control characters around or inside
//! the JSON are tolerated); only objects typed as an article count. It does not read
//! microdata or RDFa.

use serde_json::Value;

use super::bylines::{clean_text, push_names};
use crate::html::dom::Dom;

/// What the JSON-LD blocks of a page say about its article.
#[derive(Debug, Default)]
pub(super) struct JsonLd {
    pub headline: Option<String>,
    pub authors: Vec<String>,
    /// Organisations given as the article's author, and authors that are only the
    /// publisher's or site's name: the byline of last resort.
    pub org_authors: Vec<String>,
    pub published: Option<String>,
    /// `dateModified`: lets a shown date that is really the last update be told apart.
    pub modified: Option<String>,
    pub publisher: Option<String>,
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

pub(super) fn read(dom: &Dom) -> JsonLd {
    let mut out = JsonLd::default();
    let values: Vec<Value> = dom.head.jsonld.iter().filter_map(|raw| parse_json_lenient(raw)).collect();
    let people = people_by_id(&values);
    let site = dom.head.metas.iter().find(|(k, _)| k == "og:site_name").map(|(_, v)| clean_text(v));
    for value in &values {
        // Walk the whole value iteratively: objects may sit in arrays, `@graph`, or `mainEntity`.
        let mut stack: Vec<(&Value, usize)> = vec![(value, 0)];
        while let Some((v, depth)) = stack.pop() {
            if depth > 16 {
                continue;
            }
            match v {
                Value::Array(items) => stack.extend(items.iter().map(|i| (i, depth + 1))),
                Value::Object(map) => {
                    if is_article_type(map.get("@type")) {
                        read_article(map, &people, site.as_deref(), &mut out);
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
pub(in crate::html) fn article_body(dom: &Dom) -> Option<String> {
    for raw in dom.head.jsonld.iter().filter(|r| r.contains("\"articleBody\"")) {
        let Some(value) = parse_json_lenient(raw) else { continue };
        let mut stack: Vec<(&Value, usize)> = vec![(&value, 0)];
        while let Some((v, depth)) = stack.pop() {
            match v {
                Value::Array(items) if depth < 16 => stack.extend(items.iter().map(|i| (i, depth + 1))),
                Value::Object(map) if depth < 16 => {
                    if let (true, Some(body)) = (is_article_type(map.get("@type")), map.get("articleBody")) {
                        return body.as_str().map(crate::html::entities::decode);
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

/// A JSON-LD block parsed as leniently as pages need (comments around it, raw control characters).
pub(in crate::html) fn parse_json_lenient(raw: &str) -> Option<Value> {
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

/// Named nodes of the page's graphs by `@id`: an article's `"author": {"@id": ...}` names a
/// Person node elsewhere in the `@graph` (Yoast's layout). Top level and `@graph` only.
fn people_by_id(values: &[Value]) -> std::collections::HashMap<&str, &serde_json::Map<String, Value>> {
    let mut out = std::collections::HashMap::new();
    let mut stack: Vec<&Value> = values.iter().collect();
    let mut seen = 0;
    while let Some(v) = stack.pop() {
        seen += 1;
        if seen > 2_000 {
            break;
        }
        match v {
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(map) => {
                if let (Some(id), true) = (map.get("@id").and_then(Value::as_str), map.contains_key("name")) {
                    out.entry(id).or_insert(map);
                }
                if let Some(graph) = map.get("@graph") {
                    stack.push(graph);
                }
            }
            _ => {}
        }
    }
    out
}

type People<'a> = std::collections::HashMap<&'a str, &'a serde_json::Map<String, Value>>;

fn read_article(map: &serde_json::Map<String, Value>, people: &People<'_>, site: Option<&str>, out: &mut JsonLd) {
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
    let publisher = map.get("publisher").and_then(|p| match p {
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(clean_text),
        Value::String(s) => Some(clean_text(s)),
        _ => None,
    });
    if out.authors.is_empty() {
        if let Some(author) = map.get("author").or_else(|| map.get("creator")) {
            let mut names = Vec::new();
            collect_names(author, people, &mut names);
            // The publisher or site named as a person ("name": ", USA TODAY", a template
            // with the byline left empty) is not an author: a later article object may name one.
            let is_publisher =
                |n: &String| [publisher.as_deref(), site].into_iter().flatten().any(|p| p.eq_ignore_ascii_case(n));
            if names.iter().all(is_publisher) {
                // The byline of last resort, as an organisation is: other objects, meta tags or
                // the shown byline may name a person (a personal site named after its author
                // falls back to it).
                for name in names {
                    if !out.org_authors.contains(&name) {
                        out.org_authors.push(name);
                    }
                }
            } else {
                names.retain(|n| !is_publisher(n));
                out.authors = names;
            }
            collect_orgs(author, people, &mut out.org_authors);
        }
    }
    if out.publisher.is_none() {
        out.publisher = publisher;
    }
}

/// The names of the organisations in an `author` value (the people are [`collect_names`]'s).
fn collect_orgs(v: &Value, people: &People<'_>, out: &mut Vec<String>) {
    let items: Vec<&Value> = match v {
        Value::Array(items) => items.iter().take(20).collect(),
        other => vec![other],
    };
    for item in items {
        let Value::Object(o) = item else { continue };
        let o = match (o.get("name"), o.get("@id").and_then(Value::as_str).and_then(|id| people.get(id))) {
            (None, Some(node)) => *node,
            _ => o,
        };
        let organisation =
            o.get("@type").and_then(Value::as_str).is_some_and(|t| t.eq_ignore_ascii_case("organization"));
        if let (Some(name), true) = (o.get("name").and_then(Value::as_str), organisation) {
            // One name as written: "Center for Drug Evaluation and Research" is not two.
            let name = clean_text(name);
            if !name.is_empty() && name.len() < 100 && !out.contains(&name) {
                out.push(name);
            }
        }
    }
}

fn collect_names(v: &Value, people: &People<'_>, out: &mut Vec<String>) {
    match v {
        Value::String(s) => push_names(s, out),
        Value::Object(o) => {
            // A reference (`{"@id": ...}` and no name): the node it names.
            let o = match (o.get("name"), o.get("@id").and_then(Value::as_str).and_then(|id| people.get(id))) {
                (None, Some(node)) => *node,
                _ => o,
            };
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
                    collect_names(item, people, out);
                }
            }
        }
        _ => {}
    }
}
