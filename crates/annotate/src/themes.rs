//! Themes from a documented taxonomy of phrase rules, with evidence spans.
//!
//! [`Themes`] fills [`Article::themes`] with one [`Theme`] per occurrence of a
//! taxonomy phrase: the code and the span of the matched words. The taxonomy
//! (`models/themes/taxonomy.tsv`, documented in `models/themes/README.md`)
//! has about 40 codes (ARMED_CONFLICT, MILITARY, NEGOTIATIONS, ...). Phrases
//! match case-insensitively on word boundaries with an optional plural
//! suffix, longest first, in one Aho-Corasick pass (linear in the text). It
//! does not weigh or rank themes, and it does not understand negation or
//! metaphor ("a war of words" is ARMED_CONFLICT evidence).
//!
//! ```
//! use newsgraph_annotate::Themes;
//! use newsgraph_model::{Article, Stage};
//! let mut article = Article::from_text("d", "Sanctions followed the invasion.");
//! Themes::new().annotate(&mut article);
//! let codes: Vec<&str> = article.themes.iter().map(|t| t.code.as_str()).collect();
//! assert_eq!(codes, ["SANCTIONS", "ARMED_CONFLICT"]);
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use newsgraph_model::{Article, ByteSpan, Reads, Stage, Theme};

use crate::offsets::CharCursor;

const TAXONOMY: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/themes/taxonomy.tsv"));

/// The compiled taxonomy: one automaton over every phrase, and the codes of each phrase.
#[derive(Debug)]
struct Taxonomy {
    matcher: AhoCorasick,
    codes: Vec<Vec<&'static str>>,
}

fn taxonomy() -> Option<&'static Taxonomy> {
    static LOADED: OnceLock<Option<Taxonomy>> = OnceLock::new();
    LOADED
        .get_or_init(|| {
            let mut index: HashMap<&'static str, usize> = HashMap::new();
            let mut phrases: Vec<&'static str> = Vec::new();
            let mut codes: Vec<Vec<&'static str>> = Vec::new();
            for (code, phrase) in rules() {
                let slot = *index.entry(phrase).or_insert_with(|| {
                    phrases.push(phrase);
                    codes.push(Vec::new());
                    phrases.len() - 1
                });
                if !codes[slot].contains(&code) {
                    codes[slot].push(code);
                }
            }
            let matcher = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&phrases)
                .ok()?;
            Some(Taxonomy { matcher, codes })
        })
        .as_ref()
}

/// Every (code, phrase) rule of the taxonomy file.
fn rules() -> impl Iterator<Item = (&'static str, &'static str)> {
    TAXONOMY.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).flat_map(|line| {
        let mut cells = line.split('\t');
        let code = cells.next().unwrap_or("").trim();
        let phrases = cells.nth(1).unwrap_or("");
        phrases.split('|').map(str::trim).filter(|p| !p.is_empty() && !code.is_empty()).map(move |p| (code, p))
    })
}

/// The matched words end at `end` or after a plural suffix, at a word boundary: where the match really ends.
fn word_end(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    for suffix in ["", "s", "es"] {
        if let Some(after) = rest.strip_prefix(suffix) {
            if !after.chars().next().is_some_and(char::is_alphanumeric) {
                return Some(end + suffix.len());
            }
        }
    }
    None
}

/// The theme tagger; cheap to build, the taxonomy compiles once per process.
#[derive(Debug, Default)]
pub struct Themes {}

impl Themes {
    pub fn new() -> Self {
        Themes {}
    }

    /// Every theme occurrence in `text`, in text order, as code-point spans.
    pub fn find(&self, text: &str) -> Vec<Theme> {
        let Some(taxonomy) = taxonomy() else { return Vec::new() };
        // Matches come in text order.
        let mut index = CharCursor::new(text);
        let mut out = Vec::new();
        for m in taxonomy.matcher.find_iter(text) {
            let starts_word = !text[..m.start()].chars().next_back().is_some_and(char::is_alphanumeric);
            let Some(end) = word_end(text, m.end()).filter(|_| starts_word) else { continue };
            let span = index.span_chars(ByteSpan::new(m.start(), end));
            for code in &taxonomy.codes[m.pattern().as_usize()] {
                out.push(Theme { code: (*code).to_string(), span });
            }
        }
        out
    }
}

impl Stage for Themes {
    fn name(&self) -> &'static str {
        "themes"
    }

    fn reads(&self) -> Reads {
        // English theme keywords.
        Reads::ENGLISH
    }

    fn annotate(&self, article: &mut Article) {
        if taxonomy().is_none() {
            article.record_error("themes", "the theme taxonomy did not compile");
            return;
        }
        article.themes = self.find(&article.text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taxonomy_has_forty_documented_codes() {
        let mut codes: Vec<&str> = rules().map(|(c, _)| c).collect();
        codes.dedup();
        assert_eq!(codes.len(), 40, "{codes:?}");
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/themes/README.md"));
        for code in &codes {
            assert!(readme.contains(&format!("| {code} |")), "{code} is not documented in models/themes/README.md");
        }
        assert!(taxonomy().is_some());
    }

    #[test]
    fn matches_words_not_substrings_and_allows_plurals() {
        let text = "The warm forward Elections drew Protests; a military invasion, Tanks.";
        let themes = Themes::new().find(text);
        let found: Vec<(&str, &str)> =
            themes.iter().map(|t| (t.code.as_str(), &text[t.span.start()..t.span.end()])).collect();
        assert!(found.contains(&("ELECTIONS", "Elections")), "{found:?}");
        assert!(found.contains(&("PROTEST", "Protests")), "{found:?}");
        assert!(found.contains(&("ARMED_CONFLICT", "military invasion")), "{found:?}");
        assert!(found.contains(&("MILITARY", "Tanks")), "{found:?}");
        assert!(!found.iter().any(|(_, w)| w.eq_ignore_ascii_case("war")), "{found:?}");
    }

    #[test]
    fn spans_are_code_points() {
        let text = "Nausėda warned of war.";
        let themes = Themes::new().find(text);
        assert_eq!(themes.len(), 1);
        let span = themes[0].span;
        assert_eq!(span.slice(text), "war");
    }

    #[test]
    fn seed_article_themes() {
        let seed = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seed-article.txt"));
        let themes = Themes::new().find(seed);
        for code in ["ARMED_CONFLICT", "MILITARY", "NEGOTIATIONS", "NUCLEAR", "ALLIANCES", "SOVEREIGNTY"] {
            assert!(themes.iter().any(|t| t.code == code), "{code} missing");
        }
    }
}
