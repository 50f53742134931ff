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
//! The same codes have phrases in German, French, Spanish, Italian,
//! Portuguese, Dutch, Polish and Russian (`models/themes/<lang>.tsv`,
//! [`THEME_LANGUAGES`]), used for an article confidently in that language. Those
//! match word by word on lowercased text: a phrase word ending in `*` matches
//! every word that begins with it, which is how the inflecting languages list
//! their forms (`войн*`, `sankcj*`); the words of a phrase may be separated by
//! spaces, hyphens or apostrophes only (`cessez-le-feu`, `l'armée` is `l` +
//! `armée`). The phrase with the most words wins, then the one with the most
//! letters. An article of unknown or weakly guessed language is read with the
//! English phrases, as before; one confidently in another language gets no
//! themes (the pipeline skips the stage through [`Stage::reads`]).
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
use newsgraph_model::{Article, ByteSpan, CharSpan, Reads, Stage, Theme};

use crate::hash::WordMap;
use crate::offsets::CharCursor;

const TAXONOMY: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/themes/taxonomy.tsv"));

/// The languages with theme phrases (ISO 639-1), English first.
pub const THEME_LANGUAGES: &[&str] = &["en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru"];

/// The phrase file of each of [`THEME_LANGUAGES`] after English, in that order.
const PHRASES: [&str; 8] = [
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/themes/de.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/themes/fr.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/themes/es.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/themes/it.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/themes/pt.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/themes/nl.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/themes/pl.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/themes/ru.tsv")),
];

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

/// Every (code, phrase) rule of a language's phrase file (`CODE<TAB>phrase|phrase`).
fn language_rules(file: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    file.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).flat_map(|line| {
        let (code, phrases) = line.split_once('\t').unwrap_or(("", ""));
        let code = code.trim();
        phrases.split('|').map(str::trim).filter(move |p| !p.is_empty() && !code.is_empty()).map(move |p| (code, p))
    })
}

/// Lowercase, with the Russian "ё" written "е" (as news text mostly does).
fn fold(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).map(|c| if c == 'ё' { 'е' } else { c }).collect()
}

/// One word of a phrase: the whole word, or (`*`) its beginning.
#[derive(Debug)]
struct WordPattern {
    text: String,
    prefix: bool,
}

#[derive(Debug)]
struct Phrase {
    words: Vec<WordPattern>,
    codes: Vec<&'static str>,
    /// How specific the phrase is, compared where several match at one word: words, letters, whole words.
    rank: (usize, usize, usize),
}

impl Phrase {
    /// Whether the phrase matches the words at the start of `words`.
    fn matches(&self, words: &[TextWord]) -> bool {
        words.len() >= self.words.len()
            && self.words.iter().zip(words).enumerate().all(|(i, (pattern, word))| {
                (i == 0 || words[i - 1].joined)
                    && if pattern.prefix { word.text.starts_with(&pattern.text) } else { word.text == pattern.text }
            })
    }
}

/// The compiled phrases of one language other than English, found by their first word.
#[derive(Debug, Default)]
struct WordRules {
    phrases: Vec<Phrase>,
    by_word: WordMap<String, Vec<usize>>,
    by_prefix: WordMap<String, Vec<usize>>,
}

impl WordRules {
    fn compile(file: &'static str) -> Self {
        let mut rules = WordRules::default();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (code, phrase) in language_rules(file) {
            let words: Vec<WordPattern> = phrase
                .split(|c: char| !(c.is_alphanumeric() || c == '*'))
                .filter(|w| !w.trim_matches('*').is_empty())
                .map(|w| WordPattern { text: fold(w.trim_matches('*')), prefix: w.ends_with('*') })
                .collect();
            let Some(first) = words.first() else { continue };
            let key: Vec<String> =
                words.iter().map(|w| format!("{}{}", w.text, if w.prefix { "*" } else { "" })).collect();
            let key = key.join(" ");
            let slot = match index.get(&key) {
                Some(&slot) => slot,
                None => {
                    let slot = rules.phrases.len();
                    let map = if first.prefix { &mut rules.by_prefix } else { &mut rules.by_word };
                    map.entry(first.text.clone()).or_default().push(slot);
                    let letters = words.iter().map(|w| w.text.chars().count()).sum();
                    let whole = words.iter().filter(|w| !w.prefix).count();
                    let rank = (words.len(), letters, whole);
                    rules.phrases.push(Phrase { words, codes: Vec::new(), rank });
                    index.insert(key, slot);
                    slot
                }
            };
            if !rules.phrases[slot].codes.contains(&code) {
                rules.phrases[slot].codes.push(code);
            }
        }
        rules
    }

