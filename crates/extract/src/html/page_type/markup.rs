//! The markup-level signals of the page type: structured-data types, tag counts, class
//! words, runs of teaser cards and prices in the text. Each is read from data the clean
//! stage already has; [`super::features`] turns them into the feature vector.

use crate::html::dom::{Element, Node, Tag};

/// Counts of structured-data types by group, in the order of the `sd_` names of [`super::features::NAMES`].
#[derive(Default)]
pub(super) struct TypeFlags {
    pub(super) flags: [u32; 15],
}

impl TypeFlags {
    pub(super) fn add(&mut self, name: &str) {
        let lower = name.trim().to_ascii_lowercase();
        let group = match lower.as_str() {
            "liveblogposting" => 1,
            "product"
            | "productgroup"
            | "individualproduct"
            | "productmodel"
            | "car"
            | "vehicle"
            | "book"
            | "softwareapplication"
            | "mobileapplication" => 2,
            "offer" | "aggregateoffer" | "pricespecification" | "unitpricespecification" => 3,
            "discussionforumposting" | "socialmediaposting" => 4,
            "qapage" | "question" | "answer" => 5,
            "comment" | "usercomments" => 6,
            "collectionpage" | "itemlist" | "offercatalog" | "searchresultspage" | "listitem" => 7,
            "techarticle" | "apireference" | "softwaresourcecode" => 8,
            "service"
            | "localbusiness"
            | "professionalservice"
            | "organization"
            | "corporation"
            | "contactpage"
            | "aboutpage"
            | "financialservice"
            | "legalservice"
            | "medicalbusiness"
            | "homeandconstructionbusiness"
            | "store"
            | "restaurant"
            | "hotel"
            | "lodgingbusiness"
            | "educationalorganization"
            | "medicalclinic" => 9,
            "faqpage" => 10,
            "recipe" | "howto" | "howtostep" => 11,
            "review" | "aggregaterating" | "rating" => 12,
            "event" => 13,
            "webpage" | "website" | "itempage" => 14,
            l if l == "article" || l.ends_with("newsarticle") || l == "blogposting" || l == "report" => 0,
            _ => return,
        };
        self.flags[group] += 1;
    }
}

