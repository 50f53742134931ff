//! The light word view of a text: one scanner that cuts a byte range into words,
//! numbers and punctuation marks, with each language's word lists in one table
//! ([`WordRules`]) and each stage's way of cutting chosen by a [`View`].
//!
//! This is not the text layer. The text layer's tokens and sentences are the nlp
//! stage's (spaCy's rules, written to [`crate::Analysis`]), and every stage reads
//! its sentences from there. The quote finder, the event coder and the times and
//! counts stages also keep a lighter view of the words for their own patterns:
//! that view is this module. It needs no model and never fails; it walks the text
//! once, ASCII bytes without decoding them, and allocates nothing for ASCII text
//! (a non-ASCII word is lower-cased once where the events view looks for its
//! clitics or the quotes view for an abbreviation). It does not split sentences,
//! lower-case words for the caller or look words up in any lexicon: the stages do
//! that on their own token types.
//!
//! What depends on the language (the abbreviations that keep their period, the
//! clitics split off a word, the characters that join words and numbers) is in
//! [`WordRules`], one table per language; [`WordRules::for_language`] picks it.
//!
//! ```
//! use newsgraph_model::words::{scan, View, WordKind, WordRules};
//! use newsgraph_model::ByteSpan;
//! let text = "Sen. Warren didn't leave at 4 p.m.";
//! let rules = WordRules::for_language(Some("en"));
//! let all = ByteSpan::new(0, text.len());
//! let words: Vec<&str> = scan(text, all, View::Events, rules).map(|w| w.span.slice(text)).collect();
//! assert_eq!(words, ["Sen", ".", "Warren", "did", "n't", "leave", "at", "4", "p.m", "."]);
//! let times: Vec<WordKind> = scan(text, all, View::Times, rules).map(|w| w.kind).collect();
//! assert_eq!(times[8], WordKind::Number); // "4"
//! let quotes = scan(text, all, View::Quotes, rules).next().map(|w| w.span.slice(text));
//! assert_eq!(quotes, Some("Sen."));
//! ```

use crate::ByteSpan;

/// The word lists and characters one language's words are cut by.
///
/// Read them through [`WordRules::for_language`]; the tables live in this module
/// (`#[non_exhaustive]`: a new language is a new table here, not a value built
/// elsewhere).
#[derive(Debug)]
#[non_exhaustive]
pub struct WordRules {
    /// The language's code (`"en"`), matched against an article's primary language subtag.
    pub language: &'static str,
    /// Lower-case words whose following period belongs to the word, not to the
    /// sentence, in the [`View::Quotes`] view ("Sen.", "Jan.", "Inc.").
    pub abbreviations: &'static [&'static str],
    /// Lower-case endings the [`View::Events`] view splits off a word as a word of
    /// their own ("did" "n't", "NATO" "'s"); the first that fits is taken. Written
    /// with `'`, they match `’` too. A word must be two bytes longer than the ending.
    /// Each holds one of the [`WordRules::joiners`] (the apostrophe), so only words
    /// with a joiner inside are searched for them.
    pub clitics: &'static [&'static str],
    /// Whole words the [`View::Events`] view splits in two, as `(head, tail)`:
    /// `("can", "not")` cuts "cannot" (any case) into "can" and "not".
    pub split_words: &'static [(&'static str, &'static str)],
    /// Characters that join the letters or digits on both sides of them into one
    /// word ("it's", "re-establish", "U.S", "AT&T"), in the quotes and events views.
    pub joiners: &'static [char],
    /// Further joiners the [`View::Quotes`] view alone joins at (the Unicode hyphen
    /// U+2010). The event coder's words never joined at them; they are kept apart so
    /// that its words did not change when the stages' scanners became this one.
    pub quote_joiners: &'static [char],
    /// ASCII characters that join two digit runs into one number in the
    /// [`View::Times`] view ("10,000", "1.5", "16:06", "12/30/2021").
    pub number_separators: &'static [u8],
}

/// English: the one table so far.
static ENGLISH: WordRules = WordRules {
    language: "en",
    abbreviations: &[
        "mr", "mrs", "ms", "dr", "sen", "rep", "reps", "gov", "gen", "lt", "col", "capt", "sgt", "st", "jr", "sr",
        "prof", "rev", "hon", "inc", "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "ft", "mt", "gens", "adm", "cmdr", "pres", "supt", "atty", "maj",
        "cpl",
    ],
    clitics: &["'s", "n't", "'ll", "'ve", "'re", "'d"],
    split_words: &[("can", "not")],
    joiners: &['\'', '’', '-', '.', '&'],
    quote_joiners: &['‐'],
    number_separators: b",.:/",
};

