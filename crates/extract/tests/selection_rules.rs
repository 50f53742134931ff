//! Regression tests for body selection and caption rules: wrappers of the named article
//! body kept however link-heavy or whatever their class says, article sections under same-kind wrappers read
//! whole, and captions told by their figure number or closing credit. Each page is small
//! and hand-written, shaped like the layouts the rules were written for.

use newsgraph_extract::Cleaner;
use newsgraph_model::{Article, SourceFormat};
use newsgraph_source::Page;

fn clean(html: &str) -> Article {
    let page = Page { bytes: html.as_bytes().to_vec(), format: SourceFormat::Html, ..Page::default() };
    match Cleaner::new().clean(&page) {
        Ok(article) => article,
        Err(err) => panic!("the page did not clean: {err}"),
    }
}

/// A sentence of about 150 characters, numbered so that each paragraph differs.
fn sentence(n: usize) -> String {
    format!(
        "Paragraph {n} tells how the river rose overnight and the village moved its animals to the hill \
         before the bridge closed for the rest of the week."
    )
}

/// A menu of `n` links: page chrome that outweighs a short article.
fn menu(n: usize) -> String {
    let links: String = (0..n).map(|i| format!("<li><a href='/section/{i}'>Section number {i}</a></li>")).collect();
    format!("<nav><ul>{links}</ul></nav>")
}

#[test]
fn a_link_heavy_wrapper_holding_the_named_article_body_is_kept() {
    // A short article body whose container also holds share buttons, tags and related
    // links, so that the wrapper reads as a link list; a cookie pop-up is the only other
    // prose on the page.
    let links = |kind: &str, n: usize| -> String {
        (0..n).map(|i| format!("<li><a href='/{kind}/{i}'>Link to {kind} number {i}</a></li>")).collect()
    };
    let html = format!(
        "<html><head><title>Flood</title></head><body>{menu}\
         <div class='container'><div class='main'><div class='crumbs'><a href='/'>Home</a> <a href='/news'>News</a></div>\
         <article><header class='entry-header hentry'><p>By Jo Roe, 22 February 2020, in Interviews and Talks</p></header>\
         <section class='cb-entry-content' itemprop='articleBody'><p>{a}</p>\
         <div class='sharedaddy'><ul>{share}</ul></div></section>\
         <div class='post-tags'><ul>{tags}</ul></div></article></div></div>\
         <div class='popup-text'><p>We use cookies to give you the best experience online. With your consent you \
         accept the use of cookies in line with our cookie policy, which you can read at any time.</p></div>\
         </body></html>",
        menu = menu(100),
        a = sentence(1),
        share = links("share", 40),
        tags = links("tag", 20),
    );
    let article = clean(&html);
    assert!(article.text.contains(&sentence(1)), "body lost: {:?}", article.text);
    assert!(!article.text.contains("We use cookies"), "{:?}", article.text);
}

#[test]
fn article_sections_in_same_kind_wrappers_are_all_read() {
    // A page builder wraps each part of the article in `<section><div><div class='rte'>`,
    // with a call-to-action box between them; the last part is the longest.
    let part = |from: usize, n: usize| -> String {
        let paras: String = (from..from + n).map(|i| format!("<p>{}</p>", sentence(i))).collect();
        format!("<section class='richtext-component grid-column'><div class='richtext'><div class='rte'>{paras}</div></div></section>")
    };
    let html = format!(
        "<html><head><title>Flood</title></head><body><main><div class='grid'>{first}{second}\
         <section class='cta-component'><div class='cta-box'><p>Need advice? Ask a local expert.</p></div></section>\
         {last}</div></main></body></html>",
        first = part(1, 1),
        second = part(2, 1),
        last = part(3, 12),
    );
    let article = clean(&html);
    for i in [1, 2, 3, 14] {
        assert!(article.text.contains(&sentence(i)), "paragraph {i} lost: {:?}", article.text);
    }
}

#[test]
fn numbered_figures_and_credited_pictures_are_captions_not_text() {
    let body: String = (1..6).map(|i| format!("<p>{}</p>", sentence(i))).collect();
    let html = format!(
        "<html><head><title>Flood</title></head><body><article><div class='story'>{body}\
         <p>Abbildung 4: Der Pegel am Montagmorgen. Das Wasser stand bis zur Brücke.</p>\
         <p>The mayor at the river bank on Monday (REUTERS/Jo Roe)</p>\
         <p>{last}</p></div></article></body></html>",
        last = sentence(6),
    );
    let article = clean(&html);
    assert!(article.text.contains(&sentence(6)));
    assert!(!article.text.contains("Abbildung 4"), "{:?}", article.text);
    assert!(!article.text.contains("REUTERS"), "{:?}", article.text);
    let captions: Vec<&str> = article.images.iter().filter_map(|i| i.caption.as_deref()).collect();
    assert!(captions.iter().any(|c| c.starts_with("Abbildung 4")), "{captions:?}");
}
