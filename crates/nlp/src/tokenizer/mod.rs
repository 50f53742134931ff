//! spaCy's English tokenizer, reimplemented rule for rule.
//!
//! The text is cut at whitespace (a single space becomes `space_after` of
//! the token before it; any other whitespace run becomes a token of its
//! own). Each chunk is then either a special case (`don't` -> `do` `n't`),
//! or has prefixes and suffixes peeled off one at a time until a special
//! case or nothing is left, and the middle split at infixes unless it looks
//! like a URL. Finally multi-token special cases are re-matched over the
//! token sequence. Chunks longer than [`MAX_CHUNK`] bytes (base64 blobs,
//! hostile input) are cut by a simple linear rule instead, so time stays
//! linear in the input.

mod affix;

use regex::Regex;
use serde::Deserialize;

pub(crate) use affix::RuleData;
use affix::{AffixKind, AffixRules};

use crate::cache::{Owner, TextCache};
use crate::lexeme::{CharSet, CharSets};
use crate::{FastMap, NlpError};

/// Chunks longer than this (in bytes) skip the affix rules.
pub const MAX_CHUNK: usize = 200;

/// A token before it is handed out: byte span, trailing space, special-case NORM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawToken {
    pub start: usize,
    pub end: usize,
    pub space_after: bool,
    /// Index into [`Tokenizer::special_norms`] when a special case set the token's NORM.
    pub norm: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct SpecialData {
    text: String,
    /// `[orth, norm]` per token.
    tokens: Vec<(String, Option<String>)>,
    /// The chunk's tokens without special cases, when the special-case matcher looks for it.
    pattern: Option<Vec<String>>,
}

/// The tokenizer tables from `tokenizer.json`.
#[derive(Debug, Deserialize)]
pub(crate) struct TokenizerData {
    classes: Vec<CharSet>,
    prefix: Vec<RuleData>,
    suffix: Vec<RuleData>,
    infix: Vec<RuleData>,
    url: String,
    specials: Vec<SpecialData>,
}

/// One special case: byte length and NORM of each token.
#[derive(Debug, Clone)]
struct Special {
    pieces: Vec<(usize, Option<u32>)>,
}

#[derive(Debug)]
pub(crate) struct Tokenizer {
    /// Names this tokenizer (and the model loaded with it) to the per-thread caches.
    pub(crate) owner: Owner,
    classes: Vec<CharSet>,
    prefix: AffixRules,
    suffix: AffixRules,
    infix: AffixRules,
    url: Regex,
    specials: FastMap<String, Special>,
    pub(crate) special_norms: Vec<String>,
    /// Matcher patterns keyed by their first token's text: (token texts, special-case text).
    patterns: FastMap<String, Vec<Vec<String>>>,
}

impl Tokenizer {
    pub(crate) fn new(data: TokenizerData) -> Result<Self, NlpError> {
        let url = Regex::new(&data.url).map_err(|e| NlpError::Model(format!("url pattern: {e}")))?;
        let mut specials = FastMap::default();
        let mut special_norms = Vec::new();
        let mut patterns: FastMap<String, Vec<Vec<String>>> = FastMap::default();
        for special in data.specials {
            let pieces = special
                .tokens
                .iter()
                .map(|(orth, norm)| {
                    let norm = norm.as_ref().map(|n| {
                        special_norms.push(n.clone());
                        (special_norms.len() - 1) as u32
                    });
                    (orth.len(), norm)
                })
                .collect();
            if let Some(pattern) = special.pattern.filter(|p| !p.is_empty()) {
                patterns.entry(pattern[0].clone()).or_default().push(pattern);
            }
            specials.insert(special.text, Special { pieces });
        }
        Ok(Tokenizer {
            owner: Owner::new(),
            prefix: AffixRules::new(AffixKind::Prefix, &data.prefix)?,
            suffix: AffixRules::new(AffixKind::Suffix, &data.suffix)?,
            infix: AffixRules::new(AffixKind::Infix, &data.infix)?,
            classes: data.classes,
            url,
            specials,
            special_norms,
            patterns,
        })
    }

