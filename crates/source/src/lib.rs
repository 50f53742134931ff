//! Input readers: turn paths, directories, stdin, gzip, WARC and JSON Lines into [`Input`]s.
//!
//! A reader yields one item per article: a raw [`Page`] (bytes plus what is known
//! about them: path, URL, HTTP content type) for the clean stage, or a ready
//! [`Article`] from a `.jsonl` line whose text is already clean. A bad item is an
//! `Err` carrying where it came from; the iterator goes on after it. This crate
//! decodes no charset and parses no HTML: that is the clean stage's job.
//!
//! ```no_run
//! for item in newsgraph_source::read_paths(&["examples/".into()]) {
//!     match item {
//!         Ok(input) => println!("{}", input.origin()),
//!         Err(err) => eprintln!("{err}"),
//!     }
//! }
//! ```

use std::path::PathBuf;

use newsgraph_model::{Article, SourceFormat};

/// A raw page as read from its container, before any decoding.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub bytes: Vec<u8>,
    pub path: Option<String>,
    pub url: Option<String>,
    /// `Html` or `Text`, from the file name or the HTTP content type.
    pub format: SourceFormat,
    /// The HTTP `Content-Type` header (WARC response records), for its charset.
    pub content_type: Option<String>,
    pub fetched_at: Option<String>,
    /// Position inside a container (WARC record number, JSONL line number).
    pub record: Option<u64>,
    /// The container format when it was not the page itself (`Warc`).
    pub container: Option<SourceFormat>,
}

impl Page {
    /// Where this page came from, for messages: `path`, `path#record` or the URL.
    pub fn origin(&self) -> String {
        origin(self.path.as_deref().or(self.url.as_deref()).unwrap_or("-"), self.record)
    }
}

/// One article's worth of input.
#[derive(Debug, Clone)]
pub enum Input {
    Page(Page),
    /// A `.jsonl` line of ready text: the clean stage is skipped.
    Ready(Box<Article>),
}

impl Input {
    /// Where this input came from, for messages: `path`, `path#record` or the URL.
    pub fn origin(&self) -> String {
        match self {
            Input::Page(page) => page.origin(),
            Input::Ready(a) => {
                origin(a.source.path.as_deref().or(a.source.url.as_deref()).unwrap_or("-"), a.source.record)
            }
        }
    }
}

fn origin(base: &str, record: Option<u64>) -> String {
    match record {
        Some(n) => format!("{base}#{n}"),
        None => base.to_string(),
    }
}

/// Why one input item could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {kind}")]
pub struct SourceError {
    /// Path (and record) of the failed item.
    pub origin: String,
    pub kind: SourceErrorKind,
}

#[derive(Debug, thiserror::Error)]
pub enum SourceErrorKind {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("unsupported file type (expected .html .htm .txt .warc .warc.gz .gz .jsonl)")]
    Unsupported,
    #[error("bad JSON Lines record: {0}")]
    Jsonl(String),
    #[error("bad WARC record: {0}")]
    Warc(String),
    #[error("truncated or corrupt gzip: {0}")]
    Gzip(String),
}

/// Reads every input under `paths` (`-` is stdin), walking directories in name order.
pub fn read_paths(paths: &[PathBuf]) -> impl Iterator<Item = Result<Input, SourceError>> + '_ {
    paths.iter().flat_map(|path| {
        let bytes = std::fs::read(path)
            .map_err(|e| SourceError { origin: path.display().to_string(), kind: SourceErrorKind::Io(e) });
        std::iter::once(bytes.map(|bytes| {
            Input::Page(Page {
                bytes,
                path: Some(path.display().to_string()),
                format: SourceFormat::Text,
                ..Page::default()
            })
        }))
    })
}
