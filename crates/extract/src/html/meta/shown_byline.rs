//! The byline a reader sees: a line that starts with a byline label ("By", "Written by",
//! "Posted by", "Author:") and names people, either in the same text ("By Jo Roe · May 2")
//! or in the element after the label (`<p>Written by</p><p>Jo Roe</p>`); else a link to an
//! author's page (`/authors/jo-roe`) under the headline.
//!
//! Near the headline (a little before it, where some layouts put the byline above the
//! title, and a few hundred characters of text after it) any label counts; elsewhere in the
//! page only an unambiguous one (an author box at the end of a post). Lines inside teaser
//! cards for other pages are skipped. It does not read bylines without a label
//! ("Jo Roe | May 2") nor tell people from organisations.

use crate::html::dom::{Dom, NONE};
use crate::html::hints::Hint;

/// Nodes before the headline still searched: a byline row set above the title.
const BEFORE_HEADLINE: usize = 40;
/// Characters of text after the headline within which the byline is looked for: a
/// subtitle, a date and share labels, not the body.
const AFTER_HEADLINE_CHARS: u32 = 700;
/// Longest text node that may open a byline.
const MAX_LINE_CHARS: u32 = 200;
/// Largest block around a bare label read for the names: an author box with a short bio.
const MAX_BLOCK_CHARS: u32 = 600;
/// Longest first line after the label: names, a date and a role, not a sentence of the body.
const MAX_NAMES_LINE: usize = 120;
/// Levels climbed from a bare label to the block that holds the names beside it.
const MAX_CLIMB: usize = 3;

/// Labels that open a byline, lowercased, longest first so "written by" wins over "by".
const LABELS: [&str; 12] = [
    "article written by",
    "written by",
    "authored by",
    "posted by",
    "article by",
    "words by",
    "author(s)",
    "contributors",
    "authors",
    "author",
    "von",
    "by",
];

/// Labels that also open ordinary phrases and comments ("by Friday", "posted by jo").
const WEAK_LABELS: [&str; 3] = ["by", "von", "posted by"];

/// One pass over the window around the headline (`headline`: its node; 0 when the page has
/// none, then the top of the page is read), kept so that the labelled byline there can be
/// weighed against the meta tags before the rest of the page is searched. Elsewhere only
/// an unambiguous label ("Written by", "Author:") counts, as in author boxes at the end of
/// a post: a bare "by" far from the headline is a comment's or a teaser's.
pub(super) struct Scan {
    /// The labelled byline by the headline.
    pub near: Vec<String>,
    /// A link to an author page under the headline.
    author_link: Option<String>,
    start: usize,
    window_end: usize,
}

impl Scan {
    pub(super) fn new(dom: &Dom, headline: usize, headline_path: &[u32]) -> Scan {
        let start = headline.saturating_sub(BEFORE_HEADLINE);
        let mut scan = Scan { near: Vec::new(), author_link: None, start, window_end: dom.nodes.len() };
        let mut text_after = 0u32;
        for i in start..dom.nodes.len() {
            let node = &dom.nodes[i];
            if node.element.is_some() {
                if scan.author_link.is_none() && i >= headline {
                    scan.author_link = linked_author(dom, i, headline_path);
                }
                continue;
            }
            if i > headline {
                text_after = text_after.saturating_add(node.chars);
                if text_after > AFTER_HEADLINE_CHARS + node.chars {
                    scan.window_end = i;
                    break;
                }
            }
            let names = byline_at(dom, i, headline_path, false);
            if !names.is_empty() {
                scan.near = names;
                scan.window_end = i;
                break;
            }
        }
        scan
    }

    /// Without a labelled byline by the headline: the author link there, else an author box
    /// with an unambiguous label anywhere else in the page.
    pub(super) fn elsewhere(&self, dom: &Dom, headline_path: &[u32]) -> Vec<String> {
        if let Some(name) = &self.author_link {
            return vec![name.clone()];
        }
        (0..self.start)
            .chain(self.window_end..dom.nodes.len())
            .map(|i| byline_at(dom, i, headline_path, true))
            .find(|n| !n.is_empty())
            .unwrap_or_default()
    }
}

