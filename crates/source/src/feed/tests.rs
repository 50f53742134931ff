use super::*;
use page::html_escape;

fn long_text() -> String {
    "The council met on Monday and agreed a new budget for the harbour. ".repeat(5)
}

fn page_of(item: &FeedItem) -> String {
    match &item.content {
        Ok(Input::Page(page)) => String::from_utf8_lossy(&page.bytes).into_owned(),
        other => panic!("expected a page, got {other:?}"),
    }
}

#[test]
fn reads_rss_and_atom_and_rejects_html() {
    let long = long_text();
    let rss = format!(
        "<?xml version=\"1.0\"?><rss><channel><title>T</title><item><title>A &amp; B</title>\
         <link>https://example.com/a</link><pubDate>Tue, 10 Jan 2022 16:06:00 GMT</pubDate>\
         <content:encoded><![CDATA[<p>{long}</p>]]></content:encoded></item>\
         <item><title>Short</title><link>https://example.com/b</link><description>tiny</description></item>\
         </channel></rss>"
    );
    let items = read_feed("f.rss", rss.as_bytes()).unwrap();
    assert_eq!(items.len(), 2);
    let Ok(Input::Page(page)) = &items[0].content else { panic!("first item should be a page") };
    assert_eq!(page.url.as_deref(), Some("https://example.com/a"));
    assert_eq!(page.record, Some(0));
    let html = page_of(&items[0]);
    assert!(html.contains("<title>A &amp; B</title>"));
    assert!(html.contains("2022-01-10T16:06"));
    let err = items[1].content.as_ref().unwrap_err();
    assert_eq!(err.origin, "f.rss#1");
    assert_eq!(err.kind.to_string(), "feed item 1 has no article content and no link to fetch");
    assert_eq!(items[1].link.as_deref(), Some("https://example.com/b"));

    let atom = format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>X</title>\
         <link rel=\"self\" href=\"https://example.org/self\"/>\
         <link rel=\"alternate\" href=\"https://example.org/x?a=1&amp;b=2\"/><published>2023-05-01T10:00:00Z</published>\
         <content type=\"html\">{}</content></entry></feed>",
        html_escape(&format!("<p>{long}</p>"))
    );
    let items = read_feed("f.atom", atom.as_bytes()).unwrap();
    let Ok(Input::Page(page)) = &items[0].content else { panic!("atom entry should be a page") };
    assert_eq!(page.url.as_deref(), Some("https://example.org/x?a=1&b=2"));
    let html = page_of(&items[0]);
    assert!(html.contains("<p>The council"));
    assert!(html.contains("content=\"2023-05-01T10:00:00\""));

    let err = read_feed("page.xml", b"<!DOCTYPE html><html><body>hi</body></html>").unwrap_err();
    assert_eq!(err.to_string(), "page.xml: not an RSS or Atom feed (no <rss> or <feed> element)");
}

/// The page an item becomes, byte for byte, as the hand-written scanner made it.
#[test]
fn the_page_made_of_an_item_is_unchanged() {
    let body = "First paragraph of the story, which is long enough to count as an article on its own here.\n\n\
                Second paragraph, with a quote: &quot;we will rebuild&quot;, said the mayor of the town today, \
                after the storm had passed.";
    let rss = format!(
        "<rss version=\"2.0\"><channel><item>\n  <title><![CDATA[Storm <hits> coast]]></title>\n  \
         <link> https://example.com/storm </link>\n  <dc:date>2024-02-03T04:05:06+01:00</dc:date>\n  \
         <description>{body}</description>\n</item></channel></rss>"
    );
    let items = read_feed("s.rss", rss.as_bytes()).unwrap();
    let expected = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Storm &lt;hits&gt; coast</title>\
        <link rel=\"canonical\" href=\"https://example.com/storm\">\
        <meta property=\"article:published_time\" content=\"2024-02-03T04:05:06\"></head><body><article>\
        <h1>Storm &lt;hits&gt; coast</h1><p>First paragraph of the story, which is long enough to count as an article on \
        its own here.</p><p>Second paragraph, with a quote: &quot;we will rebuild&quot;, said the mayor of the town \
        today, after the storm had passed.</p></article></body></html>";
    assert_eq!(page_of(&items[0]), expected);
}

#[test]
fn a_multibyte_title_after_an_entity_is_read_intact() {
    // The old scanner sliced 12 bytes after `&`, inside `«`, and panicked.
    let rss = format!(
        "<rss><channel><item><title>Fish &amp;«Привет» story</title><link>https://example.com/fish</link>\
         <description>{}</description></item></channel></rss>",
        long_text()
    );
    let items = read_feed("f.rss", rss.as_bytes()).unwrap();
    assert!(page_of(&items[0]).contains("<title>Fish &amp;«Привет» story</title>"));
    assert_eq!(page::unescape("Fish &amp;«Привет» story"), "Fish &«Привет» story");
    assert_eq!(page::unescape("&«Привет»;"), "&«Привет»;");
    assert_eq!(page::iso_date("1 Jan 2020 12:3é"), Some("2020-01-01T00:00".into()));
    // Days that do not exist are no date, in either form.
    assert_eq!(page::iso_date("Mon, 31 Feb 2022 10:00:00 GMT"), None);
    assert_eq!(page::iso_date("2022-02-31T10:00:00Z"), None);
    assert_eq!(page::iso_date("Tue, 10 Jan 2022 16:06:00 GMT"), Some("2022-01-10T16:06".into()));
}

