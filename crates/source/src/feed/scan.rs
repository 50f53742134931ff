//! Finds a feed's items and their fields with `quick-xml`, tolerantly.
//!
//! Only byte positions are taken from the tokenizer: a field is the raw markup
//! between its start and end tags, turned into text later. A field or item
//! left open is closed where its item (or the document) ends, as the old
//! hand-written scanner did, so a missing end tag costs one field, not the rest
//! of the feed. The tokenizer only fails on markup cut off by the end of the
//! document, which makes the item it happens in an error.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::page::strip_cdata;

/// The elements of an item that are read; the first of each name wins, at any depth.
const FIELDS: [&str; 10] = [
    "title",
    "link",
    "pubDate",
    "published",
    "updated",
    "dc:date",
    "content:encoded",
    "content",
    "description",
    "summary",
];

/// One item's raw fields, borrowed from the document.
#[derive(Debug, Default)]
pub(super) struct RawItem<'a> {
    /// `(name, inner markup)` of each field found, in the order they closed.
    fields: Vec<(&'static str, &'a str)>,
    /// The article link as written: an Atom `href`, or the RSS `<link>` element.
    pub link: Option<String>,
    /// Why the item could not be read to its end.
    pub error: Option<String>,
}

impl<'a> RawItem<'a> {
    /// A field's inner markup, trimmed and without a CDATA wrapper (entities still escaped).
    pub fn field(&self, name: &str) -> Option<&'a str> {
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, raw)| strip_cdata(raw.trim()))
    }
}

/// A field whose end tag has not been seen yet.
struct Open {
    name: &'static str,
    /// Byte offset just after the start tag.
    start: usize,
    /// Same-name elements opened inside it, so the right end tag closes it.
    nested: usize,
}

/// The item being read, with its Atom links so far.
struct Current<'a> {
    item: RawItem<'a>,
    open: Vec<Open>,
    /// The first `href` of a `rel="alternate"` (or rel-less) link, and the first `href` at all.
    alternate: Option<String>,
    first_href: Option<String>,
}

impl<'a> Current<'a> {
    fn new() -> Self {
        Current { item: RawItem::default(), open: Vec::new(), alternate: None, first_href: None }
    }

    fn has(&self, name: &str) -> bool {
        self.item.fields.iter().any(|(n, _)| *n == name) || self.open.iter().any(|o| o.name == name)
    }

    fn start(&mut self, name: &str, after: usize) {
        if let Some(open) = self.open.iter_mut().find(|o| o.name == name) {
            open.nested += 1;
        } else if let Some(field) = FIELDS.iter().find(|f| **f == name) {
            if !self.has(field) {
                self.open.push(Open { name: field, start: after, nested: 0 });
            }
        }
    }

    fn end(&mut self, text: &'a str, name: &str, before: usize) {
        let Some(at) = self.open.iter().rposition(|o| o.name == name) else { return };
        if self.open[at].nested > 0 {
            self.open[at].nested -= 1;
            return;
        }
        let open = self.open.remove(at);
        self.item.fields.push((open.name, text.get(open.start..before).unwrap_or("")));
    }

    fn atom_link(&mut self, tag: &BytesStart<'_>) {
        let mut href = None;
        let mut alternate = true;
        for attr in tag.attributes().with_checks(false).flatten() {
            match attr.key.as_ref() {
                // Raw, entities still escaped, like every other field.
                "href" => href = Some(attr.value.to_string()),
                "rel" => alternate = attr.value.as_ref() == "alternate",
                _ => {}
            }
        }
        let Some(href) = href else { return };
        if alternate && self.alternate.is_none() {
            self.alternate = Some(href.clone());
        }
        self.first_href.get_or_insert(href);
    }

    /// Closes what is still open at `end` and settles the link.
    fn finish(mut self, text: &'a str, end: usize, atom: bool) -> RawItem<'a> {
        for open in std::mem::take(&mut self.open) {
            self.item.fields.push((open.name, text.get(open.start..end).unwrap_or("")));
        }
        self.item.link =
            if atom { self.alternate.or(self.first_href) } else { self.item.field("link").map(str::to_string) };
        self.item
    }
}

/// The document's items, or `None` when its root element is not `rss`, `feed` or `rdf:RDF`.
pub(super) fn items(text: &str) -> Option<Vec<RawItem<'_>>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    config.check_comments = false;

    let atom = root_is_atom(&mut reader)?;
    let item_tag = if atom { "entry" } else { "item" };
    let mut items = Vec::new();
    let mut current: Option<Current<'_>> = None;
    loop {
        let before = position(&reader);
        let event = reader.read_event();
        let after = position(&reader);
        match event {
            Ok(Event::Start(tag)) => match &mut current {
                None if tag.name().as_ref() == item_tag => current = Some(Current::new()),
                None => {}
                Some(cur) => {
                    if atom && tag.name().as_ref() == "link" {
                        cur.atom_link(&tag);
                    }
                    cur.start(tag.name().as_ref(), after);
                }
            },
            Ok(Event::Empty(tag)) => match &mut current {
                None if tag.name().as_ref() == item_tag => items.push(Current::new().finish(text, after, atom)),
                None => {}
                Some(cur) => {
                    if atom && tag.name().as_ref() == "link" {
                        cur.atom_link(&tag);
                    } else {
                        // `<title/>`: present and empty.
                        cur.start(tag.name().as_ref(), after);
                        cur.end(text, tag.name().as_ref(), after);
                    }
                }
            },
            Ok(Event::End(tag)) => {
                if let Some(cur) = &mut current {
                    // The first end tag of the item's name ends it, however its fields nest.
                    if tag.name().as_ref() == item_tag {
                        items.extend(current.take().map(|cur| cur.finish(text, before, atom)));
                    } else {
                        cur.end(text, tag.name().as_ref(), before);
                    }
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(err) => {
                if let Some(mut cur) = current.take() {
                    cur.item.error = Some(err.to_string());
                    items.push(cur.finish(text, before, atom));
                }
                // Errors are at cut-off markup; one that consumed nothing would repeat forever.
                if after <= before {
                    break;
                }
            }
        }
    }
    items.extend(current.map(|cur| cur.finish(text, text.len(), atom)));
    Some(items)
}

fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// Reads up to the root element: `Some(true)` for Atom's `feed`, `Some(false)` for RSS.
fn root_is_atom(reader: &mut Reader<&[u8]>) -> Option<bool> {
    loop {
        let before = position(reader);
        let name = match reader.read_event() {
            Ok(Event::Start(tag) | Event::Empty(tag)) => tag.name().as_ref().to_ascii_lowercase(),
            Ok(Event::Eof) => return None,
            Ok(_) => continue,
            Err(_) if position(reader) > before => continue,
            Err(_) => return None,
        };
        return match name.as_str() {
            "feed" => Some(true),
            "rss" | "rdf:rdf" => Some(false),
            _ => None,
        };
    }
}
