//! How [`super::extract`] weighs conflicting date signals, on invented pages: structured
//! data against meta tags and shown lines, published against updated, URL-only dates,
//! implausible dates, and junk.

use super::*;

fn dates(html: &str, url: Option<&str>) -> (Option<String>, Option<String>) {
    let dom = Dom::parse(html);
    let meta = extract(&dom, html, url);
    let day = |p: Option<Published>| p.map(|p| p.value.chars().take(10).collect());
    (day(meta.published), day(meta.modified))
}

const LD: &str = r#"<script type="application/ld+json">{"@type":"Article","datePublished":"2020-03-11T14:49:33",
    "dateModified":"2025-09-17T08:00:00"}</script>"#;

#[test]
fn a_page_that_shows_only_an_updated_line_is_dated_by_it_over_json_ld() {
    let page = format!(
        "<head>{LD}</head><body><h1>The best running shoes</h1><div class='byline'>By Jo Roe \
         <span class='date'>Updated September 17, 2025</span></div><p>Talks went on.</p></body>"
    );
    // The reader sees 17 September; the first publication is not shown anywhere.
    assert_eq!(dates(&page, None), (Some("2025-09-17".into()), None));
    // OpenGraph states the first publication: it stands, and the update is reported apart.
    let og = r#"<meta property="article:published_time" content="2020-03-11T14:49:33+00:00">"#;
    let page_og = page.replace("<head>", &format!("<head>{og}"));
    assert_eq!(dates(&page_og, None), (Some("2020-03-11".into()), Some("2025-09-17".into())));
    // So does a URL on the structured day: two independent witnesses of the first publication.
    let url = Some("https://x.example/2020/03/11/best-shoes");
    assert_eq!(dates(&page, url), (Some("2020-03-11".into()), Some("2025-09-17".into())));
}

#[test]
fn a_published_line_and_an_updated_line_give_published_and_modified() {
    let page = format!(
        "<head>{LD}</head><body><h1>Rates rise again</h1><div class='meta'><span class='date'>Published \
         March 11, 2020</span> <span class='updated'>Updated September 17, 2025</span></div><p>Talks.</p></body>"
    );
    assert_eq!(dates(&page, None), (Some("2020-03-11".into()), Some("2025-09-17".into())));
    // A re-save stamp on the publication's own moment states no update.
    let page = r#"<head><script type="application/ld+json">{"@type":"Article","datePublished":"2021-02-16T09:00:00",
        "dateModified":"2021-02-16T09:00:00"}</script></head><body><h1>Rates</h1><p>Talks went on.</p></body>"#;
    assert_eq!(dates(page, None), (Some("2021-02-16".into()), None));
}

#[test]
fn meta_tags_then_the_url_when_nothing_else_dates_the_page() {
    let page =
        r#"<head><meta name="parsely-pub-date" content="2019-08-16T10:00:00Z"></head><body><h1>Rates</h1></body>"#;
    assert_eq!(dates(page, Some("https://x.example/2018/01/02/rates")).0.as_deref(), Some("2019-08-16"));
    let page = "<body><h1>Rates</h1><p>Talks went on.</p></body>";
    assert_eq!(dates(page, Some("https://x.example/news/2018/01/02/rates")).0.as_deref(), Some("2018-01-02"));
    assert_eq!(dates(page, Some("https://x.example/news/rates-2018")).0, None);
}

#[test]
fn future_and_implausible_dates_give_way_to_the_next_signal() {
    let page = r#"<head><script type="application/ld+json">{"@type":"Article","datePublished":"2099-01-01"}</script>
        </head><body><h1>Rates</h1><p>Talks went on.</p></body>"#;
    assert_eq!(dates(page, Some("https://x.example/2018/01/02/rates")).0.as_deref(), Some("2018-01-02"));
    assert_eq!(dates(page, None).0, None);
    let page = r#"<head><meta property="article:published_time" content="1970-01-01T00:00:00Z"></head>
        <body><h1>Rates</h1></body>"#;
    assert_eq!(dates(page, Some("https://x.example/2018/01/02/rates")).0.as_deref(), Some("2018-01-02"));
}

