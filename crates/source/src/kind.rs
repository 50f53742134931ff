//! Which reader a stream needs: from its file name, or sniffed from its first bytes.

use std::io::{self, BufReader, Cursor, Read};

use flate2::bufread::MultiGzDecoder;

use crate::{io_kind, SourceErrorKind, Stream};

/// How much of a stream is looked at to sniff its format.
const SNIFF_BYTES: u64 = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Html,
    Text,
    Warc,
    Jsonl,
    /// Decide from the content.
    Sniff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Kind {
    /// The stream is gzip (possibly multi-member) around the format.
    pub gzip: bool,
    pub format: Format,
}

impl Kind {
    /// The kind a file name announces, `None` when it is not a known input type.
    ///
    /// `x.gz` is decided by `x`; a bare `x.gz` with no inner extension is sniffed.
    pub fn from_name(name: &str) -> Option<Kind> {
        let lower = name.to_ascii_lowercase();
        let (gzip, inner) = match lower.strip_suffix(".gz") {
            Some(inner) => (true, inner),
            None => (false, lower.as_str()),
        };
        let format = match inner.rsplit_once('.') {
            Some((_, "html" | "htm")) => Format::Html,
            Some((_, "txt")) => Format::Text,
            Some((_, "warc")) => Format::Warc,
            Some((_, "jsonl")) => Format::Jsonl,
            None if gzip && !inner.is_empty() => Format::Sniff,
            _ => return None,
        };
        Some(Kind { gzip, format })
    }
}

/// Decides a stream's format from its first bytes, returning the stream to read it from
/// (decompressed when it is gzip: known from the name, or seen from the magic bytes).
pub(crate) fn sniff(stream: Stream<'_>, gzip: bool) -> Result<(Kind, Stream<'_>), SourceErrorKind> {
    let stream = if gzip { gunzip(stream) } else { stream };
    let (head, stream) = peek(stream).map_err(|e| io_kind(e, gzip))?;
    if !gzip && head.starts_with(&[0x1f, 0x8b]) {
        let (head, stream) = peek(gunzip(stream)).map_err(|e| io_kind(e, true))?;
        return Ok((Kind { gzip: true, format: format_of(&head) }, stream));
    }
    Ok((Kind { gzip, format: format_of(&head) }, stream))
}

/// The decompressed stream of a gzip stream; every member is read, as `.warc.gz` needs.
pub(crate) fn gunzip(stream: Stream<'_>) -> Stream<'_> {
    Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(stream)))
}

/// Reads the first bytes and gives back a stream that still starts with them.
fn peek(mut stream: Stream<'_>) -> io::Result<(Vec<u8>, Stream<'_>)> {
    let mut head = Vec::with_capacity(SNIFF_BYTES as usize);
    (&mut stream).take(SNIFF_BYTES).read_to_end(&mut head)?;
    let again: Stream<'_> = Box::new(Cursor::new(head.clone()).chain(stream));
    Ok((head, again))
}

/// WARC, JSON Lines, HTML or else text, from the first bytes of a (decompressed) stream.
pub(crate) fn format_of(head: &[u8]) -> Format {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let body = &head[start..];
    if body.starts_with(b"WARC/") {
        Format::Warc
    } else if body.starts_with(b"{") {
        Format::Jsonl
    } else if looks_like_html(head) {
        Format::Html
    } else {
        Format::Text
    }
}

/// A tag that only markup has, anywhere in the first bytes.
pub(crate) fn looks_like_html(head: &[u8]) -> bool {
    const TAGS: [&[u8]; 12] = [
        b"<!doctype",
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
        b"<div",
        b"<p>",
        b"<p ",
        b"<article",
        b"<br",
        b"<script",
    ];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    TAGS.iter().any(|tag| lower.windows(tag.len()).any(|w| w == *tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_decide_the_format() {
        let k = |n| Kind::from_name(n);
        assert_eq!(k("a.HTML"), Some(Kind { gzip: false, format: Format::Html }));
        assert_eq!(k("a.htm"), Some(Kind { gzip: false, format: Format::Html }));
        assert_eq!(k("a.txt"), Some(Kind { gzip: false, format: Format::Text }));
        assert_eq!(k("crawl.warc.gz"), Some(Kind { gzip: true, format: Format::Warc }));
        assert_eq!(k("x.jsonl.gz"), Some(Kind { gzip: true, format: Format::Jsonl }));
        assert_eq!(k("page.gz"), Some(Kind { gzip: true, format: Format::Sniff }));
        assert_eq!(k("a.tar.gz"), None);
        assert_eq!(k("a.pdf"), None);
        assert_eq!(k("README"), None);
    }

    #[test]
    fn content_decides_when_the_name_cannot() {
        assert_eq!(format_of(b"\r\nWARC/1.1\r\n"), Format::Warc);
        assert_eq!(format_of(b"{\"id\":1}\n"), Format::Jsonl);
        assert_eq!(format_of(b"\xef\xbb\xbf<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(format_of(b"Just words, a < b > c."), Format::Text);
    }
}