/// Calls `f` with each `"@type"` value of a JSON-LD block, read by scanning, not parsing.
pub(super) fn for_each_ld_type(raw: &str, mut f: impl FnMut(&str)) {
    for at in memchr::memmem::find_iter(raw.as_bytes(), b"\"@type\"").take(256) {
        let rest = raw[at + 7..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else { continue };
        let rest = rest.trim_start();
        if let Some(list) = rest.strip_prefix('[') {
            let list = list.split(']').next().unwrap_or("");
            list.split(',').map(|s| s.trim().trim_matches('"')).filter(|s| !s.is_empty()).take(8).for_each(&mut f);
        } else if let Some(value) = rest.strip_prefix('"') {
            if let Some(end) = value.find('"') {
                f(value[..end].rsplit(['/', ':']).next().unwrap_or(""));
            }
        }
    }
}

#[derive(Default)]
pub(super) struct TreeCounts {
    pub(super) links: u32,
    pub(super) paragraphs: u32,
    pub(super) long_paragraphs: u32,
    pub(super) h1: u32,
    pub(super) h2: u32,
    pub(super) h3_h6: u32,
    pub(super) pre: u32,
    pub(super) code: u32,
    pub(super) tables: u32,
    pub(super) list_items: u32,
    pub(super) forms: u32,
    pub(super) inputs: u32,
    pub(super) images: u32,
    pub(super) articles: u32,
    pub(super) times: u32,
    pub(super) nav_chars: u32,
}

impl TreeCounts {
    pub(super) fn add(&mut self, tag: Tag, node: &Node) {
        match tag {
            Tag::A => self.links += 1,
            Tag::P => {
                self.paragraphs += 1;
                self.long_paragraphs += u32::from(node.own_chars >= 200);
            }
            Tag::H1 => self.h1 += 1,
            Tag::H2 => self.h2 += 1,
            Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => self.h3_h6 += 1,
            Tag::Pre => self.pre += 1,
            Tag::Code => self.code += 1,
            Tag::Table => self.tables += 1,
            Tag::Li => self.list_items += 1,
            Tag::Form => self.forms += 1,
            Tag::Input => self.inputs += 1,
            Tag::Img => self.images += 1,
            Tag::Article => self.articles += 1,
            Tag::Time => self.times += 1,
            // Navs nest rarely; a nested one counts twice, which only blurs a ratio.
            Tag::Nav => self.nav_chars += node.chars,
            _ => {}
        }
    }
}

pub(super) const CLASS_WORDS: usize = 17;
/// Which class-word groups a hint string names, as bits in the order of the `cls_` names
/// of [`super::features::NAMES`].
pub(super) fn class_word_flags(hints: &str) -> u32 {
    let mut flags = 0u32;
    for token in hints.as_bytes().split(|b| !b.is_ascii_alphanumeric()).filter(|t| t.len() > 1) {
        let Ok(token) = std::str::from_utf8(token) else { continue };
        let bit = match token {
            "price" | "prices" | "pricing" | "amount" | "currency" | "sale" | "discount" | "msrp" => 0,
            "cart" | "basket" | "checkout" | "addtocart" | "buy" | "bag" | "wishlist" | "quantity" | "qty"
            | "stock" => 1,
            "product" | "products" | "sku" | "pdp" | "variant" | "variants" | "swatch" | "specs" | "specifications" => {
                2
            }
            "comment" | "comments" | "disqus" | "reply" | "replies" => 3,
            "post" | "posts" | "message" | "messages" | "postbody" | "userinfo" | "username" | "avatar" => 4,
            "forum" | "thread" | "topic" | "discussion" | "answer" | "answers" | "question" | "vote" | "votes" => 5,
            "card" | "cards" | "teaser" | "teasers" | "tile" | "tiles" | "grid" | "listing" | "feed" | "river" => 6,
            "rating" | "ratings" | "stars" | "review" | "reviews" => 7,
            "breadcrumb" | "breadcrumbs" => 8,
            "toc" | "contents" | "tableofcontents" | "anchor" => 9,
            "code" | "highlight" | "hljs" | "prettyprint" | "syntax" | "codehilite" | "prism" | "snippet" => 10,
            "docs" | "doc" | "documentation" | "api" | "reference" | "manual" | "sphinx" | "rst" | "markdown" => 11,
            "pagination" | "pager" | "paging" | "next" | "prev" | "load" | "more" => 12,
            "author" | "byline" | "dateline" | "published" | "timestamp" => 13,
            "article" | "story" | "headline" | "entry" | "lede" => 14,
            "sidebar" | "aside" | "widget" | "related" => 15,
            "service" | "services" | "hero" | "cta" | "testimonial" | "testimonials" | "pricing-table" | "features"
            | "solutions" | "contact" | "team" | "clients" | "partners" => 16,
            _ => continue,
        };
        flags |= 1 << bit;
    }
    flags
}

/// Repeated teaser cards: runs of sibling elements with the same class string, each a
/// short block holding a link. Read in the same pass as the other counts: each parent keeps
/// the class string and length of the run its children last extended.
pub(super) struct TeaserRuns {
    /// Per node, as a parent: (class string of the running teasers, run length).
    open: Vec<(usize, u32)>,
    longest: u32,
    runs: u32,
}

impl TeaserRuns {
    pub(super) fn new(nodes: usize) -> Self {
        TeaserRuns { open: vec![(0, 0); nodes], longest: 0, runs: 0 }
    }

    pub(super) fn add(&mut self, node: &Node, element: &Element) {
        let Some(slot) = self.open.get_mut(node.parent as usize) else { return };
        let teaser = !node.tag.is_inline() && node.link_chars > 0 && node.chars < 600 && !element.hints.is_empty();
        if !teaser {
            // A different sibling (not a text node) ends the run.
            if slot.1 > 0 {
                let run = std::mem::take(&mut slot.1);
                self.close(run);
            }
            return;
        }
        let key = element.hints.as_ptr() as usize;
        if slot.1 > 0 && slot.0 == key {
            slot.1 += 1;
        } else {
            let run = std::mem::replace(slot, (key, 1)).1;
            self.close(run);
        }
    }

    fn close(&mut self, run: u32) {
        self.longest = self.longest.max(run);
        self.runs += u32::from(run >= 4);
    }

    /// The longest run and how many runs of four or more.
    pub(super) fn finish(mut self) -> (u32, u32) {
        let open = std::mem::take(&mut self.open);
        for (_, run) in open {
            self.close(run);
        }
        (self.longest, self.runs)
    }
}

/// Prices in the visible text: a currency sign next to a digit.
pub(super) fn prices(text: &[u8]) -> u32 {
    let mut n = 0u32;
    for at in memchr::memchr3_iter(b'$', 0xA3, 0xAC, text).take(2000) {
        // `£` is C2 A3, `€` is E2 82 AC in UTF-8: the byte found is the sign's last one.
        let sign_ok = match text[at] {
            b'$' => true,
            0xA3 => at >= 1 && text[at - 1] == 0xC2,
            _ => at >= 2 && text[at - 2] == 0xE2 && text[at - 1] == 0x82,
        };
        let digit_after = text.get(at + 1).is_some_and(u8::is_ascii_digit)
            || (text.get(at + 1) == Some(&b' ') && text.get(at + 2).is_some_and(u8::is_ascii_digit));
        let digit_before = at >= 3 && text[at.saturating_sub(if text[at] == b'$' { 1 } else { 3 })].is_ascii_digit();
        n += u32::from(sign_ok && (digit_after || digit_before));
    }
    n
}
