//! The signals a page's type is read from, gathered from what the clean stage has
//! already built: the light tree, the head data (meta tags, JSON-LD blocks), the
//! URL and the body it kept. No second parse: one pass over the tree's nodes, a
//! scan of the JSON-LD text for `@type` values, and one substring search of the
//! markup for microdata `schema.org/` types.
//!
//! Counts enter the model as `ln(1 + n)`, ratios as they are. [`NAMES`] is the order
//! of [`Features::values`] and of the shipped weights' columns.

use std::collections::HashMap;

use crate::html::dom::{Dom, Tag, NONE};

/// Feature names, in the order of the vector; the weights file lists the same.
pub const NAMES: [&str; N] = [
    "bias_one",
    // Structured data (JSON-LD `@type`, microdata `itemtype`, `og:type`).
    "sd_article",
    "sd_liveblog",
    "sd_product",
    "sd_offer",
    "sd_forum",
    "sd_question",
    "sd_comment",
    "sd_collection",
    "sd_docs",
    "sd_service",
    "sd_faq",
    "sd_recipe_howto",
    "sd_review",
    "sd_event",
    "sd_webpage",
    "og_article",
    "og_product",
    "og_website",
    "meta_published_time",
    "meta_author",
    // URL shape.
    "url_root",
    "url_depth",
    "url_date",
    "url_slug_words",
    "url_numeric_id",
    "url_forum",
    "url_product",
    "url_docs",
    "url_listing",
    "url_service",
    "url_news",
    "url_page_number",
    "url_html",
    // The tree.
    "chars",
    "link_density",
    "links",
    "paragraphs",
    "long_paragraphs",
    "h1",
    "h2",
    "h3_h6",
    "pre",
    "code",
    "tables",
    "list_items",
    "forms",
    "inputs",
    "images",
    "article_tags",
    "time_tags",
    "nav_chars_ratio",
    "teaser_run_max",
    "teaser_runs",
    // Class and id words.
    "cls_price",
    "cls_cart",
    "cls_product",
    "cls_comment",
    "cls_post",
    "cls_forum",
    "cls_card",
    "cls_rating",
    "cls_breadcrumb",
    "cls_toc",
    "cls_code",
    "cls_docs",
    "cls_pagination",
    "cls_author",
    "cls_article",
    "cls_sidebar",
    "cls_service",
    // Visible text.
    "txt_prices",
    "txt_reply",
    "txt_add_to",
    "txt_joined",
    // The body the clean stage kept, and the metadata it found.
    "body_chars",
    "body_ratio",
    "body_paras",
    "body_mean_para",
    "body_short_para_frac",
    "body_headings",
    "body_you",
    "body_we",
    "body_said",
    "body_digits",
    "body_sentence_end_frac",
    "has_published",
    "has_authors",
    "title_shop",
    "title_forum",
    "title_docs",
    "title_service",
    "title_listing",
    "title_pipe",
];

pub const N: usize = 94;

/// What the clean stage kept of a page, for [`gather`].
pub struct Kept<'a> {
    pub paras: &'a [crate::html::content::Para],
    pub title: Option<&'a str>,
    pub has_published: bool,
    pub has_authors: bool,
}

/// A page's feature vector.
#[derive(Debug, Clone)]
pub struct Features {
    pub values: [f32; N],
    /// The page declares itself a live blog (`LiveBlogPosting`).
    pub live_blog: bool,
}

fn ln1p(n: u32) -> f32 {
    (n as f32).ln_1p()
}

fn idx(name: &str) -> usize {
    NAMES.iter().position(|n| *n == name).unwrap_or(0)
}

