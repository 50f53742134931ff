//! Event coding: who did what to whom, as PLOVER events with status and evidence.
//!
//! [`EventCoder`] is a [`Stage`] that reads the entity, time and place layers and fills
//! [`Article::events`]. It works from sentence structure, not word co-occurrence: for each
//! trigger (a verb or event noun from the lexicon, see [`lexicon`]) it reads the verb group
//! (auxiliaries, modals, negation, governing verbs such as "plans to"), the subject (the
//! actor) and the object (the target) within the same clause, the status (actual, future,
//! hypothetical, negated, historical), the date (nearest time expression of the sentence,
//! else the publication date for actual events) and the place ("in Geneva"). Mentions of
//! one happening merge into one event with several evidence spans.
//!
//! It does not parse: clauses are found with punctuation and subordinators, so long
//! sentences with nested clauses are coded from their nearest structure only. Generic
//! actors ("police", "rebels") become entities of their own (appended with fresh ids and
//! `kb.sector`) when an event needs them; see [`actors`].
//!
//! ```
//! use newsgraph_events::EventCoder;
//! use newsgraph_model::{Article, EventType, Stage};
//! let coder = EventCoder::load().unwrap();
//! let mut article = Article::from_text("a", "Police arrested the opposition leader in the capital.");
//! coder.annotate(&mut article);
//! let event = &article.events[0];
//! assert_eq!(event.kind, EventType::Coerce);
//! // "police" became an entity of its own, with its sector.
//! let police = article.entities.iter().find(|e| e.id == event.actors[0]).unwrap();
//! assert_eq!(police.kb.as_ref().and_then(|kb| kb.sector.as_deref()), Some("COP"));
//! ```

pub mod actors;
mod clause;
mod coder;
pub mod lexicon;
pub mod petrarch;
mod status;
mod table;
mod text;

use newsgraph_model::{Article, Stage};

pub use table::{cameo_root, goldstein, quad_class};

/// The event stage: the lexicon and agent dictionary, loaded once and shared read-only.
#[derive(Debug)]
pub struct EventCoder {
    lexicon: lexicon::Lexicon,
    agents: actors::Agents,
    fallback_actors: bool,
}

impl EventCoder {
    pub fn load() -> Result<Self, EventsError> {
        Ok(EventCoder { lexicon: lexicon::Lexicon::load()?, agents: actors::Agents::load(), fallback_actors: true })
    }

    /// Whether capitalised phrases stand in for actors when an article has no entities
    /// (default on: text that never went through NER still gets actors). Turn it off when
    /// the entity layer is authoritative even when it finds nothing, as with a closed
    /// actor dictionary.
    pub fn with_fallback_actors(mut self, on: bool) -> Self {
        self.fallback_actors = on;
        self
    }

    /// A word is a trigger (used to keep a capitalised sentence-initial "Talks" from being a name).
    fn lexicon_has(&self, word: &str) -> bool {
        self.lexicon.is_trigger(word)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    #[error("corrupt event lexicon: {0}")]
    Lexicon(String),
}

impl Stage for EventCoder {
    fn name(&self) -> &'static str {
        "events"
    }

    fn annotate(&self, article: &mut Article) {
        if article.text.is_empty() {
            return;
        }
        coder::code(self, article);
    }
}
