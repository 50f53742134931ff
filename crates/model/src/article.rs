//! The article record and the layers the clean stage fills.

use serde::{Deserialize, Serialize};

use crate::{ByteSpan, CharSpan, Count, Entity, Event, Place, Quote, Theme, Timex, Tone};

/// A stable article identifier: a hash of the canonical URL, else of the clean text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// The id of an article: FNV-1a 64 of its canonical URL if it has one, else of its text.
    pub fn derive(url: Option<&str>, text: &str) -> Self {
        let key = match url {
            Some(url) if !url.trim().is_empty() => canonical_url(url),
            _ => text.to_string(),
        };
        ArticleId(format!("{:016x}", fnv1a64(key.as_bytes())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ArticleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The URL with scheme, `www.`, fragment, common tracking parameters and a trailing slash removed.
pub fn canonical_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let without_www = without_scheme.strip_prefix("www.").unwrap_or(without_scheme);
    let (path, query) = without_www.split_once('?').unwrap_or((without_www, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("utm_") && !p.starts_with("fbclid") && !p.starts_with("gclid"))
        .collect();
    let mut canonical = path.trim_end_matches('/').to_ascii_lowercase();
    if !kept.is_empty() {
        canonical.push('?');
        canonical.push_str(&kept.join("&"));
    }
    canonical
}

fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// One news article: the record newsgraph emits, one JSON object per article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Article {
    pub id: ArticleId,
    pub source: Source,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub site: Option<String>,
    pub language: Option<String>,
    /// Confidence of the language guess in `[0, 1]`.
    pub language_confidence: Option<f32>,
    pub published: Option<Published>,
    pub images: Vec<Image>,
    pub sections: Vec<Section>,
    /// The clean body: paragraphs separated by a blank line. All offsets point into it.
    pub text: String,
    pub removed: Vec<Removed>,
    pub entities: Vec<Entity>,
    pub places: Vec<Place>,
    pub quotes: Vec<Quote>,
    pub times: Vec<Timex>,
    pub counts: Vec<Count>,
    pub tone: Option<Tone>,
    pub themes: Vec<Theme>,
    pub events: Vec<Event>,
    pub errors: Vec<StageError>,
    /// The stages not run because the article's language is not one their models read.
    ///
    /// Not serialized: the record says the same in an `errors` entry whose
    /// `stage` is `"language"` (the pipeline writes it from this value), kept
    /// for readers of the JSON. Code reads this field, never that entry, so a
    /// record read back from JSON has `None` here.
    #[serde(skip)]
    pub skipped: Option<SkippedStages>,
    /// Working layers shared between stages (tokens, sentences, raw NER spans); not serialized.
    #[serde(skip)]
    pub analysis: Analysis,
}

impl Article {
    /// An article whose clean text is given (the `.jsonl` input path): no clean stage runs.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        let id = id.into();
        Article {
            id: ArticleId(id.clone()),
            source: Source { id: Some(id), format: SourceFormat::Jsonl, ..Source::default() },
            text: text.into(),
            ..Article::default()
        }
    }

    /// Notes that `stage` failed or degraded on this article; the batch goes on.
    pub fn record_error(&mut self, stage: &str, message: impl Into<String>) {
        self.errors.push(StageError { stage: stage.to_string(), message: message.into() });
    }

    /// The publication date as `YYYY-MM-DD`, if known: the anchor for relative times.
    pub fn published_date(&self) -> Option<&str> {
        let value = self.published.as_ref()?.value.as_str();
        value.get(..10).filter(|d| d.len() == 10)
    }
}

/// Where the article came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Source {
    pub path: Option<String>,
    pub url: Option<String>,
    pub format: SourceFormat,
    pub fetched_at: Option<String>,
    /// The id a `.jsonl` input line carried, kept verbatim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The record's position inside a container file (WARC record number, JSONL line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    #[default]
    Html,
    Text,
    Warc,
    Jsonl,
}

/// The publication time and the evidence it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// ISO 8601: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS]` when the time is known.
    pub value: String,
    pub from: DateSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    Dateline,
    Meta,
    Jsonld,
    Time,
    Url,
    Text,
    /// Given by the user (`--published`) or the input record.
    Given,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub url: Option<String>,
    pub caption: Option<String>,
}

