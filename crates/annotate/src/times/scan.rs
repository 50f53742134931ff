//! The times and counts stages' view of the text: the light word scanner's times
//! view ([`View::Times`]), and the text layer's sentences as ranges of its tokens.
//!
//! Tokens are byte spans of the text: words (letters, with dotted abbreviations
//! such as `p.m.` or `U.S.` kept whole), numbers (digits with inner `,` `.` `:`
//! `/` kept whole, so `10,000`, `16:06` and `12/30/2021` are one token: the
//! separators are the language's, in [`WordRules`]) and single punctuation
//! characters. Everything is linear in the text length.

use newsgraph_model::words::{self, View, WordKind, WordRules};
use newsgraph_model::ByteSpan;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

/// The tokens of one text, with an ASCII-lowercased copy for case-free matching.
#[derive(Debug)]
pub(crate) struct Tokens<'a> {
    pub text: &'a str,
    /// `text` with ASCII letters lowercased: same byte offsets as `text`.
    lower: String,
    pub toks: Vec<Token>,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str, rules: &WordRules) -> Self {
        Tokens { text, lower: text.to_ascii_lowercase(), toks: tokenize(text, rules) }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The lowercased text of token `i` (`""` past the end).
    pub fn low(&self, i: usize) -> &str {
        self.toks.get(i).and_then(|t| self.lower.get(t.start..t.end)).unwrap_or("")
    }

    /// The original text of token `i` (`""` past the end).
    pub fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).and_then(|t| self.text.get(t.start..t.end)).unwrap_or("")
    }

    pub fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Word)
    }

    pub fn is_number(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Number)
    }

    /// Token `i` is the (lowercase) word or symbol `w`.
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.low(i) == w
    }

    /// Token `i` is one of `words`.
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let low = self.low(i);
        !low.is_empty() && words.contains(&low)
    }

    /// Token `i` starts with an uppercase letter.
    pub fn capitalized(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Token `i` follows token `i - 1` with no space between them.
    pub fn glued(&self, i: usize) -> bool {
        match (i.checked_sub(1).and_then(|p| self.toks.get(p)), self.toks.get(i)) {
            (Some(prev), Some(cur)) => prev.end == cur.start,
            _ => false,
        }
    }

    /// Index after a possessive `'s` at `i`, if there is one.
    pub fn possessive(&self, i: usize) -> Option<usize> {
        (self.is_any(i, &["'", "\u{2019}"]) && self.is(i + 1, "s") && self.glued(i + 1)).then_some(i + 2)
    }

    /// Byte span from the start of token `from` to the end of token `to - 1`.
    pub fn span(&self, from: usize, to: usize) -> ByteSpan {
        let start = self.toks.get(from).map_or(0, |t| t.start);
        let end = to.checked_sub(1).and_then(|l| self.toks.get(l)).map_or(start, |t| t.end);
        ByteSpan::new(start, end.max(start))
    }

    /// The index of the first token starting at or after byte `byte`.
    pub fn token_at(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.start < byte)
    }
}

fn tokenize(text: &str, rules: &WordRules) -> Vec<Token> {
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    for word in words::scan(text, ByteSpan::new(0, text.len()), View::Times, rules) {
        let kind = match word.kind {
            WordKind::Word => TokKind::Word,
            WordKind::Number => TokKind::Number,
            WordKind::Punct => TokKind::Punct,
        };
        toks.push(Token { start: word.span.start(), end: word.span.end(), kind });
    }
    toks
}

/// Sentences as half-open token index ranges, from `given`: the text layer's sentence
/// byte spans (the nlp stage's). Without a layer the whole text is one sentence.
pub(crate) fn sentences(tokens: &Tokens<'_>, given: &[ByteSpan]) -> Vec<(usize, usize)> {
    let n = tokens.len();
    if given.is_empty() {
        return if n > 0 { vec![(0, n)] } else { Vec::new() };
    }
    let mut out = Vec::with_capacity(given.len());
    let mut last = 0;
    for span in given {
        let from = tokens.token_at(span.start()).max(last);
        let to = tokens.token_at(span.end()).max(from);
        if to > from {
            out.push((from, to));
            last = to;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_read_lower_case_and_possessives() {
        let t = Tokens::new("At 4 P.M. on Jan. 10, NATO's 10,000 troops", WordRules::for_language(None));
        let low: Vec<&str> = (0..t.len()).map(|i| t.low(i)).collect();
        assert_eq!(low, ["at", "4", "p.m.", "on", "jan", ".", "10", ",", "nato", "'", "s", "10,000", "troops"]);
        assert!(t.is_number(1) && t.is_word(2) && t.capitalized(8));
        assert_eq!(t.possessive(9), Some(11));
        assert_eq!(t.kind(5), Some(TokKind::Punct));
    }

    #[test]
    fn sentences_come_from_the_text_layer() {
        let text = "They met on Jan. 10 in Geneva. Talks ended.\nNew line here";
        let t = Tokens::new(text, WordRules::for_language(None));
        let given = [ByteSpan::new(0, 30), ByteSpan::new(31, 43), ByteSpan::new(44, text.len())];
        let s = sentences(&t, &given);
        assert_eq!(s.len(), 3);
        assert_eq!(t.raw(s[1].0), "Talks");
        assert_eq!(t.raw(s[2].0), "New");
        assert_eq!(sentences(&t, &[]), [(0, t.len())]);
    }
}
