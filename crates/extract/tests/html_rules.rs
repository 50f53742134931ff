//! Regression tests for the HTML rules on dates, standfirsts, structured bodies and
//! blog furniture: each page is small and hand-written, shaped like the layouts the rules
//! were written for.

use newsgraph_extract::Cleaner;
use newsgraph_model::{Article, DateSource, RemovalReason, SourceFormat};
use newsgraph_source::Page;

const PARA: &str = "The council approved the new budget on Tuesday after a long debate, and the mayor said \
    the money would go to schools, roads and the harbour, which had waited years for repairs.";

fn clean(html: &str, url: Option<&str>) -> Article {
    let page = Page {
        bytes: html.as_bytes().to_vec(),
        format: SourceFormat::Html,
        url: url.map(str::to_string),
        ..Page::default()
    };
    match Cleaner::new().clean(&page) {
        Ok(article) => article,
        Err(err) => panic!("the page did not clean: {err}"),
    }
}

/// A page with `head` in `<head>` and `top` between the headline and the body.
fn page(head: &str, top: &str) -> String {
    format!(
        "<html><head><title>Council passes budget</title>{head}</head><body><article><h1>Council passes budget</h1>\
         {top}<div class='story'><p>{PARA}</p><p>{PARA} Again.</p><p>{PARA} Once more.</p></div></article></body></html>"
    )
}

fn published(article: &Article) -> (Option<&str>, Option<DateSource>) {
    let p = article.published.as_ref();
    (p.map(|p| p.value.get(..10).unwrap_or(&p.value)), p.map(|p| p.from))
}

#[test]
fn a_shown_date_the_page_labels_updated_elsewhere_does_not_outrank_structured_data() {
    // The date under the headline is the update, shown again with a label further down.
    let html = page(
        "<meta property='article:published_time' content='2020-03-10T15:30:00+00:00'>",
        "<div class='post-meta'><span class='post-date'>February 12, 2025</span></div>\
         <p class='note'><span>Last updated: February 12, 2025</span></p>",
    );
    assert_eq!(published(&clean(&html, None)), (Some("2020-03-10"), Some(DateSource::Meta)));
    // Without the "updated" label elsewhere, the date shown under the headline wins.
    let html = page(
        "<meta property='article:published_time' content='2020-03-10T15:30:00+00:00'>",
        "<div class='post-meta'><span class='post-date'>February 12, 2025</span></div>",
    );
    assert_eq!(published(&clean(&html, None)), (Some("2025-02-12"), Some(DateSource::Text)));
}

#[test]
fn day_and_month_read_the_other_way_round_defer_to_structured_data() {
    // `09.10.2024` reads as 9 October, but the page's JSON-LD says 10 September.
    let html = page(
        r#"<script type="application/ld+json">{"@type":"Article","datePublished":"2024-09-10T16:07:00Z"}</script>"#,
        "<p class='blog-post__date post-date'>09.10.2024</p>",
    );
    assert_eq!(published(&clean(&html, None)), (Some("2024-09-10"), Some(DateSource::Jsonld)));
    // The same against a date in the URL.
    let html = page("", "<span class='post-date'>03/10/2023</span>");
    let article = clean(&html, Some("https://blog.example/2023/october/03/council-budget/"));
    assert_eq!(published(&article), (Some("2023-10-03"), Some(DateSource::Url)));
    // A spelled-out shown date is unambiguous: structured data with day and month swapped loses.
    let html = page(
        "<meta property='article:published_time' content='2025-07-04T10:00:00Z'>",
        "<div class='strip'><div>Published April 7, 2025</div></div>",
    );
    assert_eq!(published(&clean(&html, None)), (Some("2025-04-07"), Some(DateSource::Text)));
}

#[test]
fn citation_meta_tags_and_year_first_dates_are_read() {
    let html = page("<meta name='citation_publication_date' content='2023 Jan 7'>", "");
    assert_eq!(published(&clean(&html, None)), (Some("2023-01-07"), Some(DateSource::Meta)));
    let html = page("<meta name='citation_date' content='2025/12/18'>", "");
    assert_eq!(published(&clean(&html, None)), (Some("2025-12-18"), Some(DateSource::Meta)));
    let html = page("<meta name='published' content='July 17, 2025'>", "");
    assert_eq!(published(&clean(&html, None)), (Some("2025-07-17"), Some(DateSource::Meta)));
}

