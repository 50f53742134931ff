//! A lenient, allocation-light HTML tokenizer.
//!
//! It yields start tags, end tags and text slices of the input and skips
//! comments, doctypes and processing instructions. Raw-text elements
//! (`script`, `style`, `title`, `textarea`, ...) are returned as one start tag
//! followed by their whole content as [`Token::RawText`]. It never fails: any
//! byte sequence tokenizes, every step moves forward, and each byte is looked
//! at a bounded number of times, so time is linear in the input. It does not
//! decode entities (see [`super::entities`]) nor build a tree (see [`super::dom`]).

use std::sync::LazyLock;

use memchr::{memchr, memmem};

/// One lexical unit of an HTML document, borrowing from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    Start {
        name: &'a str,
        attrs: &'a str,
        self_closing: bool,
    },
    End {
        name: &'a str,
    },
    Text(&'a str),
    /// The content of a raw-text element (script, style, title, textarea, ...).
    RawText(&'a str),
}

/// `</`, searched for in every script and style: the searcher is built once, not per element.
static END_TAG: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"</"));

pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// Set after a raw-text start tag: the element whose end tag closes the raw text.
    raw_until: Option<&'static str>,
}

/// Elements whose content is text up to their end tag, not markup.
pub fn raw_text_element(name: &str) -> Option<&'static str> {
    const RAW: [&str; 10] =
        ["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];
    RAW.iter().copied().find(|raw| raw.eq_ignore_ascii_case(name))
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a str) -> Self {
        Tokenizer { src, pos: 0, raw_until: None }
    }

    fn raw_text(&mut self, name: &'static str) -> Token<'a> {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        let mut from = start;
        loop {
            let Some(off) = END_TAG.find(&bytes[from..]) else {
                self.pos = bytes.len();
                return Token::RawText(&self.src[start..]);
            };
            let at = from + off;
            let name_end = at + 2 + name.len();
            if name_end <= bytes.len()
                && bytes[at + 2..name_end].eq_ignore_ascii_case(name.as_bytes())
                && bytes.get(name_end).is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            {
                // Leave the end tag for the next call; the content stops here.
                self.pos = at;
                return Token::RawText(&self.src[start..at]);
            }
            from = at + 2;
        }
    }

    /// Parses a tag starting at `self.pos` (which holds `<`); `None` when it is not a tag.
    fn tag(&mut self) -> Option<Token<'a>> {
        let bytes = self.src.as_bytes();
        let lt = self.pos;
        let next = *bytes.get(lt + 1)?;
        if next == b'!' || next == b'?' {
            self.pos = skip_markup_declaration(bytes, lt);
            return Some(Token::Text(""));
        }
        let (is_end, name_start) = if next == b'/' { (true, lt + 2) } else { (false, lt + 1) };
        if !bytes.get(name_start)?.is_ascii_alphabetic() {
            if is_end {
                // `</ >` or `</3`: a bogus comment up to `>`.
                self.pos = memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |i| lt + i + 1);
                return Some(Token::Text(""));
            }
            return None;
        }
        let mut i = name_start;
        while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
            i += 1;
        }
        // Tag names are ASCII in practice; a non-boundary cut cannot happen because
        // the stop bytes above are ASCII, so `i` is always a char boundary.
        let name = &self.src[name_start..i];
        let attrs_start = i;
        let end = scan_attributes(bytes, i);
        self.pos = end.after;
        if is_end {
            return Some(Token::End { name });
        }
        let attrs = &self.src[attrs_start..end.attrs_end];
        Some(Token::Start { name, attrs, self_closing: end.self_closing })
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some(name) = self.raw_until.take() {
            return Some(self.raw_text(name));
        }
        let bytes = self.src.as_bytes();
        loop {
            if self.pos >= bytes.len() {
                return None;
            }
            if bytes[self.pos] != b'<' {
                let start = self.pos;
                let end = memchr(b'<', &bytes[start..]).map_or(bytes.len(), |i| start + i);
                self.pos = end;
                return Some(Token::Text(&self.src[start..end]));
            }
            match self.tag() {
                Some(Token::Text("")) => continue,
                Some(token) => {
                    if let Token::Start { name, self_closing: false, .. } = token {
                        self.raw_until = raw_text_element(name);
                    }
                    return Some(token);
                }
                None => {
                    // A `<` that opens no tag is text; emit it with what follows.
                    let start = self.pos;
                    let end = memchr(b'<', &bytes[start + 1..]).map_or(bytes.len(), |i| start + 1 + i);
                    self.pos = end;
                    return Some(Token::Text(&self.src[start..end]));
                }
            }
        }
    }
}

