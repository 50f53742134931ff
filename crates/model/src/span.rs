//! Offsets: code-point spans for the record, byte spans for Rust string work.

use serde::{Deserialize, Serialize};

/// A half-open `[start, end)` range of Unicode code points in an article's text.
///
/// This is the unit of every offset in the serialized record (Python string
/// indices), so tools in any language can slice the text with it. It is
/// written as `"start": s, "end": e`; record types embed it with
/// `#[serde(flatten)]` so those two keys sit where they always did (and read
/// them through plain twins, see `wire`).
///
/// `start <= end` always holds: the fields are private, [`CharSpan::new`]
/// clamps (and debug-asserts), [`CharSpan::checked`] refuses, and reading a
/// record with `start > end` is an error rather than a span whose `len`
/// underflows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "RawSpan")]
pub struct CharSpan {
    start: usize,
    end: usize,
}

/// The wire form of a span, before its invariant is checked.
#[derive(Deserialize)]
struct RawSpan {
    start: usize,
    end: usize,
}

impl TryFrom<RawSpan> for CharSpan {
    type Error = String;

    fn try_from(raw: RawSpan) -> Result<Self, String> {
        CharSpan::checked(raw.start, raw.end).ok_or_else(|| format!("span start {} after end {}", raw.start, raw.end))
    }
}

impl CharSpan {
    /// The span `[start, end)`; an inverted pair is a bug in the caller (debug
    /// builds panic) and becomes the empty span at `start` in release.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        CharSpan { start, end: end.max(start) }
    }

    /// The span `[start, end)`, or `None` if `start > end` (for offsets read from input).
    pub fn checked(start: usize, end: usize) -> Option<Self> {
        (start <= end).then_some(CharSpan { start, end })
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
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
///
/// Like [`CharSpan`], its fields are private so that `start <= end` holds.
/// Char boundaries are the maker's promise, not checked: [`ByteSpan::slice`]
/// returns `""` rather than panic when it is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteSpan {
    start: usize,
    end: usize,
}

impl ByteSpan {
    /// The span `[start, end)`; an inverted pair is a bug in the caller (debug
    /// builds panic) and becomes the empty span at `start` in release.
    #[inline]
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        ByteSpan { start, end: end.max(start) }
    }

    #[inline]
    pub fn start(&self) -> usize {
        self.start
    }

    #[inline]
    pub fn end(&self) -> usize {
        self.end
    }

    /// The byte range, for indexing a `&str` or slice.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers, or `""` if it is out of range or off a char boundary.
    #[inline]
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
    fn spans_keep_start_before_end() {
        assert_eq!(CharSpan::checked(4, 2), None);
        assert_eq!(CharSpan::checked(2, 4).map(|s| (s.start(), s.end(), s.len())), Some((2, 4, 2)));
        let json = serde_json::to_string(&CharSpan::new(2, 4)).unwrap();
        assert_eq!(json, r#"{"start":2,"end":4}"#);
        assert_eq!(serde_json::from_str::<CharSpan>(&json).unwrap(), CharSpan::new(2, 4));
        let inverted = serde_json::from_str::<CharSpan>(r#"{"start":4,"end":2}"#);
        assert!(inverted.is_err_and(|e| e.to_string().contains("after end")));
    }

    #[test]
    fn slice_out_of_range_is_empty() {
        assert_eq!(CharSpan::new(3, 9).slice("abc"), "");
        assert_eq!(CharSpan::new(1, 3).slice("abc"), "bc");
        assert_eq!(CharSpan::new(3, 3).slice("abc"), "");
    }
}
