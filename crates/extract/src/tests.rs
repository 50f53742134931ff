//! Behaviour of [`Cleaner::clean`] on whole pages, including hostile ones.

use super::*;
use newsgraph_model::RemovalReason;

const PARA: &str = "The council voted on Monday to keep the library open, after residents filled the hall \
    and spoke for three hours about what the building means to the town and its children.";

fn html_page(bytes: Vec<u8>) -> Page {
    Page {
        bytes,
        format: SourceFormat::Html,
        url: Some("https://news.example.org/2024/05/06/library".into()),
        ..Page::default()
    }
}

fn clean(page: Page) -> Article {
    match Cleaner::new().clean(&page) {
        Ok(article) => article,
        Err(err) => panic!("clean failed: {err}"),
    }
}

#[test]
fn wrong_declared_charset_still_reads_utf8() {
    let html = format!(
        "<html><head><meta charset='iso-8859-1'><title>Café vote</title></head><body><p>Café: {PARA}</p></body></html>"
    );
    let article = clean(html_page(html.into_bytes()));
    assert!(article.text.starts_with("Café: The council"), "{}", article.text);
}

#[test]
fn undeclared_latin1_is_detected() {
    let mut bytes = b"<html><body><p>Le conseil a vot\xe9 lundi pour garder la biblioth\xe8que ouverte, apr\xe8s que les habitants ont rempli la salle.</p>".to_vec();
    bytes.extend_from_slice(b"<p>Les \xe9l\xe8ves du lyc\xe9e voisin y d\xe9jeunaient souvent, et la fa\xe7ade a \xe9t\xe9 r\xe9nov\xe9e.</p></body></html>");
    let article = clean(html_page(bytes));
    assert!(article.text.contains("biblioth\u{e8}que ouverte"), "{}", article.text);
    assert_eq!(article.language.as_deref(), Some("fr"));
}

#[test]
fn bom_overrides_declaration() {
    let html =
        format!("\u{feff}<html><head><meta charset='windows-1252'></head><body><p>Zoë — {PARA}</p></body></html>");
    let article = clean(html_page(html.into_bytes()));
    assert!(article.text.starts_with("Zoë — The council"), "{}", article.text);
}

#[test]
fn hundred_thousand_nested_tags_finish() {
    let html =
        format!("<html><body>{}<p>{PARA}</p>{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let started = std::time::Instant::now();
    let article = clean(html_page(html.into_bytes()));
    assert!(article.text.contains("The council voted"));
    assert!(started.elapsed().as_secs() < 10);
}

#[test]
fn unclosed_inline_tags_and_junk_do_not_panic() {
    let mut html = String::from("<p>");
    for i in 0..20_000 {
        html.push_str(if i % 3 == 0 { "<b><i><a href='x'>" } else { "</span></p><li>" });
    }
    html.push_str(PARA);
    let _ = Cleaner::new().clean(&html_page(html.into_bytes()));
    let junk: Vec<u8> = (0..50_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    assert!(matches!(Cleaner::new().clean(&html_page(junk)), Err(ExtractError::Binary(_))));
    assert!(matches!(Cleaner::new().clean(&html_page(Vec::new())), Err(ExtractError::Empty)));
}

#[test]
fn boilerplate_block_lands_in_removed_with_reason() {
    let html = format!(
        "<html><body><div class='article-body'><p>{PARA}</p><p>{PARA} Again.</p>\
         <div class='newsletter-signup'><p>Get the morning briefing in your inbox every day.</p></div>\
         <ul class='related-links'><li><a href='/a'>Another story about the library</a></li>\
         <li><a href='/b'>Council budget explained</a></li></ul></div>\
         <div id='cookie-banner'><p>We use cookies to improve your experience on our site.</p></div></body></html>"
    );
    let article = clean(html_page(html.into_bytes()));
    assert_eq!(article.text.matches("The council voted").count(), 2);
    assert!(!article.text.contains("briefing"));
    let reason = |needle: &str| article.removed.iter().find(|r| r.text.contains(needle)).map(|r| r.reason);
    assert_eq!(reason("morning briefing"), Some(RemovalReason::CallToAction));
    assert_eq!(reason("Council budget"), Some(RemovalReason::Related));
}

#[test]
fn figure_caption_is_an_image_caption_once() {
    let html = format!(
        "<html><body><article><p>{PARA}</p><figure><img data-src='/hall.jpg' src='data:image/gif;base64,R0'>\
         <figcaption>Residents fill the hall on Monday</figcaption></figure><p>Residents fill the hall on Monday</p>\
         <p>{PARA}</p></article></body></html>"
    );
    let article = clean(html_page(html.into_bytes()));
    assert_eq!(article.images.len(), 1);
    assert_eq!(article.images[0].url.as_deref(), Some("/hall.jpg"));
    assert_eq!(article.images[0].caption.as_deref(), Some("Residents fill the hall on Monday"));
    assert!(!article.text.contains("Residents fill the hall"));
    assert!(article.removed.iter().any(|r| r.reason == RemovalReason::CaptionDuplicate));
}

#[test]
fn text_named_html_and_html_named_text_are_sniffed() {
    let second =
        "Residents said they would keep raising money for new books, and the mayor promised to match every dollar.";
    let text_page =
        Page { bytes: format!("{PARA}\n\n{second}").into_bytes(), format: SourceFormat::Html, ..Page::default() };
    let article = clean(text_page);
    assert_eq!(article.source.format, SourceFormat::Text);
    let html = format!("<!DOCTYPE html><html><body><p>{PARA}</p></body></html>");
    let article = clean(Page { bytes: html.into_bytes(), format: SourceFormat::Text, ..Page::default() });
    assert_eq!(article.source.format, SourceFormat::Html);
    assert!(!article.text.contains("<p>"));
    assert_eq!(article.site, None);
    assert_eq!(article.language.as_deref(), Some("en"));
}

#[test]
fn canonical_link_fills_the_source_url_only_when_the_input_has_none() {
    let html = format!(
        "<html><head><title>Library stays open</title>\
         <link rel='canonical' href='https://paper.example.com/2024/05/07/library-vote'></head>\
         <body><p>{PARA}</p></body></html>"
    );
    let mut page = html_page(html.clone().into_bytes());
    page.url = None;
    let article = clean(page);
    assert_eq!(article.source.url.as_deref(), Some("https://paper.example.com/2024/05/07/library-vote"));
    assert_eq!(article.site.as_deref(), Some("paper.example.com"));
    // The address also dates the page when nothing else does.
    assert_eq!(article.published.as_ref().map(|p| p.value.as_str()), Some("2024-05-07"));
    let given = clean(html_page(html.into_bytes()));
    assert_eq!(given.source.url.as_deref(), Some("https://news.example.org/2024/05/06/library"));
    // A relative canonical link is not an address.
    let relative = format!("<html><head><link rel=canonical href='/a/b'></head><body><p>{PARA}</p></body></html>");
    let mut page = html_page(relative.into_bytes());
    page.url = None;
    assert_eq!(clean(page).source.url, None);
}