/// Skips `<!-- ... -->`, `<!DOCTYPE ...>`, `<![CDATA[...]]>` and `<?...>` starting at `lt`.
fn skip_markup_declaration(bytes: &[u8], lt: usize) -> usize {
    let rest = &bytes[lt..];
    let (terminator, from): (&[u8], usize) = if rest.starts_with(b"<!--") {
        (b"-->", 4)
    } else if rest.starts_with(b"<![CDATA[") {
        (b"]]>", 9)
    } else {
        (b">", 2)
    };
    match memmem::find(&rest[from.min(rest.len())..], terminator) {
        Some(i) => lt + from + i + terminator.len(),
        None => bytes.len(),
    }
}

struct TagEnd {
    attrs_end: usize,
    after: usize,
    self_closing: bool,
}

/// Finds the `>` closing a tag, honouring quoted attribute values.
fn scan_attributes(bytes: &[u8], start: usize) -> TagEnd {
    let unclosed = TagEnd { attrs_end: bytes.len(), after: bytes.len(), self_closing: false };
    let mut i = start;
    // Only `=` (which may open a quoted value) and `>` matter: jump between them.
    while let Some(j) = memchr::memchr2(b'>', b'=', &bytes[i..]) {
        let at = i + j;
        if bytes[at] == b'>' {
            // `<br/>`, `<img src=x />`: the last visible byte before `>` is a `/` (a quoted
            // value ends in its quote, so a slash inside one never counts).
            let self_closing = bytes[start..at].iter().rev().find(|b| !b.is_ascii_whitespace()) == Some(&b'/');
            return TagEnd { attrs_end: at, after: at + 1, self_closing };
        }
        i = at + 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if let Some(&q) = bytes.get(i) {
            if q == b'"' || q == b'\'' {
                match memchr(q, &bytes[i + 1..]) {
                    Some(k) => i = i + 1 + k + 1,
                    None => return unclosed,
                }
            }
        }
    }
    unclosed
}

/// Iterates `(name, raw value)` pairs of a tag's attribute string.
pub struct Attrs<'a> {
    src: &'a str,
    pos: usize,
}

pub fn attrs(src: &str) -> Attrs<'_> {
    Attrs { src, pos: 0 }
}

impl<'a> Iterator for Attrs<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let bytes = self.src.as_bytes();
        let mut i = self.pos;
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            self.pos = i;
            return None;
        }
        let name_start = i;
        // An attribute name may start with `=` per the spec; take at least one byte.
        i += 1;
        while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'=' | b'>') {
            i += 1;
        }
        let name_end = i;
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value = "";
        if j < bytes.len() && bytes[j] == b'=' {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = memchr(q, &bytes[j + 1..]).map_or(bytes.len(), |k| j + 1 + k);
                    value = self.src.get(j + 1..end).unwrap_or("");
                    i = (end + 1).min(bytes.len());
                }
                Some(_) => {
                    let end = bytes[j..].iter().position(|b| b.is_ascii_whitespace()).map_or(bytes.len(), |k| j + k);
                    value = self.src.get(j..end).unwrap_or("");
                    i = end;
                }
                None => i = j,
            }
        }
        self.pos = i;
        // Names end at ASCII bytes, so these are char boundaries unless the name began
        // mid-character; `get` keeps that case from panicking.
        let name = self.src.get(name_start..name_end).unwrap_or("");
        Some((name, value))
    }
}

