//! Temporary (issue 15): the old quote and times tokenizers, verbatim, against the
//! word scanner's quotes and times views, on the data corpus and 100k random strings.
//! Run: `cargo test -p newsgraph-annotate --release words_equivalence -- --ignored --nocapture`.
#![allow(dead_code, clippy::all)]

use std::borrow::Cow;

use newsgraph_model::words::WordRules;
use newsgraph_model::ByteSpan;

use super::text::{tokenize, Tok, TokenKind};
use crate::times::scan::{TokKind, Token, Tokens};

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

// ---- the old quotes tokenizer (crates/annotate/src/quotes/text.rs at main) ----
/// Abbreviations that end with a period that does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "reps", "gov", "gen", "lt", "col", "capt", "sgt", "st", "jr", "sr", "prof",
    "rev", "hon", "inc", "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "ft", "mt", "gens", "adm", "cmdr", "pres", "supt", "atty", "maj", "cpl",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into words and punctuation. Words keep internal apostrophes,
/// hyphens and periods ("it's", "re-establish", "U.S."), and the period of a
/// known abbreviation ("Sen.").
pub fn old_tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    let mut saw_break = false;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            saw_break |= c == '\n';
            continue;
        }
        let mut end = start + c.len_utf8();
        let kind = if is_word_char(c) {
            let mut internal_period = false;
            while let Some(&(i, next)) = chars.peek() {
                if is_word_char(next) {
                    chars.next();
                    end = i + next.len_utf8();
                    continue;
                }
                // Joiners only count between word characters.
                let joiner = matches!(next, '\'' | '’' | '-' | '.' | '‐' | '&');
                let after = text[i + next.len_utf8()..].chars().next();
                if joiner && after.is_some_and(is_word_char) {
                    internal_period |= next == '.';
                    chars.next();
                    continue;
                }
                break;
            }
            // "U.S." and "Sen." keep their final period.
            if text[end..].starts_with('.') {
                let word = lowercase(&text[start..end]);
                let initial = word.chars().count() == 1 && c.is_uppercase();
                // A period followed by a comma or a closing parenthesis ends no sentence ("R-Ky.,").
                let mid_sentence = text[end + 1..].starts_with([',', ')']);
                if internal_period || initial || mid_sentence || ABBREVIATIONS.contains(&&*word) {
                    chars.next();
                    end += 1;
                }
            }
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let slice = &text[start..end];
        tokens.push(Tok {
            span: ByteSpan::new(start, end),
            kind,
            lower: lowercase(slice),
            capitalized: slice.chars().next().is_some_and(char::is_uppercase),
            after_break: saw_break,
            quote: None,
        });
        saw_break = false;
    }
    tokens
}

/// `s` lowercased, borrowed when it has no uppercase (most words): saves an allocation per token.
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

// ---- the old times tokenizer (crates/annotate/src/times/scan.rs at main) ----
fn old_times_tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    // Walks bytes, decoding a char only off ASCII: the same tokens as a char walk, faster.
    let char_at = |p: usize| -> Option<(char, usize)> {
        match bytes.get(p) {
            Some(&b) if b.is_ascii() => Some((char::from(b), 1)),
            Some(_) => text.get(p..).and_then(|s| s.chars().next()).map(|c| (c, c.len_utf8())),
            None => None,
        }
    };
    let mut p = 0;
    while let Some((c, len)) = char_at(p) {
        let start = p;
        if c.is_whitespace() {
            p += len;
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = start + 1;
            loop {
                while end < bytes.len() && bytes[end].is_ascii_digit() {
                    end += 1;
                }
                // Keep `10,000`, `1.5`, `16:06` and `12/30/2021` whole: a separator counts only between digits.
                if end + 1 < bytes.len()
                    && matches!(bytes[end], b',' | b'.' | b':' | b'/')
                    && bytes[end + 1].is_ascii_digit()
                {
                    end += 1;
                    continue;
                }
                break;
            }
            toks.push(Token { start, end, kind: TokKind::Number });
            p = end;
        } else if c.is_alphabetic() {
            let mut end = start + len;
            while let Some((_, l)) = char_at(end).filter(|&(next, _)| next.is_alphabetic()) {
                end += l;
            }
            // Dotted abbreviations (`p.m.`, `a.m`, `U.S.`): single letters joined by dots.
            if end - start == 1 {
                let mut e = end;
                let mut joined = false;
                while e + 1 < bytes.len()
                    && bytes[e] == b'.'
                    && bytes[e + 1].is_ascii_alphabetic()
                    && (e + 2 >= bytes.len() || !bytes[e + 2].is_ascii_alphabetic())
                {
                    e += 2;
                    joined = true;
                }
                if joined {
                    if e < bytes.len() && bytes[e] == b'.' {
                        e += 1;
                    }
                    end = e;
                }
            }
            toks.push(Token { start, end, kind: TokKind::Word });
            p = end;
        } else {
            toks.push(Token { start, end: start + len, kind: TokKind::Punct });
            p += len;
        }
    }
    toks
}

