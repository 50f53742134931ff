//! Event coding: who did what to whom, as PLOVER events with status and evidence.
//!
//! [`EventCoder`] is a [`Stage`] that reads the entity, time and place layers and fills
//! [`Article::events`]. It works from sentence structure, not word co-occurrence: for each
//! trigger (a verb or event noun from the lexicon, see [`lexicon`]) it reads the verb group
//! (auxiliaries, modals, negation, governing verbs such as "plans to"), the subject (the
//! actor: nearest actor mention before the verb in the same clause, skipping appositives,
//! parentheses and relative clauses, pronouns followed to their antecedent) and the object
//! (the target: head of the first noun phrase or of a phrase after "with", "against", "to"
//! ...), all within one sentence, so an event never takes its actor and target from
//! unrelated sentences.
//!
//! - **Status**: negated ("did not", "has not"; a refused cooperation such as "cannot
//!   accept" or "failed to reach" is a REJECT instead), hypothetical (modals, "if", fear and
//!   accusation cues before the trigger: "fear Russia plans to invade"), future ("will",
//!   "is to", "plans to", or a date after publication), historical (a date from the text
//!   that ends before the article's week: "in 2014"), actual otherwise.
//! - **Stated intentions** are coded as PLOVER does: a commitment ("is willing to
//!   withdraw", "said it will provide aid") is an actual AGREE (cooperation) or THREATEN
//!   (conflict) with the promised act as its mode, unless it has a date of its own after
//!   publication (a scheduled meeting stays a future CONSULT). "X said Y must Z" is a
//!   REQUEST by X of Y.
//! - **Not an event**: a finite active verb whose subject slot holds no actor ("crowds
//!   burned down", "someone attacked": a passive or an infinitive may leave its doer
//!   unnamed, "has been accused"); a trigger inside a non-restrictive relative clause
//!   (", who lost his son when bombers struck": background on a participant, not news); a
//!   cooperation with one actor and no partner; the object of an "anti-" prefix is never
//!   the owner of what follows ("an anti-war parade").
//! - **Date**: the time expression of the sentence nearest the evidence (time layer; a bare
//!   "in 2014" when there is no time layer), else the publication date for actual events.
//! - **Place**: an entity after "in", "at", "near" in the clause ("in Geneva"); a country or
//!   city there is also the target when the trigger has none ("arrived in Amman").
//! - **Merging**: reports with the same type, status, actors, targets and date are one
//!   event with several evidence spans; a report whose actors are only generic ("the two
//!   leaders") joins a same-type named event of the two sentences before.
//! - **Generic actors** ("police", "protesters", "the military", "rebels": the CAMEO/PLOVER
//!   agents dictionary) become actors too. A state agent modified by a named entity stands
//!   for it ("Russian officials" = Russia); otherwise the stage appends an entity of its own
//!   (fresh id after the entity layer's, `kb.sector` set, all its mentions), only when an
//!   event uses it. Without any entity layer, capitalised phrases stand in for entities
//!   ([`EventCoder::with_fallback_actors`]).
//! - **CAMEO code**: the full code (2–4 digits: `190`, `0314`) from the CAMEO verb
//!   dictionary's most specific pattern at the trigger ([`cameo`]) when it is of the type's
//!   CAMEO family, else the type's root code (`180`); QuadClass and Goldstein score from
//!   the full code (the table in `table.rs`).
//!
//! **Without a parser** (the default) it does not parse: clauses are found with punctuation
//! and subordinators, and the noun or verb reading of a word comes from its neighbours, so
//! long nested sentences are coded from their nearest structure only.
//!
//! **With a parser** ([`EventCoder::with_parser`], any
//! `newsgraph_model::syntax::SentenceParser`), only the sentences that
//! hold a trigger (a lexicon hit) are parsed, on the text layer's tokens; each trigger is
//! read as a verb or a noun by its tag and takes its participants from the dependency tree:
//! the actor is the subject (the agent of a passive, the controller of "plans to attack",
//! the subject shared by conjoined verbs, the noun a relative clause modifies; for an event
//! noun its possessor or modifier, a "by" phrase, the pair after "between", or the subject
//! of "launched an attack"), the targets the dative and direct objects, a governed
//! preposition's object or a clausal complement's subject ("demanded that X ..."); status
//! comes from neg children, modal auxiliaries, governing verbs and "if"/"unless" clauses;
//! "X said Y attacked Z" codes Y -> Z with X as the event's `source`. Sentences without a
//! trigger, and articles without a text layer, take the clause rules.
//!
//! Every walk is bounded, so an article costs linear time (plus the parser's time on the
//! sentences it parses).
//!
//! Modules, each importing only modules of the lines above it (no import circles):
//! 1. `vocab` (the closed word lists and their class bits), `types` ([`actors::Actor`], the
//!    event as found, [`EventsError`]), `table` (CAMEO root, QuadClass, Goldstein),
//!    `tree_walk` (the breadth-first walk down a tree that `tree`'s rules share);
//! 2. `text`: tokens and sentences;
//! 3. [`lexicon`]: the trigger verbs and nouns; [`actors`]: who can be an actor or target;
//!    [`cameo`]: full CAMEO codes from a PETRARCH verb dictionary;
//! 4. `clause`: verb group, subject and object; `status`: status and date; `tree`: a
//!    parsed sentence, its participants' nodes and actors; then `tree_status`: the
//!    verbs around a parsed trigger (negation, modality, governors, reporter),
//!    `tree_place`: the GPE a verb acts in (the target when its object names no
//!    political actor), `tree_owner`: the doer of an act a disapproval is about,
//!    `tree_participle`: participle clauses that only describe a participant,
//!    `tree_condition`: the party an "if"/"unless" clause conditions a threat on;
//! 5. `trigger`: the event of one trigger in its clause; `tree_code`: the events of one
//!    parsed sentence;
//! 6. `coder`: an article's events, dated and merged;
//! 7. this file: the [`EventCoder`] stage; [`petrarch`]: the PETRARCH2 test bed, on top.
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
pub mod cameo;
mod clause;
mod coder;
pub mod lexicon;
pub mod petrarch;
mod status;
mod table;
mod text;
mod tree;
mod tree_code;
mod tree_condition;
mod tree_owner;
mod tree_participle;
mod tree_place;
mod tree_status;
mod tree_walk;
mod trigger;
mod types;
mod vocab;