/// The names of the byline that text node `i` opens, if it opens one (`strict`: with a
/// label other than a bare "by").
fn byline_at(dom: &Dom, i: usize, headline_path: &[u32], strict: bool) -> Vec<String> {
    let node = &dom.nodes[i];
    if node.element.is_some() {
        return Vec::new();
    }
    let own = dom.text_of(node).trim();
    if own.is_empty() || own.len() > MAX_LINE_CHARS as usize {
        return Vec::new();
    }
    let Some(label) = label_at_start(own) else { return Vec::new() };
    if strict && WEAK_LABELS.iter().any(|w| own.get(..label).is_some_and(|l| l.eq_ignore_ascii_case(w))) {
        return Vec::new();
    }
    if hidden_above(dom, i) || crate::html::visible_date::in_teaser(dom, i, headline_path) {
        return Vec::new();
    }
    names_from(dom, i)
}

/// The name a link at `i` gives when it points at an author's page (a path segment
/// `author`, `authors`, `contributor` or `contributors`) and its text reads as a name.
fn linked_author(dom: &Dom, i: usize, headline_path: &[u32]) -> Option<String> {
    let node = &dom.nodes[i];
    let element = node.element.as_ref()?;
    if node.tag != crate::html::tags::Tag::A || node.chars == 0 || node.chars > 60 {
        return None;
    }
    let href = element.link.as_deref()?;
    let path = href.split(['?', '#']).next().unwrap_or("");
    let author_path = path
        .split('/')
        .any(|seg| ["author", "authors", "contributor", "contributors"].iter().any(|a| seg.eq_ignore_ascii_case(a)));
    if !author_path || hidden_above(dom, i) || crate::html::visible_date::in_teaser(dom, i, headline_path) {
        return None;
    }
    let text = dom.inner_text(i as u32);
    let name = text.trim();
    name_like(name).then(|| name.to_string())
}

/// Byte length of the label that opens `text`, when one does and is followed by a word
/// break (or nothing: the names are in the next element).
fn label_at_start(text: &str) -> Option<usize> {
    // Every label starts with one of these letters: most text nodes stop here, unallocated.
    if !text
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'a' | b'b' | b'c' | b'p' | b'v' | b'w'))
    {
        return None;
    }
    LABELS.iter().find_map(|label| {
        // Labels are ASCII: a byte prefix compared without case, no lowercased copy.
        let head = text.as_bytes().get(..label.len())?;
        if !head.eq_ignore_ascii_case(label.as_bytes()) {
            return None;
        }
        let rest = text.get(label.len()..)?;
        let next = rest.chars().next();
        let ok = match next {
            None => true,
            Some(c) => c == ':' || c.is_whitespace() || c == '\u{a0}',
        };
        // "Author" and "Contributors" alone, or with a colon: "Author Jo Roe" is a heading's word.
        let bare_word = matches!(*label, "author" | "authors" | "contributors" | "author(s)" | "von");
        let ok = ok && (!bare_word || next.is_none() || rest.trim_start().starts_with(':'));
        ok.then_some(label.len())
    })
}

/// Whether the text node or one of a few ancestors is hidden.
fn hidden_above(dom: &Dom, i: usize) -> bool {
    let mut up = dom.nodes[i].parent;
    for _ in 0..6 {
        let Some(node) = dom.nodes.get(up as usize) else { return false };
        if node.hidden() || node.hint() == Hint::Hidden {
            return true;
        }
        up = node.parent;
    }
    false
}

/// The names after the label in the text node `i`: its block, climbed until it holds more
/// than the label, read with block boundaries kept as line breaks.
fn names_from(dom: &Dom, i: usize) -> Vec<String> {
    let own = dom.text_of(&dom.nodes[i]).trim();
    let Some(label_len) = label_at_start(own) else { return Vec::new() };
    let own_chars = dom.nodes[i].chars;
    let mut block = dom.nodes[i].parent;
    // A bare label: climb to the block that also holds what follows it.
    let climb = if own.len() == label_len { MAX_CLIMB } else { 0 };
    for _ in 0..climb {
        let Some(node) = dom.nodes.get(block as usize) else { return Vec::new() };
        if node.chars > own_chars || node.parent == NONE {
            break;
        }
        block = node.parent;
    }
    let Some(node) = dom.nodes.get(block as usize) else { return Vec::new() };
    if node.chars > MAX_BLOCK_CHARS {
        return Vec::new();
    }
    let end = dom.last_descendant(block);
    let before = block_text(dom, block as usize, i);
    if !before.trim().is_empty() {
        // The label must open the block: "Photo by", "Designed by" in a longer line is no byline.
        return Vec::new();
    }
    // The label's own text node, then the rest of the block ("By" and the name in two spans).
    let rest = format!("{}\n{}", own.get(label_len..).unwrap_or(""), block_text(dom, i + 1, end + 1));
    let rest = if own.len() == label_len { rest.trim_start().to_string() } else { rest };
    split_names(&rest)
}

