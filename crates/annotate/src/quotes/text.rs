//! The quote finder's view of the text: word and punctuation tokens, and the text
//! layer's sentences ([`newsgraph_model::Analysis`]) as token ranges, merged so that
//! none splits a direct quote. Without the layer (the stage run alone) lines stand
//! for sentences. It knows nothing about parts of speech.

use std::borrow::Cow;

use newsgraph_model::words::{self, View, WordKind, WordRules};
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

/// Splits `text` into words and punctuation: the light word scanner's quotes view
/// ([`View::Quotes`]). Words keep internal apostrophes, hyphens and periods ("it's",
/// "re-establish", "U.S."), and the period of a known abbreviation ("Sen.") in
/// `rules`' language.
pub fn tokenize<'a>(text: &'a str, rules: &WordRules) -> Vec<Tok<'a>> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    for word in words::scan(text, ByteSpan::new(0, text.len()), View::Quotes, rules) {
        let slice = word.span.slice(text);
        tokens.push(Tok {
            span: word.span,
            // The quotes view has no numbers: digits are words.
            kind: if word.kind == WordKind::Punct { TokenKind::Punct } else { TokenKind::Word },
            lower: lowercase(slice),
            capitalized: slice.chars().next().is_some_and(char::is_uppercase),
            after_break: word.after_break,
            quote: None,
        });
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

/// Sentences as half-open token ranges, from `layer`: the text layer's sentence byte
/// spans (the nlp stage's). Layer sentences that a direct quote crosses are merged,
/// so a sentence always holds whole quotes and the cue around them. Without a layer
/// (the stage run alone, or a language the nlp stage has no model for) each line is a
/// sentence; with `stops`, a line is also cut after a full stop, `!` or `?` (a closing
/// mark may follow) that a capitalized word, a quotation mark or a dash follows.
pub fn sentences(tokens: &[Tok<'_>], layer: &[ByteSpan], stops: bool) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(layer.len().max(1));
    let push = |out: &mut Vec<(usize, usize)>, from: usize, to: usize| {
        let crosses = |last: &(usize, usize)| {
            last.1 == from && tokens[from - 1].quote.is_some() && tokens[from - 1].quote == tokens[from].quote
        };
        match out.last_mut() {
            Some(last) if crosses(last) => last.1 = to,
            _ => out.push((from, to)),
        }
    };
    if layer.is_empty() {
        let mut from = 0;
        let is_stop = |t: &Tok<'_>| t.kind == TokenKind::Punct && matches!(t.low(), "." | "!" | "?");
        let after_stop = |i: usize| {
            let prev = &tokens[i - 1];
            is_stop(prev)
                || (prev.kind == TokenKind::Punct
                    && prev.quote.is_some()
                    && prev.quote != tokens[i].quote
                    && i >= 2
                    && is_stop(&tokens[i - 2]))
        };
        let opens_sentence = |t: &Tok<'_>| {
            t.capitalized || (t.kind == TokenKind::Punct && (t.quote.is_some() || matches!(t.low(), "—" | "–")))
        };
        for (i, token) in tokens.iter().enumerate().skip(1) {
            if token.after_break || (stops && after_stop(i) && opens_sentence(token)) {
                push(&mut out, from, i);
                from = i;
            }
        }
        if from < tokens.len() {
            push(&mut out, from, tokens.len());
        }
        return out;
    }
    let token_at = |byte: usize| tokens.partition_point(|t| t.span.start() < byte);
    // A straight or typewriter mark after a full stop reads as closing to the layer
    // (`schools. "Throughout`), but when it opens a quote it opens the next sentence.
    // `to` then falls just after the opening marks (`''` is two tokens); returns their start.
    let opening_marks_before = |from: usize, to: usize| {
        let quote = tokens.get(to)?.quote?;
        let mut k = to;
        while k > from && tokens[k - 1].quote == Some(quote) && tokens[k - 1].kind == TokenKind::Punct {
            k -= 1;
        }
        let opens = k < to && (k == 0 || tokens[k - 1].quote != Some(quote));
        (opens && k > from).then_some(k)
    };
    let mut last = 0;
    for span in layer {
        let from = token_at(span.start()).max(last);
        let mut to = token_at(span.end()).max(from);
        if let Some(k) = opening_marks_before(from, to) {
            to = k;
        }
        if to > from {
            // Tokens between two layer sentences (there should be none) join the later one.
            push(&mut out, last.min(from), to);
            last = to;
        }
    }
    if last < tokens.len() {
        push(&mut out, last, tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_lower_case_and_capitals() {
        let text = "U.S. Sen. Warren's aide said:\nÉTÉ.";
        let tokens = tokenize(text, WordRules::for_language(None));
        let lower: Vec<&str> = tokens.iter().map(Tok::low).collect();
        assert_eq!(lower, ["u.s.", "sen.", "warren's", "aide", "said", ":", "été", "."]);
        assert!(tokens[0].capitalized && !tokens[3].capitalized && tokens[6].capitalized);
        assert!(tokens[6].after_break && !tokens[5].after_break);
        assert_eq!(tokens[5].kind, TokenKind::Punct);
    }

    #[test]
    fn sentences_come_from_the_layer_and_never_split_a_quote() {
        let text = "Mr. Smith left. \"Go. Now.\" He said no.\nNext line";
        let mut tokens = tokenize(text, WordRules::for_language(None));
        let quotes = super::super::marks::pair(text);
        assign_quotes(&mut tokens, &quotes);
        // The layer splits inside the quote: "Go." | "Now." He said no.
        let at = |s: &str| text.find(s).unwrap();
        let layer = [
            ByteSpan::new(0, at(" \"Go")),
            ByteSpan::new(at("\"Go"), at(" Now")),
            ByteSpan::new(at("Now"), at("\nNext")),
            ByteSpan::new(at("Next"), text.len()),
        ];
        let s = sentences(&tokens, &layer, false);
        let words =
            |r: (usize, usize)| tokens[r.0..r.1].iter().map(|t| t.span.slice(text)).collect::<Vec<_>>().join(" ");
        assert_eq!(
            s.iter().map(|&r| words(r)).collect::<Vec<_>>(),
            ["Mr. Smith left .", "\" Go . Now . \" He said no.", "Next line"]
        );
        // A layer that reads the opening mark as closing the sentence before it.
        let mark_first = [ByteSpan::new(0, at("Go")), ByteSpan::new(at("Go"), at(" Now")), layer[2], layer[3]];
        assert_eq!(sentences(&tokens, &mark_first, false), s);
        // Without a layer, lines are sentences.
        assert_eq!(sentences(&tokens, &[], false).len(), 2);
        // Cut at full stops: "Mr." keeps its period, the quote stays whole.
        assert_eq!(sentences(&tokens, &[], true).len(), 4);
    }
}
