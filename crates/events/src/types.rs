//! The crate's shared plain types: [`Actor`] (who takes part), [`Found`] (an event as
//! found in one sentence), the error type and the internal map type.
//!
//! A leaf: it imports nothing from the crate, so every module may use it. Behaviour on
//! these types lives with the rules that need it (`status`, `coder`).

use newsgraph_model::{ByteSpan, EventStatus, EventType};

/// An entity, either from the entity layer (index into `Article::entities`) or one this stage adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Actor {
    Entity(usize),
    Extra(usize),
}

/// An event as found in one sentence, before merging and id assignment.
#[derive(Debug, Clone)]
pub struct Found {
    pub kind: EventType,
    pub mode: Option<String>,
    pub cameo: String,
    pub actors: Vec<Actor>,
    pub targets: Vec<Actor>,
    pub place: Option<Actor>,
    pub status: EventStatus,
    pub date: Option<String>,
    pub evidence: ByteSpan,
    /// Further spans reporting the same happening (from merging).
    pub extra: Vec<ByteSpan>,
    /// A stated commitment ("will provide aid", "is willing to withdraw"): PLOVER codes the
    /// statement as AGREE (cooperation) or THREATEN (conflict) unless it is scheduled.
    pub intent: bool,
    pub sentence: usize,
    /// Who reports it ("X said ..."), read from the dependency tree; `None` without one.
    pub source: Option<Actor>,
}

/// What can go wrong loading the stage.
#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    #[error("corrupt event lexicon: {0}")]
    Lexicon(String),
}

/// The crate's internal maps: keys are lexicon words and small ids, never iterated for
/// output, so a fast non-cryptographic hasher is enough.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