/// The value of attribute `wanted` (ASCII, lowercase) in a tag's attribute string.
#[cfg(test)]
pub fn attr<'a>(src: &'a str, wanted: &str) -> Option<&'a str> {
    // Cheap pre-check: most tags lack most attributes.
    memchr::memchr2(wanted.as_bytes()[0], wanted.as_bytes()[0].to_ascii_uppercase(), src.as_bytes())?;
    attrs(src).find(|(name, _)| name.eq_ignore_ascii_case(wanted)).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(src: &str) -> Vec<Token<'_>> {
        Tokenizer::new(src).filter(|t| *t != Token::Text("")).collect()
    }

    #[test]
    fn tags_text_comments_and_raw_text() {
        let toks = all("<!doctype html><p class='a>b'>x &amp; y<!-- c --></P><script>if (a<b) {}</script>z");
        assert_eq!(
            toks,
            vec![
                Token::Start { name: "p", attrs: " class='a>b'", self_closing: false },
                Token::Text("x &amp; y"),
                Token::End { name: "P" },
                Token::Start { name: "script", attrs: "", self_closing: false },
                Token::RawText("if (a<b) {}"),
                Token::End { name: "script" },
                Token::Text("z"),
            ]
        );
    }

    #[test]
    fn stray_angle_brackets_are_text_and_unclosed_things_end() {
        let toks = all("a < b <3 <div class=\"x");
        assert_eq!(toks[0], Token::Text("a "));
        assert!(toks.iter().any(|t| matches!(t, Token::Start { name: "div", .. })));
        assert_eq!(all("<!-- never closed").len(), 0);
    }

    /// The byte-at-a-time scan that [`scan_attributes`] replaced, as the reference.
    fn scan_reference(bytes: &[u8], mut i: usize) -> (usize, usize, bool) {
        let mut last_slash = false;
        while i < bytes.len() {
            match bytes[i] {
                b'>' => return (i, i + 1, last_slash),
                b'=' => {
                    last_slash = false;
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    if let Some(&q) = bytes.get(i) {
                        if q == b'"' || q == b'\'' {
                            match memchr(q, &bytes[i + 1..]) {
                                Some(j) => i = i + 1 + j + 1,
                                None => return (bytes.len(), bytes.len(), false),
                            }
                            continue;
                        }
                    }
                }
                b'/' => {
                    last_slash = true;
                    i += 1;
                }
                b if b.is_ascii_whitespace() => i += 1,
                _ => {
                    last_slash = false;
                    i += 1;
                }
            }
        }
        (bytes.len(), bytes.len(), false)
    }

    #[test]
    fn attribute_scan_agrees_with_the_bytewise_reference() {
        // Every string of up to 6 bytes over the bytes that matter, plus longer pseudo-random ones.
        let alphabet = b" a/=>'\"\x0c";
        let mut cases: Vec<Vec<u8>> = vec![Vec::new()];
        for len in 1..=6u32 {
            for n in 0..alphabet.len().pow(len) {
                let mut n = n;
                let case = (0..len)
                    .map(|_| {
                        let b = alphabet[n % alphabet.len()];
                        n /= alphabet.len();
                        b
                    })
                    .collect();
                cases.push(case);
            }
        }
        let mut seed = 7u64;
        for _ in 0..2000 {
            let case = (0..40)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            cases.push(case);
        }
        for case in &cases {
            let got = scan_attributes(case, 0);
            assert_eq!((got.attrs_end, got.after, got.self_closing), scan_reference(case, 0), "{case:?}");
        }
    }

    #[test]
    fn attributes_parse_quoted_unquoted_and_bare() {
        let got: Vec<_> = attrs(r#" id=main class="a b" hidden data-x='1'"#).collect();
        assert_eq!(got, vec![("id", "main"), ("class", "a b"), ("hidden", ""), ("data-x", "1")]);
        assert_eq!(attr(r#" ITEMPROP="articleBody""#, "itemprop"), Some("articleBody"));
    }
}
