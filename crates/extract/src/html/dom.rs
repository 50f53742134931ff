//! A light arena tree of the parts of a page that can be content.
//!
//! [`Dom::parse`] streams the tokens of a page once. What cannot be article
//! text (scripts, styles, SVG, forms controls, media, templates, `<head>`) never
//! enters the tree; `<title>`, `<meta>` and JSON-LD are read from the stream
//! into [`Head`] on the way. The tree repairs the usual broken markup the way
//! browsers do in the common cases (implied `</p>`, `</li>`, `</td>`, stray
//! end tags) without the full HTML5 tree-construction algorithm. Nesting is
//! capped at [`MAX_DEPTH`]: deeper start tags are dropped but their text is
//! kept, so 100,000 nested tags cost linear time and no recursion anywhere.

use std::rc::Rc;

use super::element::{element_attrs, HintCache};
use super::entities;
use super::hints::Hint;
pub use super::tags::Tag;
use super::tags::{classify, Kind};
use super::tokenizer::{attrs, Token, Tokenizer};
pub use super::whitespace::collapse;
use super::whitespace::{visible_chars, Collapser};

/// Deepest element nesting kept; deeper elements are flattened into their ancestor.
pub const MAX_DEPTH: usize = 256;
pub const NONE: u32 = u32::MAX;

#[derive(Debug, Clone)]
pub struct Element {
    /// Lowercased `class`, `id`, `itemprop` and `role` values, space separated: the hints
    /// boilerplate and content detection look at. Shared: a page repeats a few class strings
    /// on most of its elements, and one allocation each is enough.
    pub hints: Rc<str>,
    /// `href` of a link, `src` (or its lazy-loading variant) of an image, `datetime` of a time.
    pub link: Option<Box<str>>,
    /// `alt` of an image, `rel` of a link.
    pub extra: Option<Box<str>>,
    /// `hidden`, `aria-hidden`, or `display:none`: not rendered.
    pub hidden: bool,
    /// What the hints say, read once when the element is parsed.
    pub hint: Hint,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub tag: Tag,
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next_sibling: u32,
    /// Text node: byte range into [`Dom::text`]; element: empty.
    pub text: (u32, u32),
    pub element: Option<Element>,
    /// Non-whitespace characters of text in this subtree (after [`Dom::parse`]).
    pub chars: u32,
    /// Of those, characters inside links.
    pub link_chars: u32,
    /// Characters of text whose nearest block ancestor is this node: its own paragraph text.
    pub own_chars: u32,
    pub own_commas: u32,
    /// Text node inside an `<a>`.
    pub in_link: bool,
}

impl Node {
    fn new(tag: Tag, parent: u32) -> Self {
        Node {
            tag,
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            text: (0, 0),
            element: None,
            chars: 0,
            link_chars: 0,
            own_chars: 0,
            own_commas: 0,
            in_link: false,
        }
    }

    pub fn hints(&self) -> &str {
        self.element.as_ref().map_or("", |e| &e.hints)
    }

    pub fn hint(&self) -> Hint {
        self.element.as_ref().map_or(Hint::Neutral, |e| e.hint)
    }

