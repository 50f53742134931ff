//! A live blog's entries, each with its own time: read from the page's markup and
//! placed in the clean text.
//!
//! Three signals, the first that yields an entry wins: schema.org `LiveBlogPosting`
//! JSON-LD (`liveBlogUpdate` items with `datePublished`, `headline`, `articleBody`),
//! microdata (`itemprop="liveBlogUpdate"` elements with a `<time datetime>`), then
//! markup alone (sibling containers under one parent, at least two of them, each holding
//! a `<time datetime>` and some text). An entry with no machine-readable time is
//! skipped: visible time lines ("10:42 GMT", "3 hours ago") are not read, as their day
//! and zone are guesses. [`place`] finds each entry's words in the clean text; an entry
//! whose text the clean stage dropped keeps its time and headline but gets no span.
//!
//! It runs only on pages typed as live blogs (the caller's gate), reads the tree the
//! clean stage already built, and never changes the text.

mod place;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use newsgraph_model::{DateSource, LiveEntry, Published};
use serde_json::Value;

use super::dom::{collapse, Dom, Tag, NONE};
use super::entities;
use crate::dates::parse_date;

/// Most entries read from one page: a hostile page cannot make the record grow without end.
const MAX_ENTRIES: usize = 1000;
/// Most of a markup entry's text that may be link text: more is a teaser, not an update.
const MAX_LINK_DENSITY: f32 = 0.5;
/// Parents of dated containers weighed as the entries' list.
const MAX_CANDIDATES: usize = 4;
/// Entries of each candidate looked for in the text to weigh it.
const IN_TEXT_SAMPLE: usize = 20;
/// Deepest JSON-LD nesting walked.
const MAX_JSON_DEPTH: usize = 16;

/// An entry as the page gives it, before it is placed in the text.
#[derive(Debug, Clone, PartialEq)]
struct Given {
    published: Published,
    headline: Option<String>,
    /// The entry's text, whitespace collapsed: the words [`place`] looks for.
    body: String,
}

/// The entries of a live-blog page, in page order, placed in `text` (the record's clean text).
pub(crate) fn read(dom: &Dom, text: &str) -> Vec<LiveEntry> {
    let mut given = from_jsonld(dom);
    if given.is_empty() {
        given = from_microdata(dom);
    }
    if given.is_empty() {
        given = from_markup(dom, text);
    }
    // A page may repeat its JSON-LD (head and body): one update is one entry.
    let mut seen = HashSet::new();
    given.retain(|g| seen.insert((g.published.value.clone(), g.headline.clone(), g.body.clone())));
    given.truncate(MAX_ENTRIES);
    place::place(given, text)
}