    /// Tokens of `text`, including whitespace tokens, as spaCy makes them.
    pub(crate) fn tokenize(&self, text: &str, charsets: &CharSets) -> Vec<RawToken> {
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        let mut scratch = Scratch::default();
        let mut start = 0;
        let mut in_ws = text.chars().next().is_some_and(|c| charsets.is_space(c));
        for (i, c) in text.char_indices() {
            if charsets.is_space(c) == in_ws {
                continue;
            }
            if start < i {
                self.chunk(text, start, i, &mut tokens, &mut scratch);
            }
            if c == ' ' {
                if let Some(last) = tokens.last_mut() {
                    last.space_after = true;
                }
                start = i + 1;
            } else {
                start = i;
            }
            in_ws = !in_ws;
        }
        if start < text.len() {
            self.chunk(text, start, text.len(), &mut tokens, &mut scratch);
            if let Some(last) = tokens.last_mut() {
                last.space_after = text.ends_with(' ') && !in_ws;
            }
        }
        self.apply_matcher(text, &mut tokens);
        tokens
    }

    fn push_special(&self, special: &Special, start: usize, tokens: &mut Vec<RawToken>) {
        let mut at = start;
        for &(len, norm) in &special.pieces {
            tokens.push(RawToken { start: at, end: at + len, space_after: false, norm });
            at += len;
        }
    }

    fn plain(start: usize, end: usize) -> RawToken {
        RawToken { start, end, space_after: false, norm: None }
    }

    /// Tokenizes one whitespace-free (or all-whitespace) chunk `text[start..end]`.
    fn chunk(&self, text: &str, start: usize, end: usize, tokens: &mut Vec<RawToken>, scratch: &mut Scratch) {
        let chunk = &text[start..end];
        if let Some(special) = self.specials.get(chunk) {
            self.push_special(special, start, tokens);
            return;
        }
        if chunk.len() > MAX_CHUNK {
            self.long_chunk(text, start, end, tokens);
            return;
        }
        // Words repeat: reuse the split of a chunk seen before on this thread.
        let hit = CHUNK_CACHE.with(|cache| {
            let cache = cache.borrow();
            let pieces = cache.get(self.owner, chunk)?;
            tokens.extend(pieces.iter().map(|p| RawToken { start: start + p.start, end: start + p.end, ..*p }));
            Some(())
        });
        if hit.is_some() {
            return;
        }
        let first = tokens.len();
        self.split_chunk(text, start, end, tokens, scratch);
        CHUNK_CACHE.with(|cache| {
            let pieces = tokens[first..].iter().map(|t| RawToken { start: t.start - start, end: t.end - start, ..*t });
            cache.borrow_mut().insert(self.owner, chunk, pieces.collect());
        });
    }

    /// Affix and infix splitting of one chunk (spaCy's `_split_affixes` and `_attach_tokens`).
    fn split_chunk(&self, text: &str, start: usize, end: usize, tokens: &mut Vec<RawToken>, scratch: &mut Scratch) {
        // Peel affixes: (a, b) is the part still to split.
        scratch.prefixes.clear();
        scratch.suffixes.clear();
        let (mut a, mut b) = (start, end);
        let mut last_size = usize::MAX;
        while a < b && b - a != last_size {
            let string = &text[a..b];
            if self.specials.contains_key(string) {
                break;
            }
            last_size = b - a;
            let pre_len = self.prefix.prefix_len(string, &self.classes);
            if pre_len != 0 && a + pre_len < b && self.specials.contains_key(&text[a + pre_len..b]) {
                scratch.prefixes.push((a, a + pre_len));
                a += pre_len;
                break;
            }
            let suf_len = self.suffix.suffix_len(&string[pre_len..], &self.classes);
            if suf_len != 0 && a < b - suf_len && self.specials.contains_key(&text[a..b - suf_len]) {
                scratch.suffixes.push((b - suf_len, b));
                b -= suf_len;
                break;
            }
            if pre_len != 0 && suf_len != 0 && pre_len + suf_len <= b - a {
                scratch.prefixes.push((a, a + pre_len));
                scratch.suffixes.push((b - suf_len, b));
                a += pre_len;
                b -= suf_len;
            } else if pre_len != 0 {
                scratch.prefixes.push((a, a + pre_len));
                a += pre_len;
            } else if suf_len != 0 {
                scratch.suffixes.push((b - suf_len, b));
                b -= suf_len;
            }
        }
        for &(s, e) in &scratch.prefixes {
            tokens.push(Self::plain(s, e));
        }
        if a < b {
            let middle = &text[a..b];
            if let Some(special) = self.specials.get(middle) {
                self.push_special(special, a, tokens);
            } else if self.url.is_match(middle) {
                tokens.push(Self::plain(a, b));
            } else {
                self.infix.infixes(middle, &self.classes, &mut scratch.infixes);
                let mut cur = 0;
                for &(is, ie) in &scratch.infixes {
                    // An infix at the very start is ignored, as in spaCy.
                    if is == 0 {
                        continue;
                    }
                    if is != cur {
                        tokens.push(Self::plain(a + cur, a + is));
                    }
                    if is != ie {
                        tokens.push(Self::plain(a + is, a + ie));
                    }
                    cur = ie;
                }
                if cur < middle.len() {
                    tokens.push(Self::plain(a + cur, b));
                }
            }
        }
        for &(s, e) in scratch.suffixes.iter().rev() {
            tokens.push(Self::plain(s, e));
        }
    }