/// Gathers the features of a parsed page from its tree and what the clean stage kept of it.
pub fn gather(dom: &Dom, html: &str, url: Option<&str>, kept: &Kept) -> Features {
    let body_chars: usize = kept.paras.iter().filter(|p| p.heading.is_none()).map(|p| p.text.len()).sum();
    let mut v = [0f32; N];
    v[0] = 1.0;
    let mut live_blog = false;
    let mut set = |name: &str, value: f32| v[idx(name)] = value;

    // Structured data.
    let mut types = TypeFlags::default();
    for raw in &dom.head.jsonld {
        for_each_ld_type(raw, |t| types.add(t));
    }
    for at in memchr::memmem::find_iter(html.as_bytes(), b"schema.org/").take(64) {
        let rest = &html[at + 11..];
        let end = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        if end > 0 {
            types.add(&rest[..end]);
        }
    }
    live_blog |= types.flags[1] > 0;
    for (i, name) in SD_NAMES.iter().enumerate() {
        set(name, ln1p(types.flags[i]));
    }
    let mut og = "";
    let (mut published_meta, mut author_meta) = (false, false);
    for (key, value) in &dom.head.metas {
        match key.as_str() {
            "og:type" => og = value.as_str(),
            "article:published_time" | "datepublished" | "pubdate" | "publish-date" => published_meta = true,
            "author" | "article:author" => author_meta = true,
            _ => {}
        }
    }
    let og = og.to_ascii_lowercase();
    set("og_article", f32::from(u8::from(og == "article" || og.starts_with("article"))));
    set("og_product", f32::from(u8::from(og.contains("product"))));
    set("og_website", f32::from(u8::from(og == "website")));
    set("meta_published_time", f32::from(u8::from(published_meta)));
    set("meta_author", f32::from(u8::from(author_meta)));

    // URL.
    if let Some(url) = url {
        url_features(url, &mut set);
    }

    // The tree, one pass.
    let mut counts = TreeCounts::default();
    let mut class_flags: HashMap<usize, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut class_counts = [0u32; CLASS_WORDS];
    for node in &dom.nodes {
        let Some(element) = &node.element else { continue };
        counts.add(node.tag, node);
        if element.hints.is_empty() {
            continue;
        }
        let key = element.hints.as_ptr() as usize;
        let flags = *class_flags.entry(key).or_insert_with(|| class_word_flags(&element.hints));
        if flags != 0 {
            for (i, slot) in class_counts.iter_mut().enumerate() {
                *slot += (flags >> i) & 1;
            }
        }
    }
    let (run_max, runs) = teaser_runs(dom);
    let root = dom.nodes.first();
    let total = root.map_or(0, |r| r.chars);
    set("chars", ln1p(total));
    set("link_density", root.map_or(0.0, |r| r.link_density()));
    set("links", ln1p(counts.links));
    set("paragraphs", ln1p(counts.paragraphs));
    set("long_paragraphs", ln1p(counts.long_paragraphs));
    set("h1", ln1p(counts.h1));
    set("h2", ln1p(counts.h2));
    set("h3_h6", ln1p(counts.h3_h6));
    set("pre", ln1p(counts.pre));
    set("code", ln1p(counts.code));
    set("tables", ln1p(counts.tables));
    set("list_items", ln1p(counts.list_items));
    set("forms", ln1p(counts.forms));
    set("inputs", ln1p(counts.inputs));
    set("images", ln1p(counts.images));
    set("article_tags", ln1p(counts.articles));
    set("time_tags", ln1p(counts.times));
    set("nav_chars_ratio", if total > 0 { counts.nav_chars as f32 / total as f32 } else { 0.0 });
    set("teaser_run_max", ln1p(run_max));
    set("teaser_runs", ln1p(runs));
    for (i, name) in CLASS_NAMES.iter().enumerate() {
        set(name, ln1p(class_counts[i]));
    }

    // Visible text.
    let text = dom.text.as_bytes();
    set("txt_prices", ln1p(prices(text)));
    let count = |needles: &[&str]| -> u32 {
        needles.iter().map(|n| memchr::memmem::find_iter(text, n.as_bytes()).take(200).count() as u32).sum()
    };
    set("txt_reply", ln1p(count(&["Reply", "reply", "Quote", "Posted", "posted"])));
    set("txt_add_to", ln1p(count(&["Add to", "add to", "ADD TO", "In stock", "In Stock", "Buy now", "Buy Now"])));
    set("txt_joined", ln1p(count(&["Joined", "Posts:", "Registered", "Member since"])));

    set("body_chars", ln1p(body_chars as u32));
    set("body_ratio", if total > 0 { (body_chars as f32 / total as f32).min(1.0) } else { 0.0 });
    body_features(kept, &mut set);
    Features { values: v, live_blog }
}

/// Structured-data groups, in the order of the `sd_` names.
const SD_NAMES: [&str; 15] = [
    "sd_article",
    "sd_liveblog",
    "sd_product",
    "sd_offer",
    "sd_forum",
    "sd_question",
    "sd_comment",
    "sd_collection",
    "sd_docs",
    "sd_service",
    "sd_faq",
    "sd_recipe_howto",
    "sd_review",
    "sd_event",
    "sd_webpage",
];

#[derive(Default)]
struct TypeFlags {
    flags: [u32; 15],
}

