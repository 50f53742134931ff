//! RSS 2.0 and Atom feeds, from files or fetched URLs: each item becomes a page.
//!
//! A small tolerant scanner (no XML dependency): it finds `<item>`/`<entry>`
//! blocks and their title, link, date and content (`content:encoded`,
//! `content`, `description`, `summary`), undoing CDATA and entities. An item's
//! content is wrapped in a minimal HTML page carrying its title, URL and date,
//! so the clean stage reads it like any page; its link is kept so the caller
//! can fetch the full article instead (always for feeds fetched from the web,
//! and for file items without content). A document that is not a feed (an
//! HTML page saved as `.xml`, or served at a feed URL) is one error. Linear in
//! the document's size.

use newsgraph_model::SourceFormat;
use newsgraph_source::{Input, Page};

/// Names that mark a file as a feed.
pub fn is_feed_path(path: &std::path::Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    name.ends_with(".rss") || name.ends_with(".atom") || name.ends_with(".xml")
}

/// URLs that name a feed by their path (`/feed`, `/rss`, `.../index.xml`, `news.atom`):
/// what such a URL serves must be a feed, so an HTML answer is an error, not a page.
pub fn is_feed_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let Some((_, path)) = path.split_once('/') else { return false };
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_ascii_lowercase();
    matches!(last.as_str(), "feed" | "feeds" | "rss" | "atom")
        || last.ends_with(".rss")
        || last.ends_with(".atom")
        || last.ends_with(".xml")
}

/// Whether a document's root element is `<rss>`, `<feed>` or `<rdf:RDF>` (after any
/// prolog, comments and doctype), whatever it was called or served as.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut rest = head.trim_start_matches('\u{feff}').trim_start();
    // Skip `<?xml ...?>`, `<!-- ... -->` and `<!DOCTYPE ...>` before the root element.
    while let Some(after) = rest.strip_prefix("<?").or_else(|| rest.strip_prefix("<!")) {
        let end =
            if after.starts_with("--") { after.find("-->").map(|e| e + 3) } else { after.find('>').map(|e| e + 1) };
        let Some(end) = end else { return false };
        rest = after[end..].trim_start();
    }
    ["<rss", "<feed", "<rdf:rdf"].iter().any(|root| {
        rest.strip_prefix(root).is_some_and(|after| after.starts_with(|c: char| c == '>' || c.is_ascii_whitespace()))
    })
}

/// One feed item: the article's link, and a page made of the content the feed carries.
pub struct FeedItem {
    pub link: Option<String>,
    /// The item's own content as a page, or why it has none worth cleaning.
    pub content: Result<Input, String>,
}

/// The items of a feed; `Err` when the document is no feed.
///
/// `origin` becomes the pages' `path` (with the item number as `record`).
pub fn read_feed(origin: &str, bytes: &[u8]) -> Result<Vec<FeedItem>, String> {
    let text = String::from_utf8_lossy(bytes);
    let head: String = text.chars().take(2048).collect::<String>().to_ascii_lowercase();
    let atom = head.contains("<feed");
    if !atom && !head.contains("<rss") && !head.contains("<rdf:rdf") {
        return Err("not an RSS or Atom feed (no <rss> or <feed> element)".into());
    }
    let tag = if atom { "entry" } else { "item" };
    let mut items = Vec::new();
    for (n, block) in blocks(&text, tag).enumerate() {
        let title = element(block, "title").map(|t| unescape(&t));
        let link = if atom { atom_link(block) } else { element(block, "link").map(|l| unescape(&l)) };
        let date = ["pubDate", "published", "updated", "dc:date"]
            .iter()
            .find_map(|t| element(block, t))
            .and_then(|d| iso_date(&unescape(&d)));
        let content = ["content:encoded", "content", "description", "summary"]
            .iter()
            .filter_map(|t| element(block, t).map(|c| unescape(&c)))
            .max_by_key(|c| c.len());
        let content = match content {
            Some(body) if body.trim().len() >= 200 => {
                let page = page_html(title.as_deref(), link.as_deref(), date.as_deref(), &body);
                Ok(Input::Page(Page {
                    bytes: page.into_bytes(),
                    path: Some(origin.to_string()),
                    url: link.clone(),
                    format: SourceFormat::Html,
                    record: Some(n as u64),
                    ..Page::default()
                }))
            }
            _ => Err(format!("feed item {n} has no article content and no link to fetch")),
        };
        items.push(FeedItem { link, content });
    }
    Ok(items)
}

/// The inner text of each `<tag ...>...</tag>` block, in order.
fn blocks<'a>(text: &'a str, tag: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut rest = text;
    std::iter::from_fn(move || loop {
        let start = rest.find(&open)?;
        let after = &rest[start + open.len()..];
        // `<item>` or `<item attr=...>`, not `<itemCount>`.
        if !after.starts_with(['>', ' ', '\t', '\n', '\r', '/']) {
            rest = after;
            continue;
        }
        let body_start = after.find('>')? + 1;
        let body = &after[body_start..];
        let end = body.find(&close).unwrap_or(body.len());
        rest = &body[end..];
        return Some(&body[..end]);
    })
}

