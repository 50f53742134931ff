//! Temporary (issue 15): the old event-coder tokenizer, verbatim, against the word
//! scanner's events view, on the data corpus (whole texts and line and sentence
//! ranges) and 100k random strings (whole and random ranges).
//! Run: `cargo test -p newsgraph-events --release words_equivalence -- --ignored --nocapture`.
#![allow(dead_code, clippy::all)]

use std::borrow::Cow;

use newsgraph_model::words::WordRules;
use newsgraph_model::ByteSpan;

use super::{class_of, lower_case, tokenize, Lex, Tok};

mod common {
    // Temporary (issue 15): the corpus and random strings the old and new word scanners are compared on.

    use std::path::Path;

    /// The seed article, then every *.txt, *.tml, *.md and *.conllu file under the data directory
    /// (`WORDS_CORPUS`, default `/work/shared/data`) and every JSON string value of 40 characters or more.
    pub fn corpus() -> Vec<String> {
        let root = std::env::var("WORDS_CORPUS").unwrap_or_else(|_| "/work/shared/data".to_string());
        let mut out = Vec::new();
        if let Ok(seed) = std::fs::read_to_string("/work/shared/seed/article.txt") {
            out.push(seed);
        }
        walk(Path::new(&root), &mut out);
        out
    }

    fn walk(dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                walk(&path, out);
                continue;
            }
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            match ext {
                "txt" | "tml" | "md" | "conllu" => {
                    if let Ok(s) = std::fs::read_to_string(&path) {
                        out.push(s);
                    }
                }
                "json" => {
                    if let Ok(s) = std::fs::read_to_string(&path) {
                        json_strings(&s, 40, out);
                    }
                }
                _ => {}
            }
        }
    }

    /// The JSON string literals of `s` with at least `min` characters, unescaped.
    fn json_strings(s: &str, min: usize, out: &mut Vec<String>) {
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c != '"' {
                continue;
            }
            let mut value = String::new();
            let mut pending_high: Option<u32> = None;
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => match chars.next() {
                        Some('n') => value.push('\n'),
                        Some('t') => value.push('\t'),
                        Some('r') => value.push('\r'),
                        Some('b') => value.push('\u{8}'),
                        Some('f') => value.push('\u{c}'),
                        Some('u') => {
                            let hex: String = chars.by_ref().take(4).collect();
                            let Ok(n) = u32::from_str_radix(&hex, 16) else { continue };
                            if (0xD800..0xDC00).contains(&n) {
                                pending_high = Some(n);
                                continue;
                            }
                            let code = match pending_high.take() {
                                Some(h) if (0xDC00..0xE000).contains(&n) => {
                                    0x10000 + ((h - 0xD800) << 10) + (n - 0xDC00)
                                }
                                _ => n,
                            };
                            value.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                        Some(other) => value.push(other),
                        None => break,
                    },
                    other => value.push(other),
                }
            }
            if value.chars().count() >= min {
                out.push(value);
            }
        }
    }

    /// xorshift64*: a fixed-seed generator, no dependency.
    pub struct Rng(u64);

    impl Rng {
        pub fn new(seed: u64) -> Self {
            Rng(seed.max(1))
        }

        pub fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        pub fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// Pieces the random strings are made of: ASCII letters (those of the clitics and
    /// abbreviations among them), digits, the joiners and separators, quotes, brackets,
    /// spaces and newlines, a few non-ASCII letters (and digits) and some whole words.
    const PIECES: &[&str] = &[
        "a", "b", "c", "x", "y", "z", "A", "B", "C", "S", "T", "U", "I", "J", "D", "L", "s", "t", "n", "l", "v", "e",
        "r", "d", "m", "p", "o", "0", "1", "2", "5", "9", "0", "1", ".", ".", ".", ",", ",", ":", "/", "'", "'", "’",
        "’", "-", "-", "‐", "&", "(", ")", "\"", "\n", "\n", " ", " ", " ", " ", "\t", "é", "É", "Ж", "ж", "ß", "İ",
        "Σ", "\u{212A}", "٣", "²", "\u{a0}", "“", "”", "Sen", "sen", "Mr", "cannot", "CANNOT", "n't", "'s", "’S",
        "'ll", "'ve", "'re", "'d", "U.S", "p.m", "a.m", "Jan", "etc", "no", "I", "did", "can", "not",
    ];

    /// `n` random strings of 0 to 40 pieces.
    pub fn random_strings(n: usize, seed: u64) -> Vec<String> {
        let mut rng = Rng::new(seed);
        (0..n)
            .map(|_| {
                let len = rng.below(41);
                (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect()
            })
            .collect()
    }
}

// ---- the old events tokenizer (crates/events/src/text.rs at main) ----
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text[range]` into tokens: words (with inner `-`, `.`, `'`), `'s`/`n't` clitics, punctuation.
pub fn old_tokenize<'a>(text: &'a str, range: ByteSpan, out: &mut Vec<Tok<'a>>) {
    let Some(slice) = text.get(range.start()..range.end()) else { return };
    let char_at = |at: usize| slice.get(at..).and_then(|rest| rest.chars().next());
    let mut i = 0;
    while let Some(c) = char_at(i) {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = range.start() + i;
        if !is_word_char(c) {
            let end = start + c.len_utf8();
            push(text, start, end, out);
            i += c.len_utf8();
            continue;
        }
        let mut j = i + c.len_utf8();
        while let Some(c) = char_at(j) {
            let joiner =
                matches!(c, '-' | '.' | '\'' | '’' | '&') && char_at(j + c.len_utf8()).is_some_and(is_word_char);
            if !(is_word_char(c) || joiner) {
                break;
            }
            j += c.len_utf8();
        }
        // "U.S." keeps its final dot: an initialism is dotted letters.
        if char_at(j) == Some('.') && is_initialism(&slice[i..j]) {
            j += 1;
        }
        split_clitics(text, start, range.start() + j, out);
        i = j;
    }
}

