//! Code-point offsets of byte offsets met in text order, without indexing every char.

use newsgraph_model::{ByteSpan, CharSpan};

/// Converts offsets as [`newsgraph_model::CharIndex`] does, walking on from the last
/// offset asked: spans visited in text order cost one pass over the text.
pub(crate) struct CharCursor<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    ch: usize,
}

impl<'a> CharCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCursor { text, ascii: text.is_ascii(), byte: 0, ch: 0 }
    }

    /// The code-point offset of byte `byte`, rounded down to a char start and clamped to the text.
    pub fn char_of(&mut self, byte: usize) -> usize {
        let mut b = byte.min(self.text.len());
        if self.ascii {
            return b;
        }
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        let between = |from: usize, to: usize| self.text.get(from..to).map_or(0, |s| s.chars().count());
        if b >= self.byte {
            self.ch += between(self.byte, b);
        } else {
            self.ch = self.ch.saturating_sub(between(b, self.byte));
        }
        self.byte = b;
        self.ch
    }

    /// The byte offset of code point `ch` (the text's length past its end).
    pub fn byte_of(&mut self, ch: usize) -> usize {
        if self.ascii {
            return ch.min(self.text.len());
        }
        if ch < self.ch {
            self.byte = 0;
            self.ch = 0;
        }
        let rest = self.text.get(self.byte..).unwrap_or("");
        match rest.char_indices().nth(ch - self.ch) {
            Some((offset, _)) => {
                self.byte += offset;
                self.ch = ch;
            }
            None => {
                self.ch += rest.chars().count();
                self.byte = self.text.len();
            }
        }
        self.byte
    }

    pub fn span_chars(&mut self, span: ByteSpan) -> CharSpan {
        let start = self.char_of(span.start());
        CharSpan::new(start, self.char_of(span.end()))
    }

    pub fn span_bytes(&mut self, span: CharSpan) -> ByteSpan {
        let start = self.byte_of(span.start());
        ByteSpan::new(start, self.byte_of(span.end()))
    }
}

#[cfg(test)]
mod tests {
    use newsgraph_model::CharIndex;

    use super::*;

    #[test]
    fn agrees_with_char_index_in_any_order() {
        for text in ["Nausėda said «ne» — 好 ok", "plain ascii", "", "é"] {
            let index = CharIndex::new(text);
            let mut cursor = CharCursor::new(text);
            let n = text.len() + 3;
            let order: Vec<usize> = (0..n).chain((0..n).rev()).chain((0..n).step_by(3)).collect();
            for &k in &order {
                assert_eq!(cursor.char_of(k), index.char_of(k), "char_of({k}) in {text:?}");
            }
            for &k in &order {
                assert_eq!(cursor.byte_of(k), index.byte_of(k), "byte_of({k}) in {text:?}");
                assert_eq!(cursor.char_of(k), index.char_of(k), "char_of({k}) after byte_of in {text:?}");
            }
        }
    }
}
