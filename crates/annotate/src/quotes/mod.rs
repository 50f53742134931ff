//! Direct, indirect and mixed quotes with cue, speaker phrase and speaker entity.
//!
//! The [`Quotes`] stage fills [`Article::quotes`]. It pairs quotation marks
//! (`marks`), reads the text layer's sentences ([`Article::analysis`], merged
//! where a quotation crosses them) with a light word view of its own (`text`),
//! finds each quote's cue and speaker phrase
//! by position (`attribution`), and resolves the phrase to an entity of
//! [`Article::entities`] when that layer is filled (`speaker`). It never
//! gives up on a document: an unbalanced mark costs at most its own quote.
//!
//! The word lists are those of the article's language when it is one of
//! [`QUOTE_LANGUAGES`] and a confident guess, English otherwise: the quotation
//! marks of each (`„…“`, `‚…‘`, `»…«`, `« … »`, `„…”`), its verbs of saying in their
//! inflected forms, "according to" and its like, its pronouns, and the inverted
//! order after a quote (`„…“, sagte er`, `« … », a-t-il déclaré`, `«…», — заявил он`).
//! A dialogue line opened by a dash (`— Nous partons, dit-il.`) is not a quote: only
//! quotation marks make one.
//!
//! It does not parse: an attribution whose speaker sits far from its cue, or
//! a nominal reference ("the former secretary"), keeps its speaker phrase but
//! gets no entity. A mixed quote (a quoted fragment inside reported speech)
//! is recorded twice: as the `mixed` fragment and as the `indirect` clause
//! around it, both with the same cue.
//!
//! ```
//! use newsgraph_annotate::Quotes;
//! use newsgraph_model::{Article, QuoteKind, Stage};
//! let mut article = Article::from_text("d", "\"We will not back down,\" Smith said.");
//! Quotes::new().annotate(&mut article);
//! assert_eq!(article.quotes[0].kind, QuoteKind::Direct);
//! assert_eq!(article.quotes[0].text, "We will not back down");
//! assert_eq!(article.quotes[0].speaker_mention.as_ref().unwrap().text, "Smith");
//! ```

use newsgraph_model::words::WordRules;
use newsgraph_model::{Article, ByteSpan, CharIndex, Mention, Quote, Reads, Stage};

mod attribution;
mod languages;
mod lexicon;
mod marks;
mod speaker;
mod text;

#[cfg(test)]
mod tests;

use attribution::{Attribution, Doc};
use lexicon::Lexicon;
use speaker::EntityMention;

/// The languages with word lists of their own (ISO 639-1, English first).
pub const QUOTE_LANGUAGES: &[&str] = &["en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru"];

/// The language whose words `article` is read with: its language when that is one
/// of [`QUOTE_LANGUAGES`] and a confident guess, English otherwise.
fn language_of(article: &Article) -> &'static str {
    match article.language.as_deref() {
        Some(language) if article.language_confidence.unwrap_or(0.0) >= Reads::CONFIDENT => {
            let primary = language.split(['-', '_']).next().unwrap_or(language);
            QUOTE_LANGUAGES.iter().copied().find(|l| l.eq_ignore_ascii_case(primary)).unwrap_or("en")
        }
        _ => "en",
    }
}

/// The quote finder. Holds no resources beyond its static word lists.
#[derive(Debug, Default)]
pub struct Quotes {}

impl Quotes {
    pub fn new() -> Self {
        Quotes {}
    }

    /// The quotes of `article`, in text order.
    pub fn find(&self, article: &Article) -> Vec<Quote> {
        let text = article.text.as_str();
        if text.trim().is_empty() {
            return Vec::new();
        }
        let language = language_of(article);
        let lex = if language == "en" { Lexicon::english() } else { Lexicon::for_language(language) };
        let quotes = marks::pair(text);
        let mut tokens = text::tokenize(text, WordRules::for_language(Some(language)));
        text::assign_quotes(&mut tokens, &quotes);
        // English keeps lines as its fallback sentences; the other languages cut them at full stops.
        let sentences = text::sentences(&tokens, &article.analysis.sentences, language != "en");
        let doc = Doc::new(&tokens, &quotes, &sentences, lex);
        let (mut found, used) = attribution::direct(&doc);
        found.extend(attribution::indirect(&doc, &used));
        attribution::trim_at_other_speakers(&tokens, &mut found);
        found.sort_by_key(|a| (a.content.start(), a.content.end(), a.cue.0));
        found.dedup_by(|a, b| a.content == b.content && a.cue == b.cue);

        let index = CharIndex::new(text);
        let mentions = entity_mentions(article, &index);
        let inside_quote = |span: ByteSpan| {
            let q = quotes.partition_point(|q| q.outer.end() <= span.start());
            quotes.get(q).is_some_and(|q| q.outer.start() <= span.start() && span.end() <= q.outer.end())
        };
        let mention = |span: ByteSpan| Mention { span: index.to_chars(span), text: span.slice(text).to_string() };
        let token_span = |range: (usize, usize)| {
            let start = tokens[range.0].span.start();
            let end = tokens[range.1.saturating_sub(1).max(range.0)].span.end();
            ByteSpan::new(start, end)
        };
        found
            .iter()
            .map(|a: &Attribution| {
                let speaker_span = a.speaker.map(token_span);
                let speaker = speaker_span.and_then(|span| {
                    speaker::overlapping(&mentions, span).or_else(|| {
                        let words = &tokens[a.speaker?.0..a.speaker?.1];
                        let pronoun = match words {
                            [only] => lex.pronoun(&only.lower)?,
                            _ => return None,
                        };
                        speaker::antecedent(&mentions, pronoun, span.start(), inside_quote)
                    })
                });
                let content = mention(a.content);
                Quote {
                    kind: a.kind,
                    span: content.span,
                    text: content.text,
                    cue: Some(mention(token_span(a.cue))),
                    speaker: speaker.and_then(|e| article.entities.get(e)).map(|e| e.id.clone()),
                    speaker_mention: speaker_span.map(mention),
                }
            })
            .collect()
    }
}

/// Every mention of the entity layer as a byte span, sorted by start.
fn entity_mentions(article: &Article, index: &CharIndex) -> Vec<EntityMention> {
    let mut out: Vec<EntityMention> = article
        .entities
        .iter()
        .enumerate()
        .flat_map(|(entity, e)| {
            e.mentions.iter().filter(|m| !m.span.is_empty()).map(move |m| EntityMention {
                span: index.to_bytes(m.span),
                entity,
                kind: e.kind,
            })
        })
        .collect();
    out.sort_by_key(|m| (m.span.start(), m.span.end()));
    out
}

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn reads(&self) -> Reads {
        Reads::Only(QUOTE_LANGUAGES)
    }

    fn annotate(&self, article: &mut Article) {
        article.quotes = self.find(article);
    }
}
