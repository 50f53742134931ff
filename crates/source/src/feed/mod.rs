//! RSS 2.0, RSS 1.0 (`rdf:RDF`) and Atom feeds: each item becomes a page.
//!
//! The document is tokenised by `quick-xml` with its well-formedness checks
//! relaxed, because feeds in the wild are sloppy (a bare `&`, HTML entities such
//! as `&nbsp;`, mismatched end tags). Of each `<item>`/`<entry>` it keeps the
//! title, link (Atom: `link rel="alternate"`, else the first `href`), date
//! (`pubDate`, `published`, `updated`, `dc:date`) and the longest content
//! (`content:encoded`, `content`, `description`, `summary`), with CDATA and
//! entities undone. An item's content is wrapped in a minimal HTML page carrying
//! its title, URL and date, so the clean stage reads it like any page; its link is
//! kept so the caller can fetch the full article instead.
//!
//! It does not fetch anything, decode charsets other than UTF-8 (other bytes are
//! replaced) or follow the feed's own paging. A document that is no feed is one
//! error; an item that cannot be read (cut off mid-markup) is one per-item error
//! and the other items still come out. Linear in the document's size.
//!
//! ```
//! let rss = br#"<rss><channel><item><title>Hi</title><link>https://example.com/a</link></item></channel></rss>"#;
//! let items = newsgraph_source::feed::read_feed("f.rss", rss).unwrap();
//! assert_eq!(items[0].link.as_deref(), Some("https://example.com/a"));
//! ```

mod page;
mod scan;
#[cfg(test)]
mod tests;

use newsgraph_model::SourceFormat;

use crate::{Input, Page, SourceError, SourceErrorKind};
use page::{iso_date, page_html, unescape};

/// An item's content shorter than this (in bytes, trimmed) is no article: its link is.
const MIN_CONTENT_BYTES: usize = 200;

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
#[derive(Debug)]
pub struct FeedItem {
    pub link: Option<String>,
    /// The item's own content as a page, or why it has none worth cleaning.
    pub content: Result<Input, SourceError>,
}

/// The items of a feed, in document order; `Err` when the document is no feed.
///
/// `origin` becomes the pages' `path` (with the item number as `record`) and the
/// errors' origin (`origin#n` for an item).
pub fn read_feed(origin: &str, bytes: &[u8]) -> Result<Vec<FeedItem>, SourceError> {
    let text = String::from_utf8_lossy(bytes);
    let Some(raw_items) = scan::items(&text) else {
        return Err(SourceError::new(origin, SourceErrorKind::NotAFeed));
    };
    Ok(raw_items.into_iter().enumerate().map(|(n, raw)| feed_item(origin, n, raw)).collect())
}

fn feed_item(origin: &str, n: usize, raw: scan::RawItem<'_>) -> FeedItem {
    let item_origin = || format!("{origin}#{n}");
    let title = raw.field("title").map(unescape);
    let link = raw.link.as_deref().map(unescape);
    if let Some(reason) = raw.error {
        let kind = SourceErrorKind::FeedItem(format!("feed item {n} is cut off or garbled ({reason})"));
        return FeedItem { link, content: Err(SourceError::new(item_origin(), kind)) };
    }
    // The first date field present, in this order of preference (not document order).
    let date = ["pubDate", "published", "updated", "dc:date"]
        .iter()
        .find_map(|name| raw.field(name))
        .and_then(|d| iso_date(&unescape(d)));
    let content = ["content:encoded", "content", "description", "summary"]
        .iter()
        .filter_map(|name| raw.field(name).map(unescape))
        .max_by_key(|c| c.len());
    let content = match content {
        Some(body) if body.trim().len() >= MIN_CONTENT_BYTES => {
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
        _ => {
            let kind = SourceErrorKind::FeedItem(format!("feed item {n} has no article content and no link to fetch"));
            Err(SourceError::new(item_origin(), kind))
        }
    };
    FeedItem { link, content }
}