    pub fn hidden(&self) -> bool {
        self.element.as_ref().is_some_and(|e| e.hidden)
    }

    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// What the page says about itself in `<head>` (and in JSON-LD and meta tags anywhere).
#[derive(Debug, Clone, Default)]
pub struct Head {
    pub title: Option<String>,
    /// `(name|property|itemprop, content)`, the key lowercased.
    pub metas: Vec<(String, String)>,
    pub jsonld: Vec<String>,
    pub canonical: Option<String>,
    pub lang: Option<String>,
    /// Markup inside `<noscript>`: script-built pages keep their only server-side text there.
    pub noscript: String,
}

#[derive(Debug, Default)]
pub struct Dom {
    /// Node 0 is the root; children always come after their parent.
    pub nodes: Vec<Node>,
    pub text: String,
    pub head: Head,
    /// Class strings repeat across a page: each distinct one is classified once.
    hint_cache: HintCache,
    /// The largest block named as the article body (`itemprop="articleBody"`,
    /// `entry-content`, ...) of at least [`BODY_MARK_MIN_CHARS`] characters.
    pub body_mark: Option<u32>,
}

/// Smallest block (characters) taken as the page's named article body.
pub const BODY_MARK_MIN_CHARS: u32 = 200;

struct Open {
    node: u32,
    tag: Tag,
    /// Nearest block element at or above this entry: where its text counts as paragraph text.
    block: u32,
    /// Stack position of the nearest open `<a>` at or above this entry ([`NONE`]: none).
    /// Entries below never change while this one is open, so it stays true.
    link_at: u32,
}

/// Text is link text when an `<a>` is among the innermost this many open elements.
const LINK_REACH: usize = 64;

impl Dom {
    /// The distinct class/id hint strings of the page's elements.
    pub fn distinct_hints(&self) -> impl Iterator<Item = &str> {
        self.hint_cache.distinct()
    }

    pub fn text_of(&self, node: &Node) -> &str {
        self.text.get(node.text.0 as usize..node.text.1 as usize).unwrap_or("")
    }

    pub fn parse(html: &str) -> Dom {
        let mut dom = Dom {
            nodes: Vec::with_capacity(html.len() / 64),
            text: String::with_capacity(html.len() / 8),
            head: Head::default(),
            hint_cache: HintCache::default(),
            body_mark: None,
        };
        dom.nodes.push(Node::new(Tag::Root, NONE));
        let mut stack: Vec<Open> = vec![Open { node: 0, tag: Tag::Root, block: 0, link_at: NONE }];
        // Non-raw elements being skipped: the name and how deep we are inside it.
        let mut skipping: Option<(&str, usize)> = None;
        let mut pending_raw: Option<Kind> = None;
        let mut json_script = false;
        for token in Tokenizer::new(html) {
            if let Some((name, depth)) = skipping.as_mut() {
                let breaks_out = match token {
                    Token::Start { name: n, self_closing: false, .. } if n.eq_ignore_ascii_case(name) => {
                        *depth += 1;
                        false
                    }
                    Token::End { name: n } if n.eq_ignore_ascii_case(name) => {
                        *depth -= 1;
                        if *depth == 0 {
                            skipping = None;
                        }
                        false
                    }
                    // An unclosed <svg> or <select> ends where its container does, as in
                    // browsers; waiting for its own end tag would swallow the rest of the page.
                    Token::End { name: n } => closes_open_container(n, &stack),
                    _ => false,
                };
                if !breaks_out {
                    continue;
                }
                skipping = None;
            }
            match token {
                Token::RawText(raw) => match pending_raw.take() {
                    Some(Kind::Title) if dom.head.title.is_none() => {
                        dom.head.title = Some(collapse(&entities::decode(raw)));
                    }
                    Some(Kind::Script) if json_script => dom.head.jsonld.push(raw.to_string()),
                    Some(Kind::Noscript) if dom.head.noscript.len() < (1 << 22) => {
                        dom.head.noscript.push_str(raw);
                        dom.head.noscript.push('\n');
                    }
                    _ => {}
                },
                Token::Text(raw) => {
                    pending_raw = None;
                    let in_link = stack
                        .last()
                        .is_some_and(|o| o.link_at != NONE && o.link_at as usize + LINK_REACH >= stack.len());
                    dom.push_text(raw, &stack, in_link);
                }
                Token::Start { name, attrs: raw_attrs, self_closing } => {
                    pending_raw = None;
                    match classify(name) {
                        Kind::Element(tag) => {
                            if tag == Tag::A {
                                // Links do not nest: a new one ends an unclosed one, as in browsers.
                                dom.close(Tag::A, &mut stack);
                            }
                            dom.open(tag, raw_attrs, self_closing, &mut stack);
                        }
                        Kind::Skip => {
                            if !self_closing && super::tokenizer::raw_text_element(name).is_none() {
                                skipping = Some((name, 1));
                            } else if name.eq_ignore_ascii_case("noscript") {
                                pending_raw = Some(Kind::Noscript);
                            } else {
                                pending_raw = Some(Kind::Skip);
                            }
                        }
                        Kind::Title => pending_raw = Some(Kind::Title),
                        Kind::Script => {
                            json_script = attrs(raw_attrs).any(|(n, v)| {
                                n.eq_ignore_ascii_case("type") && v.to_ascii_lowercase().contains("ld+json")
                            });
                            pending_raw = Some(Kind::Script);
                        }
                        Kind::Meta => dom.meta(raw_attrs),
                        Kind::Link => {
                            let mut rel = false;
                            let mut href = None;
                            for (n, v) in attrs(raw_attrs) {
                                if n.eq_ignore_ascii_case("rel") && v.eq_ignore_ascii_case("canonical") {
                                    rel = true;
                                } else if n.eq_ignore_ascii_case("href") {
                                    href = Some(v);
                                }
                            }
                            if let (true, Some(href), None) = (rel, href, &dom.head.canonical) {
                                dom.head.canonical = Some(entities::decode(href));
                            }
                        }
                        Kind::Transparent => {
                            if name.eq_ignore_ascii_case("html") && dom.head.lang.is_none() {
                                dom.head.lang = attrs(raw_attrs)
                                    .find(|(n, _)| n.eq_ignore_ascii_case("lang"))
                                    .map(|(_, v)| v.trim().to_ascii_lowercase())
                                    .filter(|v| !v.is_empty());
                            }
                        }
                        Kind::Ignore | Kind::Noscript => {}
                    }
                }
                Token::End { name } => {
                    pending_raw = None;
                    // `</body>` and `</html>` are ignored: pages often put content after them.
                    if let Kind::Element(tag) = classify(name) {
                        dom.close(tag, &mut stack);
                    }
                }
            }
        }
        dom.aggregate();
        dom
    }

