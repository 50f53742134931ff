//! The HTTP response inside a WARC `response` record: status, headers, and the payload
//! with its transfer and content encodings undone.

use std::io::{BufRead, Read};

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use crate::line::read_line;
use crate::MAX_PAGE_BYTES;

/// Header lines longer than this are cut (they are never needed whole).
const MAX_HEADER_LINE: usize = 16 * 1024;
/// More header lines than this is not an HTTP response worth reading.
const MAX_HEADERS: usize = 500;

/// The status line and headers of an HTTP response.
#[derive(Debug, Default)]
pub(crate) struct Head {
    pub status: u16,
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// The first header of that name (case-insensitive), trimmed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Why an HTTP response could not be used.
pub(crate) enum HeadError {
    /// Not HTTP at all (a DNS record, junk): not a page.
    NotHttp,
    Io(std::io::Error),
}

/// Reads the status line and headers, leaving `reader` at the payload.
pub(crate) fn read_head<R: BufRead + ?Sized>(reader: &mut R) -> Result<Head, HeadError> {
    let status_line = match read_line(reader, MAX_HEADER_LINE).map_err(HeadError::Io)? {
        Some(line) => line.bytes,
        None => return Err(HeadError::NotHttp),
    };
    let status_line = String::from_utf8_lossy(&status_line);
    let mut parts = status_line.split_ascii_whitespace();
    if !parts.next().is_some_and(|v| v.starts_with("HTTP/")) {
        return Err(HeadError::NotHttp);
    }
    let status = parts.next().and_then(|s| s.parse::<u16>().ok()).ok_or(HeadError::NotHttp)?;
    let mut head = Head { status, headers: Vec::new() };
    while let Some(line) = read_line(reader, MAX_HEADER_LINE).map_err(HeadError::Io)? {
        if line.bytes.iter().all(u8::is_ascii_whitespace) {
            break;
        }
        let line = String::from_utf8_lossy(&line.bytes);
        if line.starts_with([' ', '\t']) {
            // An obsolete folded header continues the previous one.
            if let Some((_, value)) = head.headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            if head.headers.len() < MAX_HEADERS {
                head.headers.push((name.trim().to_string(), value.trim().to_string()));
            }
        }
    }
    Ok(head)
}

/// Undoes `Transfer-Encoding: chunked` and `Content-Encoding` on a payload.
///
/// Archivers often store the payload already de-chunked or decompressed while
/// keeping the original headers, so a payload that does not parse as chunked,
/// or does not start like compressed data, is taken as it is.
pub(crate) fn decode_payload(head: &Head, payload: Vec<u8>) -> Result<Vec<u8>, String> {
    let chunked = head.get("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let payload = if chunked { dechunk(&payload).unwrap_or(payload) } else { payload };
    let encoding = head.get("content-encoding").map(|v| v.trim().to_ascii_lowercase()).unwrap_or_default();
    match encoding.as_str() {
        "" | "identity" | "none" => Ok(payload),
        "gzip" | "x-gzip" => {
            if !payload.starts_with(&[0x1f, 0x8b]) {
                return Ok(payload);
            }
            inflate(MultiGzDecoder::new(payload.as_slice())).map_err(|e| format!("gzip payload: {e}"))
        }
        "deflate" => {
            // "deflate" means zlib-wrapped, but many servers send raw deflate.
            inflate(ZlibDecoder::new(payload.as_slice()))
                .or_else(|_| inflate(DeflateDecoder::new(payload.as_slice())))
                .or(Ok(payload))
        }
        other => Err(format!("unsupported Content-Encoding {other:?}")),
    }
}

/// Decompresses, refusing more than [`MAX_PAGE_BYTES`] (a compression bomb is a per-item error).
fn inflate(decoder: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder.take(MAX_PAGE_BYTES + 1).read_to_end(&mut out).map_err(|e| e.to_string())?;
    if out.len() as u64 > MAX_PAGE_BYTES {
        return Err(format!("decompressed payload larger than {MAX_PAGE_BYTES} bytes"));
    }
    Ok(out)
}

/// The body of a chunked payload; `None` when it does not start like one.
/// A last chunk cut short keeps what is there (the archiver truncated the payload).
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut pos = 0;
    loop {
        let rest = body.get(pos..)?;
        let Some(eol) = rest.iter().position(|&b| b == b'\n') else {
            return (!out.is_empty()).then_some(out);
        };
        let size_line = String::from_utf8_lossy(&rest[..eol]);
        let size_text = size_line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            // Trailing junk after real chunks ends the body; junk first means not chunked.
            return (!out.is_empty()).then_some(out);
        };
        pos += eol + 1;
        if size == 0 {
            return Some(out);
        }
        let end = pos.saturating_add(size).min(body.len());
        out.extend_from_slice(&body[pos..end]);
        if end == body.len() {
            return Some(out);
        }
        pos = end;
        // Each chunk ends with CRLF.
        if body.get(pos) == Some(&b'\r') {
            pos += 1;
        }
        if body.get(pos) == Some(&b'\n') {
            pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::{write::GzEncoder, Compression};

    use super::*;

    fn head(headers: &[(&str, &str)]) -> Head {
        Head { status: 200, headers: headers.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect() }
    }

    #[test]
    fn reads_status_and_headers() {
        let mut input: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n  charset=utf-8\r\nX: y\r\n\r\nbody";
        let head = read_head(&mut input).ok().unwrap();
        assert_eq!(head.status, 200);
        assert_eq!(head.get("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(input, b"body");
        let mut junk: &[u8] = b"\x00\x01 nothing";
        assert!(matches!(read_head(&mut junk), Err(HeadError::NotHttp)));
    }

    #[test]
    fn undoes_chunking_and_gzip() {
        let chunked = b"5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n".to_vec();
        let h = head(&[("Transfer-Encoding", "chunked")]);
        assert_eq!(decode_payload(&h, chunked).unwrap(), b"Hello, world");
        // Already de-chunked by the archiver: kept as is.
        assert_eq!(decode_payload(&h, b"<html>x".to_vec()).unwrap(), b"<html>x");

        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(b"<p>zipped</p>").unwrap();
        let zipped = enc.finish().unwrap();
        let h = head(&[("Content-Encoding", "gzip")]);
        assert_eq!(decode_payload(&h, zipped.clone()).unwrap(), b"<p>zipped</p>");
        assert!(decode_payload(&h, zipped[..zipped.len() - 6].to_vec()).is_err());
        let h = head(&[("Content-Encoding", "br")]);
        assert!(decode_payload(&h, b"x".to_vec()).is_err());
    }
}
