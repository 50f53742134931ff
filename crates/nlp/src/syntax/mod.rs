//! Part-of-speech tags and dependency trees: a pure-Rust port of the `tagger` and
//! `parser` of spaCy's `en_core_web_sm` 3.8 (MIT, Explosion; weights in
//! `models/syntax/`, built by `models/syntax/build.py`).
//!
//! [`Syntax`] reads the pipeline's shared tok2vec (six hashed attributes: NORM,
//! PREFIX, SUFFIX, SHAPE, SPACY, IS_SPACE), the tagger's softmax layer and the
//! arc-eager transition parser ([`arc_eager`]), then undoes the parser's `X||Y`
//! labels and reads sentence starts off the tree as spaCy does ([`nonproj`]). Given
//! the same tokens it gives spaCy's tags, heads and labels (the agreement is measured
//! by `newsgraph eval syntax`). The tokens are taken as a Doc built from words is:
//! lexeme NORMs (a tokenizer special case's NORM, such as "n't" -> "not", is not
//! seen). It does not tokenize or lemmatize, and it is not the sentence splitter
//! of [`crate::Nlp`] (its sentences come from the parse).

mod arc_eager;
mod network;
mod nonproj;

use newsgraph_model::syntax::{Dep, SentenceParser, Tag, TokenSyntax};
use newsgraph_model::Token;
use serde::Deserialize;

use crate::cache::TextCache;
use crate::lexeme::{self, CharSets};
use crate::model::TokenIds;
use crate::{FastMap, NlpError};
use arc_eager::Move;
use network::Network;

static WEIGHTS: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/syntax/weights.bin"));
static TABLES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/syntax/syntax.json"));

/// Runs longer than this many tokens are parsed in pieces (cut after a sentence-final
/// token) so memory stays bounded: each token holds 4 KB of parser features.
const MAX_PIECE_TOKENS: usize = 10_000;

#[derive(Deserialize)]
struct SyntaxTables {
    attrs: Vec<String>,
    seeds: Vec<u32>,
    tags: Vec<String>,
    moves: Vec<String>,
}

/// The English lexeme tables (from the NER's `tokenizer.json`), for the attribute ids.
#[derive(Deserialize)]
struct LexemeTables {
    norms: FastMap<String, String>,
    symbols: FastMap<String, u64>,
    charsets: CharSets,
}

/// A parser label: a plain dependency label, or `X||Y` (label X, lifted from under a Y).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Label {
    dep: Dep,
    lifted_from: Option<Dep>,
}

/// The English tagger and dependency parser, loaded once and shared across threads.
#[derive(Debug)]
pub struct Syntax {
    network: Network,
    tags: Vec<Tag>,
    /// Each move, with the index of its label in `labels`.
    moves: Vec<(Move, u16)>,
    valid_moves: arc_eager::ValidMoves,
    labels: Vec<Label>,
    lexemes: LexemeTablesHolder,
    owner: crate::cache::Owner,
}

/// [`LexemeTables`] with a `Debug` that does not print them.
struct LexemeTablesHolder(LexemeTables);

impl std::fmt::Debug for LexemeTablesHolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LexemeTables({} norms)", self.0.norms.len())
    }
}

