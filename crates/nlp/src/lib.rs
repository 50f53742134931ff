//! Tokens, sentences and named entities for English news text.
//!
//! [`Nlp`] is a [`Stage`] that fills [`Article::analysis`]: tokens, sentence
//! spans and raw NER spans with the 18 OntoNotes labels. The tokenizer and
//! the NER model are a pure-Rust port of spaCy's `en_core_web_sm` 3.8 (MIT,
//! Explosion; weights and tables in `models/ner/`, built by
//! `models/ner/build.py`): [`Nlp::analyze_spacy`] finds the same tokens and
//! entities as spaCy, [`Nlp::analyze`] (the stage) adds article-level
//! corrections (one label per name, surnames, no leading "the"). Sentences
//! come from a rule splitter (spaCy's come from its parser). It does not
//! merge mentions into entities or link them (that is `newsgraph-kb`).
//!
//! [`Syntax`] is the same model's tagger and dependency parser (weights in
//! `models/syntax/`): tags, heads and labels of any run of tokens. It is not a
//! stage: stages that read syntax take it as a `SentenceParser`.
//!
//! Speed comes from rewrites of the network (see the `model` module; all
//! exact but the half-precision embedding tables)
//! and hand-written AVX-512/AVX2 kernels chosen at run time, with a plain
//! fallback; one [`Nlp`] serves any number of threads.
//!
//! ```
//! let nlp = newsgraph_nlp::Nlp::load().unwrap();
//! let analysis = nlp.analyze("Talks were underway between U.S. President Joe Biden and Vladimir Putin.");
//! let names: Vec<&str> = analysis.ner.iter().map(|e| e.span.slice("Talks were underway between U.S. President Joe Biden and Vladimir Putin.")).collect();
//! assert!(names.contains(&"Joe Biden"));
//! ```

mod cache;
mod languages;
mod lexeme;
mod model;
mod refine;
pub mod sentences;
mod syntax;
mod tokenizer;

use std::collections::HashMap;

/// A map for the per-token lookups: foldhash, as the keys are the model's own
/// tables and the text's words, where SipHash's flood resistance buys nothing.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

use newsgraph_model::{Analysis, Article, ByteSpan, EntityType, NerSpan, Reads, Stage, Token};
use serde::Deserialize;

use cache::TextCache;
use lexeme::CharSets;
use model::{Action, NerModel, TokenIds};
use tokenizer::{RawToken, Tokenizer, TokenizerData};

pub use languages::Languages;
pub use syntax::Syntax;
pub use tokenizer::MAX_CHUNK;

/// One language's shipped model: its NER weights and its tokenizer and lexeme tables.
struct Shipped {
    /// ISO 639-1 code.
    language: &'static str,
    weights: &'static [u8],
    tables: &'static str,
}

/// The files of `models/ner/` (English) or `models/ner/<code>/`, embedded in the binary:
/// a language's tables are parsed only when [`Nlp::load_language`] asks for them.
macro_rules! shipped {
    ($language:literal, $dir:literal) => {
        Shipped {
            language: $language,
            weights: include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner/", $dir, "weights.bin")),
            tables: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner/", $dir, "tokenizer.json")),
        }
    };
}

static SHIPPED: &[Shipped] = &[
    shipped!("en", ""),
    shipped!("de", "de/"),
    shipped!("es", "es/"),
    shipped!("fr", "fr/"),
    shipped!("nl", "nl/"),
    shipped!("pt", "pt/"),
];

/// The languages [`Nlp::load_language`] has a model for, English first.
pub use newsgraph_model::NER_LANGUAGES as LANGUAGES;

/// Documents longer than this many tokens are tagged in pieces (cut at a
/// line break or sentence end) so memory stays bounded; spaCy itself refuses
/// texts over a million characters.
const MAX_PIECE_TOKENS: usize = 10_000;

