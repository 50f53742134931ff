//! The coder's view of a sentence: tokens that carry the classes of the closed word
//! lists they are on (the lists and class bits are in [`crate::vocab`]).
//!
//! Sentences are the text layer's (the nlp stage's, on [`newsgraph_model::Analysis`]);
//! within each, the words are the light word scanner's events view
//! ([`newsgraph_model::words`]: clitics apart, dotted initialisms whole), linear and
//! without allocation beyond the token list and the lower-cased forms of words that
//! are not lower case already.

use std::borrow::Cow;
use std::sync::OnceLock;

use newsgraph_model::words::{self, View, WordKind, WordRules};
use newsgraph_model::ByteSpan;

use crate::types::FastMap;
use crate::vocab::{self, class};

/// One word or punctuation mark of a sentence.
#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    /// Lower-cased text (curly apostrophes folded to `'`), borrowed from the text when it
    /// is lower case already.
    pub lower: Cow<'a, str>,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// A word (has a letter or digit), as opposed to punctuation.
    pub word: bool,
    /// The closed word classes of `lower` (bits of [`class`]), looked up once here so the
    /// clause rules test a bit instead of scanning word lists.
    pub class: u32,
    /// The word's id in the event lexicon, once [`crate::lexicon::Lexicon::annotate`] ran.
    pub lex: Lex,
}

/// A token's word id in the event lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lex {
    /// Not looked up yet.
    Unset,
    /// No lexicon table uses the word.
    Absent,
    Word(u32),
}

impl Tok<'_> {
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    pub fn is_any(&self, words: &[&str]) -> bool {
        words.contains(&&*self.lower)
    }

    /// The word belongs to one of the classes in `classes` (bits of [`class`]).
    pub fn has(&self, classes: u32) -> bool {
        self.class & classes != 0
    }

    pub fn span(&self) -> ByteSpan {
        ByteSpan::new(self.start, self.end)
    }
}

/// Each listed word's classes, built once from the word lists.
pub(crate) fn class_of(lower: &str) -> u32 {
    static CLASSES: OnceLock<FastMap<&'static str, u32>> = OnceLock::new();
    let classes = CLASSES.get_or_init(|| {
        let lists: [(&[&'static str], u32); 16] = [
            (vocab::AUXILIARIES, class::AUXILIARY),
            (vocab::FUTURE_MODALS, class::FUTURE_MODAL),
            (vocab::HYPOTHETICAL_MODALS, class::HYPOTHETICAL_MODAL),
            (vocab::REPORTING, class::REPORTING),
            (vocab::NEGATIONS, class::NEGATION),
            (vocab::CLAUSE_OPENERS, class::CLAUSE_OPENER),
            (vocab::PLACE_PREPOSITIONS, class::PLACE_PREPOSITION),
            (vocab::TARGET_PREPOSITIONS, class::TARGET_PREPOSITION),
            (vocab::DETERMINERS, class::DETERMINER),
            (vocab::PRONOUNS_PERSON, class::PRONOUN_PERSON),
            (vocab::PRONOUNS_THING, class::PRONOUN_THING),
            (vocab::PRONOUNS_GROUP, class::PRONOUN_GROUP),
            (vocab::PRONOUNS_SPEAKER, class::PRONOUN_SPEAKER),
            (vocab::HYPOTHETICAL_CUES, class::HYPOTHETICAL_CUE),
            (vocab::NOUN_PREPOSITIONS, class::NOUN_PREPOSITION),
            (&[";", ":"], class::CLAUSE_BREAK),
        ];
        let mut map: FastMap<&'static str, u32> = FastMap::default();
        for (words, bit) in lists {
            for word in words {
                *map.entry(word).or_default() |= bit;
            }
        }
        map
    });
    classes.get(lower).copied().unwrap_or(0)
}

/// Splits `text[range]` into tokens: the light word scanner's events view
/// ([`View::Events`]): words (with inner `-`, `.`, `'`), dotted initialisms whole,
/// clitics (`'s`, `n't`, of `rules`' language) apart, punctuation.
pub fn tokenize<'a>(text: &'a str, range: ByteSpan, rules: &WordRules, out: &mut Vec<Tok<'a>>) {
    for word in words::scan(text, range, View::Events, rules) {
        let (start, end) = (word.span.start(), word.span.end());
        let raw = word.span.slice(text);
        let lower = lower_case(raw);
        let cap = raw.chars().next().is_some_and(char::is_uppercase);
        let class = class_of(&lower);
        out.push(Tok { start, end, lower, cap, word: word.kind != WordKind::Punct, class, lex: Lex::Unset });
    }
}

/// `raw` lower-cased with curly apostrophes folded to `'`; borrowed when that changes nothing.
pub(crate) fn lower_case(raw: &str) -> Cow<'_, str> {
    if raw.is_ascii() {
        if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(raw.to_ascii_lowercase())
        } else {
            Cow::Borrowed(raw)
        }
    } else if raw.chars().all(|c| c != '’' && lower_case_char(c)) {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(raw.to_lowercase().replace('’', "'"))
    }
}

/// `c` lower-cases to itself.
fn lower_case_char(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_initialisms_possessives_and_negation() {
        let text = "U.S.-led NATO's forces didn't attack Russia-Ukraine lines, Putin said.";
        let mut toks = Vec::new();
        tokenize(text, ByteSpan::new(0, text.len()), WordRules::for_language(None), &mut toks);
        let words: Vec<&str> = toks.iter().map(|t| &*t.lower).collect();
        assert_eq!(
            words,
            [
                "u.s.",
                "-",
                "led",
                "nato",
                "'s",
                "forces",
                "did",
                "n't",
                "attack",
                "russia-ukraine",
                "lines",
                ",",
                "putin",
                "said",
                "."
            ]
        );
    }

    #[test]
    fn folds_curly_apostrophes_and_classes_words() {
        let text = "NATO’s CHIEF said";
        let mut toks = Vec::new();
        tokenize(text, ByteSpan::new(0, text.len()), WordRules::for_language(None), &mut toks);
        let lower: Vec<&str> = toks.iter().map(|t| &*t.lower).collect();
        assert_eq!(lower, ["nato", "'s", "chief", "said"]);
        assert!(toks[0].cap && toks[1].word && !toks[1].cap);
        assert!(toks[3].has(class::REPORTING));
    }
}
