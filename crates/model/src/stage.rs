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

    fn annotate(&self, article: &mut Article);
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
