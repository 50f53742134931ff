//! The page-type classifier on small synthetic pages, one per type, through the whole
//! clean stage (the shipped weights, the features gathered on the way).

use newsgraph_model::{PageKind, SourceFormat};
use newsgraph_source::Page;

use super::features::{self, NAMES};
use crate::Cleaner;

const PARA: &str = "The council voted on Monday to keep the library open, after residents filled the hall \
    and spoke for three hours about what the building means to the town and its children, officials said.";

fn kind_of(url: &str, html: &str) -> PageKind {
    let page = Page {
        bytes: html.as_bytes().to_vec(),
        format: SourceFormat::Html,
        url: Some(url.to_string()),
        ..Page::default()
    };
    let article = match Cleaner::new().clean(&page) {
        Ok(article) => article,
        Err(err) => panic!("clean failed: {err}"),
    };
    let page_type = article.page_type.expect("an HTML page has a page type");
    assert!((0.0..=1.0).contains(&page_type.confidence));
    page_type.kind
}

#[test]
fn shipped_weights_fit_the_features() {
    assert!(super::model().is_some(), "models/page_type/weights.json does not match features::NAMES");
    assert_eq!(NAMES.len(), features::N);
}

#[test]
fn a_news_story_is_an_article() {
    let html = format!(
        "<html><head><title>Library stays open | Town News</title><meta property='og:type' content='article'>\
         <meta property='article:published_time' content='2024-05-06T10:00:00Z'>\
         <script type='application/ld+json'>{{\"@type\":\"NewsArticle\",\"headline\":\"Library stays open\",\
         \"datePublished\":\"2024-05-06\",\"author\":{{\"@type\":\"Person\",\"name\":\"Jo Roe\"}}}}</script></head>\
         <body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Library stays open</h1>\
         <p class='byline'>By Jo Roe</p><p>{PARA}</p><p>{PARA} Again.</p><p>{PARA} Later.</p><p>{PARA} End.</p></article></body></html>"
    );
    assert_eq!(kind_of("https://news.example.org/2024/05/06/library-stays-open-after-vote", &html), PageKind::Article);
}

#[test]
fn json_ld_product_with_price_and_cart_is_a_product() {
    let html = "<html><head><title>Trail Runner 2 Shoe - Buy Online | Shop</title>\
        <meta property='og:type' content='product'>\
        <script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@type\":\"Product\",\"name\":\"Trail Runner 2\",\
        \"sku\":\"TR2\",\"offers\":{\"@type\":\"Offer\",\"price\":\"89.00\",\"priceCurrency\":\"USD\"},\
        \"aggregateRating\":{\"@type\":\"AggregateRating\",\"ratingValue\":4.5}}</script></head>\
        <body><div class='breadcrumb'><a href='/'>Home</a> <a href='/shoes'>Shoes</a></div>\
        <div class='product-detail'><h1>Trail Runner 2</h1><div class='product-price'>$89.00</div>\
        <form class='add-to-cart'><input type='number' class='qty'><button>Add to cart</button></form>\
        <div class='product-description'><p>A light trail shoe with a grippy sole and a roomy toe box, \
        made for long days on rough ground and wet rock.</p></div><ul class='specs'><li>Weight: 280 g</li>\
        <li>Drop: 6 mm</li></ul><div class='reviews'><span class='rating'>4.5 stars</span></div></div></body></html>";
    assert_eq!(kind_of("https://shop.example.com/products/trail-runner-2", html), PageKind::Product);
}

