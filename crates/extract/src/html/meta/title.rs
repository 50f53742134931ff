//! The title and the site: which visible headline the metadata confirms, else the
//! structured or meta-tag title with the site's name stripped; the `<h1>` where date
//! lines are looked for; and the site name of last resort, the URL's host.

use super::jsonld::JsonLd;
use crate::html::content::normalise;
use crate::html::dom::{Dom, Tag};

pub(super) fn meta_value<'a>(dom: &'a Dom, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| dom.head.metas.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str()))
}

pub(super) fn title(dom: &Dom, ld: &JsonLd, site: Option<&str>) -> Option<String> {
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
pub(super) fn strip_site_name(title: &str, site: Option<&str>) -> String {
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
pub(super) fn headline_node(dom: &Dom, title: Option<&str>) -> usize {
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

/// The host of a URL without `www.`: the site name of last resort.
pub fn domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host).to_ascii_lowercase();
    (!host.is_empty() && host.contains('.')).then_some(host)
}
