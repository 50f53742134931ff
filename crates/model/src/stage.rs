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

/// The languages `models/ner` ships a named-entity model for (ISO 639-1, English first);
/// `newsgraph-nlp` loads one per code.
pub const NER_LANGUAGES: &[&str] = &["en", "de", "es", "fr", "nl", "pt"];

/// The languages no named-entity model ships for, whose names the knowledge base's
/// name finder reads from capitalisation instead (`newsgraph-kb`); the nlp stage only
/// segments their text.
pub const FINDER_LANGUAGES: &[&str] = &["it", "pl", "ru"];

/// The languages whose names the entities layer reads: [`NER_LANGUAGES`], then
/// [`FINDER_LANGUAGES`].
pub const ENTITY_LANGUAGES: &[&str] = &["en", "de", "es", "fr", "nl", "pt", "it", "pl", "ru"];

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

    /// What the shipped named-entity models read ([`NER_LANGUAGES`]), and so the stages
    /// that work on their names (linking, geocoding).
    pub const NAMED_ENTITIES: Reads = Reads::Only(NER_LANGUAGES);

    /// What the entities layer reads ([`ENTITY_LANGUAGES`]): the nlp stage (which
    /// only segments the text of [`FINDER_LANGUAGES`]) and linking.
    pub const ENTITIES: Reads = Reads::Only(ENTITY_LANGUAGES);

    /// Below this confidence a language guess does not keep a stage from running.
    pub const CONFIDENT: f32 = 0.5;

    /// Whether a stage that reads this can run on `article`: yes when its
    /// language is one of them, unknown (too little text to tell) or only a
    /// weak guess (a short English page of product lists can look French).
    pub fn covers(self, article: &Article) -> bool {
        match (self, article.language.as_deref()) {
            (Reads::AnyLanguage, _) | (_, None) => true,
            (Reads::Only(languages), Some(language)) => {
                languages.contains(&language) || article.language_confidence.unwrap_or(0.0) < Self::CONFIDENT
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entities_layer_reads_the_model_languages_then_the_finder_languages() {
        assert_eq!(ENTITY_LANGUAGES, [NER_LANGUAGES, FINDER_LANGUAGES].concat());
        assert!(FINDER_LANGUAGES.iter().all(|l| !NER_LANGUAGES.contains(l)));
    }

    #[test]
    fn only_a_confident_other_language_stops_a_stage() {
        let mut article = Article::from_text("t", "text");
        assert!(Reads::ENGLISH.covers(&article), "unknown language");
        article.language = Some("de".into());
        article.language_confidence = Some(0.9);
        assert!(!Reads::ENGLISH.covers(&article));
        assert!(Reads::AnyLanguage.covers(&article));
        article.language_confidence = Some(0.2);
        assert!(Reads::ENGLISH.covers(&article), "a weak guess");
        article.language = Some("en".into());
        assert!(Reads::ENGLISH.covers(&article));
    }
}