impl Syntax {
    /// Loads the shipped model (embedded in the binary; about 0.2 s).
    pub fn load() -> Result<Self, NlpError> {
        let tables: SyntaxTables =
            serde_json::from_str(TABLES).map_err(|e| NlpError::Model(format!("syntax.json: {e}")))?;
        let expected = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"];
        if tables.attrs != expected || tables.seeds.len() != expected.len() {
            return Err(NlpError::Model(format!("syntax.json: attributes {:?}", tables.attrs)));
        }
        let tags = tables
            .tags
            .iter()
            .map(|t| Tag::parse(t).ok_or_else(|| NlpError::Model(format!("syntax.json: unknown tag {t}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let mut labels = vec![Label { dep: Dep::Root, lifted_from: None }];
        let mut moves = Vec::with_capacity(tables.moves.len());
        for name in &tables.moves {
            let bad = || NlpError::Model(format!("syntax.json: unknown move {name}"));
            let (kind, text) = Move::parse(name).ok_or_else(bad)?;
            let label = if text.is_empty() {
                labels[0]
            } else {
                let (dep, lifted) = text.split_once("||").map_or((text, None), |(x, y)| (x, Some(y)));
                let dep = Dep::parse(dep).ok_or_else(bad)?;
                let lifted_from = lifted.map(|y| Dep::parse(y).ok_or_else(bad)).transpose()?;
                Label { dep, lifted_from }
            };
            let index = labels.iter().position(|&l| l == label).unwrap_or_else(|| {
                labels.push(label);
                labels.len() - 1
            });
            moves.push((kind, index as u16));
        }
        let english = crate::SHIPPED.first().ok_or_else(|| NlpError::Model("no English tables".into()))?;
        let lexemes: LexemeTables =
            serde_json::from_str(english.tables).map_err(|e| NlpError::Model(format!("en tokenizer.json: {e}")))?;
        let network = Network::load(WEIGHTS, &tables.seeds, tags.len(), moves.len())?;
        Ok(Syntax {
            network,
            tags,
            valid_moves: arc_eager::ValidMoves::new(&moves),
            moves,
            labels,
            lexemes: LexemeTablesHolder(lexemes),
            owner: crate::cache::Owner::new(),
        })
    }

    /// The six attribute ids of a token: its text's four (cached per thread), SPACY, IS_SPACE.
    fn token_ids(&self, cache: &mut TextCache<[u64; 4]>, word: &str, space_after: bool) -> TokenIds {
        let tables = &self.lexemes.0;
        let [norm, prefix, suffix, shape] = match cache.get(self.owner, word) {
            Some(ids) => *ids,
            None => {
                let ids = lexeme::attribute_ids(word, None, &tables.norms, &tables.symbols, &tables.charsets);
                cache.insert(self.owner, word, ids);
                ids
            }
        };
        [norm, prefix, suffix, shape, u64::from(space_after), u64::from(self.is_space(word))]
    }

    fn is_space(&self, word: &str) -> bool {
        !word.is_empty() && word.chars().all(|c| self.lexemes.0.charsets.is_space(c))
    }

    /// Tags, heads and labels of `words` (with whether a space follows each), parsed as
    /// one Doc, and which words start a sentence. Heads index into `words`; a word
    /// beyond the end of `space_after` counts as followed by no space.
    pub fn parse_words(&self, words: &[&str], space_after: &[bool]) -> (Vec<TokenSyntax>, Vec<bool>) {
        let spaces: Vec<bool> = (0..words.len()).map(|i| space_after.get(i).copied().unwrap_or(false)).collect();
        let mut out = Vec::with_capacity(words.len());
        let mut starts = Vec::with_capacity(words.len());
        let mut start = 0;
        while start < words.len() {
            let end = piece_end(words, start);
            let (syntax, piece_starts) = self.parse_piece(&words[start..end], &spaces[start..end]);
            out.extend(syntax.into_iter().map(|mut t| {
                t.head += start as u32;
                t
            }));
            starts.extend(piece_starts);
            start = end;
        }
        (out, starts)
    }

    fn parse_piece(&self, words: &[&str], space_after: &[bool]) -> (Vec<TokenSyntax>, Vec<bool>) {
        let n = words.len();
        let ids: Vec<TokenIds> = IDS_CACHE.with(|cache| {
            let cache = &mut cache.borrow_mut();
            words.iter().zip(space_after).map(|(w, &s)| self.token_ids(cache, w, s)).collect()
        });
        let (tag_indices, heads, arc_labels) = WORK.with(|work| {
            let work = &mut *work.borrow_mut();
            let mut tags = Vec::with_capacity(n);
            self.network.run(&ids, work, &mut tags);
            let width = self.network.feats_width();
            let feats = work.feats.get(n * width);
            let (heads, labels) = arc_eager::decode(&self.network, &self.moves, &self.valid_moves, feats, width, n);
            (tags, heads, labels)
        });
        // A word left without a head is a root, labelled ROOT (spaCy's set_annotations).
        let mut heads: Vec<usize> = heads.iter().enumerate().map(|(i, h)| h.unwrap_or(i)).collect();
        let mut labels: Vec<Label> = arc_labels
            .iter()
            .enumerate()
            .map(|(i, &l)| if heads[i] == i { self.labels[0] } else { self.labels[usize::from(l)] })
            .collect();
        let is_space: Vec<bool> = words.iter().map(|w| self.is_space(w)).collect();
        let lifted = |l: Label| {
            l.lifted_from.map(|y| (Label { dep: l.dep, lifted_from: None }, Label { dep: y, lifted_from: None }))
        };
        nonproj::deprojectivize(&mut heads, &mut labels, lifted, &is_space);
        let starts = nonproj::sentence_starts(&heads);
        let syntax = (0..n)
            .map(|i| TokenSyntax {
                tag: self.tags.get(tag_indices[i]).copied().unwrap_or(Tag::Xx),
                head: heads[i] as u32,
                dep: if heads[i] == i { Dep::Root } else { labels[i].dep },
            })
            .collect();
        (syntax, starts)
    }

    /// [`SentenceParser::parse`] plus which tokens start a sentence in the parse.
    pub fn parse_with_sentences(&self, text: &str, tokens: &[Token]) -> (Vec<TokenSyntax>, Vec<bool>) {
        let words: Vec<&str> = tokens.iter().map(|t| text.get(t.span.start()..t.span.end()).unwrap_or("")).collect();
        let spaces: Vec<bool> = tokens.iter().map(|t| t.space_after).collect();
        self.parse_words(&words, &spaces)
    }
}

impl SentenceParser for Syntax {
    fn parse(&self, text: &str, tokens: &[Token]) -> Vec<TokenSyntax> {
        self.parse_with_sentences(text, tokens).0
    }
}

/// Where the piece starting at `start` ends: the whole rest when short, else after
/// the last sentence-final word in the second half of the limit.
fn piece_end(words: &[&str], start: usize) -> usize {
    let limit = start + MAX_PIECE_TOKENS;
    if words.len() <= limit {
        return words.len();
    }
    let from = start + MAX_PIECE_TOKENS / 2;
    let at = words[from..limit].iter().rposition(|w| matches!(*w, "." | "!" | "?"));
    at.map_or(limit, |i| from + i + 1)
}

thread_local! {
    static WORK: std::cell::RefCell<network::Work> = std::cell::RefCell::new(network::Work::default());
    /// Attribute ids of recently seen words, per thread (as the NER's).
    static IDS_CACHE: std::cell::RefCell<TextCache<[u64; 4]>> = std::cell::RefCell::new(TextCache::new(50_000));
}
