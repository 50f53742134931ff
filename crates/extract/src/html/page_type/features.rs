//! The signals a page's type is read from, gathered from what the clean stage has
//! already built: the light tree, the head data (meta tags, JSON-LD blocks), the
//! URL and the body it kept. No second parse: one pass over the tree's nodes, a
//! scan of the JSON-LD text for `@type` values, and one substring search of the
//! markup for microdata `schema.org/` types.
//!
//! Counts enter the model as `ln(1 + n)`, ratios as they are. [`NAMES`] is the order
//! of [`Features::values`] and of the shipped weights' columns.

use super::markup::{class_word_flags, for_each_ld_type, prices, TeaserRuns, TreeCounts, TypeFlags, CLASS_WORDS};
use crate::html::dom::Dom;

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
    "txt_sort_filter",
    "txt_read_more",
    "txt_call_to_action",
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
    // Who the page is written for ([`super::reader`]).
    "title_question",
    "title_ranking",
    "title_year",
    "title_explainer",
    "tel_links",
    "txt_phones",
];

pub const N: usize = 103;

/// Bytes of the page's text searched for shop and forum words.
const TEXT_SAMPLE_BYTES: usize = 16 * 1024;

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

impl Features {
    /// The head declares an authored, dated publication (`article:published_time` or
    /// `datePublished`, and an `author` meta): a CMS article, whatever else the page holds.
    pub fn article_head(&self) -> bool {
        self.values[position("meta_published_time")] > 0.0 && self.values[position("meta_author")] > 0.0
    }
}

fn ln1p(n: u32) -> f32 {
    (n as f32).ln_1p()
}

