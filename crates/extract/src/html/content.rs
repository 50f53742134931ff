//! Finding the article body in the tree and reading it out as paragraphs.
//!
//! [`super::select`] chooses the body's containers; reading them out then drops, block by block, what its tag, its
//! class hints, its link density or its wording mark as boilerplate, recording
//! each dropped block with its reason. Figures and picture credits become images
//! with captions; date lines at either end of the body are set aside. A standfirst
//! named as such just under the headline joins the body, and a page whose markup
//! holds almost no text is read from its JSON-LD `articleBody`.
//! All walks are iterative: no recursion depth depends on the input.

use newsgraph_model::{Image, RemovalReason, Removed};

use super::credit::is_credit;
use super::dom::{collapse, Dom, Tag};
use super::hints::{self, Hint};
use super::profile::Profile;
use super::select::{blocked_nodes, body_path, select};

/// One paragraph of the body, or a sub-heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub text: String,
    /// Heading level (1-6) when the paragraph is a heading.
    pub heading: Option<u8>,
}

#[derive(Debug, Default)]
pub struct Body {
    pub paras: Vec<Para>,
    pub images: Vec<Image>,
    pub removed: Vec<Removed>,
}

impl Body {
    pub fn chars(&self) -> usize {
        self.paras.iter().filter(|p| p.heading.is_none()).map(|p| p.text.len()).sum()
    }
}

/// Longest text kept for one removed block: enough to recognise it.
const REMOVED_MAX_CHARS: usize = 300;
const MAX_IMAGES: usize = 64;
const MAX_REMOVED: usize = 200;

/// Extracts the body. `title` lets a repeated headline be left out of the text.
pub fn extract(dom: &Dom, title: Option<&str>) -> Body {
    extract_with(dom, title, Profile::ARTICLE)
}

/// Extracts the body as a page type's [`Profile`] defines it.
pub fn extract_with(dom: &Dom, title: Option<&str>, profile: Profile) -> Body {
    let path = body_path(dom);
    if profile.whole_page {
        let root = dom.nodes.iter().position(|n| n.tag == Tag::Main && n.chars > 0).map_or(0, |m| m as u32);
        return read(dom, &[root], title, dom.nodes[root as usize].chars, true, &path, profile);
    }
    let blocked = blocked_nodes(dom, &path, profile);
    let mut body = select_and_read(dom, title, Some(&blocked), false, &path, profile);
    if body.chars() < 250 {
        // Class hints can be wrong about the main container (`widget`, `meta` in a
        // theme's class names): retry with them ignored for selection and big blocks.
        let retry = select_and_read(dom, title, None, true, &path, profile);
        if retry.chars() > body.chars() {
            body = retry;
        }
    }
    if body.chars() < 250 {
        // Still poor: read the whole page through the block filters.
        let whole = read(dom, &[0], title, dom.nodes[0].chars, true, &path, profile);
        if whole.chars() > body.chars() * 2 {
            body = whole;
        }
    }
    if body.chars() < 250 {
        // Last resort before "no text": class names may be systematically misleading
        // (every section called `skip-item`); read the page by tags and text alone.
        let plain = read_with(dom, &[0], title, dom.nodes[0].chars, (true, true), &path, profile);
        if plain.chars() > body.chars() * 2 {
            body = plain;
        }
    }
    if let Some(lead) = standfirst(dom, title, &body) {
        body.paras.insert(0, Para { text: lead, heading: None });
    }
    if body.chars() < STRUCTURED_BODY_BELOW {
        // A page built by script may leave its text only in its JSON-LD `articleBody`.
        if let Some(paras) = structured_body(dom, body.chars()) {
            body.paras = paras;
        }
    }
    body
}

/// How many nodes after the headline a block named as the lead may stand.
const LEAD_WINDOW: usize = 80;

