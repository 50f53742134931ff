//! The port against spaCy's own output: identical tokens and entities.
//!
//! `tests/data/seed.spacy.json` is spaCy's output on the seed page, made by
//! `tests/data/spacy_reference.py`. The GUM news comparison needs a reference
//! made from the shared data, which is never committed: run
//! `python3 crates/nlp/tests/data/spacy_reference.py --gum ../shared/data/ner/gum_news/gum_news_entities.jsonl > /tmp/gum.spacy.jsonl`
//! and run `NEWSGRAPH_SPACY_GUM=/tmp/gum.spacy.jsonl cargo test -p newsgraph-nlp -- --ignored`.

use std::collections::HashSet;

use newsgraph_model::{ByteSpan, CharIndex};
use newsgraph_nlp::Nlp;
use serde::Deserialize;

#[derive(Deserialize)]
struct Reference {
    id: String,
    tokens: Vec<(usize, usize, bool)>,
    ents: Vec<(usize, usize, String)>,
}

#[derive(Default, Debug)]
struct Agreement {
    tokens_same: usize,
    tokens_total: usize,
    ents_same: usize,
    ents_total: usize,
}

impl Agreement {
    fn add(&mut self, nlp: &Nlp, text: &str, reference: &Reference, verbose: bool) {
        let index = CharIndex::new(text);
        let ours: HashSet<(usize, usize)> = nlp
            .spacy_tokens(text)
            .iter()
            .map(|(span, _)| {
                let c = index.to_chars(*span);
                (c.start(), c.end())
            })
            .collect();
        let theirs: HashSet<(usize, usize)> = reference.tokens.iter().map(|t| (t.0, t.1)).collect();
        self.tokens_same += ours.intersection(&theirs).count();
        self.tokens_total += ours.len().max(theirs.len());
        let analysis = nlp.analyze_spacy(text);
        let ours: HashSet<(usize, usize, String)> = analysis
            .ner
            .iter()
            .map(|e| {
                let c = index.to_chars(e.span);
                (c.start(), c.end(), e.label.label().to_string())
            })
            .collect();
        let theirs: HashSet<(usize, usize, String)> = reference.ents.iter().cloned().collect();
        self.ents_same += ours.intersection(&theirs).count();
        self.ents_total += ours.len().max(theirs.len());
        if verbose {
            let show = |(s, e, l): &(usize, usize, String)| {
                let span = index.to_bytes(newsgraph_model::CharSpan::new(*s, *e));
                format!("{:?} {l}", ByteSpan::new(span.start(), span.end()).slice(text))
            };
            for missing in theirs.difference(&ours) {
                eprintln!("{}: spaCy only: {}", reference.id, show(missing));
            }
            for extra in ours.difference(&theirs) {
                eprintln!("{}: port only: {}", reference.id, show(extra));
            }
        }
    }

    fn token_rate(&self) -> f64 {
        self.tokens_same as f64 / self.tokens_total.max(1) as f64
    }

    fn entity_rate(&self) -> f64 {
        self.ents_same as f64 / self.ents_total.max(1) as f64
    }
}

#[test]
fn seed_page_matches_spacy() {
    let nlp = Nlp::load().unwrap();
    let text = include_str!("data/seed-article.txt");
    let reference: Reference = serde_json::from_str(include_str!("data/seed.spacy.json")).unwrap();
    let mut agreement = Agreement::default();
    agreement.add(&nlp, text, &reference, true);
    eprintln!("{agreement:?}");
    assert!(agreement.token_rate() >= 0.99, "{agreement:?}");
    assert!(agreement.entity_rate() >= 0.99, "{agreement:?}");
}

/// Opt-in (`cargo test -- --ignored`): its reference comes from Python spaCy, which the
/// product's CI does not install; cargo lists it as ignored rather than passed.
#[test]
#[ignore = "needs NEWSGRAPH_SPACY_GUM: spacy_reference.py's output for gum_news (see the file's doc)"]
fn gum_news_matches_spacy() {
    let reference_path = std::env::var_os("NEWSGRAPH_SPACY_GUM")
        .expect("set NEWSGRAPH_SPACY_GUM to spacy_reference.py's output for gum_news");
    // NEWSGRAPH_SPACY_TEXTS points at another `{doc_id, text}` JSON Lines file (the reference's input).
    let data = std::env::var_os("NEWSGRAPH_SPACY_TEXTS").map(std::path::PathBuf::from).unwrap_or_else(|| {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/ner/gum_news/gum_news_entities.jsonl")
    });
    let docs = std::fs::read_to_string(&data).unwrap_or_else(|e| panic!("{}: {e}", data.display()));
    let references = std::fs::read_to_string(reference_path).unwrap();
    let nlp = Nlp::load().unwrap();
    let mut agreement = Agreement::default();
    for (doc, reference) in docs.lines().zip(references.lines()) {
        #[derive(Deserialize)]
        struct Doc {
            text: String,
        }
        let doc: Doc = serde_json::from_str(doc).unwrap();
        let reference: Reference = serde_json::from_str(reference).unwrap();
        agreement.add(&nlp, &doc.text, &reference, std::env::var_os("VERBOSE").is_some());
    }
    eprintln!("{agreement:?} tokens {:.4} entities {:.4}", agreement.token_rate(), agreement.entity_rate());
    assert!(agreement.token_rate() >= 0.99, "{agreement:?}");
    assert!(agreement.entity_rate() >= 0.99, "{agreement:?}");
}
