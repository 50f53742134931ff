//! WARC/1.0 and WARC/1.1 files: one page per HTTP 2xx `response` record with an
//! HTML or text payload; other records (request, metadata, warcinfo, revisit,
//! non-HTML responses) are skipped without reading them into memory.
//!
//! Records are numbered from 1 in file order, counting every record, so
//! `path#n` names the n-th record of the file. A record whose header is corrupt
//! gives one error and the reader skips to the next line starting `WARC/1.`; a
//! record cut short by the end of the file gives one error and ends the file.

use std::io::{self, Read};

use newsgraph_model::SourceFormat;

use crate::http::{self, HeadError};
use crate::kind::looks_like_html;
use crate::line::read_line;
use crate::{io_kind, Input, Page, SourceError, SourceErrorKind, Stream, MAX_PAGE_BYTES};

/// WARC header lines longer than this are cut; URIs and dates are far shorter.
const MAX_LINE: usize = 64 * 1024;
/// A header block with more lines than this is corrupt.
const MAX_HEADERS: usize = 1000;

pub(crate) struct WarcReader<'a> {
    stream: Stream<'a>,
    name: String,
    gzip: bool,
    /// Records started so far (the current record's number).
    record: u64,
    /// A version line found while skipping junk, to start the next record with.
    pending: Option<Vec<u8>>,
    done: bool,
}

/// Why a record's header block could not be read.
enum HeaderError {
    Io(io::Error),
    Corrupt(String),
}

impl<'a> WarcReader<'a> {
    pub fn new(name: String, stream: Stream<'a>, gzip: bool) -> Self {
        WarcReader { stream, name, gzip, record: 0, pending: None, done: false }
    }

    fn error(&self, kind: SourceErrorKind) -> SourceError {
        SourceError::new(crate::origin(&self.name, Some(self.record.max(1))), kind)
    }

    /// Ends the file with an error: a record cut short, or an I/O (or gzip) failure.
    fn fail(&mut self, err: io::Error) -> SourceError {
        self.done = true;
        match err.get_ref().and_then(|e| e.downcast_ref::<Truncated>()) {
            Some(cut) => self.error(SourceErrorKind::Warc(cut.0.clone())),
            None => self.error(io_kind(err, self.gzip)),
        }
    }

    /// The next record's version line, skipping blank lines between records.
    fn version_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        if let Some(line) = self.pending.take() {
            return Ok(Some(line));
        }
        while let Some(line) = read_line(&mut self.stream, MAX_LINE)? {
            if !line.bytes.iter().all(u8::is_ascii_whitespace) {
                return Ok(Some(line.bytes));
            }
        }
        Ok(None)
    }

    /// Skips to the next line that starts a record; the end of the file ends the reader.
    fn resync(&mut self) -> io::Result<()> {
        while let Some(line) = read_line(&mut self.stream, MAX_LINE)? {
            if line.bytes.starts_with(b"WARC/1.") {
                self.pending = Some(line.bytes);
                return Ok(());
            }
        }
        self.done = true;
        Ok(())
    }

    fn headers(&mut self) -> Result<Vec<(String, String)>, HeaderError> {
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            let line = match read_line(&mut self.stream, MAX_LINE) {
                Ok(Some(line)) => line,
                Ok(None) => return Err(HeaderError::Io(cut_short("the file ends inside a record header".into()))),
                Err(e) => return Err(HeaderError::Io(e)),
            };
            if line.bytes.is_empty() {
                return Ok(headers);
            }
            let text = String::from_utf8_lossy(&line.bytes);
            if text.starts_with([' ', '\t']) {
                match headers.last_mut() {
                    Some((_, value)) => {
                        value.push(' ');
                        value.push_str(text.trim());
                    }
                    None => return Err(HeaderError::Corrupt("header block starts with a continuation".into())),
                }
                continue;
            }
            let Some((name, value)) = text.split_once(':') else {
                let shown: String = text.chars().take(60).collect();
                return Err(HeaderError::Corrupt(format!("header line without a colon: {shown:?}")));
            };
            if headers.len() >= MAX_HEADERS {
                return Err(HeaderError::Corrupt(format!("more than {MAX_HEADERS} header lines")));
            }
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }

    /// Reads and discards `len` bytes; `Err` when the file ends first.
    fn skip(&mut self, len: u64) -> io::Result<()> {
        let skipped = io::copy(&mut (&mut self.stream).take(len), &mut io::sink())?;
        if skipped < len {
            return Err(truncated(skipped, len));
        }
        Ok(())
    }

    /// The page of a response record's block, `Ok(None)` when it is not a page we want.
    fn response(&mut self, headers: &[(String, String)], len: u64) -> Result<Option<Page>, SourceError> {
        let mut block = (&mut self.stream).take(len);
        let head = match http::read_head(&mut block) {
            Ok(head) => head,
            Err(HeadError::Io(e)) => return Err(self.fail(e)),
            Err(HeadError::NotHttp) => {
                let left = block.limit();
                return self.skip(left).map(|()| None).map_err(|e| self.fail(e));
            }
        };
        let content_type = head.get("content-type").map(str::to_string);
        let declared = content_type.as_deref().map(page_format);
        let left = block.limit();
        if !(200..300).contains(&head.status) || declared == Some(None) {
            return self.skip(left).map(|()| None).map_err(|e| self.fail(e));
        }
        if left > MAX_PAGE_BYTES {
            self.skip(left).map_err(|e| self.fail(e))?;
            return Err(self.error(SourceErrorKind::TooLarge { limit: MAX_PAGE_BYTES }));
        }
        // Grow as bytes arrive: the declared length may be a lie.
        let mut payload = Vec::with_capacity(left.min(1 << 20) as usize);
        let got = block.read_to_end(&mut payload).map_err(|e| self.fail(e))? as u64;
        if got < left {
            return Err(self.fail(truncated(len - left + got, len)));
        }
        let bytes = http::decode_payload(&head, payload).map_err(|msg| self.error(SourceErrorKind::Warc(msg)))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            // A 200 with an empty body (a HEAD, a beacon) has no article to clean.
            return Ok(None);
        }
        // No Content-Type: keep the payload only if it looks like a page.
        let format = match declared.flatten() {
            Some(format) => format,
            None if looks_like_html(&bytes[..bytes.len().min(4096)]) => SourceFormat::Html,
            None => return Ok(None),
        };
        Ok(Some(Page {
            bytes,
            path: Some(self.name.clone()),
            url: header(headers, "warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string()),
            format,
            content_type,
            fetched_at: header(headers, "warc-date").map(str::to_string),
            record: Some(self.record),
            container: Some(SourceFormat::Warc),
        }))
    }
}