/// The standfirst: a prose block named as the lead (`intro`, `lead`, `abstract`, ...) set
/// shortly after the headline, outside the body's container
/// (`<header><h1>…</h1><p class="intro">…</p></header>`), and not yet read.
fn standfirst(dom: &Dom, title: Option<&str>, body: &Body) -> Option<String> {
    if body.paras.is_empty() {
        return None;
    }
    // The headline: an `<h1>`-`<h3>` as long as the title (non-space characters, as the
    // tree counts them) and saying the same. The count is the cheap test, run first.
    let title = title?;
    let title_chars = title.chars().filter(|c| !c.is_whitespace()).count() as u32;
    let mut key = None;
    let h1 = dom.nodes.iter().enumerate().position(|(i, n)| {
        matches!(n.tag, Tag::H1 | Tag::H2 | Tag::H3)
            && n.chars.abs_diff(title_chars) <= 3
            && n.chars > 0
            && normalise(&dom.inner_text(i as u32)) == *key.get_or_insert_with(|| normalise(title))
    })?;
    let end = (h1 + LEAD_WINDOW).min(dom.nodes.len());
    let id = (h1 + 1..end).find(|&i| is_lead(&dom.nodes[i]) && !holds_figure(dom, i as u32))? as u32;
    let text = dom.inner_text(id);
    if !text.ends_with(['.', '!', '?', '…', '"', '“', '”', '»']) && !text.contains(". ") {
        return None;
    }
    // Both texts are whitespace-collapsed: the lead's opening words find it in a paragraph.
    let opening = &text[..text.char_indices().nth(60).map_or(text.len(), |(i, _)| i)];
    let read = body.paras.iter().take(8).any(|p| p.text.contains(opening) || text.contains(p.text.as_str()));
    (!read).then_some(text)
}

/// Whether a small block holds a figure or an image: a lead picture's caption is not a lead.
fn holds_figure(dom: &Dom, id: u32) -> bool {
    let mut stack = vec![id];
    let mut seen = 0;
    while let Some(n) = stack.pop() {
        seen += 1;
        if seen > 200 {
            return true;
        }
        for c in dom.children(n) {
            if matches!(dom.nodes[c as usize].tag, Tag::Figure | Tag::Img | Tag::Media) {
                return true;
            }
            stack.push(c);
        }
    }
    false
}

/// A prose block named as a standfirst. Decks, summaries and excerpts are left out:
/// benchmark golds (AEB, WCXB) leave them out of the article more often than they keep
/// them. Near the headline a "teaser" is the article's own (German CMSs name leads so).
fn is_lead(node: &super::dom::Node) -> bool {
    node.element.is_some()
        && matches!(node.tag, Tag::P | Tag::Div | Tag::Inline | Tag::Section)
        && (60..=1000).contains(&node.chars)
        && node.link_density() < 0.2
        && !node.hidden()
        && matches!(node.hint(), Hint::Neutral | Hint::Content | Hint::Boilerplate(RemovalReason::Related))
        && node.hints().split(|c: char| !c.is_ascii_alphabetic()).any(|part| {
            matches!(
                part,
                "lead"
                    | "leadtext"
                    | "leader"
                    | "intro"
                    | "introtext"
                    | "introduction"
                    | "abstract"
                    | "standfirst"
                    | "chapo"
                    | "vorspann"
                    | "teaser"
            )
        })
}

/// Bodies shorter than this (bytes of text) are checked against the JSON-LD `articleBody`.
const STRUCTURED_BODY_BELOW: usize = 1000;

/// The paragraphs of the page's JSON-LD `articleBody`, when it holds more than twice the
/// text the markup gave (`found` bytes) and at least a few sentences.
fn structured_body(dom: &Dom, found: usize) -> Option<Vec<Para>> {
    let raw = super::meta::article_body(dom)?;
    if raw.len() < 400 || raw.len() < found * 2 {
        return None;
    }
    // Some sites put markup in the field: read it as a page of its own.
    let text = if raw.contains("</p>") || raw.contains("<br") {
        let inner = Dom::parse(&raw);
        let mut lines = Vec::new();
        let mut para = String::new();
        for node in &inner.nodes {
            if node.element.is_none() {
                para.push_str(inner.text_of(node));
            } else if !node.tag.is_inline() && !para.trim().is_empty() {
                lines.push(std::mem::take(&mut para));
            }
        }
        lines.push(para);
        lines.join("\n")
    } else {
        raw
    };
    let paras: Vec<Para> =
        text.split('\n').map(collapse).filter(|t| !t.is_empty()).map(|text| Para { text, heading: None }).collect();
    (!paras.is_empty()).then_some(paras)
}

fn select_and_read(
    dom: &Dom,
    title: Option<&str>,
    blocked: Option<&[bool]>,
    relaxed: bool,
    path: &[bool],
    profile: Profile,
) -> Body {
    let roots = select(dom, blocked, profile);
    let total: u32 = roots.iter().map(|&r| dom.nodes[r as usize].chars).sum();
    read(dom, &roots, title, total, relaxed, path, profile)
}