#[test]
fn the_modified_date_is_the_last_resort() {
    let html = page("<meta property='article:modified_time' content='2023-06-12T08:00:00Z'>", "");
    assert_eq!(published(&clean(&html, None)), (Some("2023-06-12"), Some(DateSource::Meta)));
    let html = page("", "");
    assert_eq!(published(&clean(&html, None)), (None, None));
}

#[test]
fn the_footer_of_an_article_holds_its_date_and_a_page_footer_does_not() {
    let html = page("", "<footer class='author__meta'><span class='author__meta-date'>March 30, 2023</span></footer>");
    assert_eq!(published(&clean(&html, None)), (Some("2023-03-30"), Some(DateSource::Text)));
    let html = format!(
        "{}<footer><span class='date'>January 5, 2021</span></footer>",
        page("", "").trim_end_matches("</body></html>")
    );
    assert_eq!(published(&clean(&html, None)), (None, None));
}

#[test]
fn a_meta_line_may_be_long_and_a_teaser_card_date_is_not_the_pages() {
    let html = page(
        "",
        "<div class='entry-meta'><p>by <a href='/author/jo'>Jo Roe</a> · Dec 20, 2025 at 3:00 am · \
         <a href='#comments'>One comment so far on this post</a></p></div>",
    );
    assert_eq!(published(&clean(&html, None)), (Some("2025-12-20"), Some(DateSource::Text)));
    // A card linking to another post, with its own date, near the headline.
    let html = page(
        "",
        "<div class='card'><h2 class='entry-title'><a href='/other-post'>Another story entirely</a></h2>\
         <p class='post-meta'><span class='published'>Nov 4, 2025</span></p></div>",
    );
    assert_eq!(published(&clean(&html, None)), (None, None));
}

#[test]
fn a_label_hidden_from_sight_does_not_hide_the_visible_one() {
    // "Published" then a screen-reader-only heading, then the date.
    let html = page(
        "",
        "<div class='text-sm'><h4>Published</h4><h3 class='sr-only'>Publish date</h3> <span>15 November 2018</span></div>\
         <div><span>January 17, 2019</span></div>",
    );
    assert_eq!(published(&clean(&html, None)).0, Some("2018-11-15"));
}

#[test]
fn the_standfirst_after_the_headline_is_kept() {
    let html = "<html><head><title>Council passes budget</title></head><body>\
        <header class='page-head'><h1>Council passes budget</h1><p class='intro'>The harbour and the schools get \
        most of the money, after a debate that ran through the night.</p></header>\
        <div class='story'><p>"
        .to_string()
        + PARA
        + "</p><p>"
        + PARA
        + " Again.</p></div></body></html>";
    let article = clean(&html, None);
    assert!(article.text.starts_with("The harbour and the schools get most"), "{}", article.text);
    assert_eq!(article.text.matches("The council approved").count(), 2);
}

#[test]
fn an_article_header_class_is_not_site_navigation() {
    let html = "<html><head><title>Council passes budget</title></head><body>\
        <header class='site-header'><a href='/'>Home</a> <a href='/news'>News</a></header>\
        <div class='article-header'><h1>Council passes budget</h1><div class='kicker'><p>Schools and roads come \
        first, the mayor said, and the harbour will follow next spring.</p></div></div>\
        <div class='story'><p>"
        .to_string()
        + PARA
        + "</p></div></body></html>";
    let article = clean(&html, None);
    assert!(article.text.contains("Schools and roads come first"), "{}", article.text);
    assert!(!article.text.contains("Home"));
}

#[test]
fn a_script_built_page_is_read_from_its_json_ld_article_body() {
    let body = PARA.repeat(3);
    let html = format!(
        r#"<html><head><title>Council passes budget</title><script type="application/ld+json">
        {{"@type":"NewsArticle","headline":"Council passes budget","articleBody":"{body}\n{body}"}}</script></head>
        <body><div id="app"><h1>Council passes budget</h1><p>Loading the story, please wait a moment.</p></div></body></html>"#
    );
    let article = clean(&html, None);
    assert_eq!(article.text.matches("The council approved").count(), 6, "{}", article.text);
    assert!(article.text.contains("\n\n"));
}

