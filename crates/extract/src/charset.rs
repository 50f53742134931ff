//! Bytes to text: which charset a page is in, and decoding it.
//!
//! The order is the one browsers use, with one correction for the web as it
//! is: a byte-order mark wins; then the HTTP `Content-Type` charset, then a
//! `<meta charset>` / `http-equiv` declaration in the first bytes. Pages very
//! often declare a legacy charset while being UTF-8 (or the reverse), so a
//! declaration is only trusted when the bytes agree: non-ASCII bytes that form
//! valid UTF-8 are UTF-8, and a page declared UTF-8 that is not valid UTF-8 is
//! detected statistically (chardetng) instead. Undecodable bytes become
//! U+FFFD; decoding never fails.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// How many leading bytes are searched for a `<meta>` charset declaration.
const PRESCAN_BYTES: usize = 4096;

/// Decodes `bytes`, using the HTTP content type and the page's own declaration as hints.
pub fn decode<'a>(bytes: &'a [u8], content_type: Option<&str>, url: Option<&str>, html: bool) -> Cow<'a, str> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text;
    }
    // Valid UTF-8 with any non-ASCII content is UTF-8 whatever the page claims: the
    // chance of legacy-encoded text forming valid multi-byte sequences is negligible.
    // simdutf8: the same check as `std::str::from_utf8`, several times faster on pages.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    let declared = content_type
        .and_then(charset_param)
        .or_else(|| if html { meta_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]) } else { None })
        .filter(|e| *e != UTF_8 && !is_utf16(e));
    let encoding = declared.unwrap_or_else(|| detect(bytes, url));
    let (text, _, _) = encoding.decode(bytes);
    text
}

fn is_utf16(e: &&'static Encoding) -> bool {
    *e == encoding_rs::UTF_16LE || *e == encoding_rs::UTF_16BE
}

fn detect(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    // A sample is enough to tell the charset and keeps huge pages cheap.
    detector.feed(&bytes[..bytes.len().min(256 * 1024)], true);
    let tld = url.and_then(top_level_domain);
    detector.guess(tld.as_deref().map(str::as_bytes), true)
}

fn top_level_domain(url: &str) -> Option<String> {
    let host = crate::html::domain(url)?;
    let tld = host.rsplit('.').next()?;
    (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())).then(|| tld.to_string())
}

/// The `charset=` parameter of a content type.
fn charset_param(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + 7..].trim_start().strip_prefix('=')?.trim_start();
    let value: String = rest
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| !matches!(c, '"' | '\'' | ';' | ' ' | ','))
        .collect();
    Encoding::for_label(value.as_bytes())
}

/// A charset declared by `<meta charset=...>` or `<meta http-equiv=content-type content=...>`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut from = 0;
    while let Some(i) =
        memchr::memmem::find(&head[from..], b"<meta").or_else(|| memchr::memmem::find(&head[from..], b"<META"))
    {
        let start = from + i + 5;
        let end = memchr::memchr(b'>', &head[start..]).map_or(head.len(), |j| start + j);
        let tag = String::from_utf8_lossy(&head[start..end]);
        if let Some(encoding) = charset_param(&tag) {
            return Some(encoding);
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_wins_over_a_wrong_latin1_declaration() {
        let page = "<meta charset=\"iso-8859-1\"><p>Café – naïve</p>".as_bytes();
        assert!(decode(page, None, None, true).contains("Café – naïve"));
    }

    #[test]
    fn undeclared_latin1_is_detected() {
        let mut page = b"<p>Le caf\xe9 de la gare est ferm\xe9 depuis l'\xe9t\xe9 dernier, et les habitu\xe9s regrettent la fa\xe7ade.</p>".to_vec();
        page.extend_from_slice(b" Les \xe9l\xe8ves du lyc\xe9e voisin y d\xe9jeunaient souvent.");
        let text = decode(&page, None, Some("https://example.fr/a"), true);
        assert!(text.contains("café de la gare est fermé"), "{text}");
    }

    #[test]
    fn declared_charset_from_headers_and_meta() {
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        assert!(decode(page, None, None, true).contains("Привет"));
        assert!(decode(b"\xcf\xf0\xe8\xe2\xe5\xf2", Some("text/html; charset=\"windows-1251\""), None, true)
            .contains("Привет"));
    }

    #[test]
    fn bom_decides() {
        let mut page = vec![0xFF, 0xFE];
        for unit in "Zoë".encode_utf16() {
            page.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&page, Some("text/html; charset=iso-8859-1"), None, true), "Zoë");
        assert_eq!(decode("\u{feff}Zoë".as_bytes(), None, None, false), "Zoë");
    }

    #[test]
    fn invalid_utf8_declared_utf8_does_not_panic() {
        let text = decode(b"<meta charset=utf-8><p>caf\xe9 \xff\xfe\xfd</p>", None, None, true);
        assert!(text.starts_with("<meta"));
    }
}
