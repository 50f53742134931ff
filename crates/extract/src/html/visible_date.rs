//! The dates a page shows its readers: date lines near the headline.
//!
//! Many pages carry no structured date, or a structured one that the
//! template got wrong, yet print "Published April 7, 2025" or a bare
//! "December 24, 2024" under the headline. [`find`] looks at short blocks and
//! `<time>` elements outside navigation, page footers, comments and cards that
//! link to other pages, reads a date
//! from each, tells published from updated by the words and class names
//! around it, and ranks them by how date-like the block is and how close it
//! stands to the headline. It does not read dates out of running prose.

use super::dom::{Dom, Tag};
use super::hints::Hint;
use crate::dates::{parse_date, parse_date_in, Order};
use newsgraph_model::RemovalReason;

/// The best published (or unlabelled) date and the best updated date a page shows.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Shown {
    pub published: Option<String>,
    /// How date-like and near the headline the published date line is.
    pub published_score: f32,
    /// The published date is unambiguous: its month is spelled out, or a `<time datetime>` gives it.
    pub published_written: bool,
    /// The published date line says so in words ("Published", "Posted on"), not only in class names.
    pub published_stated: bool,
    /// Characters of text between the headline and the published date line, when it follows it.
    pub published_gap: Option<u32>,
    pub updated: Option<String>,
    /// How date-like and near the headline the updated date line is.
    pub updated_score: f32,
    /// A published date shown in a side column beside the article (`<aside>`, a "sidebar"):
    /// the page's own date on some templates, another page's on others, so only a fallback.
    pub side: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Published,
    Updated,
    None,
}

/// Most candidate blocks examined: dates sit near the top, hostile pages stay cheap.
const MAX_CANDIDATES: usize = 400;
/// Longest block read as a date line (characters of text).
const MAX_CHARS: u32 = 120;

/// The dates shown near the headline (`headline` is the title's `<h1>` node, or 0).
pub fn find(dom: &Dom, headline: usize) -> Shown {
    let order = numeric_order(dom);
    let gap = TextGap::new(dom, headline);
    let headline_path = ancestors(dom, headline);
    let mut best_published: Option<(f32, String, bool)> = None;
    let mut published_stated = false;
    let mut published_gap = None;
    let mut best_updated: Option<(f32, String, bool)> = None;
    let mut best_side: Option<(f32, String, bool)> = None;
    for i in candidates(dom) {
        let node = &dom.nodes[i];
        if node.chars < 6 || node.chars > MAX_CHARS || node.hidden() || node.hint() == Hint::Hidden {
            continue;
        }
        let from_attr = match (&node.element, node.tag) {
            (Some(element), Tag::Time) => element.link.as_deref().and_then(parse_date),
            _ => None,
        };
        let written = from_attr.is_some();
        let text = if node.element.is_some() { dom.inner_text(i as u32) } else { dom.text_of(node).to_string() };
        let Some(date) = from_attr.or_else(|| parse_date_in(&text, order)) else { continue };
        let hints = node.hints();
        // A "today's date" widget in the page header dates the visit, not the article.
        if !is_date_line(&text, hints) || hints.contains("today") || in_teaser(dom, i, &headline_path) {
            continue;
        }
        let from_text = label_of(&text, hints);
        let label = from_text.or_else(|| previous_label(dom, i)).unwrap_or(Label::None);
        // Said in words, in the line or the label before it, not only by a class name.
        let stated =
            label == Label::Published && (from_text.is_none() || label_of(&text, "") == Some(Label::Published));
        let place = place_of(dom, i);
        if place == Place::Furniture {
            continue;
        }
        let mut score = 0.0;
        if ["date", "time", "publish", "posted", "byline", "author", "meta", "dateline", "updated", "modified"]
            .iter()
            .any(|h| hints.contains(h))
        {
            score += 2.0;
        }
        if node.tag == Tag::Time {
            score += 2.0;
        }
        if label != Label::None {
            score += 1.0;
        }
        // Nearer the headline is better; a date before it (a header strip) counts a little less.
        let distance = if i >= headline { (i - headline) as f32 } else { (headline - i) as f32 * 2.0 };
        score -= (distance / 150.0).min(4.0);
        let slot = match (place, label) {
            // A side column's date line counts only when it is marked as the date and links nowhere.
            (Place::Side, Label::Updated) => continue,
            (Place::Side, _) if node.link_chars > 0 || !(label == Label::Published || is_date_hint(hints)) => continue,
            (Place::Side, _) => &mut best_side,
            (_, Label::Updated) => &mut best_updated,
            _ => {
                if best_published.as_ref().is_none_or(|(s, _, _)| score > *s) {
                    published_stated = stated;
                    published_gap = gap.after(i);
                }
                &mut best_published
            }
        };
        if slot.as_ref().is_none_or(|(s, _, _)| score > *s) {
            *slot = Some((score, date, written || crate::dates::names_month(&text)));
        }
    }
    Shown {
        published_score: best_published.as_ref().map_or(f32::MIN, |(s, _, _)| *s),
        published_written: best_published.as_ref().is_some_and(|(_, _, w)| *w),
        published_stated,
        published_gap,
        published: best_published.map(|(_, d, _)| d),
        updated_score: best_updated.as_ref().map_or(f32::MIN, |(s, _, _)| *s),
        updated: best_updated.map(|(_, d, _)| d),
        side: best_side.map(|(_, d, _)| d),
    }
}

