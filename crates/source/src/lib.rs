//! Input readers: turn paths, directories, stdin, gzip, WARC and JSON Lines into [`Input`]s.
//!
//! A reader yields one item per article: a raw [`Page`] (bytes plus what is known
//! about them: path, URL, HTTP content type) for the clean stage, or a ready
//! [`Article`] from a `.jsonl` line whose text is already clean. A bad item is an
//! `Err` carrying where it came from (`path#record`); the iterator goes on after
//! it. Everything streams: a WARC is read one record at a time, so memory stays
//! flat however large the file. This crate decodes no charset and parses no
//! HTML: that is the clean stage's job.
//!
//! Formats, by file name (`.gz` is decompressed and the inner name decides):
//! `.html .htm` (HTML), `.txt` (text), `.warc` (one page per HTTP 2xx `response`
//! record whose payload is HTML or text), `.jsonl` (ready text). Stdin (`-`) and
//! names without a known extension given to [`read_bytes`] are sniffed.
//! A page larger than [`MAX_PAGE_BYTES`] is a per-item error. RSS and Atom
//! feeds are read by [`feed::read_feed`], which turns each item into a page.
//!
//! ```no_run
//! for item in newsgraph_source::read_paths(&["examples/".into()]) {
//!     match item {
//!         Ok(input) => println!("{}", input.origin()),
//!         Err(err) => eprintln!("{err}"),
//!     }
//! }
//! ```

pub mod feed;
mod http;
mod jsonl;
mod kind;
mod line;
mod warc;
pub mod xml;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use newsgraph_model::{Article, SourceFormat};
use walkdir::{DirEntry, WalkDir};

use kind::{Format, Kind};

/// The largest page (or JSONL line, or decompressed HTTP payload) read into memory.
///
/// Real article pages are well under 5 MiB; 64 MiB leaves room for pages with
/// inlined images while keeping one hostile item from exhausting memory when
/// many are cleaned in parallel.
pub const MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;

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
    #[error("page too large: more than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("not an RSS or Atom feed (no <rss> or <feed> element)")]
    NotAFeed,
    /// One feed item that gives no page (the message names the item).
    #[error("{0}")]
    FeedItem(String),
}

impl SourceError {
    fn new(origin: impl Into<String>, kind: SourceErrorKind) -> Self {
        SourceError { origin: origin.into(), kind }
    }
}

/// An I/O error as an error kind: inside a gzip stream, a read failure means bad gzip.
fn io_kind(error: io::Error, gzip: bool) -> SourceErrorKind {
    let decoding =
        matches!(error.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof);
    if gzip && decoding {
        SourceErrorKind::Gzip(error.to_string())
    } else {
        SourceErrorKind::Io(error)
    }
}

type Items<'a> = Box<dyn Iterator<Item = Result<Input, SourceError>> + 'a>;
type Stream<'a> = Box<dyn BufRead + 'a>;

/// Reads every input under `paths` (`-` is stdin), walking directories in name order.
///
/// Directories are walked recursively, sorted by name, skipping hidden entries;
/// files of unknown type inside them are skipped silently, but a named file of
/// unknown type is an error. Items are produced lazily, one at a time.
pub fn read_paths(paths: &[PathBuf]) -> impl Iterator<Item = Result<Input, SourceError>> + '_ {
    Inputs { paths: paths.iter(), walk: None, current: None }
}

/// Reads inputs from bytes already in memory, as if from a file named `name_hint`.
///
/// The name's extension picks the format as for files; an unknown or missing one
/// is sniffed from the content (gzip, WARC, JSON Lines, HTML or text).
pub fn read_bytes<'a>(name_hint: &str, bytes: &'a [u8]) -> impl Iterator<Item = Result<Input, SourceError>> + 'a {
    let kind = Kind::from_name(name_hint).unwrap_or(Kind { gzip: false, format: Format::Sniff });
    open_stream(name_hint.to_string(), kind, Box::new(Cursor::new(bytes)))
}

/// Reads inputs from any byte stream, as if from a file named `name_hint`.
///
/// For containers that are not files on this machine: a WARC opened through
/// another file system, or a socket. The stream is read lazily, one record at a
/// time, as [`read_paths`] reads a file; the name decides the format as for files
/// (unknown names are sniffed) and is the `path` of every item's origin.
pub fn read_stream<'a>(
    name_hint: &str,
    reader: Box<dyn Read + 'a>,
) -> impl Iterator<Item = Result<Input, SourceError>> + 'a {
    let kind = Kind::from_name(name_hint).unwrap_or(Kind { gzip: false, format: Format::Sniff });
    open_stream(name_hint.to_string(), kind, Box::new(BufReader::with_capacity(1 << 16, reader)))
}

