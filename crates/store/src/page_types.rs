//! The page type in search: a `g:` tag and a `page_type` facet per article, and the
//! filter that reads them.
//!
//! An article typed by the clean stage gets `g:<type>` (`g:product`) and a facet
//! `/page_type/<type>`; one that is not news ([`Article::is_news`]) also gets
//! `g:not-news`. The filter value `news` keeps every article without that tag, so
//! untyped records (ready text, stores indexed before page types) count as news, as
//! they do everywhere else; any other value keeps the articles of that type.

use std::collections::BTreeSet;

use newsgraph_model::Article;

/// The filter value that keeps news: articles, live blogs and untyped records.
pub const NEWS: &str = "news";

const NOT_NEWS_TAG: &str = "g:not-news";

/// Adds the page-type tags and facet of an article.
pub fn add(article: &Article, tags: &mut BTreeSet<String>, facets: &mut BTreeSet<(&str, String)>) {
    let Some(page_type) = article.page_type else { return };
    tags.insert(format!("g:{}", page_type.kind.as_str()));
    facets.insert(("page_type", page_type.kind.as_str().to_string()));
    if !article.is_news() {
        tags.insert(NOT_NEWS_TAG.to_string());
    }
}

/// The tag a filter value asks for: `(true, tag)` must be present, `(false, tag)` must not.
pub fn filter(value: &str) -> (bool, String) {
    let value = value.trim().to_ascii_lowercase();
    if value == NEWS {
        (false, NOT_NEWS_TAG.to_string())
    } else {
        (true, format!("g:{value}"))
    }
}
