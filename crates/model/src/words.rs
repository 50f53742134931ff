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
//! clitics split off a word, the elisions and inverted pronouns the quotes view cuts
//! off, the characters that join words and numbers) is in [`WordRules`], one table
//! per language; [`WordRules::for_language`] picks it. English, German, French,
//! Spanish, Italian, Portuguese, Dutch, Polish and Russian have tables; the others
//! so far differ from English only in the quotes view.
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
    /// Lower-case elided words, apostrophe included, that the [`View::Quotes`] view cuts
    /// off the front of a joined word ("qu'" "il", "l'" "ancien"); written with `'`,
    /// they match `’` too.
    pub elisions: &'static [&'static str],
    /// Lower-case hyphenated subject pronouns after an inverted verb that the
    /// [`View::Quotes`] view cuts off the end of a joined word: "a-t-il" gives "a" and
    /// "il" (the text after the last hyphen; the bytes between are in neither word).
    pub inverted_pronouns: &'static [&'static str],
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
    elisions: &[],
    inverted_pronouns: &[],
};

/// The tables of the other languages share English's joiners, clitics and number
/// separators (their views other than [`View::Quotes`] have not been adapted yet) and
/// differ in their abbreviations, elisions and inverted pronouns.
macro_rules! other_language {
    ($code:literal, [$($abbreviation:literal),* $(,)?], [$($elision:literal),* $(,)?], [$($inverted:literal),* $(,)?]) => {
        WordRules {
            language: $code,
            abbreviations: &[$($abbreviation),*],
            clitics: ENGLISH.clitics,
            split_words: ENGLISH.split_words,
            joiners: ENGLISH.joiners,
            quote_joiners: ENGLISH.quote_joiners,
            number_separators: ENGLISH.number_separators,
            elisions: &[$($elision),*],
            inverted_pronouns: &[$($inverted),*],
        }
    };
}

/// German: titles ("Dr.", "Prof."), "Nr.", "bzw.", "ca.", month and number words. Dotted
/// forms such as "z.B." and "u.a." keep their period as initialisms.
static GERMAN: WordRules = other_language!(
    "de",
    [
        "dr", "prof", "dipl", "nr", "bzw", "ca", "vgl", "usw", "inkl", "evtl", "ggf", "mio", "mrd", "hrsg", "jh",
        "str", "tel", "abs", "st", "jan", "feb", "aug", "sept", "okt", "nov", "dez",
    ],
    [],
    []
);

/// French: "M." is an initial already; "Mme", "Mgr", "etc." here. Elided articles,
/// pronouns and conjunctions are cut off ("l'ancien", "qu'il", "d'après"), and the
/// subject pronoun of an inverted verb ("a-t-il", "affirme-t-elle").
static FRENCH: WordRules = other_language!(
    "fr",
    [
        "mme", "mmes", "mlle", "mm", "dr", "pr", "me", "mgr", "st", "ste", "etc", "cf", "env", "janv", "févr", "avr",
        "juil", "sept", "oct", "nov", "déc",
    ],
    ["l'", "d'", "qu'", "j'", "n'", "s'", "c'", "m'", "t'", "lorsqu'", "puisqu'", "jusqu'", "quoiqu'"],
    ["-t-il", "-t-elle", "-t-on", "-t-ils", "-t-elles", "-il", "-elle", "-ils", "-elles", "-on"]
);

/// Spanish: "Sr.", "Sra.", "Dr.", "D.", "Dña.", "Ud.", "núm.", month abbreviations.
static SPANISH: WordRules = other_language!(
    "es",
    [
        "sr", "sra", "srta", "sres", "dr", "dra", "d", "dña", "ud", "uds", "prof", "gral", "lic", "av", "avda", "etc",
        "núm", "pág", "ene", "feb", "abr", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
    ],
    [],
    []
);

/// Italian: "Sig.", "Dott.", "On.", "Sen."; elided articles and prepositions are cut off
/// ("l'ex", "dell'", "un'").
static ITALIAN: WordRules = other_language!(
    "it",
    [
        "sig", "sigg", "dott", "prof", "ing", "avv", "on", "sen", "dr", "gen", "mons", "ecc", "pag", "feb", "apr",
        "giu", "lug", "ago", "sett", "ott", "nov", "dic",
    ],
    ["l'", "d'", "dell'", "all'", "dall'", "nell'", "sull'", "coll'", "un'", "c'", "quest'", "quell'", "anch'", "dev'"],
    []
);

/// Portuguese: "Sr.", "Sra.", "Dr.", "Dra.", "Prof.", month abbreviations.
static PORTUGUESE: WordRules = other_language!(
    "pt",
    [
        "sr", "sra", "srs", "dr", "dra", "prof", "profa", "av", "etc", "pág", "jan", "fev", "abr", "jun", "jul", "ago",
        "set", "out", "nov", "dez",
    ],
    [],
    []
);

/// Dutch: "dhr.", "mevr.", "drs.", "ir.", "mr.", "bijv.", "enz.".
static DUTCH: WordRules = other_language!(
    "nl",
    [
        "dhr", "mevr", "mw", "dr", "drs", "ir", "mr", "prof", "ing", "bijv", "bv", "enz", "ca", "nr", "st", "jan",
        "feb", "aug", "sept", "okt", "nov", "dec",
    ],
    [],
    []
);

