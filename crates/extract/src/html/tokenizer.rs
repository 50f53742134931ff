//! A lenient, allocation-light HTML tokenizer.
//!
//! It yields start tags, end tags and text slices of the input and skips
//! comments, doctypes and processing instructions. Raw-text elements
//! (`script`, `style`, `title`, `textarea`, ...) are returned as one start tag
//! followed by their whole content as [`Token::RawText`]. It never fails: any
//! byte sequence tokenizes, every step moves forward, and each byte is looked
//! at a bounded number of times, so time is linear in the input. It does not
//! decode entities (see [`super::entities`]) nor build a tree (see [`super::dom`]).

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
        let finder = memmem::Finder::new(b"</");
        loop {
            let Some(off) = finder.find(&bytes[from..]) else {
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
fn scan_attributes(bytes: &[u8], mut i: usize) -> TagEnd {
    let mut last_slash = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return TagEnd { attrs_end: i, after: i + 1, self_closing: last_slash },
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
                            None => return TagEnd { attrs_end: bytes.len(), after: bytes.len(), self_closing: false },
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
    TagEnd { attrs_end: bytes.len(), after: bytes.len(), self_closing: false }
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

    #[test]
    fn attributes_parse_quoted_unquoted_and_bare() {
        let got: Vec<_> = attrs(r#" id=main class="a b" hidden data-x='1'"#).collect();
        assert_eq!(got, vec![("id", "main"), ("class", "a b"), ("hidden", ""), ("data-x", "1")]);
        assert_eq!(attr(r#" ITEMPROP="articleBody""#, "itemprop"), Some("articleBody"));
    }
}