/// Characters of text between the headline and a node after it, read off a running count
/// of the text before each node (one pass over the page).
struct TextGap {
    /// Characters of text in the nodes before each index (document order).
    before: Vec<u32>,
    /// The first node after the headline's own subtree, or `None` without a headline.
    headline_end: Option<usize>,
}

impl TextGap {
    fn new(dom: &Dom, headline: usize) -> Self {
        let mut before = Vec::with_capacity(dom.nodes.len() + 1);
        let mut total = 0u32;
        for node in &dom.nodes {
            before.push(total);
            if node.element.is_none() {
                total = total.saturating_add(node.chars);
            }
        }
        before.push(total);
        let headline_end =
            (headline != 0 && headline < dom.nodes.len()).then(|| dom.last_descendant(headline as u32) + 1);
        TextGap { before, headline_end }
    }

    /// Characters of text between the end of the headline and node `i`, when `i` follows it.
    fn after(&self, i: usize) -> Option<u32> {
        let end = self.headline_end?;
        (i >= end).then(|| self.before.get(i).zip(self.before.get(end)).map(|(a, b)| a.saturating_sub(*b))).flatten()
    }
}

/// How the page writes all-numeric dates: month first throughout when it says it is in US
/// English (`<html lang="en-US">`, or `og:locale` `en_US` where `lang` names no region), day
/// first throughout when it is in another language (`lang="es"`), else the usual reading.
fn numeric_order(dom: &Dom) -> Order {
    let normal = |v: &str| v.trim().to_ascii_lowercase().replace('_', "-");
    let lang = dom.head.lang.as_deref().map(normal).filter(|l| !l.is_empty());
    let locale = dom.head.metas.iter().find(|(k, _)| k == "og:locale").map(|(_, v)| normal(v));
    let language = |tag: &str| tag.split('-').next().unwrap_or("").to_string();
    let Some(tag) = lang.or(locale.clone()) else { return Order::Usual };
    if language(&tag) != "en" {
        return Order::DayFirst;
    }
    // English: the region, from `lang` or else from `og:locale` if that is English too.
    let region = |t: &str| t.split_once('-').map(|(_, r)| r.to_string());
    let region = region(&tag).or_else(|| locale.filter(|l| language(l) == "en").and_then(|l| region(&l)));
    match region.as_deref() {
        Some("us") => Order::MonthFirst,
        _ => Order::Usual,
    }
}

/// The date a page says the article was first published on: "This article was originally
/// published on 26 Sep 2019", a note that republished and syndicated copies carry.
pub fn originally_published(dom: &Dom) -> Option<String> {
    const PHRASE: &str = "riginally published";
    // Enough for "in Journal Name (https://journal.example.org), 25.06.2019".
    const WINDOW: usize = 100;
    let text = dom.text.as_str();
    for at in memchr::memmem::find_iter(text.as_bytes(), PHRASE) {
        if at == 0 || !matches!(text.as_bytes()[at - 1], b'o' | b'O') {
            continue;
        }
        let from = at + PHRASE.len();
        let mut to = (from + WINDOW).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        if let Some(date) = text.get(from..to).and_then(parse_date) {
            return Some(date);
        }
    }
    None
}