#[test]
fn rss_1_0_items_are_siblings_of_the_channel() {
    let rdf = format!(
        "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"r\" xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"d\">\
         <channel rdf:about=\"c\"><title>C</title></channel>\
         <item rdf:about=\"https://example.net/1\"><title>One</title><link>https://example.net/1</link>\
         <dc:date>2021-03-04T05:06:07Z</dc:date><description>{}</description></item></rdf:RDF>",
        long_text()
    );
    let items = read_feed("r.rdf", rdf.as_bytes()).unwrap();
    assert_eq!(items.len(), 1);
    assert!(page_of(&items[0]).contains("content=\"2021-03-04T05:06:07\""));
}

#[test]
fn sloppy_markup_is_tolerated_item_by_item() {
    let long = long_text();
    let rss = format!(
        "<rss><channel><feedburner:info uri=\"x\"/>\
         <item><title>Tom & Jerry&nbsp;return</title><link>https://example.com/1</link>\
         <description>1 < 2 and {long}</description></item>\
         <item><title>Bad nesting<b></title></b><link>https://example.com/2</link></item>\
         <item><title>Unclosed<link>https://example.com/3</link></item>\
         <item><title>Cut off</title><link>https://example.com/4</link><description><![CDATA[<p>unterminated"
    );
    let items = read_feed("s.rss", rss.as_bytes()).unwrap();
    assert_eq!(items.len(), 4, "{items:?}");
    assert!(page_of(&items[0]).contains("<title>Tom &amp; Jerry&amp;nbsp;return</title>"));
    assert!(page_of(&items[0]).contains("<article><h1>Tom &amp; Jerry&amp;nbsp;return</h1>1 < 2 and The council"));
    assert_eq!(items[1].link.as_deref(), Some("https://example.com/2"));
    assert_eq!(items[2].link.as_deref(), Some("https://example.com/3"));
    assert_eq!(items[3].link.as_deref(), Some("https://example.com/4"));
    let err = items[3].content.as_ref().unwrap_err();
    assert!(err.to_string().starts_with("s.rss#3: feed item 3 is cut off or garbled"), "{err}");
}

#[test]
fn markup_in_cdata_does_not_end_the_item() {
    let rss = format!(
        "<rss><channel><item><title>T</title><description><![CDATA[<p>a</item> <title>no</title> {}</p>]]>\
         </description><link>https://example.com/t</link></item></channel></rss>",
        long_text()
    );
    let items = read_feed("c.rss", rss.as_bytes()).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].link.as_deref(), Some("https://example.com/t"));
    assert!(page_of(&items[0]).contains("<title>T</title>"));
}

#[test]
fn reading_is_linear_in_the_feed_size() {
    // Counting the items of feeds 10x apart checks that every item is seen; the
    // timing is printed, not asserted, so a loaded machine cannot fail the test.
    let item = format!(
        "<item><title>T &amp; U</title><link>https://e.com/x</link><description>{}</description></item>",
        long_text()
    );
    let feed = |n: usize| format!("<rss><channel>{}</channel></rss>", item.repeat(n));
    let (small, large) = (feed(2_000), feed(20_000));
    let started = std::time::Instant::now();
    assert_eq!(read_feed("s", small.as_bytes()).unwrap().len(), 2_000);
    let small_time = started.elapsed();
    let started = std::time::Instant::now();
    assert_eq!(read_feed("l", large.as_bytes()).unwrap().len(), 20_000);
    eprintln!("feed of {} bytes: {small_time:?}; 10x larger: {:?}", small.len(), started.elapsed());
}

#[test]
fn feeds_are_known_by_root_element_and_feed_urls_by_path() {
    assert!(looks_like_feed(b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- hi --><rss version=\"2.0\">"));
    assert!(looks_like_feed(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    assert!(looks_like_feed(b"<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\">"));
    assert!(!looks_like_feed(b"<!DOCTYPE html><html><head><link rel=alternate type=application/rss+xml>"));
    assert!(!looks_like_feed(b"<rssfeed>"));
    assert!(is_feed_url("https://example.com/feed/"));
    assert!(is_feed_url("https://example.com/world/rss.xml?x=1"));
    assert!(is_feed_url("http://example.com/news.atom"));
    assert!(!is_feed_url("https://example.com/2024/01/feed-the-world"));
    assert!(!is_feed_url("https://example.com"));
    assert!(is_feed_path(std::path::Path::new("dir/News.RSS")));
}