fn is_initialism(word: &str) -> bool {
    word.chars().count() >= 3
        && word.chars().enumerate().all(|(k, c)| if k % 2 == 0 { c.is_uppercase() } else { c == '.' })
}

fn split_clitics<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Tok<'a>>) {
    let word = &text[start..end];
    let lower = lower_case(word);
    for suffix in ["'s", "n't", "'ll", "'ve", "'re", "'d"] {
        if lower.len() > suffix.len() + 1 && lower.ends_with(suffix) {
            let cut = end - word_suffix_bytes(word, suffix.chars().count());
            push(text, start, cut, out);
            push(text, cut, end, out);
            return;
        }
    }
    if lower == "cannot" {
        push(text, start, start + 3, out);
        push(text, start + 3, end, out);
        return;
    }
    // The whole word is one token: its lower-case form is the one just made.
    push_lower(text, start, end, lower, out);
}

fn word_suffix_bytes(word: &str, chars: usize) -> usize {
    word.chars().rev().take(chars).map(char::len_utf8).sum()
}

fn push<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Tok<'a>>) {
    push_lower(text, start, end, lower_case(&text[start..end]), out);
}

fn push_lower<'a>(text: &'a str, start: usize, end: usize, lower: Cow<'a, str>, out: &mut Vec<Tok<'a>>) {
    let raw = &text[start..end];
    let cap = raw.chars().next().is_some_and(char::is_uppercase);
    let word = raw.chars().any(char::is_alphanumeric);
    let class = class_of(&lower);
    out.push(Tok { start, end, lower, cap, word, class, lex: Lex::Unset });
}

fn key<'a>(t: &'a Tok<'a>) -> (usize, usize, &'a str, bool, bool, u32, Lex) {
    (t.start, t.end, &t.lower, t.cap, t.word, t.class, t.lex)
}

/// Compares old and new on `text[range]`; returns the number of tokens compared.
fn compare(text: &str, range: ByteSpan, rules: &WordRules) -> usize {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    old_tokenize(text, range, &mut old);
    tokenize(text, range, rules, &mut new);
    let (a, b): (Vec<_>, Vec<_>) = (old.iter().map(key).collect(), new.iter().map(key).collect());
    if a != b {
        let at = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
        panic!("events differ on {text:?} {range:?} at token {at}: old {:?} new {:?}", a.get(at), b.get(at));
    }
    a.len()
}

