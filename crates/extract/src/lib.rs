//! The clean stage: a raw news page in, a clean [`Article`] out.
//!
//! It decodes the page's charset, finds the article body and its metadata
//! (title, authors, publication date, site, language, images and captions,
//! sub-headings), and drops boilerplate — navigation, injected spam, calls to
//! action, share and comment blocks, related links, footers — recording each
//! dropped block with its reason in [`Article::removed`]. HTML pages and plain
//! text scrapes (no markup) are both handled, without per-site rules. It does
//! not read files (see `newsgraph-source`) or analyse the text further.
//!
//! ```
//! use newsgraph_extract::Cleaner;
//! use newsgraph_model::SourceFormat;
//! use newsgraph_source::Page;
//! let html = "<html><head><title>Talks resume | Daily</title></head><body>\
//!     <nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Talks resume</h1>\
//!     <p>Talks were underway Thursday between the two presidents, officials said, as \
//!     tensions grew over troop movements near the border.</p></article></body></html>";
//! let page = Page { bytes: html.as_bytes().to_vec(), format: SourceFormat::Html, ..Page::default() };
//! let article = Cleaner::new().clean(&page).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Talks resume"));
//! assert!(article.text.starts_with("Talks were underway Thursday"));
//! assert!(!article.text.contains("Home"));
//! ```

mod charset;
mod dates;
mod html;
mod lang;
mod text;

pub use dates::parse_date;
pub use html::PAGE_FEATURES as PAGE_TYPE_FEATURES;

use newsgraph_model::{Article, ArticleId, Source, SourceFormat};
use newsgraph_source::Page;

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("the page is empty")]
    Empty,
    #[error("the page is not text (binary data: {0})")]
    Binary(String),
    #[error("no article text found")]
    NoText,
}

/// Cleans pages. Holds no mutable state; one value serves every thread.
#[derive(Debug, Clone, Default)]
pub struct Cleaner {}

/// How many characters of the body the language guess reads: enough for a stable guess.
const LANGUAGE_SAMPLE_BYTES: usize = 1200;

impl Cleaner {
    pub fn new() -> Self {
        Cleaner {}
    }

    pub fn clean(&self, page: &Page) -> Result<Article, ExtractError> {
        self.clean_inner(page, false).map(|(article, _)| article)
    }

    /// [`Cleaner::clean`], also returning the page-type classifier's features (named by
    /// [`PAGE_TYPE_FEATURES`]; empty for text scrapes): what `models/page_type/train.py` learns from.
    pub fn clean_with_page_features(&self, page: &Page) -> Result<(Article, Vec<f32>), ExtractError> {
        self.clean_inner(page, true)
    }

    fn clean_inner(&self, page: &Page, want_features: bool) -> Result<(Article, Vec<f32>), ExtractError> {
        if page.bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ExtractError::Empty);
        }
        let looks_html = sniff_html(&page.bytes, page.format);
        let decoded = charset::decode(&page.bytes, page.content_type.as_deref(), page.url.as_deref(), looks_html);
        if let Some(why) = binary(&decoded) {
            return Err(ExtractError::Binary(why));
        }
        let mut article = Article::default();
        let mut declared_lang = None;
        let mut canonical = None;
        let mut features = Vec::new();
        if looks_html {
            let hints = html::extract(&decoded, page.url.as_deref(), &mut article, want_features);
            declared_lang = hints.lang;
            canonical = hints.canonical;
            features = hints.page_features;
        } else {
            text::clean_text_scrape(&decoded, &mut article);
        }
        if article.text.trim().is_empty() {
            return Err(ExtractError::NoText);
        }
        // The input's own URL wins; a page read from a file names itself by its canonical link.
        let url = page.url.clone().or(canonical);
        if article.site.is_none() {
            article.site = url.as_deref().and_then(html::domain);
        }
        detect_language(&mut article, declared_lang.as_deref());
        article.id = ArticleId::derive(page.url.as_deref(), &article.text);
        article.source = Source {
            path: page.path.clone(),
            url,
            format: page.container.unwrap_or(if looks_html { SourceFormat::Html } else { SourceFormat::Text }),
            fetched_at: page.fetched_at.clone(),
            record: page.record,
            id: None,
        };
        Ok((article, features))
    }
}