    /// A chunk too long for the affix rules: a URL stays whole, anything else
    /// is cut into letter/digit runs (at most [`MAX_CHUNK`] bytes) and single other characters.
    fn long_chunk(&self, text: &str, start: usize, end: usize, tokens: &mut Vec<RawToken>) {
        let chunk = &text[start..end];
        if self.url.is_match(chunk) {
            tokens.push(Self::plain(start, end));
            return;
        }
        let mut run: Option<usize> = None;
        for (i, c) in chunk.char_indices() {
            let at = start + i;
            if c.is_alphanumeric() {
                match run {
                    Some(s) if at - s + c.len_utf8() <= MAX_CHUNK => {}
                    Some(s) => {
                        tokens.push(Self::plain(s, at));
                        run = Some(at);
                    }
                    None => run = Some(at),
                }
            } else {
                if let Some(s) = run.take() {
                    tokens.push(Self::plain(s, at));
                }
                tokens.push(Self::plain(at, at + c.len_utf8()));
            }
        }
        if let Some(s) = run {
            tokens.push(Self::plain(s, end));
        }
    }

    /// Re-applies special cases that span several tokens (spaCy's special-case matcher).
    fn apply_matcher(&self, text: &str, tokens: &mut Vec<RawToken>) {
        let mut matches: Vec<(usize, usize)> = Vec::new();
        for i in 0..tokens.len() {
            let Some(candidates) = self.patterns.get(&text[tokens[i].start..tokens[i].end]) else { continue };
            for pattern in candidates {
                let end = i + pattern.len();
                if end <= tokens.len()
                    && pattern.iter().zip(&tokens[i..end]).all(|(orth, t)| orth == &text[t.start..t.end])
                {
                    matches.push((i, end));
                }
            }
        }
        if matches.is_empty() {
            return;
        }
        // Longest first, then leftmost; a match touching a claimed token is dropped.
        matches.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
        matches.dedup();
        let mut seen = vec![false; tokens.len()];
        let mut kept = Vec::new();
        for &(s, e) in &matches {
            if !seen[s] && !seen[e - 1] {
                kept.push((s, e));
            }
            for flag in &mut seen[s..e] {
                *flag = true;
            }
        }
        kept.sort_unstable();
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        let mut next = kept.iter().peekable();
        while i < tokens.len() {
            match next.peek() {
                Some(&&(s, e)) if s == i => {
                    next.next();
                    let span = &text[tokens[s].start..tokens[e - 1].end];
                    match self.specials.get(span) {
                        Some(special) => {
                            let first = out.len();
                            self.push_special(special, tokens[s].start, &mut out);
                            if out.len() > first {
                                if let Some(last) = out.last_mut() {
                                    last.space_after = tokens[e - 1].space_after;
                                }
                            }
                        }
                        None => out.extend_from_slice(&tokens[s..e]),
                    }
                    i = e;
                }
                _ => {
                    out.push(tokens[i]);
                    i += 1;
                }
            }
        }
        *tokens = out;
    }
}

thread_local! {
    /// Chunk text -> its tokens (offsets relative to the chunk), per thread,
    /// like spaCy's own tokenizer cache.
    static CHUNK_CACHE: std::cell::RefCell<TextCache<Vec<RawToken>>> =
        std::cell::RefCell::new(TextCache::new(CHUNK_CACHE_ENTRIES));
}

/// Chunks kept before the cache starts over (about 10 MB).
const CHUNK_CACHE_ENTRIES: usize = 100_000;

/// Buffers reused across the chunks of one text.
#[derive(Debug, Default)]
struct Scratch {
    prefixes: Vec<(usize, usize)>,
    suffixes: Vec<(usize, usize)>,
    infixes: Vec<(usize, usize)>,
}
