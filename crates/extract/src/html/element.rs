//! An element's attributes, read once as it enters the tree: its class hints and
//! what they say, its link or image source, its alt text, and whether it is hidden.
//! It does not decide what the element is (see [`super::tags`]) nor what is content.

use std::collections::HashMap;
use std::rc::Rc;

use super::dom::{Element, Tag};
use super::entities;
use super::hints::{self, Hint};
use super::tokenizer::attrs;
use super::whitespace::collapse;

/// Distinct hint strings of a page, classified once each, and scratch space for building them.
#[derive(Debug, Default)]
pub(super) struct HintCache {
    // foldhash, not SipHash: this map is hit for every element, and it is bounded, so
    // a page crafted to collide its hashes slows only itself, by a bounded factor.
    map: HashMap<Rc<str>, Hint, foldhash::fast::RandomState>,

    /// The hints of elements without any: shared like the others.
    empty: Rc<str>,
    hints: String,
    style: String,
}

pub(super) fn element_attrs(tag: Tag, raw: &str, cache: &mut HintCache) -> Element {
    let mut element =
        Element { hints: cache.empty.clone(), link: None, extra: None, hidden: false, hint: Hint::Neutral };
    if raw.trim().is_empty() {
        return element;
    }
    let hints = &mut cache.hints;
    hints.clear();
    let mut src: Option<&str> = None;
    let mut lazy: Option<&str> = None;
    for (name, value) in attrs(raw) {
        let name_len = name.len();
        if name_len > 16 {
            continue;
        }
        let mut buf = [0u8; 16];
        for (slot, b) in buf.iter_mut().zip(name.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        match &buf[..name_len] {
            b"class" | b"id" | b"itemprop" | b"role" | b"data-component" | b"data-testid" => {
                if !hints.is_empty() {
                    hints.push(' ');
                }
                if name_len == 4 && &buf[..4] == b"role" {
                    hints.push_str("role:");
                }
                let start = hints.len();
                hints.push_str(value);
                hints[start..].make_ascii_lowercase();
            }
            b"href" if tag == Tag::A => element.link = Some(entities::decode(value.trim()).into()),
            b"datetime" if tag == Tag::Time => element.link = Some(value.trim().into()),
            b"src" if tag == Tag::Img => src = Some(value),
            b"data-src" | b"data-lazy-src" | b"data-original" | b"data-url" if tag == Tag::Img => lazy = Some(value),
            b"alt" if tag == Tag::Img => element.extra = Some(collapse(&entities::decode(value)).into()),
            b"rel" if tag == Tag::A => element.extra = Some(value.to_ascii_lowercase().into()),
            b"hidden" => element.hidden = true,
            b"aria-hidden" if value.eq_ignore_ascii_case("true") => element.hidden = !tag.is_inline(),
            b"style" => {
                let compact = &mut cache.style;
                compact.clear();
                compact.extend(value.chars().filter(|c| !c.is_whitespace()));
                compact.make_ascii_lowercase();
                if compact.contains("display:none") || compact.contains("visibility:hidden") {
                    element.hidden = true;
                }
            }
            _ => {}
        }
    }
    if tag == Tag::Img {
        // Lazy loaders put a placeholder in `src` and the real image in `data-src`.
        let real = match (src, lazy) {
            (Some(s), Some(l)) if s.starts_with("data:") || s.is_empty() => Some(l),
            (Some(s), _) => Some(s),
            (None, l) => l,
        };
        element.link =
            real.map(|s| entities::decode(s.trim())).filter(|s| !s.starts_with("data:")).map(String::into_boxed_str);
    }
    let hints = cache.hints.as_str();
    (element.hints, element.hint) = match cache.map.get_key_value(hints) {
        Some((shared, hint)) => (shared.clone(), *hint),
        None => {
            let hint = hints::classify(hints);
            let shared: Rc<str> = hints.into();
            // Bounded: a hostile page with endless distinct class names cannot grow it forever.
            if cache.map.len() < 4096 {
                cache.map.insert(shared.clone(), hint);
            }
            (shared, hint)
        }
    };
    element
}

impl HintCache {
    /// The distinct hint strings of the page (up to the cache's bound).
    pub(super) fn distinct(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(|k| &**k)
    }
}
