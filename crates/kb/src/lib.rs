//! The knowledge base, entity resolution and linking, and geocoding.
//!
//! [`Linker`] is a [`Stage`] that turns the raw NER spans of
//! [`Article::analysis`] into [`Article::entities`] (mentions merged, linked to
//! the knowledge base, roles) and [`Article::places`] (geocoded). It does not
//! find the spans itself (that is `newsgraph-nlp`).

use newsgraph_model::{Article, Stage};

/// The knowledge base and the linking rules, loaded once.
#[derive(Debug, Default)]
pub struct Linker {}

impl Linker {
    pub fn load() -> Result<Self, KbError> {
        Ok(Linker {})
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error("corrupt knowledge base table {table}: {message}")]
    Table { table: &'static str, message: String },
}

impl Stage for Linker {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn annotate(&self, _article: &mut Article) {}
}