    fn meta(&mut self, raw_attrs: &str) {
        let mut key = None;
        let mut content = None;
        for (n, v) in attrs(raw_attrs) {
            if n.eq_ignore_ascii_case("content") {
                content = Some(v);
            } else if n.eq_ignore_ascii_case("name")
                || n.eq_ignore_ascii_case("property")
                || n.eq_ignore_ascii_case("itemprop")
            {
                key.get_or_insert(v);
            }
        }
        if let (Some(key), Some(content)) = (key, content) {
            let content = collapse(&entities::decode(content));
            if !content.is_empty() && self.head.metas.len() < 512 {
                self.head.metas.push((key.trim().to_ascii_lowercase(), content));
            }
        }
    }

    fn append(&mut self, parent: u32, mut node: Node) -> u32 {
        let id = self.nodes.len() as u32;
        node.parent = parent;
        if let Some(p) = self.nodes.get_mut(parent as usize) {
            let last = p.last_child;
            p.last_child = id;
            if last == NONE {
                p.first_child = id;
            } else if let Some(l) = self.nodes.get_mut(last as usize) {
                l.next_sibling = id;
            }
        }
        self.nodes.push(node);
        id
    }

    fn push_text(&mut self, raw: &str, stack: &[Open], in_link: bool) {
        let Some(top) = stack.last() else { return };
        if raw.is_empty() {
            return;
        }
        let start = self.text.len();
        entities::decode_into(raw, &mut self.text);
        let (chars, commas) = visible_chars(&self.text[start..]);
        if chars == 0 {
            // Whitespace only: one space is all that layout keeps of it.
            self.text.truncate(start);
            self.text.push(' ');
        }
        // Merge with a preceding text sibling so paragraphs stay one node.
        let parent = top.node;
        let last = self.nodes[parent as usize].last_child;
        if last != NONE {
            let prev = &mut self.nodes[last as usize];
            if prev.element.is_none()
                && prev.tag == Tag::Root
                && prev.text.1 as usize == start
                && prev.in_link == in_link
            {
                prev.text.1 = self.text.len() as u32;
                prev.chars += chars;
                if in_link {
                    prev.link_chars += chars;
                }
                let block = top.block as usize;
                self.nodes[block].own_chars += chars;
                self.nodes[block].own_commas += commas;
                return;
            }
        }
        let mut node = Node::new(Tag::Root, parent);
        node.text = (start as u32, self.text.len() as u32);
        node.chars = chars;
        node.in_link = in_link;
        if in_link {
            node.link_chars = chars;
        }
        self.append(parent, node);
        let block = top.block as usize;
        self.nodes[block].own_chars += chars;
        self.nodes[block].own_commas += commas;
    }