#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    #[error("corrupt model file: {0}")]
    Model(String),
    #[error("no model for the language {0:?} (models ship for {langs})", langs = LANGUAGES.join(", "))]
    NoModel(String),
}

#[derive(Deserialize)]
struct Tables {
    seeds: Vec<u32>,
    actions: Vec<String>,
    norms: FastMap<String, String>,
    symbols: FastMap<String, u64>,
    charsets: CharSets,
    #[serde(flatten)]
    tokenizer: TokenizerData,
}

/// The tokenizer, sentence splitter and NER model, loaded once and shared across threads.
#[derive(Debug)]
pub struct Nlp {
    /// ISO 639-1 code of the language the model reads.
    language: &'static str,
    tokenizer: Tokenizer,
    model: NerModel,
    norms: FastMap<String, String>,
    symbols: FastMap<String, u64>,
    charsets: CharSets,
}

impl Nlp {
    /// Loads the shipped English model (embedded in the binary; about 0.2 s).
    pub fn load() -> Result<Self, NlpError> {
        Self::load_language("en")
    }

    /// Loads the shipped model of `language` (an ISO 639-1 code of [`LANGUAGES`]).
    pub fn load_language(language: &str) -> Result<Self, NlpError> {
        let shipped =
            SHIPPED.iter().find(|s| s.language == language).ok_or_else(|| NlpError::NoModel(language.to_string()))?;
        let tables: Tables = serde_json::from_str(shipped.tables)
            .map_err(|e| NlpError::Model(format!("{language} tokenizer.json: {e}")))?;
        let actions = tables
            .actions
            .iter()
            .map(|name| Action::parse(name).ok_or_else(|| NlpError::Model(format!("unknown action {name}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let model = NerModel::load(shipped.weights, &tables.seeds, actions)?;
        Ok(Nlp {
            language: shipped.language,
            tokenizer: Tokenizer::new(tables.tokenizer)?,
            model,
            norms: tables.norms,
            symbols: tables.symbols,
            charsets: tables.charsets,
        })
    }

    /// ISO 639-1 code of the language this model reads.
    pub fn language(&self) -> &'static str {
        self.language
    }

    /// How the network's matrix products run on this machine: `"AMX bf16 tiles"` where
    /// the CPU and OS offer them (set `NEWSGRAPH_NO_AMX` to refuse), `"f32 SIMD on
    /// bf16-rounded values"` where `NEWSGRAPH_EMULATE_TILES` asks for the tiles'
    /// rounding without them, else `"f32 SIMD"`.
    pub fn matmul_kernel() -> &'static str {
        if model::amx_available() {
            "AMX bf16 tiles"
        } else if model::packed::emulating_tiles() {
            "f32 SIMD on bf16-rounded values"
        } else {
            "f32 SIMD"
        }
    }

    /// Tokens, sentences and entities of `text`; all spans are byte spans into it.
    ///
    /// The entities are the model's, corrected by article-level rules (one
    /// label per name, surnames of people named in full, no leading "the");
    /// [`Nlp::analyze_spacy`] gives the model's own.
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analysis(text, true)
    }

    /// As [`Nlp::analyze`], with exactly the entities spaCy's `en_core_web_sm` finds.
    pub fn analyze_spacy(&self, text: &str) -> Analysis {
        self.analysis(text, false)
    }

    /// The text layer alone: tokens and sentences, no entities.
    ///
    /// This is what every later stage reads from [`Article::analysis`]; callers that run
    /// such a stage without this one (an evaluation, a test) give it the layer this way.
    pub fn segment(&self, text: &str) -> Analysis {
        let raw = self.tokenizer.tokenize(text, &self.charsets);
        let (tokens, _) = self.visible_tokens(text, &raw);
        let sentences = sentences::split(text, &tokens);
        Analysis { tokens, sentences, ner: Vec::new() }
    }

    /// The tokens handed out (whitespace tokens feed the model but are not), and for each
    /// raw token the index of the first handed-out token at or after it.
    fn visible_tokens(&self, text: &str, raw: &[RawToken]) -> (Vec<Token>, Vec<usize>) {
        let mut index = vec![0usize; raw.len() + 1];
        let mut tokens = Vec::with_capacity(raw.len());
        for (i, t) in raw.iter().enumerate() {
            index[i] = tokens.len();
            if !self.is_space_token(&text[t.start..t.end]) {
                let space_after =
                    t.space_after || text[t.end..].chars().next().is_some_and(|c| self.charsets.is_space(c));
                tokens.push(Token { span: ByteSpan::new(t.start, t.end), space_after });
            }
        }
        index[raw.len()] = tokens.len();
        (tokens, index)
    }

    fn analysis(&self, text: &str, refined: bool) -> Analysis {
        let raw = self.tokenizer.tokenize(text, &self.charsets);
        let (tokens, index) = self.visible_tokens(text, &raw);
        let mut sent_start = vec![false; raw.len()];
        let sentences = sentences::split(text, &tokens);
        // Mark the raw token opening each sentence; both lists are in text order.
        // A whitespace token just before the sentence (a line break) opens it,
        // so no entity reaches across the break.
        let mut next = 0;
        for sentence in &sentences {
            while next < raw.len() && raw[next].start < sentence.start() {
                next += 1;
            }
            let mut first = next;
            while first > 0 && self.is_space_token(&text[raw[first - 1].start..raw[first - 1].end]) {
                first -= 1;
            }
            if let Some(flag) = sent_start.get_mut(first) {
                *flag = true;
            }
        }
        let mut entities = self.entities(text, &raw, &sent_start);
        if refined {
            refine::refine(text, &raw, &mut entities);
        }
        let ner = entities
            .iter()
            .map(|e| NerSpan {
                span: ByteSpan::new(raw[e.start].start, raw[e.end - 1].end),
                label: e.label,
                first_token: index[e.start],
                end_token: index[e.end],
            })
            .collect();
        Analysis { tokens, sentences, ner }
    }

    /// spaCy-identical tokens of `text` (whitespace tokens included), as byte spans.
    pub fn spacy_tokens(&self, text: &str) -> Vec<(ByteSpan, bool)> {
        self.tokenizer
            .tokenize(text, &self.charsets)
            .iter()
            .map(|t| (ByteSpan::new(t.start, t.end), t.space_after))
            .collect()
    }

    /// Entities over pre-tokenized words (as spaCy's `Doc(vocab, words=...)`): `(start, end, label)` word ranges.
    pub fn entities_for_words(&self, words: &[&str]) -> Vec<(usize, usize, EntityType)> {
        let ids: Vec<TokenIds> = words.iter().map(|w| self.token_ids(w, None)).collect();
        let spaces: Vec<bool> = words.iter().map(|w| self.is_space_token(w)).collect();
        // Sentence starts from the words joined by spaces, as the doc's text would read.
        let mut text = String::new();
        let mut tokens = Vec::with_capacity(words.len());
        let mut raw = Vec::with_capacity(words.len());
        for word in words {
            tokens.push(Token { span: ByteSpan::new(text.len(), text.len() + word.len()), space_after: true });
            raw.push(RawToken { start: text.len(), end: text.len() + word.len(), space_after: true, norm: None });
            text.push_str(word);
            text.push(' ');
        }
        let mut sent_start = vec![false; words.len()];
        let mut next = 0;
        for sentence in sentences::split(&text, &tokens) {
            while next < tokens.len() && tokens[next].span.start() < sentence.start() {
                next += 1;
            }
            if let Some(flag) = sent_start.get_mut(next) {
                *flag = true;
            }
        }
        let mut entities = self.tag(&ids, &spaces, &sent_start);
        refine::refine(&text, &raw, &mut entities);
        entities.into_iter().map(|e| (e.start, e.end, e.label)).collect()
    }

    fn is_space_token(&self, text: &str) -> bool {
        !text.is_empty() && text.chars().all(|c| self.charsets.is_space(c))
    }

    /// NORM, PREFIX, SUFFIX and SHAPE ids of a token (the NER reads no more).
    fn token_ids(&self, text: &str, special_norm: Option<u32>) -> TokenIds {
        let special = special_norm.and_then(|i| self.tokenizer.special_norms.get(i as usize));
        let [norm, prefix, suffix, shape] =
            lexeme::attribute_ids(text, special.map(String::as_str), &self.norms, &self.symbols, &self.charsets);
        [norm, prefix, suffix, shape, 0, 0]
    }

    fn entities(&self, text: &str, raw: &[RawToken], sent_start: &[bool]) -> Vec<model::Entity> {
        let ids: Vec<TokenIds> = IDS_CACHE.with(|cache| {
            let cache = &mut cache.borrow_mut();
            raw.iter().map(|t| cached_ids(cache, self, &text[t.start..t.end], t.norm)).collect()
        });
        let spaces: Vec<bool> = raw.iter().map(|t| self.is_space_token(&text[t.start..t.end])).collect();
        let mut entities = Vec::new();
        let mut start = 0;
        while start < raw.len() {
            let end = piece_end(text, raw, start);
            for mut e in self.tag(&ids[start..end], &spaces[start..end], &sent_start[start..end]) {
                e.start += start;
                e.end += start;
                entities.push(e);
            }
            start = end;
        }
        entities
    }

    fn tag(&self, ids: &[TokenIds], spaces: &[bool], sent_start: &[bool]) -> Vec<model::Entity> {
        if ids.is_empty() {
            return Vec::new();
        }
        self.model.entities(ids, spaces, sent_start)
    }
}

thread_local! {
    /// Attribute ids of recently seen token texts, per thread: words repeat, and
    /// each computation costs a lowercased copy, a shape string and four string hashes.
    static IDS_CACHE: std::cell::RefCell<TextCache<TokenIds>> =
        std::cell::RefCell::new(TextCache::new(IDS_CACHE_ENTRIES));
}

/// Token texts kept before the cache starts over.
const IDS_CACHE_ENTRIES: usize = 50_000;

/// [`Nlp::token_ids`], from the cache where the text was seen (tokens whose NORM a
/// special case sets are rare and computed each time).
fn cached_ids(cache: &mut TextCache<TokenIds>, nlp: &Nlp, text: &str, special_norm: Option<u32>) -> TokenIds {
    if special_norm.is_some() {
        return nlp.token_ids(text, special_norm);
    }
    if let Some(ids) = cache.get(nlp.tokenizer.owner, text) {
        return *ids;
    }
    let ids = nlp.token_ids(text, None);
    cache.insert(nlp.tokenizer.owner, text, ids);
    ids
}

/// Where the piece starting at token `start` ends: the whole rest when short,
/// else after the last line break or sentence-final token before the limit.
fn piece_end(text: &str, raw: &[RawToken], start: usize) -> usize {
    let limit = start + MAX_PIECE_TOKENS;
    if raw.len() <= limit {
        return raw.len();
    }
    let window = &raw[start + MAX_PIECE_TOKENS / 2..limit];
    let cut = |pred: &dyn Fn(&str) -> bool| window.iter().rposition(|t| pred(&text[t.start..t.end]));
    let at = cut(&|s| s.contains('\n')).or_else(|| cut(&|s| matches!(s, "." | "!" | "?")));
    at.map_or(limit, |i| start + MAX_PIECE_TOKENS / 2 + i + 1)
}

impl Stage for Nlp {
    fn name(&self) -> &'static str {
        "nlp"
    }

    fn reads(&self) -> Reads {
        // spaCy's English tokenizer rules and NER model.
        Reads::ENGLISH
    }

    fn annotate(&self, article: &mut Article) {
        article.analysis = self.analyze(&article.text);
    }
}