    /// The most specific phrase that matches at the start of `words`.
    fn best(&self, words: &[TextWord]) -> Option<&Phrase> {
        let first = &words.first()?.text;
        let exact = self.by_word.get(first.as_str()).into_iter().flatten();
        let prefixes = first
            .char_indices()
            .map(|(at, c)| at + c.len_utf8())
            .filter_map(|end| self.by_prefix.get(&first[..end]))
            .flatten();
        let mut best: Option<&Phrase> = None;
        for &slot in exact.chain(prefixes) {
            let phrase = &self.phrases[slot];
            if phrase.matches(words) && best.is_none_or(|b| phrase.rank > b.rank) {
                best = Some(phrase);
            }
        }
        best
    }

    /// Every theme occurrence in `text`, in text order, as code-point spans.
    fn find(&self, text: &str) -> Vec<Theme> {
        let words = text_words(text);
        let mut out = Vec::new();
        let mut at = 0;
        while at < words.len() {
            match self.best(&words[at..]) {
                Some(phrase) => {
                    let last = &words[at + phrase.words.len() - 1];
                    let span = CharSpan::new(words[at].start, last.end);
                    for code in &phrase.codes {
                        out.push(Theme { code: (*code).to_string(), span });
                    }
                    at += phrase.words.len();
                }
                None => at += 1,
            }
        }
        out
    }
}

/// A word of the text: its code-point span, its folded form, and whether only spaces, hyphens or
/// apostrophes separate it from the next word (a phrase may continue there).
#[derive(Debug)]
struct TextWord {
    start: usize,
    end: usize,
    text: String,
    joined: bool,
}

fn text_words(text: &str) -> Vec<TextWord> {
    let mut words: Vec<TextWord> = Vec::new();
    let mut current: Option<TextWord> = None;
    let mut gap_joins = true;
    for (i, c) in text.chars().enumerate() {
        if c.is_alphanumeric() {
            let word = current.get_or_insert_with(|| {
                if let Some(previous) = words.last_mut() {
                    previous.joined = gap_joins;
                }
                TextWord { start: i, end: i, text: String::new(), joined: false }
            });
            word.end = i + 1;
            word.text.extend(c.to_lowercase().map(|c| if c == 'ё' { 'е' } else { c }));
        } else {
            if let Some(word) = current.take() {
                words.push(word);
                gap_joins = true;
            }
            gap_joins &= c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\'' | '’');
        }
    }
    words.extend(current);
    words
}

fn word_rules(index: usize) -> &'static WordRules {
    static COMPILED: [OnceLock<WordRules>; 8] = [const { OnceLock::new() }; 8];
    COMPILED[index].get_or_init(|| WordRules::compile(PHRASES[index]))
}

/// The index in [`THEME_LANGUAGES`] of the phrases for `article`: its language when that is a
/// confident guess (`None` when that language has none), English otherwise.
fn rules_for(article: &Article) -> Option<usize> {
    match article.language.as_deref() {
        Some(language) if article.language_confidence.unwrap_or(0.0) >= Reads::CONFIDENT => {
            THEME_LANGUAGES.iter().position(|l| *l == language)
        }
        _ => Some(0),
    }
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

    /// Every theme occurrence in `text` read as `language` (ISO 639-1), in text order; none when
    /// the language has no phrases ([`THEME_LANGUAGES`]).
    pub fn find_in(&self, text: &str, language: &str) -> Vec<Theme> {
        match THEME_LANGUAGES.iter().position(|l| *l == language) {
            Some(0) => self.find(text),
            Some(index) => word_rules(index - 1).find(text),
            None => Vec::new(),
        }
    }
}