/// Whether the bytes are HTML, whatever the file was called: a `.txt` holding a saved
/// page is HTML, and a `.html` holding a plain text scrape is text.
fn sniff_html(bytes: &[u8], format: SourceFormat) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let start: Vec<u8> = head
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
        .take(16)
        .map(u8::to_ascii_lowercase)
        .collect();
    if start.starts_with(b"<!doctype")
        || start.starts_with(b"<html")
        || start.starts_with(b"<?xml")
        || start.starts_with(b"<!--")
        || start.starts_with(b"<head")
    {
        return true;
    }
    // Count tags that only markup has; prose with a stray `<` has none of them.
    let mut tags = 0;
    for needle in [&b"<p"[..], b"<div", b"<br", b"<a ", b"<span", b"<meta", b"<body", b"<table", b"<li", b"</"] {
        tags += memchr::memmem::find_iter(head, needle).take(10).count();
    }
    match format {
        SourceFormat::Html => tags >= 2,
        _ => tags >= 8,
    }
}

/// Why decoded text is not text: control characters or undecodable bytes dominate.
fn binary(text: &str) -> Option<String> {
    const SAMPLE: usize = 8192;
    let is_bad = |c: char| c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'));
    // The first SAMPLE characters, ASCII in blocks the compiler vectorises (there a
    // character is a byte), the rest decoded one by one.
    let bytes = text.as_bytes();
    let (mut total, mut bad, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() && total < SAMPLE {
        let end = bytes.len().min(i + 64).min(i + SAMPLE - total);
        let block = &bytes[i..end];
        let (mut high, mut control) = (0u8, 0u8);
        for &b in block {
            high |= b;
            control += u8::from((b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | b'\x0c')) || b == 0x7f);
        }
        if high < 0x80 {
            total += block.len();
            bad += usize::from(control);
            i = end;
            continue;
        }
        while i < end && total < SAMPLE {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else { break };
            i += c.len_utf8();
            total += 1;
            bad += usize::from(is_bad(c));
        }
        if text.get(i..).is_none() {
            break;
        }
    }
    if total == 0 {
        return None;
    }
    (bad * 10 > total).then(|| format!("{bad} of the first {total} characters are control or undecodable bytes"))
}

fn detect_language(article: &mut Article, declared: Option<&str>) {
    let sample = match article.text.char_indices().find(|(i, _)| *i >= LANGUAGE_SAMPLE_BYTES) {
        Some((end, _)) => &article.text[..end],
        None => &article.text,
    };
    let declared =
        declared.and_then(|l| l.split(['-', '_']).next()).filter(|l| l.len() == 2).map(str::to_ascii_lowercase);
    // Function words settle most pages at a fraction of the trigram model's cost.
    if let Some((code, confidence)) = lang::by_function_words(sample) {
        article.language = Some(code.to_string());
        article.language_confidence = Some(confidence);
        return;
    }
    match whatlang::detect(sample) {
        Some(info) if info.is_reliable() || declared.is_none() => {
            let code = iso639_1(info.lang()).map_or_else(|| info.lang().code().to_string(), str::to_string);
            // A page's own declaration breaks near-ties between close languages.
            let confidence = info.confidence() as f32;
            if declared.as_deref().is_some_and(|d| d != code) && confidence < 0.5 {
                article.language = declared;
                article.language_confidence = Some(0.5);
            } else {
                article.language = Some(code);
                article.language_confidence = Some(confidence);
            }
        }
        _ => {
            article.language_confidence = declared.as_ref().map(|_| 0.5);
            article.language = declared;
        }
    }
}

/// ISO 639-1 code of a whatlang language, where one exists.
fn iso639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Epo => "eo",
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod binary_tests {
    use super::binary;

    /// The definition `binary` counts by: over the first 8192 characters.
    fn reference(text: &str) -> Option<String> {
        let sample: Vec<char> = text.chars().take(8192).collect();
        let bad = sample
            .iter()
            .filter(|&&c| c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')))
            .count();
        (!sample.is_empty() && bad * 10 > sample.len())
            .then(|| format!("{bad} of the first {} characters are control or undecodable bytes", sample.len()))
    }

    #[test]
    fn counts_agree_with_the_definition() {
        let pieces = ["a", "\u{1}", "\x7f", "\u{85}", "\u{fffd}", "é", "\n", "日本語", "\x0c"];
        for (i, a) in pieces.iter().enumerate() {
            for b in &pieces[i..] {
                for len in [1, 7, 63, 64, 65, 700, 5000] {
                    let text = format!("{}{}", a.repeat(len), b.repeat(len * 3));
                    assert_eq!(binary(&text), reference(&text), "{a:?} {b:?} {len}");
                }
            }
        }
        assert_eq!(binary(""), None);
    }
}
