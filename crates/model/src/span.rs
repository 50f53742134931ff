//! Offsets: code-point spans for the record, byte spans for Rust string work.

use serde::{Deserialize, Serialize};

/// A half-open `[start, end)` range of Unicode code points in an article's text.
///
/// This is the unit of every offset in the serialized record (Python string
/// indices), so tools in any language can slice the text with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
}

impl CharSpan {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        CharSpan { start, end: end.max(start) }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, other: CharSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: CharSpan) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers (empty if the span lies outside `text`).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        let mut chars = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len()));
        let start = chars.nth(self.start);
        let end = if self.is_empty() { start } else { chars.nth(self.len() - 1) };
        match (start, end) {
            (Some(s), Some(e)) => &text[s..e],
            _ => "",
        }
    }
}

/// A half-open `[start, end)` range of bytes in a `&str`, always on char boundaries
/// of the string it was made from. Never serialized: convert with [`CharIndex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteSpan {
    pub start: usize,
    pub end: usize,
}

impl ByteSpan {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        ByteSpan { start, end: end.max(start) }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers, or `""` if it is out of range or off a char boundary.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Converts byte offsets of one string into code-point offsets and back in O(log n).
///
/// Build it once per text and reuse it for every span of that text.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every char, plus the text length as a sentinel. Empty when
    /// the text is ASCII, where bytes and chars coincide.
    starts: Vec<u32>,
    len_bytes: usize,
    len_chars: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex { starts: Vec::new(), len_bytes: text.len(), len_chars: text.len() };
        }
        let mut starts: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
        let len_chars = starts.len();
        starts.push(text.len() as u32);
        CharIndex { starts, len_bytes: text.len(), len_chars }
    }

    /// The number of code points in the text.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// The code-point offset of byte offset `byte` (rounded down to a char start).
    pub fn char_of(&self, byte: usize) -> usize {
        if self.starts.is_empty() {
            return byte.min(self.len_bytes);
        }
        match self.starts.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset of code-point offset `char_offset` (clamped to the text's end).
    pub fn byte_of(&self, char_offset: usize) -> usize {
        if self.starts.is_empty() {
            return char_offset.min(self.len_bytes);
        }
        self.starts.get(char_offset).map_or(self.len_bytes, |&b| b as usize)
    }

    pub fn to_chars(&self, span: ByteSpan) -> CharSpan {
        CharSpan::new(self.char_of(span.start), self.char_of(span.end))
    }

    pub fn to_bytes(&self, span: CharSpan) -> ByteSpan {
        ByteSpan::new(self.byte_of(span.start), self.byte_of(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_multibyte_text() {
        let text = "Nausėda said «ne» — 好";
        let index = CharIndex::new(text);
        for (char_pos, (byte_pos, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_of(byte_pos), char_pos);
            assert_eq!(index.byte_of(char_pos), byte_pos);
        }
        assert_eq!(index.char_of(text.len()), text.chars().count());
        let span = index.to_chars(ByteSpan::new(0, "Nausėda".len()));
        assert_eq!(span, CharSpan::new(0, 7));
        assert_eq!(span.slice(text), "Nausėda");
    }

    #[test]
    fn slice_out_of_range_is_empty() {
        assert_eq!(CharSpan::new(3, 9).slice("abc"), "");
        assert_eq!(CharSpan::new(1, 3).slice("abc"), "bc");
        assert_eq!(CharSpan::new(3, 3).slice("abc"), "");
    }
}