impl TypeFlags {
    fn add(&mut self, name: &str) {
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

fn url_features(url: &str, set: &mut impl FnMut(&str, f32)) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (path_and_query, _) = rest.split_once('#').unwrap_or((rest, ""));
    let path_and_query = path_and_query.find('/').map_or("", |at| &path_and_query[at..]);
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let lower = path.to_ascii_lowercase();
    let segments: Vec<&str> = lower.split('/').filter(|s| !s.is_empty()).collect();
    set("url_root", f32::from(u8::from(segments.is_empty())));
    set("url_depth", ln1p(segments.len() as u32));
    let date = segments.windows(2).any(|w| {
        w[0].len() == 4
            && w[0].starts_with("20")
            && w[0].bytes().all(|b| b.is_ascii_digit())
            && w[1].len() <= 2
            && w[1].bytes().all(|b| b.is_ascii_digit())
    }) || lower.as_bytes().windows(10).any(|w| {
        w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-' && w[5..7].iter().all(u8::is_ascii_digit) && w[7] == b'-'
    });
    set("url_date", f32::from(u8::from(date)));
    let last = segments.last().copied().unwrap_or("");
    let slug = last.trim_end_matches(".html").trim_end_matches(".htm").trim_end_matches(".php");
    set("url_slug_words", ln1p(slug.split(['-', '_']).filter(|w| w.len() > 1).count() as u32));
    let numeric = segments.iter().any(|s| s.len() >= 4 && s.bytes().filter(u8::is_ascii_digit).count() * 2 > s.len());
    set("url_numeric_id", f32::from(u8::from(numeric)));
    let has = |words: &[&str]| segments.iter().any(|s| words.contains(s)) as u8 as f32;
    set(
        "url_forum",
        has(&[
            "forum",
            "forums",
            "thread",
            "threads",
            "topic",
            "topics",
            "t",
            "community",
            "discussion",
            "discussions",
            "questions",
            "q",
            "board",
            "boards",
            "r",
            "comments",
            "viewtopic.php",
            "showthread.php",
        ]),
    );
    set(
        "url_product",
        has(&[
            "product", "products", "p", "dp", "item", "items", "shop", "store", "buy", "gp", "app", "listing", "itm",
        ]),
    );
    set(
        "url_docs",
        has(&[
            "docs",
            "doc",
            "documentation",
            "api",
            "reference",
            "guide",
            "guides",
            "manual",
            "learn",
            "wiki",
            "developer",
            "developers",
            "help",
            "support",
            "kb",
            "tutorial",
            "tutorials",
        ]),
    );
    set(
        "url_listing",
        has(&[
            "category",
            "categories",
            "tag",
            "tags",
            "section",
            "sections",
            "topics",
            "c",
            "collections",
            "collection",
            "archive",
            "archives",
            "search",
            "list",
            "browse",
            "s",
            "b",
            "page",
        ]),
    );
    set(
        "url_service",
        has(&[
            "services",
            "service",
            "solutions",
            "pricing",
            "about",
            "about-us",
            "contact",
            "features",
            "platform",
            "industries",
            "company",
            "plans",
            "enterprise",
        ]),
    );
    set(
        "url_news",
        has(&[
            "news", "article", "articles", "story", "stories", "blog", "blogs", "post", "posts", "opinion", "world",
            "politics", "business", "sport", "sports",
        ]),
    );
    let page_number = query.split('&').any(|p| p.starts_with("page=") || p.starts_with("p="))
        || segments.windows(2).any(|w| w[0] == "page" && w[1].bytes().all(|b| b.is_ascii_digit()));
    set("url_page_number", f32::from(u8::from(page_number)));
    set("url_html", f32::from(u8::from(last.ends_with(".html") || last.ends_with(".htm"))));
}

#[derive(Default)]
struct TreeCounts {
    links: u32,
    paragraphs: u32,
    long_paragraphs: u32,
    h1: u32,
    h2: u32,
    h3_h6: u32,
    pre: u32,
    code: u32,
    tables: u32,
    list_items: u32,
    forms: u32,
    inputs: u32,
    images: u32,
    articles: u32,
    times: u32,
    nav_chars: u32,
}

impl TreeCounts {
    fn add(&mut self, tag: Tag, node: &crate::html::dom::Node) {
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

const CLASS_WORDS: usize = 17;
const CLASS_NAMES: [&str; CLASS_WORDS] = [
    "cls_price",
    "cls_cart",
    "cls_product",
    "cls_comment",
    "cls_post",
    "cls_forum",
    "cls_card",
    "cls_rating",
    "cls_breadcrumb",
    "cls_toc",
    "cls_code",
    "cls_docs",
    "cls_pagination",
    "cls_author",
    "cls_article",
    "cls_sidebar",
    "cls_service",
];

/// Which class-word groups a hint string names, as bits in the order of [`CLASS_NAMES`].
fn class_word_flags(hints: &str) -> u32 {
    let mut flags = 0u32;
    for token in hints.split(|c: char| !c.is_ascii_alphanumeric()).filter(|t| t.len() > 1) {
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
/// short block holding a link. Returns the longest run and how many runs of four or more.
fn teaser_runs(dom: &Dom) -> (u32, u32) {
    let (mut longest, mut runs) = (0u32, 0u32);
    for node in &dom.nodes {
        if node.element.is_none() || node.first_child == NONE {
            continue;
        }
        let mut child = node.first_child;
        let mut previous: Option<usize> = None;
        let mut run = 0u32;
        let mut close = |run: u32| {
            longest = longest.max(run);
            runs += u32::from(run >= 4);
        };
        while let Some(c) = dom.nodes.get(child as usize) {
            child = c.next_sibling;
            let Some(element) = &c.element else { continue };
            let teaser = !c.tag.is_inline() && c.link_chars > 0 && c.chars < 600 && !element.hints.is_empty();
            let key = element.hints.as_ptr() as usize;
            if teaser && previous == Some(key) {
                run += 1;
            } else {
                close(run);
                run = u32::from(teaser);
            }
            previous = teaser.then_some(key);
        }
        close(run);
    }
    (longest, runs)
}

/// Prices in the visible text: a currency sign next to a digit.
fn prices(text: &[u8]) -> u32 {
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

/// The shape and voice of the kept body, and the title's words.
fn body_features(kept: &Kept, set: &mut impl FnMut(&str, f32)) {
    let paras: Vec<&str> = kept.paras.iter().filter(|p| p.heading.is_none()).map(|p| p.text.as_str()).collect();
    let n = paras.len().max(1) as f32;
    let chars: usize = paras.iter().map(|p| p.len()).sum();
    set("body_paras", ln1p(paras.len() as u32));
    set("body_mean_para", (chars as f32 / n).ln_1p());
    set("body_short_para_frac", paras.iter().filter(|p| p.len() < 80).count() as f32 / n);
    set("body_headings", ln1p((kept.paras.len() - paras.len()) as u32));
    set(
        "body_sentence_end_frac",
        paras.iter().filter(|p| p.trim_end().ends_with(['.', '!', '?', '"', '”'])).count() as f32 / n,
    );
    let (mut words, mut you, mut we, mut said, mut digits) = (0u32, 0u32, 0u32, 0u32, 0u32);
    // The first few thousand characters say enough about the voice.
    let mut budget = 6000usize;
    for para in &paras {
        let sample = para.get(..para.len().min(budget)).unwrap_or(para);
        budget = budget.saturating_sub(sample.len());
        for word in sample.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            words += 1;
            match word {
                "you" | "your" | "You" | "Your" | "yours" => you += 1,
                "we" | "our" | "We" | "Our" | "us" => we += 1,
                "said" | "says" | "told" | "according" => said += 1,
                w if w.bytes().all(|b| b.is_ascii_digit()) => digits += 1,
                _ => {}
            }
        }
        if budget == 0 {
            break;
        }
    }
    let per = |count: u32| if words > 0 { 100.0 * count as f32 / words as f32 } else { 0.0 };
    set("body_you", per(you).ln_1p());
    set("body_we", per(we).ln_1p());
    set("body_said", per(said).ln_1p());
    set("body_digits", per(digits).ln_1p());
    set("has_published", f32::from(u8::from(kept.has_published)));
    set("has_authors", f32::from(u8::from(kept.has_authors)));
    let title = kept.title.unwrap_or("").to_lowercase();
    let has = |words: &[&str]| -> f32 {
        f32::from(u8::from(title.split(|c: char| !c.is_alphanumeric()).any(|w| words.contains(&w))))
    };
    set("title_shop", has(&["buy", "shop", "price", "sale", "store", "deals", "cart", "order", "online"]));
    set(
        "title_forum",
        has(&[
            "forum",
            "forums",
            "thread",
            "question",
            "questions",
            "discussion",
            "community",
            "reddit",
            "help",
            "answers",
        ]),
    );
    set(
        "title_docs",
        has(&[
            "docs",
            "documentation",
            "api",
            "reference",
            "guide",
            "manual",
            "tutorial",
            "sdk",
            "function",
            "class",
            "method",
        ]),
    );
    set(
        "title_service",
        has(&[
            "services",
            "service",
            "solutions",
            "company",
            "agency",
            "consulting",
            "contact",
            "about",
            "home",
            "official",
            "pricing",
        ]),
    );
    set(
        "title_listing",
        has(&[
            "news", "latest", "archive", "archives", "category", "tag", "topics", "page", "blog", "articles", "stories",
        ]),
    );
    set("title_pipe", f32::from(u8::from(title.contains(" | ") || title.contains(" - ") || title.contains(" – "))));
}