/// A sub-heading of the body and where its section starts in `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    /// Code-point offset in `text` of the first paragraph under the heading.
    pub start: usize,
}

/// A block the clean stage dropped, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub text: String,
    pub reason: RemovalReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RemovalReason {
    Spam,
    Navigation,
    CaptionDuplicate,
    CallToAction,
    Share,
    Comments,
    Related,
    Footer,
    CookieNotice,
    Advertisement,
    Byline,
    Dateline,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageError {
    pub stage: String,
    pub message: String,
}

/// Stages that did not run on an article because of its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedStages {
    /// The article's language code as the clean stage guessed it; empty when unknown.
    pub language: String,
    /// The names of the stages not run ([`crate::Stage::name`]), in pipeline order.
    pub stages: Vec<&'static str>,
}

/// The message of the record's `errors` entry for these stages.
impl std::fmt::Display for SkippedStages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "not run on an article in \"{}\", a language their models do not read: {}",
            self.language,
            self.stages.join(", ")
        )
    }
}

/// Working layers that stages share but the record does not carry.
///
/// All spans are byte spans into [`Article::text`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    pub sentences: Vec<ByteSpan>,
    /// Named-entity spans as the NER model labelled them, before linking and merging.
    pub ner: Vec<NerSpan>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: ByteSpan,
    /// Whitespace follows the token in the text.
    pub space_after: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NerSpan {
    pub span: ByteSpan,
    pub label: crate::EntityType,
    /// Index of the first token of the span in [`Analysis::tokens`].
    pub first_token: usize,
    /// Index one past the last token of the span.
    pub end_token: usize,
}

/// A fact's evidence as it appears in the record: a span of `text` and the text it covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "crate::wire::Mention")]
pub struct Mention {
    /// Written as `start` and `end` (see `wire` for how it is read).
    #[serde(flatten)]
    pub span: CharSpan,
    pub text: String,
}

impl Mention {
    /// The mention of `span` in `text`.
    pub fn of(span: CharSpan, text: &str) -> Self {
        Mention { span, text: span.slice(text).to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_url_ignores_scheme_www_tracking_and_fragment() {
        assert_eq!(canonical_url("https://www.Example.com/a/b/?utm_source=x&id=3#top"), "example.com/a/b?id=3");
        assert_eq!(
            ArticleId::derive(Some("http://example.com/a"), "x"),
            ArticleId::derive(Some("https://www.example.com/a/"), "y")
        );
        assert_ne!(ArticleId::derive(None, "x"), ArticleId::derive(None, "y"));
    }

    #[test]
    fn record_round_trips_through_json() {
        let mut article = Article::from_text("a", "Hello");
        article.published = Some(Published { value: "2021-12-30T16:06".into(), from: DateSource::Dateline });
        let json = serde_json::to_string(&article).unwrap();
        let back: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(back, article);
        assert_eq!(back.published_date(), Some("2021-12-30"));
    }

    #[test]
    fn skipped_stages_stay_off_the_wire() {
        let plain = Article::from_text("a", "Hallo");
        let mut noted = plain.clone();
        noted.skipped = Some(SkippedStages { language: "de".into(), stages: vec!["nlp", "events"] });
        assert_eq!(serde_json::to_string(&noted).unwrap(), serde_json::to_string(&plain).unwrap());
        assert_eq!(
            noted.skipped.unwrap().to_string(),
            "not run on an article in \"de\", a language their models do not read: nlp, events"
        );
    }

    #[test]
    fn spans_are_written_inline_where_start_and_end_were() {
        let text = "Kyiv said no";
        let quote = crate::Quote {
            kind: crate::QuoteKind::Indirect,
            span: CharSpan::new(10, 12),
            text: "no".into(),
            cue: Some(Mention::of(CharSpan::new(5, 9), text)),
            speaker: None,
            speaker_mention: None,
        };
        let json = serde_json::to_string(&quote).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"indirect","start":10,"end":12,"text":"no","cue":{"start":5,"end":9,"text":"said"},"speaker":null,"speaker_mention":null}"#
        );
        assert_eq!(serde_json::from_str::<crate::Quote>(&json).unwrap(), quote);
        let inverted = json.replacen(r#""start":5"#, r#""start":50"#, 1);
        assert!(serde_json::from_str::<crate::Quote>(&inverted).is_err());
    }
}