use std::sync::Arc;

use newsgraph_model::syntax::SentenceParser;
use newsgraph_model::{Article, Reads, Stage};

pub use table::{cameo_root, goldstein, quad_class};
pub use types::EventsError;

/// The event stage: the lexicon and agent dictionary, loaded once and shared read-only.
pub struct EventCoder {
    lexicon: lexicon::Lexicon,
    agents: actors::Agents,
    fallback_actors: bool,
    coding: cameo::Coding,
    parser: Option<Arc<dyn SentenceParser>>,
}

impl std::fmt::Debug for EventCoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventCoder")
            .field("fallback_actors", &self.fallback_actors)
            .field("parser", &self.parser.is_some())
            .finish_non_exhaustive()
    }
}

impl EventCoder {
    pub fn load() -> Result<Self, EventsError> {
        let coding = cameo::Coding { dictionary: cameo::Dictionary::load()?, petrarch: false };
        Ok(EventCoder {
            lexicon: lexicon::Lexicon::load()?,
            agents: actors::Agents::load(),
            fallback_actors: true,
            coding,
            parser: None,
        })
    }

    /// Codes CAMEO the way PETRARCH does with this verb dictionary instead of CAMEO.2.0:
    /// its code is the event's, a verb it codes is a trigger even where the lexicon has
    /// none (typed by the code's root), and a trigger it does not code is no event. For a test
    /// suite written against its own dictionary (PETRARCH2's `PETR.Validate.verbs.txt`);
    /// the PLOVER types still come from the lexicon. Sentences are then read by the clause
    /// rules even with a parser (PETRARCH's triggers are the dictionary's verbs).
    pub fn with_verb_dictionary(mut self, dictionary: cameo::Dictionary) -> Self {
        self.coding = cameo::Coding { dictionary, petrarch: true };
        self
    }

    /// Whether capitalised phrases stand in for actors when an article has no entities
    /// (default on: text that never went through NER still gets actors). Turn it off when
    /// the entity layer is authoritative even when it finds nothing, as with a closed
    /// actor dictionary.
    pub fn with_fallback_actors(mut self, on: bool) -> Self {
        self.fallback_actors = on;
        self
    }

    /// Codes from the dependency tree: each sentence that holds a trigger (a lexicon hit)
    /// is parsed with `parser` (on the text layer's tokens) and its events are read from
    /// the tree; other sentences are never parsed. Without a parser (the default), or for
    /// an article without a text layer, the clause rules code every sentence.
    pub fn with_parser(mut self, parser: Arc<dyn SentenceParser>) -> Self {
        self.parser = Some(parser);
        self
    }
}

impl Stage for EventCoder {
    fn name(&self) -> &'static str {
        "events"
    }

    fn reads(&self) -> Reads {
        // English verb patterns.
        Reads::ENGLISH
    }

    fn annotate(&self, article: &mut Article) {
        if article.text.is_empty() {
            return;
        }
        coder::code(&self.lexicon, &self.agents, &self.coding, self.fallback_actors, self.parser.as_deref(), article);
    }
}