/// Every language with a table of its own.
static TABLES: &[&WordRules] = &[&ENGLISH];

impl WordRules {
    /// The rules for the language `code` (a BCP 47 tag such as `"en"` or `"en-GB"`;
    /// its primary subtag is matched, ignoring case).
    ///
    /// Only English has a table so far: every other code, and no code at all, gets
    /// the English rules. Tables for further languages are added here.
    pub fn for_language(code: Option<&str>) -> &'static WordRules {
        let primary = code.map(|c| c.split(['-', '_']).next().unwrap_or(c));
        primary
            .and_then(|p| TABLES.iter().copied().find(|rules| rules.language.eq_ignore_ascii_case(p)))
            .unwrap_or(&ENGLISH)
    }

    /// `word` is one of [`WordRules::abbreviations`] once lower-cased.
    fn is_abbreviation(&self, word: &str) -> bool {
        if word.is_ascii() {
            self.abbreviations.iter().any(|a| a.eq_ignore_ascii_case(word))
        } else {
            let lower = word.to_lowercase();
            self.abbreviations.contains(&lower.as_str())
        }
    }

    /// Where `word` splits into two words by [`WordRules::clitics`] (searched only
    /// when a joiner `joined` it) or [`WordRules::split_words`]: the byte offset of
    /// the second part.
    #[inline]
    fn split_point(&self, word: &str, joined: bool) -> Option<usize> {
        let clitics = if joined { self.clitics } else { &[] };
        if word.is_ascii() {
            // Lower-casing ASCII keeps every byte in place: compare without a copy.
            let bytes = word.as_bytes();
            let ends_with = |end: &str| {
                bytes.len() >= end.len()
                    && bytes.iter().rev().zip(end.as_bytes().iter().rev()).all(|(b, e)| b.to_ascii_lowercase() == *e)
            };
            if let Some(clitic) = clitics.iter().find(|c| bytes.len() > c.len() + 1 && ends_with(c)) {
                return Some(bytes.len() - clitic.len());
            }
            self.split_words
                .iter()
                .find(|(head, tail)| {
                    bytes.len() == head.len() + tail.len()
                        && bytes[..head.len()].eq_ignore_ascii_case(head.as_bytes())
                        && ends_with(tail)
                })
                .map(|(head, _)| head.len())
        } else {
            let lower = word.to_lowercase().replace('’', "'");
            let tail_bytes = |chars: usize| -> usize { word.chars().rev().take(chars).map(char::len_utf8).sum() };
            if let Some(clitic) = clitics.iter().find(|c| lower.len() > c.len() + 1 && lower.ends_with(*c)) {
                return Some(word.len() - tail_bytes(clitic.chars().count()));
            }
            self.split_words
                .iter()
                .find(|(head, tail)| {
                    lower.len() == head.len() + tail.len() && lower.starts_with(head) && lower.ends_with(tail)
                })
                .map(|(_, tail)| word.len() - tail_bytes(tail.chars().count()))
        }
    }

    #[inline]
    fn joins(&self, c: char, view: View) -> bool {
        self.joiners.contains(&c) || (view == View::Quotes && self.quote_joiners.contains(&c))
    }
}

/// How a stage wants its words cut. Whitespace separates words and is never part
/// of one; any other character that starts no word is a punctuation mark of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The quote finder's. A word is a run of letters and digits, joined by
    /// [`WordRules::joiners`] and [`WordRules::quote_joiners`] between two of them
    /// ("Warren's", "re-established", "U.S"). It keeps the period after it when it
    /// has an inner period ("U.S."), is one capital letter ("J."), is followed by
    /// `,` or `)` ("R-Ky.,"), or is one of [`WordRules::abbreviations`] ("Sen.").
    /// No [`WordKind::Number`]: digits are words.
    Quotes,
    /// The event coder's. Words as in [`View::Quotes`] but joined by
    /// [`WordRules::joiners`] only; a dotted initialism ("U.S") keeps the period
    /// after it; [`WordRules::clitics`] and [`WordRules::split_words`] are cut off
    /// as words of their own ("did" "n't", "can" "not").
    Events,
    /// The times and counts stages'. A [`WordKind::Number`] is a run of ASCII
    /// digits, joined by [`WordRules::number_separators`] between two digits
    /// ("10,000", "12/30/2021"). A word is a run of letters (no digits, no
    /// joiners), and one ASCII letter followed by dotted single letters is one word
    /// ("p.m.", "U.S.", "a.m").
    Times,
}