#[test]
fn blog_furniture_phrases_are_dropped_with_reasons() {
    let html = page(
        "",
        "<div class='story'><p>Gefällt mir</p><p>Wird geladen …</p><p>This entry was posted in News on 3 May.</p>\
         <p>Subscribe now to our e-edition for the full story.</p><p>Schreibe einen Kommentar</p></div>",
    );
    let article = clean(&html, None);
    let reason = |text: &str| article.removed.iter().find(|r| r.text.starts_with(text)).map(|r| r.reason);
    assert_eq!(reason("Gefällt mir"), Some(RemovalReason::Share));
    assert_eq!(reason("Wird geladen"), Some(RemovalReason::Navigation));
    assert_eq!(reason("This entry was posted"), Some(RemovalReason::Navigation));
    assert_eq!(reason("Subscribe now"), Some(RemovalReason::CallToAction));
    assert_eq!(reason("Schreibe einen Kommentar"), Some(RemovalReason::Comments));
    assert!(article.text.contains("The council approved"));
}

#[test]
fn a_named_lead_a_little_below_the_headline_is_kept_and_a_lead_picture_caption_is_not() {
    let html = "<html><head><title>Council passes budget</title></head><body><article>\
        <div class='article-head'><h1>Council passes budget</h1><p class='dateline'>Berlin</p>\
        <div class='article-intro'><div class='rtf'><p>The harbour and the schools get most of the money, \
        after a debate that ran through the night.</p></div></div></div>\
        <div class='story'><p>"
        .to_string()
        + PARA
        + "</p><p>"
        + PARA
        + " Again.</p></div></article></body></html>";
    let article = clean(&html, None);
    assert!(article.text.starts_with("The harbour and the schools get most"), "{}", article.text);
    let html = "<html><head><title>Council passes budget</title></head><body><article>\
        <h1>Council passes budget</h1><div class='page-lead'><figure><img src='/a.jpg'>\
        <figcaption>The harbour at dawn on Tuesday, seen from the old lighthouse on the hill.</figcaption></figure></div>\
        <div class='story'><p>"
        .to_string()
        + PARA
        + "</p><p>"
        + PARA
        + " Again.</p></div></article></body></html>";
    let article = clean(&html, None);
    assert!(article.text.starts_with("The council approved"), "{}", article.text);
}

#[test]
fn date_lines_at_the_ends_of_the_body_are_metadata_but_post_signatures_are_not() {
    let html = format!(
        "<html><head><title>Council passes budget</title></head><body><article><h1>Council passes budget</h1>\
         <div class='story'><p>Publiziert: 03.04.2020, 12:35</p><p>{PARA}</p><p>{PARA} Again.</p>\
         <p>{PARA} Later.</p><p>{PARA} Last.</p><p>— Jo Roe (@jroe) November 19, 2019</p></div></article></body></html>"
    );
    let article = clean(&html, None);
    assert!(article.removed.iter().any(|r| r.reason == RemovalReason::Dateline && r.text.starts_with("Publiziert")));
    assert!(article.text.contains("— Jo Roe (@jroe) November 19, 2019"), "{:?}", article.removed);
}

#[test]
fn furniture_is_told_by_its_first_line_and_opening_words_and_long_sentences_survive() {
    let html = page(
        "",
        "<div class='story'><p>Keine Kommentare<br>(Ihr Kommentar wird vor der Veröffentlichung geprüft)</p>\
         <p>Lesen Sie auch: Der Hafen bekommt einen neuen Kran</p>\
         <p>Click here to see the full list of the projects the council funded this year, with the amounts \
         each received and the dates the work starts.</p></div>",
    );
    let article = clean(&html, None);
    let reason = |text: &str| article.removed.iter().find(|r| r.text.starts_with(text)).map(|r| r.reason);
    assert_eq!(reason("Keine Kommentare"), Some(RemovalReason::Comments));
    assert_eq!(reason("Lesen Sie auch"), Some(RemovalReason::Related));
    assert!(article.text.contains("Click here to see the full list"), "{}", article.text);
}

#[test]
fn a_lead_under_an_h2_headline_is_kept() {
    // CMS news modules set the headline in an `<h2>` and the lead in a `teaser-text` block.
    let html = "<html><head><title>Council passes budget</title></head><body><h1>City news</h1>\
        <div class='article'><div class='header'><h2>Council passes budget</h2></div>\
        <div class='footer'><span class='date'>21.01.2022</span></div>\
        <div class='teaser-text'><p>The harbour and the schools get most of the money, after a debate that \
        ran through the night.</p></div><div class='news-text-wrap'><p>"
        .to_string()
        + PARA
        + "</p><p>"
        + PARA
        + " Again.</p></div></div></body></html>";
    let article = clean(&html, None);
    assert!(article.text.starts_with("The harbour and the schools get most"), "{}", article.text);
}