/// What `times::scan::tokenize` now does (it is private to its module).
fn new_times_tokenize(text: &str, rules: &WordRules) -> Vec<Token> {
    use newsgraph_model::words::{scan, View, WordKind};
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    for word in scan(text, ByteSpan::new(0, text.len()), View::Times, rules) {
        let kind = match word.kind {
            WordKind::Word => TokKind::Word,
            WordKind::Number => TokKind::Number,
            WordKind::Punct => TokKind::Punct,
        };
        toks.push(Token { start: word.span.start(), end: word.span.end(), kind });
    }
    toks
}

fn quote_key<'a>(t: &'a Tok<'a>) -> (ByteSpan, TokenKind, &'a str, bool, bool, Option<usize>) {
    (t.span, t.kind, &t.lower, t.capitalized, t.after_break, t.quote)
}

/// Compares both views on `text`; returns the number of tokens compared.
fn compare(text: &str, rules: &WordRules) -> usize {
    let old_q = old_tokenize(text);
    let new_q = tokenize(text, rules);
    let (a, b): (Vec<_>, Vec<_>) = (old_q.iter().map(quote_key).collect(), new_q.iter().map(quote_key).collect());
    if a != b {
        let at = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
        panic!("quotes differ on {text:?} at token {at}: old {:?} new {:?}", a.get(at), b.get(at));
    }
    let old_t = old_times_tokenize(text);
    let new_t = Tokens::new(text, rules).toks;
    if old_t != new_t {
        let at = old_t.iter().zip(&new_t).position(|(x, y)| x != y).unwrap_or(old_t.len().min(new_t.len()));
        panic!("times differ on {text:?} at token {at}: old {:?} new {:?}", old_t.get(at), new_t.get(at));
    }
    a.len() + old_t.len()
}

#[test]
#[ignore = "reads /work/shared/data; run by hand"]
fn old_and_new_scanners_agree() {
    let rules = WordRules::for_language(Some("en"));
    let corpus = common::corpus();
    let bytes: usize = corpus.iter().map(String::len).sum();
    let mut tokens = 0;
    for text in &corpus {
        tokens += compare(text, rules);
    }
    println!("corpus: {} texts, {bytes} bytes, {tokens} tokens (quotes + times): identical", corpus.len());
    let random = common::random_strings(100_000, 0x5EED_0015);
    let rbytes: usize = random.iter().map(String::len).sum();
    let mut rtokens = 0;
    for text in &random {
        rtokens += compare(text, rules);
    }
    println!("random: {} strings, {rbytes} bytes, {rtokens} tokens (quotes + times): identical", random.len());
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
    let variants: [(&str, &dyn Fn(&str) -> usize); 6] = [
        ("quotes old", &|t| old_tokenize(t).len()),
        ("quotes new", &|t| tokenize(t, rules).len()),
        ("times old", &|t| old_times_tokenize(t).len()),
        ("times new", &|t| new_times_tokenize(t, rules).len()),
        ("times for-push", &|t| {
            use newsgraph_model::words::{scan, View, WordKind};
            let mut toks = Vec::with_capacity(t.len() / 5 + 1);
            for word in scan(t, ByteSpan::new(0, t.len()), View::Times, rules) {
                toks.push(Token {
                    start: word.span.start(),
                    end: word.span.end(),
                    kind: match word.kind {
                        WordKind::Word => TokKind::Word,
                        WordKind::Number => TokKind::Number,
                        WordKind::Punct => TokKind::Punct,
                    },
                });
            }
            toks.len()
        }),
        ("times bare scan", &|t| {
            newsgraph_model::words::scan(t, ByteSpan::new(0, t.len()), newsgraph_model::words::View::Times, rules)
                .count()
        }),
    ];
    let mut best = [std::time::Duration::MAX; 6];
    for _ in 0..20 {
        for (k, (_, f)) in variants.iter().enumerate() {
            best[k] = best[k].min(run(*f).0);
        }
    }
    for (k, (name, _)) in variants.iter().enumerate() {
        println!("{name}: {:?}", best[k]);
    }
}

/// For callgrind: runs one variant (`WORDS_VARIANT`: 0 none, 1 quotes old, 2 quotes new,
/// 3 times old, 4 times new) over the first `WORDS_LIMIT` bytes of the corpus.
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
        .map(|t| match variant {
            1 => old_tokenize(t).len(),
            2 => tokenize(t, rules).len(),
            3 => old_times_tokenize(t).len(),
            4 => new_times_tokenize(t, rules).len(),
            _ => t.len(),
        })
        .sum();
    println!("variant {variant}: {} texts, {total} bytes, {n}", corpus.len());
}
