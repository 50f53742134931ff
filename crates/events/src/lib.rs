//! Event coding: who did what to whom, as PLOVER events with status and evidence.
//!
//! [`EventCoder`] is a [`Stage`] that reads the entity, time and place layers
//! and fills [`Article::events`].

use newsgraph_model::{Article, Stage};

#[derive(Debug, Default)]
pub struct EventCoder {}

impl EventCoder {
    pub fn load() -> Result<Self, EventsError> {
        Ok(EventCoder {})
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

    fn annotate(&self, _article: &mut Article) {}
}