/// What a [`Word`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// Letters or digits (with what joins them).
    Word,
    /// ASCII digits with their separators, in [`View::Times`] only.
    Number,
    /// One character that starts no word: punctuation, quote marks, symbols.
    Punct,
}

/// One word, number or punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte offsets in the whole text (not in the scanned range).
    pub span: ByteSpan,
    pub kind: WordKind,
    /// A newline lies between this word and the previous one, or the start of the
    /// range for the first (a line or paragraph break).
    pub after_break: bool,
}

/// The words of `text[range]`, in order, cut as `view` says with `rules`. The
/// scan looks no further than `range`; a range that is out of `text` or off a
/// char boundary has no words.
#[inline]
pub fn scan<'a>(text: &'a str, range: ByteSpan, view: View, rules: &'a WordRules) -> Words<'a> {
    let slice = text.get(range.range()).unwrap_or("");
    Words { text: slice, offset: range.start(), pos: 0, view, rules, pending: None }
}

/// The iterator [`scan`] returns.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    /// The scanned range of the text; positions below are relative to it.
    text: &'a str,
    offset: usize,
    pos: usize,
    view: View,
    rules: &'a WordRules,
    /// The second part of a word just split in two.
    pending: Option<Word>,
}

/// The char at byte `p` and its length, decoding only off ASCII.
#[inline(always)]
fn char_at(s: &str, p: usize) -> Option<(char, usize)> {
    match s.as_bytes().get(p) {
        Some(&b) if b.is_ascii() => Some((char::from(b), 1)),
        Some(_) => s.get(p..).and_then(|rest| rest.chars().next()).map(|c| (c, c.len_utf8())),
        None => None,
    }
}

/// The end of the run of characters from byte `p` that `ascii` accepts (on ASCII
/// bytes, without decoding) or `other` accepts (on other characters). The two must
/// agree on ASCII.
#[inline(always)]
fn run_end(s: &str, mut p: usize, ascii: impl Fn(&u8) -> bool, other: impl Fn(char) -> bool) -> usize {
    let bytes = s.as_bytes();
    while let Some(b) = bytes.get(p) {
        if ascii(b) {
            p += 1;
        } else if b.is_ascii() {
            break;
        } else {
            match s.get(p..).and_then(|rest| rest.chars().next()) {
                Some(c) if other(c) => p += c.len_utf8(),
                _ => break,
            }
        }
    }
    p
}

impl Words<'_> {
    /// `text[start..end]`; the scan only cuts at char boundaries, so never `""` in fact.
    #[inline(always)]
    fn raw(&self, start: usize, end: usize) -> &str {
        self.text.get(start..end).unwrap_or("")
    }

    #[inline(always)]
    fn word(&self, start: usize, end: usize, kind: WordKind, after_break: bool) -> Word {
        Word { span: ByteSpan::new(self.offset + start, self.offset + end), kind, after_break }
    }

    /// The end of the number that starts with the digit before `end`.
    #[inline(always)]
    fn number_end(&self, mut end: usize) -> usize {
        let bytes = self.text.as_bytes();
        loop {
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            // A separator counts only between digits.
            match (bytes.get(end), bytes.get(end + 1)) {
                (Some(sep), Some(digit)) if digit.is_ascii_digit() && self.rules.number_separators.contains(sep) => {
                    end += 1;
                }
                _ => return end,
            }
        }
    }

    /// The end of the letters-only word ([`View::Times`]) whose first letter is `text[start..end]`.
    #[inline(always)]
    fn letters_end(&self, start: usize, end: usize) -> usize {
        let end = run_end(self.text, end, u8::is_ascii_alphabetic, char::is_alphabetic);
        if end - start > 1 {
            return end;
        }
        // One ASCII letter: dotted single letters join it (`p.m.`, `a.m`, `U.S.`).
        let bytes = self.text.as_bytes();
        let letter = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_alphabetic);
        let mut e = end;
        while bytes.get(e) == Some(&b'.') && letter(e + 1) && !letter(e + 2) {
            e += 2;
        }
        if e == end {
            return end;
        }
        if bytes.get(e) == Some(&b'.') {
            e += 1;
        }
        e
    }

    /// The joined word ([`View::Quotes`], [`View::Events`]) whose first character
    /// ends at `end`.
    #[inline(always)]
    fn joined_end(&self, mut end: usize) -> Joined {
        let (mut joined, mut inner_period) = (false, false);
        loop {
            end = run_end(self.text, end, u8::is_ascii_alphanumeric, char::is_alphanumeric);
            // A joiner counts only between two letters or digits.
            match char_at(self.text, end) {
                // Whitespace never joins: tested first, as most words end at a space.
                Some((c, len))
                    if !c.is_whitespace()
                        && self.rules.joins(c, self.view)
                        && char_at(self.text, end + len).is_some_and(|(next, _)| next.is_alphanumeric()) =>
                {
                    joined = true;
                    inner_period |= c == '.';
                    end += len;
                }
                _ => return Joined { end, joined, inner_period },
            }
        }
    }

    /// The quotes view keeps the period at `text[end]` after the word `text[start..end]`.
    fn quotes_keep_period(&self, start: usize, end: usize, inner_period: bool) -> bool {
        let bytes = self.text.as_bytes();
        let word = self.raw(start, end);
        let mut chars = word.chars();
        // One capital letter that lower-cases to one letter (not `İ`).
        let initial = match (chars.next(), chars.next()) {
            (Some(c), None) => c.is_uppercase() && c.to_lowercase().count() == 1,
            _ => false,
        };
        // A period followed by a comma or a closing parenthesis ends no sentence ("R-Ky.,").
        let mid_sentence = matches!(bytes.get(end + 1), Some(b',' | b')'));
        inner_period || initial || mid_sentence || self.rules.is_abbreviation(word)
    }
}