    fn open(&mut self, tag: Tag, raw_attrs: &str, self_closing: bool, stack: &mut Vec<Open>) {
        self.close_implied(tag, stack);
        if stack.len() >= MAX_DEPTH {
            return;
        }
        let Some(top) = stack.last() else { return };
        let top_link = top.link_at;
        let element = element_attrs(tag, raw_attrs, &mut self.hint_cache);
        let mut node = Node::new(tag, top.node);
        node.element = Some(element);
        let block = if tag.is_inline() { top.block } else { self.nodes.len() as u32 };
        let id = self.append(top.node, node);
        if !(tag.is_void() || self_closing && tag != Tag::Custom && tag.is_inline()) {
            let link_at = if tag == Tag::A { stack.len() as u32 } else { top_link };
            stack.push(Open { node: id, tag, block, link_at });
        }
    }

    /// Closes elements that a new `tag` implicitly ends (`<p>` before a block, `<li>` before `<li>`).
    fn close_implied(&mut self, tag: Tag, stack: &mut Vec<Open>) {
        let closes: &[Tag] = match tag {
            Tag::Li => &[Tag::Li],
            Tag::Dt | Tag::Dd => &[Tag::Dt, Tag::Dd],
            Tag::Tr => &[Tag::Tr, Tag::Td, Tag::Th],
            Tag::Td | Tag::Th => &[Tag::Td, Tag::Th],
            Tag::Tbody | Tag::Thead | Tag::Tfoot => &[Tag::Tr, Tag::Td, Tag::Th, Tag::Tbody, Tag::Thead, Tag::Tfoot],
            t if t.is_heading() => &[Tag::H1, Tag::H2, Tag::H3, Tag::H4, Tag::H5, Tag::H6, Tag::P],
            t if !t.is_inline() => &[Tag::P],
            _ => return,
        };
        let boundary: &[Tag] = match tag {
            Tag::Li => &[Tag::Ul, Tag::Ol, Tag::Table, Tag::Nav],
            Tag::Dt | Tag::Dd => &[Tag::Dl, Tag::Table],
            Tag::Tr | Tag::Td | Tag::Th | Tag::Tbody | Tag::Thead | Tag::Tfoot => &[Tag::Table],
            _ => &[],
        };
        // Look down the stack past inline elements only (and for list/table items, past
        // their own kind): a `<p>` is closed by a block only when it is the open paragraph.
        let mut i = stack.len();
        while i > 1 {
            i -= 1;
            let open = stack[i].tag;
            if closes.contains(&open) {
                stack.truncate(i);
                return;
            }
            if boundary.contains(&open) {
                return;
            }
            // List items and table cells close their open sibling across a few wrappers.
            let passable = open.is_inline() || (!boundary.is_empty() && stack.len() - i < 16);
            if !passable {
                return;
            }
        }
    }

