//! What kind of page a record came from: an article, or one of the other pages a
//! crawler meets (listings, forums, product pages...), with a confidence.
//!
//! The clean stage decides it from the markup it reads (see `newsgraph-extract`);
//! records made from ready text (`.jsonl` input) never went through HTML and have
//! no page type. Only articles and live blogs are news: [`Article::is_news`] is the
//! one flag later stages, the store and search read. This module decides nothing.

use serde::{Deserialize, Serialize};

use crate::Article;

/// The kinds of page, serialized in lower case as the record's design names them (`"liveblog"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// A news story, report, feature, opinion or blog post.
    Article,
    /// A live blog: dated entries under one headline (from `LiveBlogPosting` markup).
    LiveBlog,
    /// A section front, tag or category page, search results: teasers linking to articles.
    Listing,
    /// A forum thread, Q&A page or comment thread: posts by several people.
    Forum,
    /// One product for sale: price, specifications, a cart.
    Product,
    /// A catalogue or gallery: many products or items on one page.
    Collection,
    /// Documentation, reference, API pages, manuals.
    Documentation,
    /// A company's or agency's page about its services, a landing page.
    Service,
    /// None of the above.
    Other,
}

impl PageKind {
    /// Every kind, in the order of the enum.
    pub const ALL: [PageKind; 9] = [
        PageKind::Article,
        PageKind::LiveBlog,
        PageKind::Listing,
        PageKind::Forum,
        PageKind::Product,
        PageKind::Collection,
        PageKind::Documentation,
        PageKind::Service,
        PageKind::Other,
    ];

    /// The name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Article => "article",
            PageKind::LiveBlog => "liveblog",
            PageKind::Listing => "listing",
            PageKind::Forum => "forum",
            PageKind::Product => "product",
            PageKind::Collection => "collection",
            PageKind::Documentation => "documentation",
            PageKind::Service => "service",
            PageKind::Other => "other",
        }
    }

    /// The kind a serialized name names.
    pub fn parse(name: &str) -> Option<PageKind> {
        PageKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether pages of this kind are news: articles and live blogs.
    pub fn is_news(self) -> bool {
        matches!(self, PageKind::Article | PageKind::LiveBlog)
    }
}

impl std::fmt::Display for PageKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The page type of a record: `{"type": "product", "confidence": 0.93}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PageType {
    #[serde(rename = "type")]
    pub kind: PageKind,
    /// The classifier's probability for `kind`, in `[0, 1]`.
    pub confidence: f32,
}

impl Article {
    /// Whether this record is news and feeds events, stories, tone and the entity pages'
    /// counts: true for articles and live blogs, and for records with no page type (ready
    /// text never went through HTML, and text given as news is taken as news).
    pub fn is_news(&self) -> bool {
        self.page_type.is_none_or(|p| p.kind.is_news())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_by_name() {
        for kind in PageKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(PageKind::parse(kind.as_str()), Some(kind));
        }
        let page = PageType { kind: PageKind::LiveBlog, confidence: 0.5 };
        assert_eq!(serde_json::to_string(&page).unwrap(), r#"{"type":"liveblog","confidence":0.5}"#);
    }

    #[test]
    fn only_articles_live_blogs_and_untyped_records_are_news() {
        let mut article = Article::from_text("a", "text");
        assert!(article.is_news());
        article.page_type = Some(PageType { kind: PageKind::Product, confidence: 0.9 });
        assert!(!article.is_news());
        article.page_type = Some(PageType { kind: PageKind::LiveBlog, confidence: 0.9 });
        assert!(article.is_news());
    }
}
