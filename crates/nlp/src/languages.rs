//! The nlp stage over every shipped language: [`Languages`] picks the model for each
//! article's language and loads a language's model only when its first article arrives.
//! Articles in a language whose names the knowledge base's finder reads
//! ([`FINDER_LANGUAGES`]: no model ships for them) are only segmented into tokens and
//! sentences, by the English tokenizer.

use std::sync::OnceLock;

use newsgraph_model::{Article, Reads, Stage, FINDER_LANGUAGES};

use crate::{Nlp, NlpError, LANGUAGES};

/// The shipped models, each loaded on first use and then shared across threads.
#[derive(Debug)]
pub struct Languages {
    /// One slot per entry of [`LANGUAGES`], in that order.
    models: Vec<OnceLock<Result<Nlp, String>>>,
}

impl Languages {
    /// Loads the English model now (the default for articles of unknown language,
    /// and a check that the embedded files are sound); the others wait for an article.
    pub fn load() -> Result<Self, NlpError> {
        let languages = Languages { models: LANGUAGES.iter().map(|_| OnceLock::new()).collect() };
        let english = Nlp::load()?;
        let _ = languages.models[0].set(Ok(english));
        Ok(languages)
    }

    /// The model of `language`, loading it if this is its first use.
    pub fn model(&self, language: &str) -> Result<&Nlp, NlpError> {
        let slot = LANGUAGES
            .iter()
            .position(|l| *l == language)
            .and_then(|i| self.models.get(i))
            .ok_or_else(|| NlpError::NoModel(language.to_string()))?;
        slot.get_or_init(|| Nlp::load_language(language).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| NlpError::Model(e.clone()))
    }

    /// The languages whose model has been loaded so far.
    pub fn loaded(&self) -> Vec<&'static str> {
        LANGUAGES.iter().zip(&self.models).filter(|(_, m)| m.get().is_some()).map(|(l, _)| *l).collect()
    }

    /// The language whose model reads `article`: its own when a model ships for it and
    /// the guess is confident, else English (the pipeline lets unknown languages and
    /// weak guesses through, see [`Reads::covers`]).
    pub fn language_of(article: &Article) -> &'static str {
        let confident = article.language_confidence.unwrap_or(0.0) >= Reads::CONFIDENT;
        article
            .language
            .as_deref()
            .filter(|_| confident)
            .and_then(|code| LANGUAGES.iter().find(|l| **l == code))
            .copied()
            .unwrap_or("en")
    }
}

impl Stage for Languages {
    fn name(&self) -> &'static str {
        "nlp"
    }

    fn reads(&self) -> Reads {
        Reads::ENTITIES
    }

    fn annotate(&self, article: &mut Article) {
        let finder = article.language_confidence.unwrap_or(0.0) >= Reads::CONFIDENT
            && article.language.as_deref().is_some_and(|l| FINDER_LANGUAGES.contains(&l));
        match self.model(Self::language_of(article)) {
            // The English model's names of Italian, Polish or Russian text are mostly wrong,
            // and linking would drop them: the tokens are what the finder needs.
            Ok(nlp) if finder => article.analysis = nlp.segment(&article.text),
            Ok(nlp) => nlp.annotate(article),
            Err(error) => article.record_error("nlp", error.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_weakly_guessed_languages_read_as_english() {
        let mut article = Article::from_text("t", "Talks began in Geneva.");
        assert_eq!(Languages::language_of(&article), "en");
        article.language = Some("xx".into());
        article.language_confidence = Some(0.99);
        assert_eq!(Languages::language_of(&article), "en");
        article.language = Some("en".into());
        assert_eq!(Languages::language_of(&article), "en");
    }

    #[test]
    fn every_listed_language_has_a_sound_model_and_no_other_ships() {
        for language in LANGUAGES {
            let nlp = Nlp::load_language(language).unwrap_or_else(|e| panic!("{language}: {e}"));
            assert_eq!(nlp.language(), *language);
        }
        assert_eq!(crate::SHIPPED.iter().map(|s| s.language).collect::<Vec<_>>(), LANGUAGES);
    }

    #[test]
    fn a_model_loaded_after_another_shares_none_of_its_cached_words() {
        let text = "El presidente Pedro Sánchez viajó a Lisboa con Ursula von der Leyen.";
        let spans = |language: &str| Nlp::load_language(language).map(|nlp| nlp.analyze(text).ner);
        let Ok(first) = spans("es") else { return };
        // Each model is dropped before the next loads, so the allocator may reuse its address.
        for other in LANGUAGES {
            let _ = spans(other);
            assert_eq!(spans("es").ok().as_ref(), Some(&first), "after {other}");
        }
    }

    #[test]
    fn finder_languages_are_segmented_without_named_entities() {
        let languages = Languages::load().expect("the English model loads");
        let mut article = Article::from_text("t", "Il presidente Sergio Mattarella ha incontrato giovedì a Roma.");
        article.language = Some("it".into());
        article.language_confidence = Some(0.95);
        languages.annotate(&mut article);
        assert!(article.analysis.ner.is_empty() && article.analysis.tokens.len() > 8, "{:?}", article.analysis);
        assert_eq!(article.analysis.sentences.len(), 1);
        // A weak guess reads as English: the model runs.
        article.language_confidence = Some(0.2);
        languages.annotate(&mut article);
        assert!(!article.analysis.ner.is_empty());
    }

    #[test]
    fn english_loads_at_once_and_unknown_codes_are_errors() {
        let languages = Languages::load().expect("the English model loads");
        assert_eq!(languages.loaded(), ["en"]);
        assert!(matches!(languages.model("xx"), Err(NlpError::NoModel(_))));
        let mut article = Article::from_text("t", "Joe Biden met Vladimir Putin in Geneva.");
        languages.annotate(&mut article);
        assert!(!article.analysis.ner.is_empty());
    }
}