type Walk = walkdir::FilterEntry<walkdir::IntoIter, fn(&DirEntry) -> bool>;

struct Inputs<'p> {
    paths: std::slice::Iter<'p, PathBuf>,
    walk: Option<Walk>,
    current: Option<Items<'static>>,
}

impl Iterator for Inputs<'_> {
    type Item = Result<Input, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(current) = &mut self.current {
                match current.next() {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(entry)) => {
                        if entry.file_type().is_dir() {
                            continue;
                        }
                        // Unknown file types inside a walked directory are not inputs.
                        if let Some(kind) = Kind::from_name(&entry.file_name().to_string_lossy()) {
                            self.current = Some(open_file(entry.path(), kind));
                        }
                        continue;
                    }
                    Some(Err(err)) => {
                        let origin = err.path().map_or_else(|| "-".to_string(), |p| p.display().to_string());
                        let error = err.into_io_error().unwrap_or_else(|| io::Error::other("directory loop"));
                        return Some(Err(SourceError::new(origin, SourceErrorKind::Io(error))));
                    }
                    None => self.walk = None,
                }
                continue;
            }
            let path = self.paths.next()?;
            if path.as_os_str() == "-" {
                let stdin: Stream<'static> = Box::new(BufReader::with_capacity(1 << 16, io::stdin()));
                self.current = Some(open_stream("-".into(), Kind { gzip: false, format: Format::Sniff }, stdin));
                continue;
            }
            match std::fs::metadata(path) {
                Err(err) => return Some(Err(SourceError::new(path.display().to_string(), SourceErrorKind::Io(err)))),
                Ok(meta) if meta.is_dir() => {
                    let walk = WalkDir::new(path).sort_by_file_name().into_iter();
                    self.walk = Some(walk.filter_entry(visible as fn(&DirEntry) -> bool));
                }
                Ok(_) => {
                    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
                    match Kind::from_name(&name) {
                        Some(kind) => self.current = Some(open_file(path, kind)),
                        None => {
                            return Some(Err(SourceError::new(
                                path.display().to_string(),
                                SourceErrorKind::Unsupported,
                            )))
                        }
                    }
                }
            }
        }
    }
}

/// Hidden entries (dot names) are skipped, except the root the user named (`.` itself).
fn visible(entry: &DirEntry) -> bool {
    entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
}

fn open_file(path: &Path, kind: Kind) -> Items<'static> {
    let name = path.display().to_string();
    match File::open(path) {
        Ok(file) => open_stream(name, kind, Box::new(BufReader::with_capacity(1 << 16, file))),
        Err(err) => Box::new(std::iter::once(Err(SourceError::new(name, SourceErrorKind::Io(err))))),
    }
}

/// The items of one stream whose container format is known (or to be sniffed).
fn open_stream<'a>(name: String, kind: Kind, stream: Stream<'a>) -> Items<'a> {
    let (kind, stream) = if kind.format == Format::Sniff {
        match kind::sniff(stream, kind.gzip) {
            Ok(found) => found,
            Err(err) => return once_err(name, err),
        }
    } else if kind.gzip {
        (kind, kind::gunzip(stream))
    } else {
        (kind, stream)
    };
    match kind.format {
        Format::Html | Format::Text | Format::Sniff => Box::new(std::iter::once(read_page(name, kind, stream))),
        Format::Warc => Box::new(warc::WarcReader::new(name, stream, kind.gzip)),
        Format::Jsonl => Box::new(jsonl::JsonlReader::new(name, stream, kind.gzip)),
    }
}

fn once_err<'a>(name: String, kind: SourceErrorKind) -> Items<'a> {
    Box::new(std::iter::once(Err(SourceError::new(name, kind))))
}

/// A whole file as one page, refusing more than [`MAX_PAGE_BYTES`].
fn read_page(name: String, kind: Kind, stream: Stream<'_>) -> Result<Input, SourceError> {
    let mut bytes = Vec::new();
    if let Err(err) = stream.take(MAX_PAGE_BYTES + 1).read_to_end(&mut bytes) {
        let kind = match io_kind(err, kind.gzip) {
            SourceErrorKind::Gzip(msg) => SourceErrorKind::Gzip(format!("{msg} (after {} bytes decoded)", bytes.len())),
            other => other,
        };
        return Err(SourceError::new(name, kind));
    }
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(SourceError::new(name, SourceErrorKind::TooLarge { limit: MAX_PAGE_BYTES }));
    }
    let format = if kind.format == Format::Html { SourceFormat::Html } else { SourceFormat::Text };
    Ok(Input::Page(Page { bytes, path: Some(name), format, ..Page::default() }))
}

#[cfg(test)]
mod tests;
