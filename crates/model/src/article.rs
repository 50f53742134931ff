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

/// Query parameters that say how a reader arrived (campaign, click, share), not which
/// page they read: any `utm_*`, and these, from Facebook, Google Ads, Microsoft Ads,
/// Mailchimp, Instagram and Twitter share links.
const TRACKING_PARAMS: [&str; 8] = ["fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref_src"];

/// The one key of a URL, shared by article ids, the store's duplicate checks and the fetcher.
///
/// Parsed by WHATWG rules (the `url` crate): scheme and host are case-folded, a
/// default port, dot segments and the fragment go, characters a URL may not hold
/// are percent-encoded. Then the scheme, a leading `www.`, trailing `/`s and
/// tracking parameters (`utm_*` and the few in `TRACKING_PARAMS`) are dropped. The path keeps
/// its case (`/A` and `/a` can be two articles); its percent escapes are written in
/// lower case, as the keys made before this function had them, so ids stay put.
/// `HTTPS://WWW.Example.COM:443/A/b/?utm_source=x&id=3#top` is `example.com/A/b?id=3`.
///
/// Input that is no URL with a host (even after prefixing `http://`) is trimmed and
/// loses the same parts by plain string rules; it never fails.
pub fn canonical_url(url: &str) -> String {
    let url = url.trim();
    let with_host = |u: ::url::Url| u.has_host().then_some(u);
    let parsed = ::url::Url::parse(url).ok().and_then(with_host).or_else(|| {
        // `example.com/a`: a page URL written without its scheme.
        (!url.contains("://")).then(|| ::url::Url::parse(&format!("http://{url}")).ok().and_then(with_host)).flatten()
    });
    let Some(parsed) = parsed else { return canonical_text(url) };
    let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
    let mut canonical = host.strip_prefix("www.").unwrap_or(&host).to_string();
    if let Some(port) = parsed.port() {
        canonical.push_str(&format!(":{port}"));
    }
    push_lower_escapes(&mut canonical, parsed.path().trim_end_matches('/'));
    push_query(&mut canonical, parsed.query().unwrap_or(""));
    canonical
}

/// The fallback for text no URL parser accepts: the same parts dropped, the host part case-folded.
fn canonical_text(url: &str) -> String {
    let url = url.split('#').next().unwrap_or(url);
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = path.find('/').map_or((path, ""), |at| path.split_at(at));
    let host = host.to_ascii_lowercase();
    let mut canonical = host.strip_prefix("www.").unwrap_or(&host).to_string();
    canonical.push_str(path.trim_end_matches('/'));
    push_query(&mut canonical, query);
    canonical
}

