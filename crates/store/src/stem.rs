//! The analyzers of the text fields, one per language the index knows: tantivy's
//! `en_stem` chain (simple tokenizer, tokens over 40 bytes dropped, lowercase,
//! Snowball stems) with the stemmer of each language, and each word's stem cached.
//!
//! rust-stemmers (the Snowball port tantivy uses) has stemmers for English, German,
//! French, Spanish, Italian, Portuguese, Dutch and Russian but none for Polish:
//! Polish text is only lowercased and folded to ASCII (`łódź` → `lodz`), so a
//! query finds the word's own form, with or without its diacritics.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer, TokenizerManager,
};

/// A language with text fields of its own in the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Language {
    /// ISO 639-1 code (`de`), as articles carry it.
    pub code: &'static str,
    /// The analyzer's name in the schema.
    pub analyzer: &'static str,
    /// Its Snowball stemmer; `None`: lowercase and ASCII folding only.
    pub stemmer: Option<Algorithm>,
}

/// The languages of the text fields, English first: it keeps the names the
/// index had before there were others (`title`, `body`, analyzer `en_stem`), so
/// every term an older index holds means what it meant, and it takes the
/// articles of every language not listed here.
pub(crate) const LANGUAGES: [Language; 9] = [
    Language { code: "en", analyzer: "en_stem", stemmer: Some(Algorithm::English) },
    Language { code: "de", analyzer: "de_stem", stemmer: Some(Algorithm::German) },
    Language { code: "fr", analyzer: "fr_stem", stemmer: Some(Algorithm::French) },
    Language { code: "es", analyzer: "es_stem", stemmer: Some(Algorithm::Spanish) },
    Language { code: "it", analyzer: "it_stem", stemmer: Some(Algorithm::Italian) },
    Language { code: "pt", analyzer: "pt_stem", stemmer: Some(Algorithm::Portuguese) },
    Language { code: "nl", analyzer: "nl_stem", stemmer: Some(Algorithm::Dutch) },
    Language { code: "pl", analyzer: "pl_fold", stemmer: None },
    Language { code: "ru", analyzer: "ru_stem", stemmer: Some(Algorithm::Russian) },
];

/// The position in [`LANGUAGES`] of the text fields for an article's language
/// code (`de`, `DE`, `de-AT`); English's (0) for any other or none.
pub(crate) fn language_slot(code: Option<&str>) -> usize {
    let Some(code) = code else { return 0 };
    let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
    LANGUAGES.iter().position(|l| l.code.eq_ignore_ascii_case(primary)).unwrap_or(0)
}

/// Registers the analyzer of every language under its name.
pub(crate) fn register(manager: &TokenizerManager) {
    for language in LANGUAGES {
        manager.register(language.analyzer, analyzer(language.stemmer));
    }
}

/// Words whose stems are kept before the cache starts over.
const CACHE_WORDS: usize = 100_000;

/// The analyzer of one language. With English it gives exactly tantivy's `en_stem`
/// tokens, with each word's stem kept: news repeats its words, and stemming them
/// afresh was about a third of the indexing time.
pub(crate) fn analyzer(stemmer: Option<Algorithm>) -> TextAnalyzer {
    let words =
        TextAnalyzer::builder(SimpleTokenizer::default()).filter(RemoveLongFilter::limit(40)).filter(LowerCaser);
    match stemmer {
        Some(algorithm) => words.filter(CachedStemmer(algorithm)).build(),
        None => words.filter(AsciiFoldingFilter).build(),
    }
}

#[derive(Clone, Copy)]
struct CachedStemmer(Algorithm);

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner, algorithm: self.0, stems: HashMap::default() }
    }
}

/// tantivy keeps one analyzer per field of a segment being written, so the cache
/// lives as long as the segment's writer.
#[derive(Clone)]
struct CachedStemmerFilter<T> {
    inner: T,
    algorithm: Algorithm,
    stems: HashMap<String, String, foldhash::fast::RandomState>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.stems.len() >= CACHE_WORDS {
            self.stems.clear();
        }
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: Stemmer::create(self.algorithm),
        }
    }
}