/// `liveBlogUpdate` items of `LiveBlogPosting` objects in the page's JSON-LD.
fn from_jsonld(dom: &Dom) -> Vec<Given> {
    let mut out = Vec::new();
    // The substring test keeps the parse off every block that cannot hold entries.
    for raw in dom.head.jsonld.iter().filter(|r| r.contains("liveBlogUpdate")) {
        let Some(value) = super::meta::parse_json_lenient(raw) else { continue };
        let mut stack: Vec<(&Value, usize)> = vec![(&value, 0)];
        while let Some((v, depth)) = stack.pop() {
            match v {
                Value::Array(items) if depth < MAX_JSON_DEPTH => {
                    // Reversed: the stack pops them in page order.
                    stack.extend(items.iter().rev().map(|i| (i, depth + 1)));
                }
                Value::Object(map) if depth < MAX_JSON_DEPTH => {
                    if let Some(updates) = map.get("liveBlogUpdate") {
                        let items = match updates {
                            Value::Array(items) => items.iter().collect(),
                            single => vec![single],
                        };
                        out.extend(items.into_iter().filter_map(jsonld_entry));
                    }
                    for key in ["@graph", "mainEntity"] {
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

/// One `liveBlogUpdate` item; `None` when it gives no date.
fn jsonld_entry(item: &Value) -> Option<Given> {
    let map = item.as_object()?;
    let text = |key: &str| map.get(key).and_then(Value::as_str).map(plain_text).filter(|s| !s.is_empty());
    let raw_date = map.get("datePublished").or_else(|| map.get("dateCreated")).and_then(Value::as_str)?;
    let value = parse_date(raw_date)?;
    Some(Given {
        published: Published { value, from: DateSource::Jsonld },
        headline: text("headline").or_else(|| text("name")),
        body: text("articleBody").or_else(|| text("text")).unwrap_or_default(),
    })
}

/// Structured-data text as a reader sees it: entities decoded, tags dropped, whitespace collapsed.
fn plain_text(raw: &str) -> String {
    let decoded = entities::decode(raw);
    if !decoded.contains('<') {
        return collapse(&decoded);
    }
    let mut out = String::with_capacity(decoded.len());
    let mut in_tag = false;
    let mut chars = decoded.chars().peekable();
    while let Some(c) = chars.next() {
        // A `<` opens a tag only before a name, `/` or `!`: "a < b" is text.
        let opens = c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!'));
        match c {
            '<' if opens => in_tag = true,
            // A tag's end separates words the way a block boundary would.
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    collapse(&out)
}

/// Elements marked `itemprop="liveBlogUpdate"`, outermost only.
fn from_microdata(dom: &Dom) -> Vec<Given> {
    let marked = |id: u32| dom.nodes.get(id as usize).is_some_and(|n| has_token(n.hints(), "liveblogupdate"));
    let mut out = Vec::new();
    for (id, node) in dom.nodes.iter().enumerate() {
        if node.element.is_none() || !has_token(node.hints(), "liveblogupdate") {
            continue;
        }
        let nested = ancestors(dom, id as u32).any(marked);
        if !nested {
            out.extend(container_entry(dom, id as u32));
        }
    }
    out
}

/// Sibling containers under one parent, each holding a `<time datetime>` and mostly text,
/// not links: the parent whose entries the clean text holds most of (at least two entries;
/// then the most entries, then the innermost parent) gives them. A sidebar of dated
/// teasers loses to the entries, as the clean stage dropped its text.
fn from_markup(dom: &Dom, text: &str) -> Vec<Given> {
    // Per parent, the distinct children that hold a dated `<time>`.
    let mut holders: HashMap<u32, Vec<u32>> = HashMap::new();
    let times =
        dom.nodes.iter().enumerate().filter(|(id, n)| n.tag == Tag::Time && time_value(dom, *id as u32).is_some());
    for (id, _) in times.take(2 * MAX_ENTRIES) {
        let mut child = id as u32;
        for parent in ancestors(dom, id as u32) {
            // Times come in document order and a subtree's nodes are contiguous, so a child
            // holding several times is seen in one run (a repeat would be deduplicated later).
            let children = holders.entry(parent).or_default();
            if children.last() != Some(&child) {
                children.push(child);
            }
            child = parent;
        }
    }
    // The few parents with most dated children are weighed; the rest would only cost time.
    let mut candidates: Vec<(u32, Vec<u32>)> = holders.into_iter().filter(|(_, c)| c.len() >= 2).collect();
    candidates.sort_unstable_by_key(|(parent, children)| std::cmp::Reverse((children.len(), *parent)));
    candidates.truncate(MAX_CANDIDATES);
    let best = candidates
        .into_iter()
        .map(|(parent, children)| {
            let entries: Vec<Given> = children
                .into_iter()
                .filter(|&c| dom.nodes.get(c as usize).is_some_and(|n| n.link_density() <= MAX_LINK_DENSITY))
                .filter_map(|c| container_entry(dom, c))
                .collect();
            let in_text = entries.iter().take(IN_TEXT_SAMPLE).filter(|e| place::is_in(text, &e.body)).count();
            (parent, entries, in_text)
        })
        .filter(|(_, entries, _)| entries.len() >= 2)
        .max_by_key(|(parent, entries, in_text)| (*in_text, entries.len(), *parent));
    best.map(|(_, entries, _)| entries).unwrap_or_default()
}

/// The entry an element holds: its first dated `<time>` (one marked `datePublished`
/// first), its first heading, and its paragraphs' text. `None` without a time or text.
fn container_entry(dom: &Dom, node: u32) -> Option<Given> {
    let inside = descendants(dom, node);
    let times: Vec<(u32, String)> =
        inside.iter().filter_map(|&id| time_value(dom, id).map(|value| (id, value))).collect();
    let (time_node, value) = times
        .iter()
        .find(|(id, _)| dom.nodes.get(*id as usize).is_some_and(|n| has_token(n.hints(), "datepublished")))
        .or_else(|| times.first())?
        .clone();
    let headline_node = inside
        .iter()
        .copied()
        .find(|&id| dom.nodes.get(id as usize).is_some_and(|n| n.tag.is_heading() || has_token(n.hints(), "headline")));
    let headline = headline_node.map(|id| dom.inner_text(id)).filter(|h| !h.is_empty() && h.len() < 400);
    // The entry's words: its paragraphs, else whatever text it has beside headline and time.
    let skip = |id: u32| [Some(time_node), headline_node].contains(&Some(id));
    let paras: Vec<String> = inside
        .iter()
        .copied()
        .filter(|&id| dom.nodes.get(id as usize).is_some_and(|n| matches!(n.tag, Tag::P | Tag::Blockquote | Tag::Li)))
        .filter(|&id| !ancestors(dom, id).take_while(|&a| a != node).any(skip))
        .map(|id| dom.inner_text(id))
        .filter(|t| !t.is_empty())
        .collect();
    let body = if paras.is_empty() {
        let mut all = dom.inner_text(node);
        for id in [Some(time_node), headline_node].into_iter().flatten() {
            let part = dom.inner_text(id);
            if !part.is_empty() {
                all = all.replacen(&part, " ", 1);
            }
        }
        collapse(&all)
    } else {
        paras.join(" ")
    };
    if body.chars().filter(|c| c.is_alphanumeric()).count() < 3 && headline.is_none() {
        return None;
    }
    Some(Given { published: Published { value, from: DateSource::Time }, headline, body })
}

/// The date of a `<time datetime>` element, when it reads as one.
fn time_value(dom: &Dom, id: u32) -> Option<String> {
    let node = dom.nodes.get(id as usize)?;
    if node.tag != Tag::Time {
        return None;
    }
    node.element.as_ref()?.link.as_deref().and_then(parse_date)
}

/// Whether a space-separated hint string holds `token` as a whole word.
fn has_token(hints: &str, token: &str) -> bool {
    hints.split(' ').any(|t| t == token)
}

/// The ancestors of a node, nearest first, the root excluded.
fn ancestors(dom: &Dom, id: u32) -> impl Iterator<Item = u32> + '_ {
    let parent_of = move |id: u32| dom.nodes.get(id as usize).map_or(NONE, |n| n.parent);
    std::iter::successors(Some(parent_of(id)), move |&p| Some(parent_of(p))).take_while(|&p| p != NONE && p != 0)
}

/// The nodes under `node`, in document order (the node itself excluded).
fn descendants(dom: &Dom, node: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut stack: Vec<u32> = dom.children(node).collect();
    stack.reverse();
    while let Some(id) = stack.pop() {
        out.push(id);
        let mark = stack.len();
        stack.extend(dom.children(id));
        stack[mark..].reverse();
    }
    out
}