impl Iterator for WarcReader<'_> {
    type Item = Result<Input, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let version = match self.version_line() {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => return Some(Err(self.fail(e))),
            };
            self.record += 1;
            if !version.starts_with(b"WARC/") {
                let shown: String = String::from_utf8_lossy(&version).chars().take(40).collect();
                let err = self.error(SourceErrorKind::Warc(format!(
                    "expected a WARC/1.x version line, found {shown:?}; skipped to the next record"
                )));
                if let Err(e) = self.resync() {
                    self.done = true;
                    return Some(Err(self.error(io_kind(e, self.gzip))));
                }
                return Some(Err(err));
            }
            let headers = match self.headers() {
                Ok(headers) => headers,
                Err(HeaderError::Io(e)) => return Some(Err(self.fail(e))),
                Err(HeaderError::Corrupt(msg)) => {
                    let err = self.error(SourceErrorKind::Warc(msg));
                    if let Err(e) = self.resync() {
                        return Some(Err(self.fail(e)));
                    }
                    return Some(Err(err));
                }
            };
            let Some(len) = header(&headers, "content-length").and_then(|v| v.parse::<u64>().ok()) else {
                let err = self.error(SourceErrorKind::Warc("missing or bad Content-Length".into()));
                if let Err(e) = self.resync() {
                    return Some(Err(self.fail(e)));
                }
                return Some(Err(err));
            };
            let is_response = header(&headers, "warc-type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
            if !is_response {
                if let Err(e) = self.skip(len) {
                    return Some(Err(self.fail(e)));
                }
                continue;
            }
            match self.response(&headers, len) {
                Ok(Some(page)) => return Some(Ok(Input::Page(page))),
                Ok(None) => continue,
                Err(err) => return Some(Err(err)),
            }
        }
    }
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// `Some(format)` for a page content type, `None` for anything else (images, JSON, PDF).
fn page_format(content_type: &str) -> Option<SourceFormat> {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if mime.contains("html") {
        Some(SourceFormat::Html)
    } else if mime == "text/plain" {
        Some(SourceFormat::Text)
    } else {
        None
    }
}

/// The end of the file came inside a record (as opposed to a failing read).
#[derive(Debug)]
struct Truncated(String);

impl std::fmt::Display for Truncated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Truncated {}

fn cut_short(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, Truncated(message))
}

fn truncated(got: u64, want: u64) -> io::Error {
    cut_short(format!("record cut short: the file ends after {got} of its {want} bytes"))
}