/// A word of the quotes or events view: where it ends, and what joins inside it.
struct Joined {
    end: usize,
    /// A joiner joins two parts of it.
    joined: bool,
    /// A period joins two parts of it ("U.S").
    inner_period: bool,
}

/// Dotted letters, at least three characters: upper-case letters at even places, `.` at odd ones ("U.S").
#[inline]
fn is_initialism(word: &str) -> bool {
    word.chars().nth(2).is_some()
        && word.chars().enumerate().all(|(k, c)| if k % 2 == 0 { c.is_uppercase() } else { c == '.' })
}

impl Iterator for Words<'_> {
    type Item = Word;

    // Always inlined into the caller's loop: a call per word costs more than scanning most words.
    #[inline(always)]
    fn next(&mut self) -> Option<Word> {
        if let Some(word) = self.pending.take() {
            return Some(word);
        }
        let mut after_break = false;
        let (c, len) = loop {
            let (c, len) = char_at(self.text, self.pos)?;
            if !c.is_whitespace() {
                break (c, len);
            }
            after_break |= c == '\n';
            self.pos += len;
        };
        let start = self.pos;
        let mut end = start + len;
        let kind = match self.view {
            View::Times if c.is_ascii_digit() => {
                end = self.number_end(end);
                WordKind::Number
            }
            View::Times if c.is_alphabetic() => {
                end = self.letters_end(start, end);
                WordKind::Word
            }
            View::Quotes if c.is_alphanumeric() => {
                let word = self.joined_end(end);
                end = word.end;
                if self.text.as_bytes().get(end) == Some(&b'.')
                    && self.quotes_keep_period(start, end, word.inner_period)
                {
                    end += 1;
                }
                WordKind::Word
            }
            View::Events if c.is_alphanumeric() => {
                let word = self.joined_end(end);
                end = word.end;
                if self.text.as_bytes().get(end) == Some(&b'.') && is_initialism(self.raw(start, end)) {
                    end += 1;
                }
                if let Some(cut) = self.rules.split_point(self.raw(start, end), word.joined) {
                    self.pending = Some(self.word(start + cut, end, WordKind::Word, false));
                    self.pos = end;
                    return Some(self.word(start, start + cut, WordKind::Word, after_break));
                }
                WordKind::Word
            }
            _ => WordKind::Punct,
        };
        self.pos = end;
        Some(self.word(start, end, kind, after_break))
    }
}