impl Stage for Themes {
    fn name(&self) -> &'static str {
        "themes"
    }

    fn reads(&self) -> Reads {
        // The languages with theme phrases.
        Reads::Only(THEME_LANGUAGES)
    }

    fn annotate(&self, article: &mut Article) {
        match rules_for(article) {
            Some(0) => {
                if taxonomy().is_none() {
                    article.record_error("themes", "the theme taxonomy did not compile");
                    return;
                }
                article.themes = self.find(&article.text);
            }
            Some(index) => article.themes = word_rules(index - 1).find(&article.text),
            None => article.themes = Vec::new(),
        }
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

    fn found(text: &str, language: &str) -> Vec<(String, String)> {
        let mut article = Article::from_text("t", text);
        article.language = Some(language.into());
        article.language_confidence = Some(0.9);
        assert!(Themes::new().reads().covers(&article), "{language}");
        Themes::new().annotate(&mut article);
        assert_eq!(article.themes, Themes::new().find_in(text, language));
        article.themes.iter().map(|t| (t.code.clone(), t.span.slice(text).to_string())).collect()
    }

    fn has(found: &[(String, String)], code: &str, words: &str) -> bool {
        found.iter().any(|(c, w)| c == code && w == words)
    }

    #[test]
    fn every_language_has_every_code() {
        let codes: Vec<&str> = {
            let mut codes: Vec<&str> = rules().map(|(c, _)| c).collect();
            codes.dedup();
            codes
        };
        for (index, file) in PHRASES.iter().enumerate() {
            let language = THEME_LANGUAGES[index + 1];
            let mut seen: Vec<&str> = language_rules(file).map(|(c, _)| c).collect();
            seen.dedup();
            assert_eq!(seen, codes, "{language}: the codes of taxonomy.tsv, in its order");
            for code in &codes {
                let n = language_rules(file).filter(|(c, _)| c == code).count();
                assert!(n >= 5, "{language} {code}: {n} phrases");
            }
            for (code, phrase) in language_rules(file) {
                assert_eq!(phrase, fold(phrase), "{language} {code}: lowercase");
                for word in phrase.split(|c: char| !(c.is_alphanumeric() || c == '*')).filter(|w| w.ends_with('*')) {
                    assert!(word.chars().count() > 3, "{language} {code}: a stem of three letters or more: {phrase}");
                }
            }
            let rules = word_rules(index);
            assert!(rules.phrases.len() > 400 && !rules.by_prefix.is_empty(), "{language}");
        }
    }

    #[test]
    fn german_themes_with_compounds_and_endings() {
        let text = "Nach dem Luftangriff auf die Hauptstadt verhängte die Europäische Union neue Sanktionen. \
                    Zwölf Menschen wurden getötet; Kriegsverbrechen werden untersucht.";
        let f = found(text, "de");
        assert!(has(&f, "ARMED_CONFLICT", "Luftangriff"), "{f:?}");
        assert!(has(&f, "ALLIANCES", "Europäische Union"), "{f:?}");
        assert!(has(&f, "SANCTIONS", "Sanktionen"), "{f:?}");
        assert!(has(&f, "CASUALTIES", "getötet"), "{f:?}");
        // The longer stem wins: a war crime, not a war.
        assert!(has(&f, "HUMAN_RIGHTS", "Kriegsverbrechen"), "{f:?}");
        assert!(!has(&f, "ARMED_CONFLICT", "Kriegsverbrechen"), "{f:?}");
    }

    #[test]
    fn french_themes_after_elided_articles() {
        let text = "Les pourparlers de paix ont échoué : l'armée a bombardé la ville, faisant des dizaines \
                    de morts. C'était la guerre. Froide, la nuit tombait.";
        let f = found(text, "fr");
        assert!(has(&f, "NEGOTIATIONS", "pourparlers de paix"), "{f:?}");
        assert!(has(&f, "MILITARY", "armée"), "{f:?}");
        assert!(has(&f, "CASUALTIES", "morts"), "{f:?}");
        // A phrase does not run over a full stop: "guerre. Froide" is no cold war.
        assert!(has(&f, "ARMED_CONFLICT", "guerre"), "{f:?}");
        assert!(!f.iter().any(|(c, _)| c == "HISTORY"), "{f:?}");
        assert!(has(&found("Le CESSEZ-LE-FEU tient.", "fr"), "ARMED_CONFLICT", "CESSEZ-LE-FEU"));
    }

    #[test]
    fn russian_themes_through_stems() {
        let text = "Российские войска продолжают обстрелы Харькова, погибли мирные жители. \
                    Евросоюз ввёл новые санкции, а Совет Безопасности ООН соберётся в пятницу.";
        let f = found(text, "ru");
        assert!(has(&f, "MILITARY", "войска"), "{f:?}");
        assert!(has(&f, "ARMED_CONFLICT", "обстрелы"), "{f:?}");
        assert!(has(&f, "CASUALTIES", "погибли"), "{f:?}");
        assert!(has(&f, "ALLIANCES", "Евросоюз"), "{f:?}");
        assert!(has(&f, "SANCTIONS", "санкции"), "{f:?}");
        assert!(has(&f, "ALLIANCES", "Совет Безопасности"), "{f:?}");
        // Spans are code points: the text before is Cyrillic.
        let themes = Themes::new().find_in(text, "ru");
        let war = themes.iter().find(|t| t.code == "ARMED_CONFLICT").map(|t| t.span);
        assert_eq!(war.map(|s| (s.start(), s.end())), Some((29, 37)));
        assert!(has(&found("ВОЙНА и мир", "ru"), "ARMED_CONFLICT", "ВОЙНА"));
    }

    #[test]
    fn other_languages_find_their_themes() {
        for (language, text, code, words) in [
            ("es", "El alto el fuego entró en vigor.", "ARMED_CONFLICT", "alto el fuego"),
            ("it", "Le sanzioni contro Mosca restano.", "SANCTIONS", "sanzioni"),
            ("pt", "As eleições presidenciais foram adiadas.", "ELECTIONS", "eleições"),
            ("nl", "De vluchtelingen kwamen over de grens.", "REFUGEES", "vluchtelingen"),
            ("pl", "Wojska rosyjskie ostrzelały miasto.", "MILITARY", "Wojska"),
        ] {
            let f = found(text, language);
            assert!(has(&f, code, words), "{language}: {f:?}");
        }
    }

    #[test]
    fn english_reading_is_unchanged() {
        let seed = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seed-article.txt"));
        let english = Themes::new().find(seed);
        assert_eq!(Themes::new().find_in(seed, "en"), english);
        for (language, confidence) in [(None, None), (Some("en"), Some(0.9)), (Some("de"), Some(0.2))] {
            let mut article = Article::from_text("t", seed);
            article.language = language.map(str::to_string);
            article.language_confidence = confidence;
            Themes::new().annotate(&mut article);
            assert_eq!(article.themes, english, "{language:?}");
        }
    }

    #[test]
    fn a_language_without_phrases_gets_no_themes_and_is_skipped() {
        let mut article = Article::from_text("t", "Kriget och sanktionerna fortsätter. War.");
        article.language = Some("sv".into());
        article.language_confidence = Some(0.9);
        assert!(!Themes::new().reads().covers(&article));
        Themes::new().annotate(&mut article);
        assert!(article.themes.is_empty());
        assert!(Themes::new().find_in(&article.text, "sv").is_empty());
    }
}
