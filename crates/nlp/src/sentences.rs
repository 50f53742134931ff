//! A rule sentence splitter for news text, over the tokenizer's tokens.
//!
//! A sentence ends at a line break, or after `.`, `!`, `?` or `…` (with any
//! closing quotes and brackets that follow) when the next token opens a new
//! sentence: it starts with a capital letter, a digit or an opening quote.
//! Abbreviations survive because the tokenizer keeps `Mr.`, `Gen.`, `U.S.`
//! as single tokens; such a token ends a sentence only when what follows is
//! a word that typically opens one (`... in the U.S. The talks ...`). Em
//! dashes and semicolons never split. spaCy's model gets its sentences from
//! its parser; these are not meant to be identical, only good.

use newsgraph_model::{ByteSpan, Token};

/// Closing punctuation that stays with the sentence before it.
fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "'" | "”" | "’" | ")" | "]" | "»" | "''")
}

fn is_terminal(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

/// Words that open sentences far more often than they follow an abbreviation.
const OPENERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "A",
    "An",
    "This",
    "That",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "However",
    "Some",
    "Many",
    "Officials",
    "Meanwhile",
];

fn opens_sentence(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '«'))
}

/// Abbreviation-like tokens: a dot inside or a short word with a final dot (`U.S.`, `Gen.`).
fn is_abbreviation(s: &str) -> bool {
    s.len() > 1 && s.ends_with('.') && !is_terminal(s)
}

/// Sentence spans of `text` given its (non-whitespace) tokens.
pub fn split(text: &str, tokens: &[Token]) -> Vec<ByteSpan> {
    let mut sentences = Vec::new();
    let mut start: Option<usize> = None;
    let word = |i: usize| tokens[i].span.slice(text);
    let mut i = 0;
    while i < tokens.len() {
        let first = *start.get_or_insert(i);
        let current = word(i);
        let mut end = i + 1;
        let mut boundary = false;
        if is_terminal(current) || is_abbreviation(current) {
            while end < tokens.len() && is_closer(word(end)) && !gap_has_newline(text, tokens, end - 1) {
                end += 1;
            }
            if end < tokens.len() {
                let next = word(end);
                boundary =
                    if is_terminal(current) { opens_sentence(next) } else { end == i + 1 && OPENERS.contains(&next) };
            }
        }
        if end < tokens.len() && gap_has_newline(text, tokens, end - 1) {
            boundary = true;
        }
        if boundary || end >= tokens.len() {
            sentences.push(ByteSpan::new(tokens[first].span.start(), tokens[end - 1].span.end()));
            start = None;
        }
        i = end;
    }
    sentences
}

/// Whether the whitespace between token `i` and the next one holds a line break.
fn gap_has_newline(text: &str, tokens: &[Token], i: usize) -> bool {
    match tokens.get(i + 1) {
        Some(next) => text.get(tokens[i].span.end()..next.span.start()).is_some_and(|gap| gap.contains('\n')),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<Token> {
        // Whitespace-separated words, with `.`/`,` split off the end, are enough here.
        let mut out = Vec::new();
        let mut at = 0;
        for word in text.split_inclusive(char::is_whitespace) {
            let trimmed = word.trim_end();
            let mut end = at + trimmed.len();
            let mut pieces = Vec::new();
            while end > at + 1 && matches!(text.as_bytes()[end - 1], b',' | b'"') {
                pieces.push(ByteSpan::new(end - 1, end));
                end -= 1;
            }
            // Like the real tokenizer, keep the dot of `U.S.` and short titles (`Gen.`).
            let abbreviation = text[at..end].starts_with(|c: char| c.is_uppercase()) && end - at <= 4;
            if end > at + 1 && text.as_bytes()[end - 1] == b'.' && !text[at..end - 1].contains('.') && !abbreviation {
                pieces.push(ByteSpan::new(end - 1, end));
                end -= 1;
            }
            if end > at {
                out.push(Token { span: ByteSpan::new(at, end), space_after: false });
            }
            out.extend(pieces.into_iter().rev().map(|span| Token { span, space_after: false }));
            at += word.len();
        }
        out
    }

    fn sentences(text: &str) -> Vec<&str> {
        split(text, &tokens(text)).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation_before_capitals() {
        assert_eq!(sentences("Talks began. Putin spoke."), vec!["Talks began.", "Putin spoke."]);
        assert_eq!(sentences("It rose 3.5 percent. Then fell."), vec!["It rose 3.5 percent.", "Then fell."]);
    }

    #[test]
    fn abbreviations_and_lowercase_continuations_do_not_split() {
        assert_eq!(
            sentences("U.S. President Joe Biden met Gen. Milley."),
            vec!["U.S. President Joe Biden met Gen. Milley."]
        );
        assert_eq!(sentences("It grew. and then"), vec!["It grew. and then"]);
        assert_eq!(
            sentences("Troops left the U.S. The talks ended."),
            vec!["Troops left the U.S.", "The talks ended."]
        );
    }

    #[test]
    fn line_breaks_always_split() {
        assert_eq!(sentences("KYIV, Ukraine\n\nTalks began"), vec!["KYIV, Ukraine", "Talks began"]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(sentences("He said \"no.\" Then left."), vec!["He said \"no.\"", "Then left."]);
    }
}