/// Text of the nodes `from..to` (a subtree's range or part of it), with a line break where
/// a block element starts.
fn block_text(dom: &Dom, from: usize, to: usize) -> String {
    let mut out = String::new();
    for node in dom.nodes.get(from..to).unwrap_or(&[]) {
        if node.element.is_none() {
            out.push_str(dom.text_of(node));
        } else if !node.tag.is_inline() || node.tag == crate::html::tags::Tag::Br {
            out.push('\n');
        }
    }
    crate::html::entities::decode(&out)
}

/// Names from what follows a byline label: cut at the first separator, date or role line,
/// split at commas and "and", each a few capitalised words.
fn split_names(rest: &str) -> Vec<String> {
    let rest = rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    // The names end at a separator, a digit (a date), or the end of the first line that has text.
    let first_line = rest.split('\n').map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if first_line.chars().count() > MAX_NAMES_LINE {
        return Vec::new();
    }
    let mut names_part = first_line;
    for sep in ['|', '•', '·', '—', '–', '\u{22c5}', '(', '@'] {
        names_part = names_part.split(sep).next().unwrap_or("");
    }
    // Two no-break spaces set the name apart from the next item ("Jo Roe&nbsp;&nbsp;Print").
    names_part = names_part.split("\u{a0}\u{a0}").next().unwrap_or("");
    names_part = names_part.split(" - ").next().unwrap_or("");
    names_part = names_part.split(" on ").next().unwrap_or("");
    names_part = sentence_end(names_part);
    // A number that starts a word after the names is a date ("Jo Roe, May 2"); a leading
    // one ("By 3i Global") and one inside a handle ("Bo2man") are part of the name.
    let bytes = names_part.as_bytes();
    if let Some(digit) = (1..bytes.len()).find(|&i| bytes[i].is_ascii_digit() && !bytes[i - 1].is_ascii_alphanumeric())
    {
        names_part = &names_part[..digit];
    }
    let mut out: Vec<String> = Vec::new();
    for part in names_part.split([',', '&', ';']).flat_map(|p| p.split(" and ")) {
        let name = part.trim().trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'');
        if name.is_empty() {
            continue;
        }
        if let (true, Some(last)) = (credential(name), out.last_mut()) {
            // "Jo Roe, MD": the credential belongs to the name before it.
            last.push_str(", ");
            last.push_str(name);
            continue;
        }
        if !name_like(name) {
            // A role or place after the names ("Jo Roe, Senior Writer") ends the list.
            if out.is_empty() {
                return Vec::new();
            }
            break;
        }
        if !out.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            out.push(name.to_string());
        }
    }
    out
}

/// `text` up to the end of its first sentence: "Jo Roe, DVM. Reviewed by Al Ba" ends after
/// "DVM"; an initial ("A. J. Neal") or a short title ("Dr. Jo") does not end one.
fn sentence_end(text: &str) -> &str {
    let mut from = 0;
    while let Some(at) = text[from..].find(". ").map(|p| p + from) {
        let word = text[..at].rsplit(|c: char| c.is_whitespace() || c == '.').next().unwrap_or("");
        if word.chars().count() >= 3 {
            return &text[..at];
        }
        from = at + 2;
    }
    text
}

/// A professional credential written after a name: one or two short tokens mostly in
/// capitals ("MD", "PhD", "DVM", "RN BSN").
fn credential(part: &str) -> bool {
    let tokens: Vec<&str> = part.split_whitespace().collect();
    !tokens.is_empty()
        && tokens.len() <= 2
        && tokens.iter().all(|t| {
            let upper = t.chars().filter(|c| c.is_uppercase()).count();
            let lower = t.chars().filter(|c| c.is_lowercase()).count();
            t.chars().count() <= 6 && upper >= 2 && lower <= 1
        })
}

