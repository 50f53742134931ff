//! Lexical attributes of a token, computed as spaCy computes them.
//!
//! The NER model's embedding looks tokens up by four string attributes
//! (NORM, PREFIX, SUFFIX, SHAPE), each turned into spaCy's 64-bit string id:
//! MurmurHash64A of the UTF-8 bytes with seed 1, or the small fixed id when
//! the string is one of spaCy's symbols (`"X"`, `"PERSON"`, ...). Character
//! predicates follow Python's `str` methods, read from tables built from
//! CPython, because `word_shape` is defined with them.

use serde::Deserialize;

/// Sorted, disjoint `[start, end]` code-point ranges.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(transparent)]
pub(crate) struct CharSet(Vec<[u32; 2]>);

impl CharSet {
    pub(crate) fn contains(&self, c: char) -> bool {
        let cp = c as u32;
        // Ranges are sorted: find the last range starting at or before cp.
        let i = self.0.partition_point(|r| r[0] <= cp);
        i > 0 && self.0[i - 1][1] >= cp
    }
}

/// Python's `str.isalpha`, `isdigit`, `isupper`, `isspace` for one character.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct CharSets {
    pub alpha: CharSet,
    pub digit: CharSet,
    pub upper: CharSet,
    pub space: CharSet,
}

impl CharSets {
    pub(crate) fn is_space(&self, c: char) -> bool {
        if c.is_ascii() {
            return matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f');
        }
        self.space.contains(c)
    }

    fn is_alpha(&self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_alphabetic();
        }
        self.alpha.contains(c)
    }

    fn is_digit(&self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_digit();
        }
        self.digit.contains(c)
    }

    fn is_upper(&self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_uppercase();
        }
        self.upper.contains(c)
    }

    /// spaCy's `word_shape`: `Xxxxx`, `dd`, `X.X.`; runs longer than four collapse.
    pub(crate) fn shape(&self, text: &str, out: &mut String) {
        out.clear();
        // Python counts code points; a byte count >= 100 with fewer chars must not shortcut.
        if text.len() >= 100 && text.chars().count() >= 100 {
            out.push_str("LONG");
            return;
        }
        let mut last = None;
        let mut seq = 0;
        for c in text.chars() {
            let shape = if self.is_alpha(c) {
                if self.is_upper(c) {
                    'X'
                } else {
                    'x'
                }
            } else if self.is_digit(c) {
                'd'
            } else {
                c
            };
            if Some(shape) == last {
                seq += 1;
            } else {
                seq = 0;
                last = Some(shape);
            }
            if seq < 4 {
                out.push(shape);
            }
        }
    }
}

/// A token's NORM, PREFIX, SUFFIX and SHAPE string ids, as spaCy's lexeme has them:
/// NORM is `norm` where given (a tokenizer special case), else the NORM exception
/// of `norms`, else the lowercased text.
pub(crate) fn attribute_ids(
    text: &str,
    norm: Option<&str>,
    norms: &crate::FastMap<String, String>,
    symbols: &crate::FastMap<String, u64>,
    charsets: &CharSets,
) -> [u64; 4] {
    let lowered;
    let norm = match norm.or_else(|| norms.get(text).map(String::as_str)) {
        Some(norm) => norm,
        None => {
            lowered = text.to_lowercase();
            lowered.as_str()
        }
    };
    let mut shape = String::new();
    charsets.shape(text, &mut shape);
    [
        string_id(norm, symbols),
        string_id(prefix(text), symbols),
        string_id(suffix(text), symbols),
        string_id(&shape, symbols),
    ]
}

/// spaCy's string id: the symbol id for reserved strings, else MurmurHash64A (seed 1).
pub(crate) fn string_id(text: &str, symbols: &crate::FastMap<String, u64>) -> u64 {
    if text.is_empty() {
        return 0;
    }
    if let Some(&id) = symbols.get(text) {
        return id;
    }
    murmurhash64a(text.as_bytes(), 1)
}

/// MurmurHash64A by Austin Appleby, as `murmurhash.mrmr.hash64` computes it.
pub(crate) fn murmurhash64a(key: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let len = key.len();
    let mut h = seed ^ (len as u64).wrapping_mul(M);
    let mut chunks = key.chunks_exact(8);
    for chunk in &mut chunks {
        let mut k =
            u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, &b) in tail.iter().enumerate() {
            h ^= u64::from(b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// thinc's `MurmurHash3_x86_128_uint64`: four 32-bit bucket keys for one id.
pub(crate) fn hash_buckets(id: u64, seed: u32) -> [u32; 4] {
    let seed = u64::from(seed);
    let mut h1 = id;
    h1 = h1.wrapping_mul(0x87c3_7b91_1142_53d5);
    h1 = h1.rotate_left(31);
    h1 = h1.wrapping_mul(0x4cf5_ad43_2745_937f);
    h1 ^= seed;
    h1 ^= 8;
    let mut h2 = seed;
    h2 ^= 8;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    [h1 as u32, (h1 >> 32) as u32, h2 as u32, (h2 >> 32) as u32]
}

fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

/// The first code point of `text` (spaCy's PREFIX attribute).
pub(crate) fn prefix(text: &str) -> &str {
    match text.char_indices().nth(1) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// The last three code points of `text` (spaCy's SUFFIX attribute).
pub(crate) fn suffix(text: &str) -> &str {
    match text.char_indices().rev().nth(2) {
        Some((i, _)) => &text[i..],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn murmurhash64a_matches_spacy_hash_string() {
        // Values from `spacy.strings.hash_string`.
        assert_eq!(murmurhash64a(b"apple", 1), 8566208034543834098);
        assert_eq!(murmurhash64a("Kyiv".as_bytes(), 1), 14593447867761991774);
        assert_eq!(murmurhash64a("naïve café".as_bytes(), 1), 9646334175591888092);
    }

    #[test]
    fn hash_buckets_match_thinc() {
        // `NumpyOps().hash(np.array([hash_string("apple")], dtype="uint64"), 8)`.
        assert_eq!(hash_buckets(8566208034543834098, 8), [2653853934, 3922826080, 3980780901, 3736755472]);
    }

    #[test]
    fn prefix_and_suffix_count_code_points() {
        assert_eq!(prefix("Nausėda"), "N");
        assert_eq!(suffix("Nausėda"), "ėda");
        assert_eq!(suffix("of"), "of");
        assert_eq!(prefix(""), "");
    }
}
