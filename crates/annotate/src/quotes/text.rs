//! The light text layer the quote finder works on: word and punctuation tokens
//! and sentences that never split a direct quote.
//!
//! It exists because quotes must work even when the NLP stage has not filled
//! [`newsgraph_model::Analysis`]; it knows nothing about parts of speech.

use std::borrow::Cow;

use newsgraph_model::ByteSpan;

use super::marks::QuoteSpan;

/// What a token is, as far as attribution patterns care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// One punctuation character, quote marks included.
    Punct,
}

#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub span: ByteSpan,
    pub kind: TokenKind,
    /// Lowercased text, for lexicon look-ups (borrowed from the text when already lowercase).
    pub lower: Cow<'a, str>,
    /// The first character is uppercase.
    pub capitalized: bool,
    /// A newline lies between this token and the previous one (a paragraph or line break).
    pub after_break: bool,
    /// Index of the direct quote whose marks or content hold this token.
    pub quote: Option<usize>,
}

impl Tok<'_> {
    pub fn low(&self) -> &str {
        &self.lower
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is(&self, s: &str) -> bool {
        self.lower == s
    }
}

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
pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
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

/// Marks the tokens that lie inside each quote (marks included). Quotes are
/// sorted and disjoint, so one merge pass does it.
pub fn assign_quotes(tokens: &mut [Tok<'_>], quotes: &[QuoteSpan]) {
    let mut q = 0;
    for token in tokens.iter_mut() {
        while q < quotes.len() && quotes[q].outer.end() <= token.span.start() {
            q += 1;
        }
        if let Some(quote) = quotes.get(q) {
            if quote.outer.start() <= token.span.start() && token.span.end() <= quote.outer.end() {
                token.quote = Some(q);
            }
        }
    }
}

fn is_closing_punct(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | ")" | "]" | "»")
}

/// Sentences as half-open token ranges. A line break always ends one; `.`, `!`
/// and `?` end one when a capitalized word, digit or opening mark follows, but
/// never inside a direct quote, so a sentence holds whole quotes.
pub fn sentences(tokens: &[Tok<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        if i > start && tokens[i].after_break {
            out.push((start, i));
            start = i;
        }
        let t = &tokens[i];
        let ends_sentence = matches!(t.low(), "." | "!" | "?" | "…");
        // A quote whose last sentence ends inside its marks ends the reporting sentence
        // too when a new sentence follows: `… "stop its escapades." The agency said …`.
        let quote_closes = t.quote.is_some()
            && i > 0
            && matches!(tokens[i - 1].low(), "." | "!" | "?")
            && tokens.get(i + 1).is_none_or(|n| n.quote != t.quote);
        if quote_closes && tokens.get(i + 1).is_some_and(|n| n.capitalized && n.quote.is_none()) {
            out.push((start, i + 1));
            start = i + 1;
            i += 1;
            continue;
        }
        if t.kind == TokenKind::Punct && ends_sentence && t.quote.is_none() {
            let mut end = i + 1;
            while end < tokens.len()
                && tokens[end].kind == TokenKind::Punct
                && is_closing_punct(&tokens[end].lower)
                && !tokens[end].after_break
            {
                end += 1;
            }
            let next_starts = tokens.get(end).is_none_or(|n| {
                n.after_break
                    || n.capitalized
                    || n.lower.starts_with(|c: char| c.is_ascii_digit())
                    || matches!(n.low(), "\"" | "“" | "«" | "(")
            });
            if next_starts {
                out.push((start, end));
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < tokens.len() {
        out.push((start, tokens.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_abbreviations_and_possessives_whole() {
        let text = "U.S. Sen. Warren's aide said it's re-established.";
        let words: Vec<String> = tokenize(text).iter().map(|t| t.span.slice(text).to_string()).collect();
        assert_eq!(words, ["U.S.", "Sen.", "Warren's", "aide", "said", "it's", "re-established", "."]);
    }

    #[test]
    fn splits_sentences_but_not_after_titles() {
        let text = "Mr. Smith left. He said no.\nNext line";
        let tokens = tokenize(text);
        let s = sentences(&tokens);
        assert_eq!(s.len(), 3);
        assert_eq!(tokens[s[1].0].span.slice(text), "He");
    }
}