#[test]
fn junk_dates_do_not_panic() {
    for junk in [
        "",
        "0000-00-00",
        "2021-13-45T99:99",
        "9999999999999999999",
        "2021-02-30",
        "ééé-é-é",
        "\u{0}\u{fffd}",
        "2021-",
        "T12:00",
        "1899-12-31",
        "2101-01-01",
        "2021/02/31",
        "Dec 99, 2021",
    ] {
        let page = format!(
            r#"<head><meta property="article:published_time" content="{junk}"><meta property="article:modified_time"
            content="{junk}"><script type="application/ld+json">{{"@type":"Article","datePublished":"{junk}",
            "dateModified":"{junk}"}}</script></head><body><h1>Rates</h1><div class="date">Updated {junk}</div>
            <time datetime="{junk}">{junk}</time></body>"#
        );
        let (published, modified) = dates(&page, Some(&format!("https://x.example/{junk}/x")));
        assert!(published.is_none() && modified.is_none(), "{junk:?}: {published:?} {modified:?}");
    }
}

#[test]
fn an_author_reference_names_the_person_in_the_graph() {
    let html = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"Article","headline":"H","author":{"@id":"https://x.test/#jo"}},
        {"@type":"Person","@id":"https://x.test/#jo","name":"Jo Roe"}]}</script></head><body><h1>H</h1><p>Text.</p></body></html>"#;
    let dom = crate::html::dom::Dom::parse(html);
    let meta = super::extract(&dom, html, None);
    assert_eq!(meta.authors, vec!["Jo Roe".to_string()]);
}

#[test]
fn an_organisation_author_is_the_last_resort_and_a_handle_waits_for_the_byline() {
    let org = r#"<html><head><script type="application/ld+json">{"@type":"Article","headline":"H",
        "author":{"@type":"Organization","name":"Center for Drug Evaluation and Research"}}</script></head>
        <body><h1>H</h1><p>Text.</p></body></html>"#;
    let dom = crate::html::dom::Dom::parse(org);
    assert_eq!(super::extract(&dom, org, None).authors, vec!["Center for Drug Evaluation and Research".to_string()]);
    let handle = r#"<html><head><meta name="author" content="jdoe.admin"></head>
        <body><h1>H</h1><p>By Jane Doe</p><p>Text.</p></body></html>"#;
    let dom = crate::html::dom::Dom::parse(handle);
    assert_eq!(super::extract(&dom, handle, None).authors, vec!["Jane Doe".to_string()]);
    let only_handle =
        r#"<html><head><meta name="author" content="jdoe"></head><body><h1>H</h1><p>Text.</p></body></html>"#;
    let dom = crate::html::dom::Dom::parse(only_handle);
    assert_eq!(super::extract(&dom, only_handle, None).authors, vec!["jdoe".to_string()]);
}

#[test]
fn a_byline_under_the_headline_outranks_an_author_meta_tag_that_names_someone_else() {
    let html = r#"<html><head><meta name="author" content="Site Editor"></head>
        <body><h1>H</h1><p>By Jane Doe</p><p>Text.</p></body></html>"#;
    let dom = crate::html::dom::Dom::parse(html);
    assert_eq!(super::extract(&dom, html, None).authors, vec!["Jane Doe".to_string()]);
    let agree = r#"<html><head><meta name="author" content="Jane Doe"></head>
        <body><h1>H</h1><p>By Jane Doe and Al Ba</p><p>Text.</p></body></html>"#;
    let dom = crate::html::dom::Dom::parse(agree);
    assert_eq!(super::extract(&dom, agree, None).authors, vec!["Jane Doe".to_string()]);
}

#[test]
fn a_publisher_named_as_the_author_gives_way_to_a_person_in_another_block() {
    let html = r#"<html><head><meta property="og:site_name" content="Daily Paper">
        <script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":", Daily Paper"}}</script>
        <script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"Brian Truitt"}]}</script>
        </head><body><h1>H</h1><p>Text.</p></body></html>"#;
    let dom = crate::html::dom::Dom::parse(html);
    assert_eq!(super::extract(&dom, html, None).authors, vec!["Brian Truitt".to_string()]);
}

#[test]
fn a_personal_site_named_after_its_author_keeps_the_author() {
    let html = r#"<html><head><meta property="og:site_name" content="Anil Roe">
        <script type="application/ld+json">{"@type":"BlogPosting","author":[{"@type":"Person","name":"Anil Roe"}]}</script>
        </head><body><h1>H</h1><p>Text.</p></body></html>"#;
    let dom = crate::html::dom::Dom::parse(html);
    assert_eq!(super::extract(&dom, html, None).authors, vec!["Anil Roe".to_string()]);
}