/// Polish: "dr", "prof.", "mgr", "inż.", "ul.", "np.", "tzw.", "r." (rok), "tys.", "mln".
static POLISH: WordRules = other_language!(
    "pl",
    [
        "dr", "prof", "mgr", "inż", "hab", "ks", "gen", "płk", "św", "pos", "ul", "al", "np", "tzw", "tzn", "tj",
        "itd", "itp", "ok", "r", "tys", "mln", "mld", "godz", "woj", "pow",
    ],
    [],
    []
);

/// Russian: "г." (год, город), "гг.", "ул.", "им.", "проф.", "млн", "тыс."; initials
/// ("В. В. Путин") keep their period as single capitals.
static RUSSIAN: WordRules = other_language!(
    "ru",
    ["г", "гг", "ул", "им", "проф", "акад", "млн", "млрд", "тыс", "руб", "стр", "ст", "обл", "пос", "д"],
    [],
    []
);

/// Every language with a table of its own.
static TABLES: &[&WordRules] =
    &[&ENGLISH, &GERMAN, &FRENCH, &SPANISH, &ITALIAN, &PORTUGUESE, &DUTCH, &POLISH, &RUSSIAN];

impl WordRules {
    /// The rules for the language `code` (a BCP 47 tag such as `"en"` or `"en-GB"`;
    /// its primary subtag is matched, ignoring case).
    ///
    /// English, German, French, Spanish, Italian, Portuguese, Dutch, Polish and
    /// Russian have tables; every other code, and no code at all, gets the English
    /// rules. Tables for further languages are added here.
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

    /// Where the [`View::Quotes`] view cuts `word` by [`WordRules::elisions`] or
    /// [`WordRules::inverted_pronouns`]: the end of the first word and the start of the
    /// second, as byte offsets. Words of English (no such lists) are never searched.
    fn quotes_split(&self, word: &str) -> Option<(usize, usize)> {
        if self.elisions.is_empty() && self.inverted_pronouns.is_empty() {
            return None;
        }
        let lower = word.to_lowercase().replace('’', "'");
        // Lower-casing may change byte lengths: convert through char counts.
        let byte_at = |chars: usize| word.char_indices().nth(chars).map_or(word.len(), |(i, _)| i);
        let count = |s: &str| s.chars().count();
        if let Some(elision) = self.elisions.iter().find(|e| lower.len() > e.len() && lower.starts_with(*e)) {
            let at = byte_at(count(elision));
            return Some((at, at));
        }
        let total = count(&lower);
        let inverted = self.inverted_pronouns.iter().find(|p| lower.len() > p.len() && lower.ends_with(*p))?;
        let pronoun = inverted.rsplit('-').next().unwrap_or(inverted);
        Some((byte_at(total - count(inverted)), byte_at(total - count(pronoun))))
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
                if word.joined {
                    if let Some((head_end, tail_start)) = self.rules.quotes_split(self.raw(start, end)) {
                        self.pending = Some(self.word(start + tail_start, end, WordKind::Word, false));
                        self.pos = end;
                        return Some(self.word(start, start + head_end, WordKind::Word, after_break));
                    }
                }
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
        assert_eq!(WordRules::for_language(Some("de")).language, "de");
        assert_eq!(WordRules::for_language(Some("ja")).language, "en");
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
    fn quotes_keep_each_languages_abbreviations() {
        let words = |code: &str, text: &str| -> Vec<String> {
            let rules = WordRules::for_language(Some(code));
            scan(text, ByteSpan::new(0, text.len()), View::Quotes, rules)
                .map(|w| w.span.slice(text).to_string())
                .collect()
        };
        assert_eq!(words("de", "Dr. Müller, z.B. heute."), ["Dr.", "Müller", ",", "z.B.", "heute", "."]);
        assert_eq!(words("es", "Sr. Pérez"), ["Sr.", "Pérez"]);
        assert_eq!(words("ru", "в 2023 г. Путин"), ["в", "2023", "г.", "Путин"]);
        // English keeps neither: "Sr" is English too, "z" is no abbreviation.
        assert_eq!(words("en", "heute g. x"), ["heute", "g", ".", "x"]);
    }

    #[test]
    fn quotes_cut_french_elisions_and_inverted_pronouns() {
        let text = "« Oui », a-t-il déclaré, qu’il L'ancien d'après affirme-t-elle aujourd'hui Jean-Léon dit-on";
        let rules = WordRules::for_language(Some("fr"));
        let words: Vec<&str> =
            scan(text, ByteSpan::new(0, text.len()), View::Quotes, rules).map(|w| w.span.slice(text)).collect();
        assert_eq!(
            words,
            [
                "«",
                "Oui",
                "»",
                ",",
                "a",
                "il",
                "déclaré",
                ",",
                "qu’",
                "il",
                "L'",
                "ancien",
                "d'",
                "après",
                "affirme",
                "elle",
                "aujourd'hui",
                "Jean-Léon",
                "dit",
                "on"
            ]
        );
        // English joins them all.
        let en = WordRules::for_language(Some("en"));
        assert_eq!(scan("a-t-il l'ancien", ByteSpan::new(0, 15), View::Quotes, en).count(), 2);
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