    /// Pops to the open element `tag`; returns whether one was open.
    fn close(&mut self, tag: Tag, stack: &mut Vec<Open>) -> bool {
        // Table cells and list items do not close across their container.
        let boundary: &[Tag] = match tag {
            Tag::Td | Tag::Th | Tag::Tr => &[Tag::Table],
            Tag::Li => &[Tag::Ul, Tag::Ol],
            Tag::P => &[Tag::Div, Tag::Td, Tag::Li, Tag::Section, Tag::Article, Tag::Blockquote],
            _ => &[],
        };
        let mut i = stack.len();
        while i > 1 {
            i -= 1;
            if stack[i].tag == tag {
                stack.truncate(i);
                return true;
            }
            if boundary.contains(&stack[i].tag) {
                return false;
            }
        }
        false
    }

    /// Sums character counts up the tree. Children follow parents in the arena, so
    /// one reverse pass visits every child before its parent: no recursion.
    /// The same pass finds [`Dom::body_mark`]: a node's count is final when it is reached.
    fn aggregate(&mut self) {
        let mut mark: Option<(u32, u32)> = None;
        for i in (1..self.nodes.len()).rev() {
            let (chars, link_chars, parent, tag) = {
                let n = &self.nodes[i];
                // `>=`: of equal blocks the first in the page wins, as a forward scan would find.
                if n.chars >= BODY_MARK_MIN_CHARS
                    && mark.is_none_or(|(_, c)| n.chars >= c)
                    && n.hint() == Hint::Content
                    && n.hints().split_ascii_whitespace().any(super::hints::is_body_token)
                {
                    mark = Some((i as u32, n.chars));
                }
                (n.chars, n.link_chars, n.parent, n.tag)
            };
            if parent == NONE {
                continue;
            }
            let p = &mut self.nodes[parent as usize];
            p.chars += chars;
            // Text inside an `<a>` element counts as link text whatever its depth.
            p.link_chars += if tag == Tag::A { chars } else { link_chars };
        }
        self.body_mark = mark.map(|(i, _)| i);
    }

    /// The children of `node`, in order.
    pub fn children(&self, node: u32) -> Children<'_> {
        let first = self.nodes.get(node as usize).map_or(NONE, |n| n.first_child);
        Children { dom: self, next: first }
    }

    /// The last node of `root`'s subtree (nodes are numbered in document order, so the
    /// subtree is `root..=last_descendant(root)`).
    pub fn last_descendant(&self, root: u32) -> usize {
        let mut end = root;
        while let Some(n) = self.nodes.get(end as usize) {
            if n.last_child == NONE {
                break;
            }
            end = n.last_child;
        }
        end as usize
    }

    /// Concatenated text of a subtree, whitespace collapsed.
    pub fn inner_text(&self, node: u32) -> String {
        let mut out = Collapser::default();
        // Pre-order walk along the child and sibling links: no stack, no recursion.
        let mut id = node;
        while let Some(n) = self.nodes.get(id as usize) {
            if n.element.is_none() && id != 0 {
                out.push(self.text_of(n));
            } else if !n.tag.is_inline() || n.tag == Tag::Br {
                out.space = true;
            }
            if n.first_child != NONE {
                id = n.first_child;
                continue;
            }
            // Up to the nearest ancestor (within the subtree) that has a next sibling.
            let mut up = id;
            id = NONE;
            while up != node {
                let Some(u) = self.nodes.get(up as usize) else { break };
                if u.next_sibling != NONE {
                    id = u.next_sibling;
                    break;
                }
                up = u.parent;
            }
        }
        out.out
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes.get(id as usize).map_or(NONE, |n| n.next_sibling);
        Some(id)
    }
}