fn element(block: &str, tag: &str) -> Option<String> {
    let inner = blocks(block, tag).next()?;
    let inner = inner.trim();
    let inner = inner.strip_prefix("<![CDATA[").and_then(|s| s.strip_suffix("]]>")).unwrap_or(inner);
    Some(inner.to_string())
}

/// Atom's `<link rel="alternate" href="...">` (or the first link).
fn atom_link(block: &str) -> Option<String> {
    let mut first = None;
    let mut rest = block;
    while let Some(start) = rest.find("<link") {
        let tag_end = rest[start..].find('>').map_or(rest.len(), |e| start + e);
        let tag = &rest[start..tag_end];
        let href = attribute(tag, "href");
        if tag.contains("rel=\"alternate\"") || !tag.contains("rel=") {
            if let Some(h) = href {
                return Some(unescape(&h));
            }
        }
        first = first.or(href);
        rest = &rest[tag_end..];
    }
    first.map(|h| unescape(&h))
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let quote = tag[at..].chars().next()?;
    let value = &tag[at + 1..];
    Some(value[..value.find(quote)?].to_string())
}

fn unescape(text: &str) -> String {
    let text = text.trim();
    let text = text.strip_prefix("<![CDATA[").and_then(|s| s.strip_suffix("]]>")).unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            let c = match entity {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// ISO 8601 of an Atom (already ISO) or RSS (RFC 822: `Tue, 10 Jan 2022 16:06:00 GMT`) date.
fn iso_date(value: &str) -> Option<String> {
    let value = value.trim();
    if value.len() >= 10 && value.as_bytes().get(4) == Some(&b'-') {
        return Some(value.chars().take(19).collect());
    }
    let parts: Vec<&str> = value.split_whitespace().filter(|p| !p.ends_with(',')).collect();
    let (day, month, year) = (parts.first()?, parts.get(1)?, parts.get(2)?);
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = month.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| lower.starts_with(m))? + 1;
    let day: u32 = day.parse().ok()?;
    let year: u32 = year.parse().ok()?;
    let time = parts.get(3).filter(|t| t.len() >= 5 && t.as_bytes()[2] == b':').map_or("00:00", |t| &t[..5]);
    Some(format!("{year:04}-{month:02}-{day:02}T{time}"))
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn page_html(title: Option<&str>, link: Option<&str>, date: Option<&str>, body: &str) -> String {
    let mut page = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\">");
    if let Some(t) = title {
        page.push_str(&format!("<title>{}</title>", html_escape(t)));
    }
    if let Some(l) = link {
        page.push_str(&format!("<link rel=\"canonical\" href=\"{}\">", html_escape(l)));
    }
    if let Some(d) = date {
        page.push_str(&format!("<meta property=\"article:published_time\" content=\"{}\">", html_escape(d)));
    }
    page.push_str("</head><body><article>");
    if let Some(t) = title {
        page.push_str(&format!("<h1>{}</h1>", html_escape(t)));
    }
    // Feeds carry either HTML or plain text; plain text gets paragraph tags so the cleaner sees its structure.
    if body.contains('<') {
        page.push_str(body);
    } else {
        for para in body.split("\n\n").filter(|p| !p.trim().is_empty()) {
            page.push_str(&format!("<p>{}</p>", html_escape(para.trim())));
        }
    }
    page.push_str("</article></body></html>");
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rss_and_atom_and_rejects_html() {
        let long = "The council met on Monday and agreed a new budget for the harbour. ".repeat(5);
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
        let html = String::from_utf8_lossy(&page.bytes);
        assert!(html.contains("<title>A &amp; B</title>"));
        assert!(html.contains("2022-01-10T16:06"));
        assert!(items[1].content.is_err());
        assert_eq!(items[1].link.as_deref(), Some("https://example.com/b"));

        let atom = format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>X</title>\
             <link rel=\"alternate\" href=\"https://example.org/x\"/><published>2023-05-01T10:00:00Z</published>\
             <content type=\"html\">{}</content></entry></feed>",
            html_escape(&format!("<p>{long}</p>"))
        );
        let items = read_feed("f.atom", atom.as_bytes()).unwrap();
        let Ok(Input::Page(page)) = &items[0].content else { panic!("atom entry should be a page") };
        assert_eq!(page.url.as_deref(), Some("https://example.org/x"));
        assert!(String::from_utf8_lossy(&page.bytes).contains("<p>The council"));

        assert!(read_feed("page.xml", b"<!DOCTYPE html><html><body>hi</body></html>").is_err());
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
    }
}