#[test]
fn a_thread_of_posts_is_a_forum() {
    let posts: String = (1..=6)
        .map(|i| {
            format!(
                "<div class='post' id='post-{i}'><div class='userinfo'><a class='username' href='/members/u{i}'>user{i}</a>\
                 <span>Joined: Jan 2020</span> <span>Posts: {i}0</span></div><div class='postbody'><p>I had the same \
                 problem with my boiler last winter, and replacing the pressure valve fixed it for me, try that first. \
                 Reply {i}.</p></div><a class='reply' href='#'>Reply</a> <a href='#'>Quote</a></div>"
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Boiler keeps losing pressure - Plumbing Forum</title>\
         <script type='application/ld+json'>{{\"@type\":\"DiscussionForumPosting\",\"headline\":\"Boiler keeps losing pressure\"}}</script>\
         </head><body><h1>Boiler keeps losing pressure</h1><div class='thread'>{posts}</div></body></html>"
    );
    assert_eq!(
        kind_of("https://forum.example.com/threads/boiler-keeps-losing-pressure.12345/", &html),
        PageKind::Forum
    );
}

#[test]
fn a_page_of_teaser_cards_is_a_listing() {
    let cards: String = (1..=20)
        .map(|i| {
            format!(
                "<div class='card teaser'><a href='/news/story-{i}'><img src='/img/{i}.jpg'><h3>Story number {i} \
                 about the town</h3></a><p>The council met again and talked about the \
                 library for hours.</p><time datetime='2024-05-0{}'>May {}</time></div>",
                i % 9 + 1,
                i % 9 + 1
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Local news - Latest stories | Town News</title>\
         <script type='application/ld+json'>{{\"@type\":\"CollectionPage\"}}</script></head>\
         <body><nav><a href='/'>Home</a></nav><h1>Local news</h1><div class='grid'>{cards}</div>\
         <div class='pagination'><a href='?page=2'>Next</a></div></body></html>"
    );
    assert_eq!(kind_of("https://news.example.org/category/local/", &html), PageKind::Listing);
}

#[test]
fn reference_pages_with_code_are_documentation() {
    let sections: String = (1..=4)
        .map(|i| {
            format!(
                "<h2 id='method-{i}'>parse_{i}()</h2><p>Parses the input and returns the value, or an error when the \
                 input is not valid; see the examples below.</p><pre class='highlight'><code>let value = parse_{i}(input)?;\n\
                 println!(\"{{value}}\");</code></pre><p>Returns <code>Result</code>.</p>"
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>parse — API reference | Example Docs</title>\
         <script type='application/ld+json'>{{\"@type\":\"TechArticle\"}}</script></head>\
         <body><nav class='sidebar toc'><a href='#method-1'>parse_1</a> <a href='#method-2'>parse_2</a></nav>\
         <main class='docs-content'><h1>parse</h1>{sections}</main></body></html>"
    );
    assert_eq!(kind_of("https://docs.example.dev/api/reference/parse", &html), PageKind::Documentation);
}

#[test]
fn live_blog_markup_makes_a_live_blog() {
    let html = format!(
        "<html><head><title>Storm live: updates</title><script type='application/ld+json'>\
         {{\"@type\":\"LiveBlogPosting\",\"headline\":\"Storm live\"}}</script></head>\
         <body><article><h1>Storm live</h1><p>{PARA}</p><p>{PARA} More.</p></article></body></html>"
    );
    assert_eq!(kind_of("https://news.example.org/live/storm", &html), PageKind::LiveBlog);
}

#[test]
fn ld_types_are_read_from_strings_and_lists() {
    let mut seen = Vec::new();
    super::markup::for_each_ld_type(
        r#"{"@type": ["Product", "Thing"], "offers": {"@type":"Offer"}, "x": {"@type" : "schema:Recipe"}}"#,
        |t| seen.push(t.to_string()),
    );
    assert_eq!(seen, ["Product", "Thing", "Offer", "Recipe"]);
}

#[test]
fn grouped_features_sit_together_in_the_vector() {
    // `gather` writes the structured-data and class-word groups by offset.
    let at = |name: &str| NAMES.iter().position(|n| *n == name).unwrap();
    assert_eq!(at("sd_webpage") - at("sd_article"), 14);
    assert_eq!(at("cls_service") - at("cls_price"), 16);
}

/// The value of one named feature for a page, with nothing kept of its body.
fn feature(html: &str, name: &str) -> f32 {
    let dom = crate::html::dom::Dom::parse(html);
    let kept = features::Kept { paras: &[], title: None, has_published: false, has_authors: false };
    let values = features::gather(&dom, html, Some("https://example.org/x"), &kept).values;
    let at = NAMES.iter().position(|n| *n == name).expect("a known feature");
    values[at]
}

#[test]
fn shop_grid_news_teasers_and_service_asks_are_counted_apart() {
    let grid = "<html><body><div>Sort by: price</div><div>Filter</div><p>24 results</p></body></html>";
    let teasers = "<html><body><p>Vote tonight. Read more</p><p>Storm due. 4 min read</p></body></html>";
    let service = "<html><body><p>Get started today: Contact us for a free consultation.</p></body></html>";
    assert!(feature(grid, "txt_sort_filter") > 1.0);
    assert_eq!(feature(grid, "txt_read_more"), 0.0);
    assert!(feature(teasers, "txt_read_more") > 1.0);
    assert_eq!(feature(teasers, "txt_call_to_action"), 0.0);
    assert!(feature(service, "txt_call_to_action") > 1.0);
    assert_eq!(feature(service, "txt_sort_filter"), 0.0);
}
