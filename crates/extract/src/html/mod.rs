//! The HTML half of the clean stage: a page's markup in, its article out.
//!
//! [`dom`] streams the page once through [`tokenizer`], keeping only what can
//! be content in a light tree ([`element`] reads each element's attributes,
//! [`whitespace`] counts and collapses its text) and reading head metadata on the way; [`meta`]
//! reads title, authors, date and site; [`content`] finds and reads out the
//! body, dropping boilerplate with reasons ([`hints`] holds the vocabulary);
//! [`page_type`] decides the page's type, and a forum, listing or catalogue is read
//! again from the same tree with what its type counts as content ([`profile`]).
//! Nothing here is specific to a site.

mod content;
mod credit;
mod dom;
mod element;
mod entities;
mod hints;
mod live_entries;
mod meta;
mod page_type;
mod profile;
mod select;
mod tags;
mod tokenizer;
mod visible_date;
mod whitespace;

use newsgraph_model::{Article, CharIndex, PageKind, RemovalReason, Removed, Section};

pub use meta::domain;

/// What the markup says beyond the article fields: the declared language and the
/// page's own address.
#[derive(Debug, Default)]
pub(crate) struct PageHints {
    pub lang: Option<String>,
    /// `<link rel=canonical>` or `og:url`, when absolute (`http`/`https`).
    pub canonical: Option<String>,
    /// The page-type classifier's inputs, in the order of [`PAGE_FEATURES`] (for retraining).
    pub page_features: Vec<f32>,
}

/// The names of the page-type features, in the order of the vector
/// [`Cleaner::clean_with_page_features`](crate::Cleaner::clean_with_page_features) returns.
pub const PAGE_FEATURES: [&str; page_type::features::N] = page_type::features::NAMES;

/// Fills `article` (title, authors, published, modified, page type, site, images, sections, text,
/// removed, and a live blog's entries) from a page; `want_features` keeps the page-type features in the hints.
pub(crate) fn extract(html: &str, url: Option<&str>, article: &mut Article, want_features: bool) -> PageHints {
    let dom = dom::Dom::parse(html);
    let canonical = dom
        .head
        .canonical
        .as_deref()
        .into_iter()
        .chain(dom.head.metas.iter().filter(|(k, _)| k == "og:url").map(|(_, v)| v.as_str()))
        .map(str::trim)
        .find(|u| u.starts_with("https://") || u.starts_with("http://"))
        .map(str::to_string);
    // A page saved without its address still names it: dates and the site can come from there.
    let meta = meta::extract(&dom, html, url.or(canonical.as_deref()));
    let mut body = content::extract(&dom, meta.title.as_deref());
    if body.chars() < 250 && dom.head.noscript.len() > 500 {
        // A page built by script may carry its server-side text only in `<noscript>`.
        let fallback = dom::Dom::parse(&dom.head.noscript);
        let alternative = content::extract(&fallback, meta.title.as_deref());
        if alternative.chars() > body.chars() * 2 {
            body = alternative;
        }
    }
    let kept = page_type::features::Kept {
        paras: &body.paras,
        title: meta.title.as_deref().or(dom.head.title.as_deref()),
        has_published: meta.published.is_some(),
        has_authors: !meta.authors.is_empty(),
    };
    let features = page_type::features::gather(&dom, html, url.or(canonical.as_deref()), &kept);
    article.page_type = page_type::classify(&features);
    if let Some(page_type) = article.page_type {
        if let Some(profile) = profile::Profile::for_kind(page_type.kind) {
            // Not an article: read the body again as the type defines its content (same tree).
            let article_head = features.article_head();
            body = profile::typed_body(page_type, profile, article_head, body, |p| {
                content::extract_with(&dom, meta.title.as_deref(), p)
            });
        }
    }
    article.title = meta.title;
    article.authors = meta.authors;
    article.published = meta.published;
    article.modified = meta.modified;
    article.site = meta.site;
    article.images = body.images;
    article.removed = body.removed;
    let paras = drop_leading_byline(body.paras, &article.authors, &mut article.removed);
    if article.authors.is_empty() {
        // No author in the metadata: a byline the body reading set aside names them.
        if let Some(byline) = article.removed.iter().find(|r| r.reason == RemovalReason::Byline && r.text.len() < 80) {
            meta::push_names(&byline.text, &mut article.authors);
        }
    }
    let (text, sections) = assemble(&paras);
    article.text = text;
    article.sections = sections;
    if article.page_type.is_some_and(|p| p.kind == PageKind::LiveBlog) {
        article.live_entries = live_entries::read(&dom, &article.text);
    }
    let page_features = if want_features { features.values.to_vec() } else { Vec::new() };
    PageHints { lang: dom.head.lang.clone(), canonical, page_features }
}

/// Bylines and date lines at the top of the body are metadata, not text.
fn drop_leading_byline(
    paras: Vec<content::Para>,
    authors: &[String],
    removed: &mut Vec<Removed>,
) -> Vec<content::Para> {
    let mut out = Vec::with_capacity(paras.len());
    for (i, para) in paras.into_iter().enumerate() {
        if i < 4 && para.heading.is_none() && para.text.chars().count() < 120 {
            let lower = para.text.to_lowercase();
            let byline = lower.starts_with("by ")
                || (!authors.is_empty()
                    && authors.iter().any(|a| para.text.contains(a.as_str()))
                    && para.text.len() < 80);
            if byline {
                removed.push(Removed { text: para.text, reason: RemovalReason::Byline });
                continue;
            }
            if para.text.len() < 60 && crate::dates::parse_date(&para.text).is_some() && !para.text.ends_with('.') {
                removed.push(Removed { text: para.text, reason: RemovalReason::Dateline });
                continue;
            }
        }
        out.push(para);
    }
    out
}