/// A person's or a team's name: one to five words, each capitalised (or a particle or a
/// number), not a word that labels something else.
pub(super) fn name_like(name: &str) -> bool {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    if tokens.is_empty() || tokens.len() > 5 || name.chars().count() > 50 {
        return false;
    }
    let lower = name.to_lowercase();
    // Labels and form words, English and a few others ("Name", "Artikel von").
    if [
        "admin",
        "staff",
        "the author",
        "author",
        "published",
        "updated",
        "posted",
        "date",
        "share",
        "name",
        "autor",
        "datum",
    ]
    .contains(&lower.as_str())
        || [" von", " by", " par", " por", " di"].iter().any(|l| lower.ends_with(l))
        || label_at_start(name).is_some_and(|l| l == name.len())
        || ["posts", "sign in", "log in", "view ", "more ", "insights", "read "].iter().any(|w| lower.contains(w))
    {
        return false;
    }
    tokens.iter().all(|t| {
        t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || ["de", "van", "von", "der", "la", "le", "da", "bin", "al", "du", "del", "di"].contains(t)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byline in the order `bylines::authors` reads it: by the headline, else elsewhere.
    fn find(dom: &Dom, headline: usize, headline_path: &[u32]) -> Vec<String> {
        let scan = Scan::new(dom, headline, headline_path);
        if scan.near.is_empty() {
            scan.elsewhere(dom, headline_path)
        } else {
            scan.near
        }
    }

    fn byline(html: &str) -> Vec<String> {
        let dom = Dom::parse(html);
        let headline = dom.nodes.iter().position(|n| n.tag == crate::html::tags::Tag::H1).unwrap_or(0);
        find(&dom, headline, &[])
    }

    #[test]
    fn reads_a_by_line_under_the_headline() {
        let html = "<h1>A headline</h1><p class='meta'>By <a href='/p/jo'>Jo Roe</a> and Al Ba &bull; May 2, 2024</p><p>Body text.</p>";
        assert_eq!(byline(html), vec!["Jo Roe".to_string(), "Al Ba".to_string()]);
    }

    #[test]
    fn reads_the_name_in_the_element_after_a_bare_label() {
        let html = "<h1>A headline</h1><div><p>Last updated</p><time>Aug 4, 2025</time></div>\
                    <div><p>Written by</p><p>Edzel Tabing</p></div><p>Body text.</p>";
        assert_eq!(byline(html), vec!["Edzel Tabing".to_string()]);
        let html = "<h1>A headline</h1><div><h3>Author</h3><p> Lisa D. Ellis</p></div>";
        assert_eq!(byline(html), vec!["Lisa D. Ellis".to_string()]);
    }

    #[test]
    fn ignores_credits_sentences_and_far_lines() {
        // A photo credit opens with another word; a sentence that starts with "By" is no byline.
        assert!(byline("<h1>H</h1><p>Photo by Jo Roe</p>").is_empty());
        assert!(byline("<h1>H</h1><p>By the way, we went home early that day.</p>").is_empty());
        let far = format!("<h1>H</h1><p>{}</p><p>By Jo Roe</p>", "word ".repeat(300));
        assert!(byline(&far).is_empty());
        // An author box at the end of the post has an unambiguous label.
        let boxed = format!("<h1>H</h1><p>{}</p><h3>Written by Jo Roe</h3><p>Jo writes.</p>", "word ".repeat(300));
        assert_eq!(byline(&boxed), vec!["Jo Roe".to_string()]);
        // "Author" as the first word of a heading is not a label.
        assert!(byline("<h1>H</h1><h2>Author Jo Roe talks</h2>").is_empty());
    }

    #[test]
    fn reads_a_link_to_an_author_page_under_the_headline() {
        let html = "<h1>H</h1><div><span><a href='/authors/trevor-jackins'>Trevor Jackins</a></span></div><p>Body.</p>";
        assert_eq!(byline(html), vec!["Trevor Jackins".to_string()]);
        // A link to the author archive with other text, or a tag page, is no byline.
        assert!(byline("<h1>H</h1><a href='/authors/'>All our authors</a>").is_empty());
        assert!(byline("<h1>H</h1><a href='/tag/jo-roe'>Jo Roe</a>").is_empty());
    }

    #[test]
    fn keeps_team_names_and_ends_at_roles() {
        assert_eq!(byline("<h1>H</h1><p>By 3i Global</p>"), vec!["3i Global".to_string()]);
        assert_eq!(byline("<h1>H</h1><p>By Bo2man, 12/29/2010</p>"), vec!["Bo2man".to_string()]);
        assert!(!name_like("Artikel von") && !name_like("Name") && name_like("Jo Roe"));
        assert_eq!(
            byline("<h1>H</h1><div>By <a href='/author/b'>Ben Ode</a> &sdot; Review Editor</div>"),
            vec!["Ben Ode".to_string()]
        );
        assert_eq!(
            byline("<h1>H</h1><p>By A. J. Neal, DVM. Reviewed by Al Ba</p>"),
            vec!["A. J. Neal, DVM".to_string()]
        );
        assert_eq!(
            byline("<h1>H</h1><p>By Jo Roe, DVM, and Al Ba</p>"),
            vec!["Jo Roe, DVM".to_string(), "Al Ba".to_string()]
        );
    }
}