impl std::iter::FusedIterator for Words<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, view: View) -> Vec<&str> {
        let rules = WordRules::for_language(Some("en"));
        scan(text, ByteSpan::new(0, text.len()), view, rules).map(|w| w.span.slice(text)).collect()
    }

    #[test]
    fn rules_fall_back_to_english() {
        assert_eq!(WordRules::for_language(None).language, "en");
        assert_eq!(WordRules::for_language(Some("EN-gb")).language, "en");
        assert_eq!(WordRules::for_language(Some("de")).language, "en");
        assert_eq!(WordRules::for_language(Some("")).language, "en");
    }

    #[test]
    fn tables_hold_what_the_scanner_assumes() {
        for rules in TABLES {
            // Clitics are only searched in joined words.
            for clitic in rules.clitics {
                assert!(clitic.chars().any(|c| !c.is_alphanumeric() && rules.joiners.contains(&c)), "{clitic}");
                assert_eq!(clitic.to_lowercase(), *clitic);
            }
            for word in rules.abbreviations.iter().chain(rules.split_words.iter().flat_map(|(h, t)| [h, t])) {
                assert!(!word.is_empty());
                assert_eq!(word.to_lowercase(), *word);
            }
            assert!(rules.number_separators.is_ascii());
            assert!(rules
                .joiners
                .iter()
                .chain(rules.quote_joiners)
                .all(|c| !c.is_alphanumeric() && !c.is_whitespace()));
        }
    }

    #[test]
    fn quotes_keep_abbreviations_and_possessives_whole() {
        let text = "U.S. Sen. Warren's aide said it's re-established.";
        assert_eq!(
            cut(text, View::Quotes),
            ["U.S.", "Sen.", "Warren's", "aide", "said", "it's", "re-established", "."]
        );
    }

    #[test]
    fn quotes_keep_periods_of_initials_and_before_commas() {
        let text = "J. Doe (R-Ky.), AT&T‐owned 1.5. Done. \"Yes.\"";
        assert_eq!(
            cut(text, View::Quotes),
            ["J.", "Doe", "(", "R-Ky.", ")", ",", "AT&T‐owned", "1.5.", "Done", ".", "\"", "Yes", ".", "\""]
        );
    }

    #[test]
    fn quotes_mark_line_breaks() {
        let text = "one two\n\nthree \n four";
        let rules = WordRules::for_language(None);
        let breaks: Vec<bool> =
            scan(text, ByteSpan::new(0, text.len()), View::Quotes, rules).map(|w| w.after_break).collect();
        assert_eq!(breaks, [false, false, true, true]);
        assert!(scan(text, ByteSpan::new(0, text.len()), View::Quotes, rules).all(|w| w.kind == WordKind::Word));
    }

    #[test]
    fn events_split_clitics_and_keep_initialisms() {
        let text = "U.S.-led NATO’s forces didn't attack Russia-Ukraine lines, Putin said. They cannot.";
        assert_eq!(
            cut(text, View::Events),
            [
                "U.S.",
                "-",
                "led",
                "NATO",
                "’s",
                "forces",
                "did",
                "n't",
                "attack",
                "Russia-Ukraine",
                "lines",
                ",",
                "Putin",
                "said",
                ".",
                "They",
                "can",
                "not",
                "."
            ]
        );
        // No abbreviation list, no Unicode hyphen, no lone clitic.
        assert_eq!(cut("Sen. a‐b 's I'd", View::Events), ["Sen", ".", "a", "‐", "b", "'", "s", "I'd"]);
        // Non-ASCII words split too.
        assert_eq!(cut("Жenya’S ÉTAIT'LL", View::Events), ["Жenya", "’S", "ÉTAIT", "'LL"]);
    }

    #[test]
    fn events_look_no_further_than_the_range() {
        let text = "a U.S. x";
        let rules = WordRules::for_language(None);
        let words: Vec<&str> =
            scan(text, ByteSpan::new(2, 5), View::Events, rules).map(|w| w.span.slice(text)).collect();
        assert_eq!(words, ["U.S"]);
        assert_eq!(scan("é", ByteSpan::new(1, 2), View::Events, rules).count(), 0);
        assert_eq!(scan("é", ByteSpan::new(0, 9), View::Events, rules).count(), 0);
    }

    #[test]
    fn times_keep_numbers_and_abbreviations_whole() {
        let text = "At 4 p.m. on 12/30/2021, some 10,000 troops (1.5%) left at 16:06.";
        assert_eq!(
            cut(text, View::Times),
            [
                "At",
                "4",
                "p.m.",
                "on",
                "12/30/2021",
                ",",
                "some",
                "10,000",
                "troops",
                "(",
                "1.5",
                "%",
                ")",
                "left",
                "at",
                "16:06",
                "."
            ]
        );
    }

    #[test]
    fn times_split_letters_from_digits() {
        let text = "abc123 1,2, a.m U.S. x.yz it's 3٣";
        let rules = WordRules::for_language(None);
        let words: Vec<(&str, WordKind)> = scan(text, ByteSpan::new(0, text.len()), View::Times, rules)
            .map(|w| (w.span.slice(text), w.kind))
            .collect();
        use WordKind::{Number, Punct, Word as W};
        assert_eq!(
            words,
            [
                ("abc", W),
                ("123", Number),
                ("1,2", Number),
                (",", Punct),
                ("a.m", W),
                ("U.S.", W),
                ("x", W),
                (".", Punct),
                ("yz", W),
                ("it", W),
                ("'", Punct),
                ("s", W),
                ("3", Number),
                ("٣", Punct),
            ]
        );
    }
}