/// `text` cut into ranges at every newline and every period followed by a space.
fn pieces(text: &str) -> Vec<ByteSpan> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'.' && bytes.get(i + 1) == Some(&b' ')) {
            out.push(ByteSpan::new(start, i + 1));
            start = i + 1;
        }
    }
    out.push(ByteSpan::new(start, text.len()));
    out
}

#[test]
#[ignore = "reads /work/shared/data; run by hand"]
fn old_and_new_scanners_agree() {
    let rules = WordRules::for_language(Some("en"));
    let corpus = common::corpus();
    let bytes: usize = corpus.iter().map(String::len).sum();
    let (mut tokens, mut ranges) = (0, 0);
    for text in &corpus {
        tokens += compare(text, ByteSpan::new(0, text.len()), rules);
        for range in pieces(text) {
            tokens += compare(text, range, rules);
            ranges += 1;
        }
    }
    println!("corpus: {} texts, {bytes} bytes, whole and in {ranges} ranges, {tokens} tokens: identical", corpus.len());
    let random = common::random_strings(100_000, 0x5EED_0015);
    let rbytes: usize = random.iter().map(String::len).sum();
    let mut rng = common::Rng::new(15);
    let mut rtokens = 0;
    for text in &random {
        rtokens += compare(text, ByteSpan::new(0, text.len()), rules);
        // A random range, on a char boundary or not (off one, both give no tokens).
        let a = rng.below(text.len() + 2);
        let b = rng.below(text.len() + 2);
        rtokens += compare(text, ByteSpan::new(a.min(b), a.max(b)), rules);
    }
    println!(
        "random: {} strings, {rbytes} bytes, whole and one random range each, {rtokens} tokens: identical",
        random.len()
    );
}

#[test]
#[ignore = "reads /work/shared/data; run by hand, in --release"]
fn old_and_new_scanners_timing() {
    let rules = WordRules::for_language(Some("en"));
    let corpus = common::corpus();
    let run = |f: &dyn Fn(&str) -> usize| {
        let started = std::time::Instant::now();
        let n = corpus.iter().map(|t| f(t)).sum::<usize>();
        (started.elapsed(), n)
    };
    let variants: [(&str, &dyn Fn(&str) -> usize); 2] = [
        ("events old", &|t| {
            let mut out = Vec::new();
            old_tokenize(t, ByteSpan::new(0, t.len()), &mut out);
            out.len()
        }),
        ("events new", &|t| {
            let mut out = Vec::new();
            tokenize(t, ByteSpan::new(0, t.len()), rules, &mut out);
            out.len()
        }),
    ];
    let mut best = [std::time::Duration::MAX; 2];
    for _ in 0..20 {
        for (k, (_, f)) in variants.iter().enumerate() {
            best[k] = best[k].min(run(*f).0);
        }
    }
    for (k, (name, _)) in variants.iter().enumerate() {
        println!("{name}: {:?}", best[k]);
    }
}

/// For callgrind: runs one variant (`WORDS_VARIANT`: 0 none, 5 events old, 6 events new)
/// over the first `WORDS_LIMIT` bytes of the corpus.
#[test]
#[ignore = "by hand"]
fn scanner_cost() {
    let rules = WordRules::for_language(Some("en"));
    let variant: usize = std::env::var("WORDS_VARIANT").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let limit: usize = std::env::var("WORDS_LIMIT").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000_000);
    let mut corpus = Vec::new();
    let mut total = 0;
    for text in common::corpus() {
        if total > limit {
            break;
        }
        total += text.len();
        corpus.push(text);
    }
    let n: usize = corpus
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            match variant {
                5 => old_tokenize(t, ByteSpan::new(0, t.len()), &mut out),
                6 => tokenize(t, ByteSpan::new(0, t.len()), rules, &mut out),
                _ => {}
            }
            out.len()
        })
        .sum();
    println!("variant {variant}: {} texts, {total} bytes, {n}", corpus.len());
}