/// Whether `name` ends a block container that is open on `stack` (`</div>`, `</section>`, ...).
fn closes_open_container(name: &str, stack: &[Open]) -> bool {
    let Kind::Element(tag) = classify(name) else { return false };
    let container = matches!(
        tag,
        Tag::Article
            | Tag::Aside
            | Tag::Blockquote
            | Tag::Div
            | Tag::Figure
            | Tag::Footer
            | Tag::Form
            | Tag::Header
            | Tag::Li
            | Tag::Main
            | Tag::Nav
            | Tag::P
            | Tag::Section
            | Tag::Table
            | Tag::Td
    );
    container && stack.iter().any(|open| open.tag == tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags_under(dom: &Dom, node: u32) -> Vec<Tag> {
        dom.children(node).map(|c| dom.nodes[c as usize].tag).collect()
    }

    #[test]
    fn an_unclosed_svg_ends_with_its_container() {
        let dom = Dom::parse("<div><div class=icon><svg><g><path d='M0'></g></div><p>after the icon</p></div>");
        assert_eq!(dom.inner_text(0), "after the icon");
        // Its own end tags inside it still count: nothing leaks from a closed one.
        let dom = Dom::parse("<div><svg><svg><text>no</text></svg><text>no</text></svg><p>yes</p></div>");
        assert_eq!(dom.inner_text(0), "yes");
    }

    #[test]
    fn implied_end_tags_and_skipped_elements() {
        let dom = Dom::parse(
            "<html><head><title>T &amp; U</title><meta property='og:site_name' content='Site'>\
             <script type='application/ld+json'>{\"a\":1}</script></head><body>\
             <div><p>one<p>two<ul><li>a<li>b</ul><svg><text>no</text></svg><button>x</button></div>",
        );
        assert_eq!(dom.head.title.as_deref(), Some("T & U"));
        assert_eq!(dom.head.metas, vec![("og:site_name".to_string(), "Site".to_string())]);
        assert_eq!(dom.head.jsonld, vec!["{\"a\":1}".to_string()]);
        let div = dom.children(0).next().unwrap_or(NONE);
        // A button stays in the tree as media: its label is not text unless it swallowed the page.
        assert_eq!(tags_under(&dom, div), vec![Tag::P, Tag::P, Tag::Ul, Tag::Media]);
        let ul = dom.children(div).nth(2).unwrap_or(NONE);
        assert_eq!(tags_under(&dom, ul), vec![Tag::Li, Tag::Li]);
        assert_eq!(dom.inner_text(div), "one two a b x");
        assert_eq!(dom.nodes[0].chars, 9);
    }

    #[test]
    fn deep_nesting_is_capped_not_recursive() {
        let html = "<div>".repeat(100_000) + "deep text" + &"</div>".repeat(100_000);
        let dom = Dom::parse(&html);
        assert!(dom.nodes.len() <= MAX_DEPTH + 2);
        assert_eq!(dom.inner_text(0), "deep text");
    }

    #[test]
    fn inner_text_walk_agrees_with_a_stack_walk() {
        let dom = Dom::parse(
            "<div><p>one <b>two</b><br>three</p><ul><li>a<li><i>b</i> c</ul>\
             <table><tr><td>x<td>y</table><span>tail</span> end</div><p>after</p>",
        );
        for node in 0..dom.nodes.len() as u32 {
            // The walk it replaced: a stack of children, pushed in reverse.
            let mut out = String::new();
            let mut stack = vec![node];
            while let Some(id) = stack.pop() {
                let n = &dom.nodes[id as usize];
                if n.element.is_none() && id != 0 {
                    out.push_str(dom.text_of(n));
                } else if !n.tag.is_inline() || n.tag == Tag::Br {
                    out.push(' ');
                }
                let children: Vec<u32> = dom.children(id).collect();
                stack.extend(children.iter().rev());
            }
            assert_eq!(dom.inner_text(node), collapse(&out), "node {node}");
        }
    }

    #[test]
    fn link_text_is_counted() {
        let dom = Dom::parse("<div><a href='/x'>link text</a> and plain</div>");
        let div = &dom.nodes[1];
        assert_eq!(div.chars, 16);
        assert_eq!(div.link_chars, 8);
        assert_eq!(div.own_chars, 16);
    }
}
