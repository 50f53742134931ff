//! The stage contract and the layers of the pipeline.

use serde::{Deserialize, Serialize};

use crate::Article;

/// One step of the pipeline: adds its own layer to an article and leaves the others alone.
///
/// A stage holds its loaded resources (models, gazetteers) immutably, so one
/// value serves every thread. Failures on one article go into
/// [`Article::errors`]; a stage never panics on input.
pub trait Stage: Send + Sync {
    /// Short name used in error records (`"entities"`, `"quotes"`).
    fn name(&self) -> &'static str;

    /// The languages its models and word lists are made for. The pipeline
    /// does not run a stage on an article known to be in another language:
    /// an English tagger reads every capitalised German noun as a name.
    fn reads(&self) -> Reads;

    fn annotate(&self, article: &mut Article);
}

/// The languages a stage can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// Text of any language (offsets, digits, markup).
    AnyLanguage,
    /// Only these ISO 639-1 languages.
    Only(&'static [&'static str]),
}

impl Reads {
    /// What the English models and lexicons of newsgraph read.
    pub const ENGLISH: Reads = Reads::Only(&["en"]);

    /// Whether a stage that reads this can run on `article`: yes when its
    /// language is one of them or unknown (too little text to tell).
    pub fn covers(self, article: &Article) -> bool {
        match (self, article.language.as_deref()) {
            (Reads::AnyLanguage, _) | (_, None) => true,
            (Reads::Only(languages), Some(language)) => languages.contains(&language),
        }
    }
}

/// How far the pipeline runs (`--stages`): each layer includes the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// Clean text and metadata.
    Clean,
    /// Tokens, named entities, linking and geocoding.
    Entities,
    /// Quotes, time expressions, counts, tone and themes.
    Said,
    /// Event coding.
    #[default]
    Events,
}
