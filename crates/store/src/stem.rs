//! The analyzer of the stemmed text fields: tantivy's `en_stem`, with stems cached.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// The name the schema gives the analyzer; registering ours under it keeps every index
/// built before readable, and their terms the same.
pub(crate) const NAME: &str = "en_stem";

/// Words whose stems are kept before the cache starts over.
const CACHE_WORDS: usize = 100_000;

/// tantivy's `en_stem` (simple tokenizer, tokens over 40 bytes dropped, lowercase,
/// Snowball English stems), with each word's stem kept: news repeats its words, and
/// stemming them afresh was about a third of the indexing time.
pub(crate) fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(CachedStemmer)
        .build()
}

#[derive(Clone, Copy)]
struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner, stems: HashMap::default() }
    }
}

/// tantivy keeps one analyzer per field of a segment being written, so the cache
/// lives as long as the segment's writer.
#[derive(Clone)]
struct CachedStemmerFilter<T> {
    inner: T,
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
            stemmer: Stemmer::create(Algorithm::English),
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
    use tantivy::tokenizer::TokenizerManager;

    fn tokens(analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn the_cached_analyzer_gives_tantivys_en_stem_tokens() {
        let mut ours = super::analyzer();
        let mut theirs = TokenizerManager::default().get(super::NAME).expect("tantivy registers en_stem");
        let text = "Talks resumed; the talks were running, RUNNING and runs. Ukraine's \
                    negotiators negotiated — négociations über Straßen, \
                    supercalifragilisticexpialidociousnessesandmoreletters too";
        // Twice: the second pass reads stems from the cache, and a new stream reuses it.
        for _ in 0..2 {
            assert_eq!(tokens(&mut ours, text), tokens(&mut theirs, text));
        }
        assert!(tokens(&mut ours, text).iter().any(|t| t.0 == "run"));
    }
}