/// The position of a feature in [`NAMES`], found at compile time (`idx!("chars")`).
const fn position(name: &str) -> usize {
    let mut i = 0;
    while i < N {
        let (a, b) = (NAMES[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("no such feature")
}

macro_rules! idx {
    ($name:literal) => {{
        const I: usize = position($name);
        I
    }};
}

/// Gathers the features of a parsed page from its tree and what the clean stage kept of it.
pub fn gather(dom: &Dom, html: &str, url: Option<&str>, kept: &Kept) -> Features {
    let body_chars: usize = kept.paras.iter().filter(|p| p.heading.is_none()).map(|p| p.text.len()).sum();
    let mut v = [0f32; N];
    v[0] = 1.0;
    let mut live_blog = false;
    let mut set = |i: usize, value: f32| v[i] = value;

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
    for (i, count) in types.flags.iter().enumerate() {
        set(idx!("sd_article") + i, ln1p(*count));
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
    set(idx!("og_article"), f32::from(u8::from(og == "article" || og.starts_with("article"))));
    set(idx!("og_product"), f32::from(u8::from(og.contains("product"))));
    set(idx!("og_website"), f32::from(u8::from(og == "website")));
    set(idx!("meta_published_time"), f32::from(u8::from(published_meta)));
    set(idx!("meta_author"), f32::from(u8::from(author_meta)));

    // URL.
    if let Some(url) = url {
        url_features(url, &mut set);
    }

    // The tree, one pass.
    let mut counts = TreeCounts::default();
    // Class words count once per distinct class string: a page's hint strings are few
    // and already collected, where counting per element would cost a lookup each.
    let mut class_counts = [0u32; CLASS_WORDS];
    for hints in dom.distinct_hints() {
        let flags = class_word_flags(hints);
        for (i, slot) in class_counts.iter_mut().enumerate() {
            *slot += (flags >> i) & 1;
        }
    }
    let mut teasers = TeaserRuns::new(dom.nodes.len());
    let mut tel_links = 0u32;
    for node in &dom.nodes {
        let Some(element) = &node.element else { continue };
        counts.add(node.tag, node);
        teasers.add(node, element);
        tel_links += u32::from(super::reader::is_tel_link(node.tag, element));
    }
    set(idx!("tel_links"), ln1p(tel_links));
    let (run_max, runs) = teasers.finish();
    let root = dom.nodes.first();
    let total = root.map_or(0, |r| r.chars);
    set(idx!("chars"), ln1p(total));
    set(idx!("link_density"), root.map_or(0.0, |r| r.link_density()));
    set(idx!("links"), ln1p(counts.links));
    set(idx!("paragraphs"), ln1p(counts.paragraphs));
    set(idx!("long_paragraphs"), ln1p(counts.long_paragraphs));
    set(idx!("h1"), ln1p(counts.h1));
    set(idx!("h2"), ln1p(counts.h2));
    set(idx!("h3_h6"), ln1p(counts.h3_h6));
    set(idx!("pre"), ln1p(counts.pre));
    set(idx!("code"), ln1p(counts.code));
    set(idx!("tables"), ln1p(counts.tables));
    set(idx!("list_items"), ln1p(counts.list_items));
    set(idx!("forms"), ln1p(counts.forms));
    set(idx!("inputs"), ln1p(counts.inputs));
    set(idx!("images"), ln1p(counts.images));
    set(idx!("article_tags"), ln1p(counts.articles));
    set(idx!("time_tags"), ln1p(counts.times));
    set(idx!("nav_chars_ratio"), if total > 0 { counts.nav_chars as f32 / total as f32 } else { 0.0 });
    set(idx!("teaser_run_max"), ln1p(run_max));
    set(idx!("teaser_runs"), ln1p(runs));
    for (i, count) in class_counts.iter().enumerate() {
        set(idx!("cls_price") + i, ln1p(*count));
    }

    // Visible text.
    // The first stretch of the text shows a page's furniture; more costs time, not signal.
    let text = &dom.text.as_bytes()[..dom.text.len().min(TEXT_SAMPLE_BYTES)];
    set(idx!("txt_prices"), ln1p(prices(text)));
    set(idx!("txt_phones"), ln1p(super::reader::phone_numbers(text)));
    let count = |needles: &[&str]| -> u32 {
        needles.iter().map(|n| memchr::memmem::find_iter(text, n.as_bytes()).take(200).count() as u32).sum()
    };
    set(idx!("txt_reply"), ln1p(count(&["Reply", "Posted"])));
    set(idx!("txt_add_to"), ln1p(count(&["Add to", "In stock"])));
    set(idx!("txt_joined"), ln1p(count(&["Joined"])));
    // A shop's grid offers sorting and filters; a news listing's teasers end in "Read
    // more" and reading times; a service page asks the reader to get in touch.
    set(idx!("txt_sort_filter"), ln1p(count(&["Sort by", "Sort By", "Filter", "results", "Results"])));
    set(idx!("txt_read_more"), ln1p(count(&["Read more", "Read More", "min read", "Continue reading"])));
    set(
        idx!("txt_call_to_action"),
        ln1p(count(&[
            "Contact us",
            "Contact Us",
            "Get started",
            "Get Started",
            "quote",
            "Quote",
            "consultation",
            "Schedule a",
            "Book a",
        ])),
    );

    set(idx!("body_chars"), ln1p(body_chars as u32));
    set(idx!("body_ratio"), if total > 0 { (body_chars as f32 / total as f32).min(1.0) } else { 0.0 });
    body_features(kept, &mut set);
    Features { values: v, live_blog }
}

fn url_features(url: &str, set: &mut impl FnMut(usize, f32)) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (path_and_query, _) = rest.split_once('#').unwrap_or((rest, ""));
    let path_and_query = path_and_query.find('/').map_or("", |at| &path_and_query[at..]);
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let lower = path.to_ascii_lowercase();
    let segments: Vec<&str> = lower.split('/').filter(|s| !s.is_empty()).collect();
    set(idx!("url_root"), f32::from(u8::from(segments.is_empty())));
    set(idx!("url_depth"), ln1p(segments.len() as u32));
    let date = segments.windows(2).any(|w| {
        w[0].len() == 4
            && w[0].starts_with("20")
            && w[0].bytes().all(|b| b.is_ascii_digit())
            && w[1].len() <= 2
            && w[1].bytes().all(|b| b.is_ascii_digit())
    }) || lower.as_bytes().windows(10).any(|w| {
        w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-' && w[5..7].iter().all(u8::is_ascii_digit) && w[7] == b'-'
    });
    set(idx!("url_date"), f32::from(u8::from(date)));
    let last = segments.last().copied().unwrap_or("");
    let slug = last.trim_end_matches(".html").trim_end_matches(".htm").trim_end_matches(".php");
    set(idx!("url_slug_words"), ln1p(slug.split(['-', '_']).filter(|w| w.len() > 1).count() as u32));
    let numeric = segments.iter().any(|s| s.len() >= 4 && s.bytes().filter(u8::is_ascii_digit).count() * 2 > s.len());
    set(idx!("url_numeric_id"), f32::from(u8::from(numeric)));
    let has = |words: &[&str]| segments.iter().any(|s| words.contains(s)) as u8 as f32;
    set(
        idx!("url_forum"),
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
        idx!("url_product"),
        has(&[
            "product", "products", "p", "dp", "item", "items", "shop", "store", "buy", "gp", "app", "listing", "itm",
        ]),
    );
    set(
        idx!("url_docs"),
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
        idx!("url_listing"),
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
        idx!("url_service"),
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
        idx!("url_news"),
        has(&[
            "news", "article", "articles", "story", "stories", "blog", "blogs", "post", "posts", "opinion", "world",
            "politics", "business", "sport", "sports",
        ]),
    );
    let page_number = query.split('&').any(|p| p.starts_with("page=") || p.starts_with("p="))
        || segments.windows(2).any(|w| w[0] == "page" && w[1].bytes().all(|b| b.is_ascii_digit()));
    set(idx!("url_page_number"), f32::from(u8::from(page_number)));
    set(idx!("url_html"), f32::from(u8::from(last.ends_with(".html") || last.ends_with(".htm"))));
}

/// The shape and voice of the kept body, and the title's words.
fn body_features(kept: &Kept, set: &mut impl FnMut(usize, f32)) {
    let paras: Vec<&str> = kept.paras.iter().filter(|p| p.heading.is_none()).map(|p| p.text.as_str()).collect();
    let n = paras.len().max(1) as f32;
    let chars: usize = paras.iter().map(|p| p.len()).sum();
    set(idx!("body_paras"), ln1p(paras.len() as u32));
    set(idx!("body_mean_para"), (chars as f32 / n).ln_1p());
    set(idx!("body_short_para_frac"), paras.iter().filter(|p| p.len() < 80).count() as f32 / n);
    set(idx!("body_headings"), ln1p((kept.paras.len() - paras.len()) as u32));
    set(
        idx!("body_sentence_end_frac"),
        paras.iter().filter(|p| p.trim_end().ends_with(['.', '!', '?', '"', '”'])).count() as f32 / n,
    );
    let (mut words, mut you, mut we, mut said, mut digits) = (0u32, 0u32, 0u32, 0u32, 0u32);
    // The first few thousand characters say enough about the voice.
    let mut budget = 4000usize;
    for para in &paras {
        let sample = &para.as_bytes()[..para.len().min(budget)];
        budget = budget.saturating_sub(sample.len());
        // Bytes, not chars: only ASCII separates words here, which is all these words need.
        for word in sample.split(|b| b.is_ascii() && !b.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
            words += 1;
            match word {
                b"you" | b"your" | b"You" | b"Your" | b"yours" => you += 1,
                b"we" | b"our" | b"We" | b"Our" | b"us" => we += 1,
                b"said" | b"says" | b"told" | b"according" => said += 1,
                w if w.iter().all(u8::is_ascii_digit) => digits += 1,
                _ => {}
            }
        }
        if budget == 0 {
            break;
        }
    }
    let per = |count: u32| if words > 0 { 100.0 * count as f32 / words as f32 } else { 0.0 };
    set(idx!("body_you"), per(you).ln_1p());
    set(idx!("body_we"), per(we).ln_1p());
    set(idx!("body_said"), per(said).ln_1p());
    set(idx!("body_digits"), per(digits).ln_1p());
    set(idx!("has_published"), f32::from(u8::from(kept.has_published)));
    set(idx!("has_authors"), f32::from(u8::from(kept.has_authors)));
    let title = kept.title.unwrap_or("").to_lowercase();
    let has = |words: &[&str]| -> f32 {
        f32::from(u8::from(title.split(|c: char| !c.is_alphanumeric()).any(|w| words.contains(&w))))
    };
    set(idx!("title_shop"), has(&["buy", "shop", "price", "sale", "store", "deals", "cart", "order", "online"]));
    set(
        idx!("title_forum"),
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
        idx!("title_docs"),
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
        idx!("title_service"),
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
        idx!("title_listing"),
        has(&[
            "news", "latest", "archive", "archives", "category", "tag", "topics", "page", "blog", "articles", "stories",
        ]),
    );
    for (i, flag) in super::reader::title_flags(&title).into_iter().enumerate() {
        set(idx!("title_question") + i, flag);
    }
    set(
        idx!("title_pipe"),
        f32::from(u8::from(title.contains(" | ") || title.contains(" - ") || title.contains(" – "))),
    );
}