/// The reader's state while walking the body.
struct Reader<'a> {
    dom: &'a Dom,
    /// Wrappers of the block the page names as its body, from [`body_path`]: kept whatever
    /// their class says, comments sections excepted.
    body_path: &'a [bool],
    /// Keep blocks holding a large part of the body whatever their class says.
    relaxed: bool,
    /// Read class hints as neutral (the last-resort reading).
    ignore_hints: bool,
    /// What the page type makes content that the article reading drops.
    profile: Profile,
    title_key: Option<String>,
    total: u32,
    body: Body,
    buf: String,
    buf_chars: u32,
    buf_link_chars: u32,
}

enum Step {
    Enter(u32),
    Leave(u32),
}

fn read(
    dom: &Dom,
    roots: &[u32],
    title: Option<&str>,
    total: u32,
    relaxed: bool,
    path: &[bool],
    profile: Profile,
) -> Body {
    read_with(dom, roots, title, total, (relaxed, false), path, profile)
}

fn read_with(
    dom: &Dom,
    roots: &[u32],
    title: Option<&str>,
    total: u32,
    (relaxed, ignore_hints): (bool, bool),
    body_path: &[bool],
    profile: Profile,
) -> Body {
    let mut reader = Reader {
        dom,
        body_path,
        relaxed,
        ignore_hints,
        profile,
        title_key: title.map(normalise),
        total,
        body: Body::default(),
        buf: String::new(),
        buf_chars: 0,
        buf_link_chars: 0,
    };
    let mut stack: Vec<Step> = roots.iter().rev().map(|&r| Step::Enter(r)).collect();
    let mut children = Vec::new();
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(id) => match dom.nodes[id as usize].tag {
                // Cells of a table row read as one line; the row ends it.
                Tag::Td | Tag::Th => reader.buf.push(' '),
                tag if !tag.is_inline() => reader.flush(),
                _ => {}
            },
            Step::Enter(id) => {
                if !reader.enter(id) {
                    continue;
                }
                stack.push(Step::Leave(id));
                children.clear();
                children.extend(dom.children(id));
                stack.extend(children.iter().rev().map(|&c| Step::Enter(c)));
            }
        }
    }
    reader.flush();
    reader.finish()
}