/// Appends `path` with the hex digits of its `%XX` escapes in lower case.
fn push_lower_escapes(out: &mut String, path: &str) {
    let mut rest = path;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        match rest.get(at..at + 3).filter(|e| e.bytes().skip(1).all(|b| b.is_ascii_hexdigit())) {
            Some(escape) => {
                out.push_str(&escape.to_ascii_lowercase());
                rest = &rest[at + 3..];
            }
            None => {
                out.push('%');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
}

/// Appends `?` and the query's parameters as written, less empty and tracking ones.
fn push_query(out: &mut String, query: &str) {
    let kept: Vec<&str> = query
        .split('&')
        .filter(|param| {
            let name = param.split('=').next().unwrap_or("");
            !param.is_empty() && !name.starts_with("utm_") && !TRACKING_PARAMS.contains(&name)
        })
        .collect();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
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
    /// When the page says it was last updated, if that is later than `published` (same
    /// ISO form and evidence). Absent when the page states no update, or only one on the
    /// publication's own moment; never used to date events (that is `published`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<Published>,
    /// What kind of page this was (article, listing, forum, product...), decided by the
    /// clean stage; absent for ready-text input. Pages that are not news
    /// ([`Article::is_news`]) keep their text and metadata but skip events, tone and stories.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_type: Option<crate::PageType>,
    /// A live blog's entries, each with its own time and its span in `text` (see
    /// [`crate::LiveEntry`]); empty, and not written, for every other page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub live_entries: Vec<crate::LiveEntry>,
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
/// `tokens` and `sentences` are the text layer: the nlp stage fills them, and the
/// stages after it read them rather than split the text again. The linker reads
/// the tokens; the time and event finders take these sentences and split
/// words their own lighter way within them. (The quote finder still groups its
/// own sentences, which never split a quotation.) A caller that runs one of these
/// stages on its own gives it the layer first (`newsgraph_nlp::Nlp::segment`);
/// without it a stage reads the whole text as one sentence.
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
        assert_eq!(canonical_url("HTTPS://WWW.Example.COM:443/A/b/?utm_source=x&id=3#top"), "example.com/A/b?id=3");
        assert_eq!(
            ArticleId::derive(Some("http://example.com/a"), "x"),
            ArticleId::derive(Some("https://www.example.com/a/"), "y")
        );
        assert_ne!(ArticleId::derive(None, "x"), ArticleId::derive(None, "y"));
    }

    #[test]
    fn urls_differing_in_path_case_are_two_articles() {
        let (upper, lower) = ("https://example.com/News/Item?ID=7", "https://example.com/news/item?ID=7");
        assert_eq!(canonical_url(upper), "example.com/News/Item?ID=7");
        assert_ne!(ArticleId::derive(Some(upper), "x"), ArticleId::derive(Some(lower), "x"));
    }

    #[test]
    fn canonical_url_keeps_the_shape_of_earlier_ids() {
        // (input, the key the string rules gave before the `url` crate, which ids hash)
        for (url, before) in [
            ("https://www.example.com/2024/01/story.html", "example.com/2024/01/story.html"),
            ("http://example.com", "example.com"),
            ("https://example.com/?fbclid=x&gclid=y", "example.com"),
            ("https://example.com/a?b=1&&c=%2F+x", "example.com/a?b=1&c=%2F+x"),
            (
                "https://ru.example.com/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/",
                "ru.example.com/%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8",
            ),
            ("example.com/a/", "example.com/a"),
            ("http://localhost:8080/x", "localhost:8080/x"),
        ] {
            assert_eq!(canonical_url(url), before, "{url}");
        }
        // What the string rules got wrong: default ports, dot segments, other trackers.
        assert_eq!(canonical_url("http://example.com:80/a/../b?mc_cid=1&igshid=2&q"), "example.com/b?q");
        assert_eq!(canonical_url("https://example.com/caf\u{e9} x"), "example.com/caf%c3%a9%20x");
    }

    #[test]
    fn canonical_url_never_fails() {
        for junk in [
            "",
            "   ",
            "#",
            "?",
            "://",
            "http://",
            "http://[::1",
            "mailto:a@b",
            "%zz/%",
            "/Path/Only/",
            "\u{fffd}\u{0}",
        ] {
            let _ = canonical_url(junk);
        }
        assert_eq!(canonical_url("  WWW.Example.COM/Path/?utm_x=1  "), "example.com/Path");
        assert_eq!(canonical_url("http://[::1"), "[::1");
    }

    #[test]
    fn record_round_trips_through_json() {
        let mut article = Article::from_text("a", "Hello");
        article.published = Some(Published { value: "2021-12-30T16:06".into(), from: DateSource::Dateline });
        let json = serde_json::to_string(&article).unwrap();
        let back: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(back, article);
        assert_eq!(back.published_date(), Some("2021-12-30"));
        // `modified` is written only when present.
        assert!(!json.contains("\"modified\""));
        article.modified = Some(Published { value: "2022-01-02T09:00".into(), from: DateSource::Jsonld });
        let json = serde_json::to_string(&article).unwrap();
        assert!(json.contains(r#""modified":{"value":"2022-01-02T09:00","from":"jsonld"}"#));
        assert_eq!(serde_json::from_str::<Article>(&json).unwrap(), article);
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