/// Joins paragraphs with blank lines; h2-h4 headings open sections.
fn assemble(paras: &[content::Para]) -> (String, Vec<Section>) {
    let mut text = String::new();
    let mut pending: Vec<(String, usize)> = Vec::new();
    for para in paras {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&para.text);
        if matches!(para.heading, Some(2..=4)) {
            // The section starts at the paragraph after the heading.
            pending.push((para.text.clone(), text.len() + 2));
        } else if let Some(last) = pending.last_mut() {
            if last.1 > start {
                last.1 = start;
            }
        }
    }
    let index = CharIndex::new(&text);
    let sections = pending
        .into_iter()
        .filter(|(_, start)| *start < text.len())
        .map(|(heading, start)| Section { heading, start: index.char_of(start) })
        .collect();
    (text, sections)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::Image;

    fn page(body: &str) -> String {
        format!(
            "<html><head><title>Harbour reopens after storm | Coast News</title></head><body>\
             <nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>{body}\
             <footer><p>Copyright Coast News. All rights reserved. Contact us for more.</p></footer></body></html>"
        )
    }

    const PARA: &str = "The harbour reopened on Tuesday after the storm, officials said, and the first ferries \
        left on schedule, carrying passengers who had waited for three days in the town.";

    #[test]
    fn boilerplate_is_removed_with_reasons_and_body_kept() {
        let html = page(&format!(
            "<article><h1>Harbour reopens after storm</h1><p>{PARA}</p><p>{PARA} Again.</p>\
             <div class='social-share'><a href='#'>Facebook</a> <a href='#'>Twitter</a></div>\
             <h2>What comes next</h2><p>{PARA} Later.</p>\
             <section class='comments'><p>Great article, thanks for writing it, I agree with everything said here.</p></section>\
             </article>"
        ));
        let mut article = Article::default();
        extract(&html, None, &mut article, false);
        assert_eq!(article.title.as_deref(), Some("Harbour reopens after storm"));
        assert!(article.text.starts_with("The harbour reopened"), "{}", article.text);
        assert!(!article.text.contains("Facebook"));
        assert!(!article.text.contains("Great article"));
        assert!(!article.text.contains("Copyright"));
        let reason_of = |needle: &str| article.removed.iter().find(|r| r.text.contains(needle)).map(|r| r.reason);
        assert_eq!(reason_of("Facebook"), Some(RemovalReason::Share));
        assert_eq!(reason_of("Great article"), Some(RemovalReason::Comments));
        assert_eq!(article.sections.len(), 1);
        let section = &article.sections[0];
        assert_eq!(section.heading, "What comes next");
        let after: String = article.text.chars().skip(section.start).take(11).collect();
        assert_eq!(after, "The harbour");
    }

    #[test]
    fn an_article_cut_into_same_kind_blocks_is_read_whole() {
        // A builder page: a comma-rich intro scores best on its own, and the article
        // goes on in five blocks of one kind elsewhere in the layout: all of it is read.
        let intro = "Whether you want a new field, a better job, new skills, a raise, a change, or a start,                      a course, a class, a workshop, or a certificate will help, and here, in one place, are the best. \
                     Designers, coders, writers, managers, analysts, marketers, and builders, young or old, new or \
                     seasoned, will find, we hope, something here, and so, without more ado, read on.";
        let blocks: String = (1..=5)
            .map(|i| {
                format!(
                    "<div class='row'><h2>Course {i}</h2><div class='rich-text'><p>Course number {i} teaches design \
                     over twelve weeks, with projects that students present to working designers, who give notes, \
                     and a final portfolio review that ends the course with a show for employers from the city.</p>\
                     </div></div>"
                )
            })
            .collect();
        let html = page(&format!(
            "<div class='page'><div class='hero'><div class='intro'><p>{intro}</p></div><div class='meta'>By Jo Roe</div>\
             </div><div class='list'><div class='wrap'>{blocks}</div></div></div>"
        ));
        let mut article = Article::default();
        extract(&html, None, &mut article, false);
        for i in 1..=5 {
            assert!(article.text.contains(&format!("Course number {i} teaches")), "{}", article.text);
        }
        assert!(!article.text.contains("World"));
    }

    #[test]
    fn figure_caption_becomes_image_caption_not_text() {
        let html = page(&format!(
            "<div class='story'><p>{PARA}</p><figure><img src='/a.jpg'><figcaption>Ferries leave the harbour \
             on Tuesday</figcaption></figure><p>{PARA} More.</p><p>{PARA} End.</p></div>"
        ));
        let mut article = Article::default();
        extract(&html, None, &mut article, false);
        assert_eq!(
            article.images,
            vec![Image { url: Some("/a.jpg".into()), caption: Some("Ferries leave the harbour on Tuesday".into()) }]
        );
        assert!(!article.text.contains("Ferries leave"));
        assert_eq!(article.text.matches("The harbour reopened").count(), 3);
        assert!(article.text.contains("\n\n"));
    }
}