struct CachedStemmerStream<'a, T> {
    tail: T,
    stems: &'a mut HashMap<String, String, foldhash::fast::RandomState>,
    stemmer: Stemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = self.stemmer.stem(&token.text).into_owned();
        let word = std::mem::replace(&mut token.text, stem.clone());
        self.stems.insert(word, stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use rust_stemmers::Algorithm;
    use tantivy::tokenizer::{Language, Stemmer, TextAnalyzer, TokenizerManager};

    use super::{analyzer, language_slot, LANGUAGES};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        tokens(analyzer, text).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn the_cached_analyzer_gives_tantivys_en_stem_tokens() {
        let mut ours = analyzer(LANGUAGES[0].stemmer);
        let mut theirs = TokenizerManager::default().get(LANGUAGES[0].analyzer).expect("tantivy registers en_stem");
        let text = "Talks resumed; the talks were running, RUNNING and runs. Ukraine's \
                    negotiators negotiated — négociations über Straßen, \
                    supercalifragilisticexpialidociousnessesandmoreletters too";
        // Twice: the second pass reads stems from the cache, and a new stream reuses it.
        for _ in 0..2 {
            assert_eq!(tokens(&mut ours, text), tokens(&mut theirs, text));
        }
        assert!(tokens(&mut ours, text).iter().any(|t| t.0 == "run"));
    }

    #[test]
    fn each_language_stems_like_tantivys_stemmer_for_it() {
        let texts = [
            (Language::German, "Die Soldaten marschierten über die Straßen; der Soldat marschiert."),
            (Language::French, "Les négociations reprennent : une négociation difficile."),
            (Language::Spanish, "Las negociaciones continúan y el negociador negoció."),
            (Language::Italian, "I negoziati continuano; i negoziatori negoziavano."),
            (Language::Portuguese, "As negociações continuam e os negociadores negociaram."),
            (Language::Dutch, "De onderhandelingen gaan door; zij onderhandelden lang."),
            (Language::Russian, "Переговоры продолжаются; о переговорах говорили в Москве."),
        ];
        for (language, text) in texts {
            let ours = LANGUAGES.iter().find(|l| l.stemmer.is_some_and(|a| same(a, language))).expect("listed");
            let mut theirs = TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
                .filter(tantivy::tokenizer::RemoveLongFilter::limit(40))
                .filter(tantivy::tokenizer::LowerCaser)
                .filter(Stemmer::new(language))
                .build();
            let mut ours = analyzer(ours.stemmer);
            for _ in 0..2 {
                assert_eq!(tokens(&mut ours, text), tokens(&mut theirs, text), "{language:?}");
            }
        }
    }

    fn same(algorithm: Algorithm, language: Language) -> bool {
        format!("{algorithm:?}") == format!("{language:?}")
    }

    #[test]
    fn inflections_share_a_stem() {
        let stem = |code: &str, text: &str| words(&mut analyzer(LANGUAGES[language_slot(Some(code))].stemmer), text);
        assert_eq!(stem("de", "Soldaten Soldat"), ["soldat", "soldat"]);
        assert_eq!(stem("de", "marschierten marschierte marschiert"), ["marschiert"; 3]);
        assert_eq!(stem("de", "Straßen Strasse"), ["strass", "strass"]);
        // Snowball's German stemmer keeps a participle's -iert: the infinitive stems apart.
        assert_eq!(stem("de", "marschieren"), ["marschi"]);
        assert_eq!(stem("fr", "négociations négociation"), ["négoci", "négoci"]);
        assert_eq!(stem("ru", "переговоры переговорах"), ["переговор", "переговор"]);
        // No Snowball stemmer for Polish: lowercase and ASCII folding only.
        assert_eq!(stem("pl", "Łódź rozmowy"), ["lodz", "rozmowy"]);
    }

    #[test]
    fn language_codes_pick_their_fields() {
        assert_eq!(LANGUAGES[language_slot(Some("de"))].code, "de");
        assert_eq!(LANGUAGES[language_slot(Some("DE-at"))].code, "de");
        assert_eq!(LANGUAGES[language_slot(Some("pt_BR"))].code, "pt");
        assert_eq!(language_slot(Some("en")), 0);
        assert_eq!(language_slot(Some("sv")), 0);
        assert_eq!(language_slot(Some("")), 0);
        assert_eq!(language_slot(None), 0);
    }
}