impl Reader<'_> {
    /// Whether `node` is an unselected tab of a page read whole (code for another
    /// language, another plan's details): content the reader opens in place. An
    /// article's hidden tabs stay out (galleries, "most read" switchers).
    fn closed_tab(&self, node: &super::dom::Node) -> bool {
        self.profile.whole_page && node.hidden() && node.hints().split(' ').any(|h| h == "role:tabpanel")
    }

    /// Handles entering a node; returns whether to walk its children.
    fn enter(&mut self, id: u32) -> bool {
        let dom = self.dom;
        let node = &dom.nodes[id as usize];
        if node.element.is_none() {
            if id != 0 {
                self.buf.push_str(dom.text_of(node));
                self.buf_chars += node.chars;
                self.buf_link_chars += node.link_chars;
            }
            return id == 0;
        }
        let big = node.chars as f32 > self.total as f32 * 0.5;
        let hint = if self.ignore_hints { Hint::Neutral } else { node.hint() };
        // Hidden blocks and media fallbacks are not text, unless they hold most of the
        // body (content revealed by script, or swallowed by an unclosed `<video>`).
        if (node.hidden() || hint == Hint::Hidden || node.tag == Tag::Media) && !big && !self.closed_tab(node) {
            return false;
        }
        match node.tag {
            Tag::Br => {
                self.buf.push('\n');
                return false;
            }
            Tag::Img => {
                if let Some(url) = node.element.as_ref().and_then(|e| e.link.as_deref()) {
                    self.push_image(Image { url: Some(url.to_string()), caption: None });
                }
                return false;
            }
            Tag::Figure => {
                self.flush();
                self.figure(id);
                return false;
            }
            Tag::Hr | Tag::Input => return false,
            _ => {}
        }
        let reason = hints::tag_reason(node.tag).or(match hint {
            // Inside a paragraph a "dateline" or "byline" span is part of the sentence
            // ("KOBE – A total of ..."); only blocks of their own are metadata.
            Hint::Boilerplate(RemovalReason::Byline | RemovalReason::Dateline) if node.tag.is_inline() => None,
            Hint::Boilerplate(reason) => Some(reason),
            _ => None,
        });
        let reason = reason.filter(|&r| !self.profile.keeps(r));
        if let Some(reason) = reason {
            // A container holding most of the body is not a byline or a header, whatever its class.
            let large = node.chars as f32 > self.total as f32 * 0.3;
            let wraps_body = self.body_path.get(id as usize).copied().unwrap_or(false);
            let protect = (wraps_body || self.relaxed && large) && reason != RemovalReason::Comments
                || big
                    && (matches!(
                        reason,
                        RemovalReason::Byline
                            | RemovalReason::Dateline
                            | RemovalReason::Navigation
                            | RemovalReason::CallToAction
                    ) || node.tag == Tag::Form);
            if !protect {
                self.flush();
                self.remove(id, reason);
                return false;
            }
        }
        if hint == Hint::Caption && node.chars < 500 && !big {
            self.flush();
            let caption = dom.inner_text(id);
            self.caption(caption);
            return false;
        }
        if node.tag.is_heading() {
            self.flush();
            let text = dom.inner_text(id);
            if text.is_empty() {
                return false;
            }
            if node.tag == Tag::H1 && self.title_key.as_deref().is_some_and(|t| normalise(&text) == t) {
                return false;
            }
            if let Some(reason) = hints::furniture_text(&text) {
                self.removed(text, reason);
                return false;
            }
            if node.link_density() > 0.5 && node.chars < 200 && !self.profile.keep_links {
                self.removed(text, RemovalReason::Related);
                return false;
            }
            let level = match node.tag {
                Tag::H1 => 1,
                Tag::H2 => 2,
                Tag::H3 => 3,
                Tag::H4 => 4,
                Tag::H5 => 5,
                _ => 6,
            };
            self.body.paras.push(Para { text, heading: Some(level) });
            return false;
        }
        if !node.tag.is_inline() {
            if !matches!(node.tag, Tag::Td | Tag::Th) {
                self.flush();
            }
            // Link lists inside the body: navigation, related stories, tag clouds.
            if matches!(node.tag, Tag::Ul | Tag::Ol | Tag::Div | Tag::Section | Tag::Table | Tag::Dl | Tag::Custom)
                && node.chars > 0
                && node.link_density() > 0.55
                && !big
                && !self.profile.keep_links
                && !self.body_path.get(id as usize).copied().unwrap_or(false)
            {
                let reason = if node.tag == Tag::Ul || node.tag == Tag::Ol {
                    RemovalReason::Navigation
                } else {
                    RemovalReason::Related
                };
                self.remove(id, reason);
                return false;
            }
        }
        true
    }

    fn figure(&mut self, id: u32) {
        let dom = self.dom;
        let mut url = None;
        let mut caption = None;
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            let node = &dom.nodes[n as usize];
            match node.tag {
                Tag::Img if url.is_none() => url = node.element.as_ref().and_then(|e| e.link.as_deref()),
                Tag::Figcaption if caption.is_none() => caption = Some(dom.inner_text(n)),
                _ => {
                    let kids: Vec<u32> = dom.children(n).collect();
                    stack.extend(kids.into_iter().rev());
                }
            }
        }
        let caption = caption.filter(|c| !c.is_empty());
        if url.is_some() || caption.is_some() {
            self.push_image(Image { url: url.map(str::to_string), caption });
        }
    }

    fn caption(&mut self, caption: String) {
        if caption.is_empty() {
            return;
        }
        match self.body.images.last_mut() {
            Some(image) if image.caption.is_none() => image.caption = Some(caption),
            _ => self.push_image(Image { url: None, caption: Some(caption) }),
        }
    }

    fn push_image(&mut self, image: Image) {
        if self.body.images.len() < MAX_IMAGES && !self.body.images.contains(&image) {
            self.body.images.push(image);
        }
    }

    fn remove(&mut self, id: u32, reason: RemovalReason) {
        if self.body.removed.len() >= MAX_REMOVED {
            return;
        }
        let text = self.dom.inner_text(id);
        self.removed(text, reason);
    }

    fn removed(&mut self, text: String, reason: RemovalReason) {
        if text.is_empty() || self.body.removed.len() >= MAX_REMOVED {
            return;
        }
        let text = match text.char_indices().nth(REMOVED_MAX_CHARS) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text,
        };
        self.body.removed.push(Removed { text, reason });
    }

    /// Ends the current paragraph, keeping it unless it reads as furniture or a link list.
    fn flush(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let mut text = String::with_capacity(self.buf.len());
        for line in self.buf.split('\n') {
            let line = collapse(line);
            if !line.is_empty() {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&line);
            }
        }
        let (chars, link_chars) = (self.buf_chars, self.buf_link_chars);
        self.buf.clear();
        self.buf_chars = 0;
        self.buf_link_chars = 0;
        if text.is_empty() {
            return;
        }
        if let Some(reason) = hints::furniture_text(&text) {
            self.removed(text, reason);
            return;
        }
        if is_credit(&text) {
            // "Foto: Jo Roe", "The runner at the finish. © AFP": a picture's caption or credit.
            self.caption(text);
            return;
        }
        if chars > 0 && link_chars as f32 / chars as f32 > 0.8 && chars < 150 && !self.profile.keep_links {
            self.removed(text, RemovalReason::Related);
            return;
        }
        if self.body.paras.last().is_some_and(|p| p.text == text) {
            return;
        }
        self.body.paras.push(Para { text, heading: None });
    }

    fn finish(mut self) -> Body {
        // A caption that also stands in the text is said once, as the caption.
        let captions: Vec<String> =
            self.body.images.iter().filter_map(|i| i.caption.as_deref()).map(normalise).collect();
        if !captions.is_empty() {
            // A paragraph much longer than every caption cannot say the same: not normalised.
            let longest = self.body.images.iter().filter_map(|i| i.caption.as_deref()).map(str::len).max();
            let limit = longest.unwrap_or(0) * 2 + 16;
            let mut kept = Vec::with_capacity(self.body.paras.len());
            for para in std::mem::take(&mut self.body.paras) {
                if para.heading.is_none() && para.text.len() <= limit && captions.contains(&normalise(&para.text)) {
                    self.removed(para.text, RemovalReason::CaptionDuplicate);
                } else {
                    kept.push(para);
                }
            }
            self.body.paras = kept;
        }
        // Date lines at either end of the body ("Publiziert: 03.04.2020, 12:35", "Stand:
        // 05. Februar 2020") are metadata; in the middle they may be part of a timeline.
        let n = self.body.paras.len();
        if n > 1 && !self.profile.keep_bylines {
            let mut kept = Vec::with_capacity(n);
            for (i, para) in std::mem::take(&mut self.body.paras).into_iter().enumerate() {
                if (i < 3 || i + 3 >= n) && para.heading.is_none() && is_dateline(&para.text) {
                    self.removed(para.text, RemovalReason::Dateline);
                } else {
                    kept.push(para);
                }
            }
            self.body.paras = kept;
        }
        // Trailing headings with nothing under them are section furniture ("Related", "Comments").
        while self.body.paras.last().is_some_and(|p| p.heading.is_some()) {
            if let Some(p) = self.body.paras.pop() {
                self.removed(p.text, RemovalReason::Related);
            }
        }
        self.body
    }
}

/// Longest paragraph (bytes) that can be a date line.
const DATELINE_MAX_BYTES: usize = 64;

/// A short paragraph that is a date with at most a few label words: not a sentence.
fn is_dateline(text: &str) -> bool {
    if text.len() > DATELINE_MAX_BYTES || !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // The signature of an embedded post ("— Jo Roe (@jo) May 3, 2021") is quoted content.
    if text.starts_with(['—', '–', '-']) || text.contains('@') {
        return false;
    }
    let words = text.split_whitespace().count();
    let sentence =
        text.trim_end().ends_with(['.', '!', '?']) && !text.trim_end().ends_with(|c: char| c.is_ascii_digit());
    (words <= 4 || (words <= 8 && !sentence)) && crate::dates::parse_date(text).is_some()
}

/// Lowercased words only: how titles and captions are compared.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines_are_short_and_not_sentences() {
        assert!(is_dateline("Publiziert: 03.04.2020, 12:35"));
        assert!(is_dateline("Stand: 05. Februar 2020"));
        assert!(!is_dateline("He died on 3 May 2021 in the city where he was born."));
        assert!(!is_dateline("— Jo Roe (@jroe) November 19, 2019"));
    }
}