/// The short blocks that may be date lines, in document order: the nearest few block
/// ancestors of text holding a four-digit run (a year), and `<time>` elements. Reading
/// only these keeps the cost to the few nodes that can hold a date.
fn candidates(dom: &Dom) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for (i, node) in dom.nodes.iter().enumerate() {
        if out.len() >= MAX_CANDIDATES {
            break;
        }
        if node.tag == Tag::Time && node.element.as_ref().is_some_and(|e| e.link.is_some()) {
            out.push(i);
            continue;
        }
        if node.element.is_some() || !has_year(dom.text_of(node)) {
            continue;
        }
        let mut up = node.parent;
        // A date written loose in a large block ("<legend>Title</legend> 20 December 2025 <div>")
        // is its own line.
        if up != super::dom::NONE && dom.nodes[up as usize].chars > MAX_CHARS {
            out.push(i);
        }
        for _ in 0..3 {
            if up == super::dom::NONE || up == 0 || dom.nodes[up as usize].chars > MAX_CHARS {
                break;
            }
            out.push(up as usize);
            up = dom.nodes[up as usize].parent;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether the text has a run of four digits.
fn has_year(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// A block that is a date with at most a few label words, not a sentence that mentions one.
/// A block named for dates or metadata may hold a longer line ("by Jo Roe · Dec 20, 2025
/// at 3:00 am · One comment so far").
fn is_date_line(text: &str, hints: &str) -> bool {
    let words = text.split_whitespace().count();
    let limit = if ["date", "meta", "byline", "time", "posted"].iter().any(|h| hints.contains(h)) { 20 } else { 12 };
    words <= limit && !text.trim_end().ends_with(['.', '?', '!']) || words <= 6
}

fn label_of(text: &str, hints: &str) -> Option<Label> {
    let lower = text.to_lowercase();
    const UPDATED: [&str; 6] = ["updated", "modified", "reviewed", "aktualisiert", "mis à jour", "actualizado"];
    const PUBLISHED: [&str; 6] = ["published", "posted", "publié", "veröffentlicht", "publicado", "pubblicato"];
    // The first label in the text names the first date, the one parse_date reads.
    let first = |words: &[&str]| words.iter().filter_map(|w| lower.find(w)).min();
    match (first(&PUBLISHED), first(&UPDATED)) {
        (Some(p), Some(u)) => return Some(if p < u { Label::Published } else { Label::Updated }),
        (Some(_), None) => return Some(Label::Published),
        (None, Some(_)) => return Some(Label::Updated),
        (None, None) => {}
    }
    if ["updated", "modified", "changed"].iter().any(|h| hints.contains(h)) {
        return Some(Label::Updated);
    }
    if ["publish", "posted", "pubdate", "created"].iter().any(|h| hints.contains(h)) {
        return Some(Label::Published);
    }
    None
}

/// The label a short element just before a date gives it ("Updated on" | "April 19, 2025").
fn previous_label(dom: &Dom, i: usize) -> Option<Label> {
    let parent = dom.nodes[i].parent;
    if parent == super::dom::NONE {
        return None;
    }
    let mut previous = None;
    for child in dom.children(parent) {
        if child as usize == i {
            break;
        }
        // Screen-reader-only text ("Publish date") sits between a visible label and its date.
        let node = &dom.nodes[child as usize];
        if !node.hidden() && node.hint() != Hint::Hidden {
            previous = Some(child);
        }
    }
    let previous = previous?;
    let node = &dom.nodes[previous as usize];
    if node.chars == 0 || node.chars > 30 {
        return None;
    }
    label_of(&dom.inner_text(previous), "")
}

/// Most characters of a block read as one card of a list of other pages.
const MAX_CARD_CHARS: u32 = 600;
/// Levels above a date line searched for the card around it: a card nests its date
/// (`<span>` in a byline row in a meta block) a few levels below the title.
const MAX_CARD_DEPTH: usize = 6;
/// Most nodes of a date line's own subtree searched for a title inside it.
const MAX_CARD_NODES: usize = 64;

/// In a card that links to another page: a sub-heading or an element named a title that is
/// a link, beside the date or inside the date line's own block, within a small block.
/// Related-post lists and archive strips show their own dates.
pub(in crate::html) fn in_teaser(dom: &Dom, i: usize, headline_path: &[u32]) -> bool {
    if holds_linked_title(dom, i, headline_path) {
        return true;
    }
    let mut up = i as u32;
    for _ in 0..MAX_CARD_DEPTH {
        if up == super::dom::NONE || up == 0 || dom.nodes[up as usize].chars > MAX_CARD_CHARS {
            return false;
        }
        if dom.children(up).any(|c| is_linked_title(dom, c, headline_path)) {
            return true;
        }
        up = dom.nodes[up as usize].parent;
    }
    false
}

/// A sub-heading (`<h2>`..`<h6>`), or an element whose class names it a title, that is a link:
/// the title of a card pointing at another page. The page's own headline, and an element
/// around it (`<div class="post-title"><h1><a>`), is not one.
fn is_linked_title(dom: &Dom, c: u32, headline_path: &[u32]) -> bool {
    let i = c as usize;
    let node = &dom.nodes[i];
    if headline_path.contains(&c) {
        return false;
    }
    let titled = matches!(node.tag, Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
        || (node.tag != Tag::H1 && node.element.is_some() && node.hints().contains("title"));
    titled && node.chars > 0 && node.link_density() > 0.8 && !links_to_a_person(dom, c)
}

/// Whether the first link in `c` points at a person's page (`rel="author"`, an `/author/` or
/// profile path): a byline's linked name ("<h3><a href='/author/jo'>Jo Roe</a></h3>"),
/// not the title of a card.
fn links_to_a_person(dom: &Dom, c: u32) -> bool {
    let mut stack = vec![c];
    let mut seen = 0;
    while let Some(n) = stack.pop() {
        seen += 1;
        if seen > MAX_CARD_NODES {
            return false;
        }
        let node = &dom.nodes[n as usize];
        if node.tag == Tag::A {
            let Some(element) = node.element.as_ref() else { return false };
            let href = element.link.as_deref().unwrap_or("").to_ascii_lowercase();
            let rel = element.extra.as_deref().unwrap_or("");
            return rel.contains("author")
                || ["/author", "profile", "/user", "/people/", "/staff/", "/team/"].iter().any(|p| href.contains(p));
        }
        let before = stack.len();
        stack.extend(dom.children(n).take(MAX_CARD_NODES));
        stack[before..].reverse();
    }
    false
}

/// Whether the block at `i` itself holds a linked title: a whole card read as one date line
/// ("Blog · How to plan a shoot · Aug 1, 2024" inside one link).
fn holds_linked_title(dom: &Dom, i: usize, headline_path: &[u32]) -> bool {
    let mut stack: Vec<u32> = dom.children(i as u32).take(MAX_CARD_NODES).collect();
    let mut seen = 0;
    while let Some(c) = stack.pop() {
        seen += 1;
        if seen > MAX_CARD_NODES {
            return false;
        }
        if is_linked_title(dom, c, headline_path) {
            return true;
        }
        stack.extend(dom.children(c).take(MAX_CARD_NODES));
    }
    false
}

/// Node `i` and the elements above it (nothing for the root): the path to the headline.
pub(in crate::html) fn ancestors(dom: &Dom, i: usize) -> Vec<u32> {
    let mut out = Vec::new();
    let mut up = i as u32;
    while up != super::dom::NONE && up != 0 && out.len() < super::dom::MAX_DEPTH {
        out.push(up);
        up = dom.nodes[up as usize].parent;
    }
    out
}

/// Where a date line stands on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// In the article or the page around it.
    Body,
    /// In an `<aside>` or a column named a sidebar.
    Side,
    /// In navigation, a page footer, comments or related links.
    Furniture,
}

/// Where node `i` stands: the nearest landmark above it decides. `<main>` ends the search,
/// since a layout wrapper around the main column may be named "aside-right".
/// The `<footer>` of an `<article>` is where HTML5 pages put the article's own byline and
/// date: not furniture.
fn place_of(dom: &Dom, mut i: usize) -> Place {
    let mut steps = 0;
    let mut footer = false;
    while i != 0 && steps < super::dom::MAX_DEPTH {
        let node = &dom.nodes[i];
        let side_named = || ["sidebar", "aside", "side-col", "sidebox"].iter().any(|h| node.hints().contains(h));
        match (node.tag, node.hint()) {
            (Tag::Footer, _) => footer = true,
            (Tag::Article, _) => footer = false,
            (Tag::Main, _) => break,
            (Tag::Nav, _) => return Place::Furniture,
            (Tag::Aside, _) => return Place::Side,
            (_, Hint::Boilerplate(RemovalReason::Related)) if side_named() => return Place::Side,
            // Not navigation hints: "header" strips are where date lines live.
            (_, Hint::Boilerplate(RemovalReason::Comments | RemovalReason::Related | RemovalReason::Footer)) => {
                return Place::Furniture
            }
            _ => {}
        }
        let parent = node.parent;
        if parent == super::dom::NONE {
            break;
        }
        i = parent as usize;
        steps += 1;
    }
    if footer {
        Place::Furniture
    } else {
        Place::Body
    }
}

/// Class or id words that mark an element as a date.
fn is_date_hint(hints: &str) -> bool {
    ["date", "publish", "posted"].iter().any(|h| hints.contains(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(html: &str) -> Shown {
        let dom = Dom::parse(html);
        let h1 = dom.nodes.iter().position(|n| n.tag == Tag::H1).unwrap_or(0);
        find(&dom, h1)
    }

    #[test]
    fn reads_published_and_updated_lines_near_the_headline() {
        let s = shown(
            "<body><nav><span class='date'>January 1, 2020</span></nav><article><h1>Talks resume</h1>\
             <div class='meta'><span class='post-date'>Published On: 15 August 2025</span>\
             <span>Updated Aug 20, 2025</span></div><p>Talks were underway on Thursday.</p></article></body>",
        );
        assert_eq!(s.published.as_deref(), Some("2025-08-15"));
        assert_eq!(s.updated.as_deref(), Some("2025-08-20"));
    }

    #[test]
    fn a_side_column_date_is_only_a_fallback_and_a_main_column_is_not_a_side_column() {
        let s = shown(
            "<body><h1>Talks resume</h1><aside class='sidebar'><div class='post-date'>July 8, 2025</div>\
             <ul><li><a href='/b'>Other story</a> <span class='date'>May 1, 2025</span></li></ul></aside>\
             <p>Talks were underway on Thursday.</p></body>",
        );
        assert_eq!((s.published, s.side.as_deref()), (None, Some("2025-07-08")));
        let s = shown(
            "<body><section class='aside-right'><main><h1>Talks resume</h1>\
             <p class='date-last-modify'>Last Modified: August 08, 2023</p><p>Talks went on.</p></main></section></body>",
        );
        assert_eq!(s.updated.as_deref(), Some("2023-08-08"));
    }

    #[test]
    fn a_loose_date_in_a_large_block_counts_and_todays_date_does_not() {
        let body = "Talks were underway on Thursday in the capital after a long pause. ".repeat(4);
        let s = shown(&format!(
            "<body><div class='todays-date'>Friday, December 19, 2025</div><h1>Blog</h1>\
             <fieldset><legend>Talks resume</legend> 20 December 2025 <div class='body'><p>{body}</p></div></fieldset></body>"
        ));
        assert_eq!(s.published.as_deref(), Some("2025-12-20"));
    }

    #[test]
    fn an_originally_published_note_gives_the_first_date() {
        let dom = Dom::parse(
            "<body><h1>Talks resume</h1><p>Talks went on.</p><p><em>This article was originally published on \
             <span>26 Sep 2019</span> at 4:12pm.</em></p></body>",
        );
        assert_eq!(originally_published(&dom).as_deref(), Some("2019-09-26T16:12"));
        let dom = Dom::parse("<body><p>Content originally published on other editions is theirs.</p></body>");
        assert_eq!(originally_published(&dom), None);
    }

    #[test]
    fn a_label_in_the_element_before_counts_and_prose_does_not() {
        let s = shown(
            "<body><h1>Talks resume</h1><div><div class='caption'>Updated on</div><div>April 19, 2025</div></div>\
             <p>The talks, first held on March 3, 2021 in Geneva, resumed on Thursday after a long pause.</p></body>",
        );
        assert_eq!(s.updated.as_deref(), Some("2025-04-19"));
        assert_eq!(s.published, None);
    }

    #[test]
    fn cards_with_a_linked_title_are_teasers_but_the_headline_and_a_linked_byline_are_not() {
        // A related-posts card whose title is a link in an element named a title, its date
        // nested a few levels down in a meta row.
        let s = shown(
            "<body><h1>Talks resume</h1><p>Talks went on for a long while in the capital after the pause.</p>\
             <div class='more'><div class='card'><div class='card__title'><a href='/b'>Ten ways to plan a summit</a></div>\
             <div class='card__meta'><div class='row'><div class='cols'><span class='card__date'>July 15, 2025</span>\
             </div></div></div></div></div></body>",
        );
        assert_eq!(s.published, None);
        // A whole card inside one link, read as one short block.
        let s = shown(
            "<body><h1>Talks resume</h1><p>Talks went on for a long while in the capital after the pause.</p>\
             <div class='promo'><a href='/c'><div class='promo-box'><div class='promo-info'><h4>Blog</h4>\
             <p class='promo-title'>How to plan a summit in a week</p><span>Aug 01, 2024</span></div></div></a></div></body>",
        );
        assert_eq!(s.published, None);
        // The page's own headline linked to itself inside a title block, and an author's name
        // linked in a heading beside the date, leave the date line the page's own.
        let s = shown(
            "<body><div class='post-title'><h1><a href='/a'>Talks resume in the capital</a></h1></div>\
             <div class='byline'><h3><a href='/author/jo-roe'>Jo Roe</a></h3><p class='date'>Last updated on 17 December 2025</p></div>\
             <p>Talks went on.</p></body>",
        );
        assert_eq!(s.updated.as_deref(), Some("2025-12-17"));
        // A short linked heading to another page is still a card's title.
        let s = shown(
            "<body><h1>Talks resume</h1><p>Talks went on for a long while in the capital after the pause.</p>\
             <div class='item'><h4><a href='/jobs/clerk-123'>Clerk (m/f)</a></h4><span>28.01.2020</span></div></body>",
        );
        assert_eq!(s.published, None);
        let s = shown(
            "<body><div class='post-title'><h1><a href='/a'>Talks resume in the capital</a></h1></div>\
             <div class='post-meta'><span>Announcements</span> <span>Posted 2 May 2024</span></div><p>Talks went on.</p></body>",
        );
        assert_eq!(s.published.as_deref(), Some("2024-05-02"));
    }

    #[test]
    fn a_page_reads_numeric_dates_the_way_its_language_and_region_write_them() {
        let page = |head: &str| {
            format!("<html{head}><body><h1>Talks resume</h1><div>Post time: 03-02-2024</div><p>Talks went on.</p></body></html>")
        };
        assert_eq!(shown(&page(" lang='en-US'")).published.as_deref(), Some("2024-03-02"));
        // `og:locale` counts where `lang` names no region.
        let s = shown(&format!("<head><meta property='og:locale' content='en_US'></head>{}", page(" lang='en'")));
        assert_eq!(s.published.as_deref(), Some("2024-03-02"));
        assert_eq!(shown(&page(" lang='en-GB'")).published.as_deref(), Some("2024-02-03"));
        assert_eq!(shown(&page("")).published.as_deref(), Some("2024-02-03"));
        // Slashes are month first on an English page, day first on a page in another language.
        let page = |lang: &str| {
            format!("<html lang='{lang}'><body><h1>Talks resume</h1><div>Publicado el 03/05/2022</div><p>Talks.</p></body></html>")
        };
        assert_eq!(shown(&page("en")).published.as_deref(), Some("2022-03-05"));
        assert_eq!(shown(&page("es")).published.as_deref(), Some("2022-05-03"));
    }

    #[test]
    fn counts_the_text_between_the_headline_and_the_date_line() {
        let wrappers = "<div><div><span></span></div></div>".repeat(20);
        let s = shown(&format!(
            "<body><h1>Talks resume</h1>{wrappers}<div><span>Jo Roe</span> <span>7 min read</span></div>\
             <div><span>Dec 30, 2013</span></div><p>Talks went on.</p></body>"
        ));
        assert_eq!(s.published.as_deref(), Some("2013-12-30"));
        assert_eq!(s.published_gap, Some("JoRoe7minread".len() as u32));
        assert!(!s.published_stated);
    }
}
