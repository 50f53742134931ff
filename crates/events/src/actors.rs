//! Actor mentions: who can be the actor or target of an event.
//!
//! Three sources, in order of trust:
//! 1. the entity layer's mentions (a nationality entity such as "Russian" is folded
//!    into the country entity with the same ISO code when the article has one);
//! 2. generic sector nouns from the CAMEO/PLOVER agents dictionary ("police",
//!    "protesters", "the military", "rebels"): modified by a named mention
//!    ("Russian officials", "U.S. counterparts") they stand for that entity;
//!    bare, they become entities of their own with `kb.sector` set (one entity per
//!    noun and sector, appended after the entity layer's ones, only if an event uses it);
//! 3. only when the entity layer found nothing at all: capitalised noun phrases,
//!    so the coder still yields actors on text that never went through NER.
//!
//! Pronouns are not mentions here: [`Actors::resolve_pronoun`] finds their antecedent
//! on demand.

use newsgraph_model::{Article, CharIndex, Entity, EntityId, EntityType, FeatureKind, KbLink, Mention};

use crate::text::Tok;
use crate::types::FastMap;
use crate::vocab::class;

pub use crate::types::Actor;

const AGENTS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/events/agents.tsv"));

/// Generic nouns the agents dictionary lacks (plurals of role words it lists only in
/// compounds), with their sector.
const EXTRA_AGENTS: &[(&str, &str)] = &[
    ("official", "GOV"),
    ("officials", "GOV"),
    ("leader", "GOV"),
    ("leaders", "GOV"),
    ("authorities", "GOV"),
    ("counterpart", "GOV"),
    ("counterparts", "GOV"),
    ("forces", "MIL"),
    ("troops", "MIL"),
    ("militants", "REB"),
    ("insurgents", "REB"),
    ("demonstrators", "CVL"),
    // The dictionary knows "citizen" and "civilian" but not the commonest crowd noun.
    ("people", "CVL"),
    ("activists", "CVL"),
    ("diplomats", "GOV"),
    ("lawmakers", "LEG"),
    ("ministry", "GOV"),
    ("minister", "GOV"),
];

#[derive(Debug, Clone)]
pub struct ActorMention {
    /// Byte span in the article text.
    pub start: usize,
    pub end: usize,
    pub actor: Actor,
    pub kind: EntityType,
}

impl ActorMention {
    /// A place rather than a political actor (a target there becomes the event's place).
    pub fn is_place(&self) -> bool {
        matches!(self.kind, EntityType::Loc | EntityType::Fac)
    }
}

/// The generic-noun dictionary, loaded once.
#[derive(Debug, Default)]
pub struct Agents {
    sectors: FastMap<String, &'static str>,
}

impl Agents {
    pub fn load() -> Self {
        let mut sectors = FastMap::default();
        for line in AGENTS.lines().filter(|l| !l.starts_with('#')) {
            if let Some((phrase, sector)) = line.split_once('\t') {
                if !phrase.contains(' ') {
                    sectors.insert(plural(phrase), sector);
                    sectors.insert(phrase.to_string(), sector);
                }
            }
        }
        for (word, sector) in EXTRA_AGENTS {
            sectors.insert(word.to_string(), *sector);
        }
        Agents { sectors }
    }

    pub fn sector(&self, word: &str) -> Option<&'static str> {
        self.sectors.get(word).copied()
    }
}

fn plural(word: &str) -> String {
    if let Some(stem) = word.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o'])) {
        format!("{stem}ies")
    } else if word.ends_with('s') || word.ends_with("sh") || word.ends_with("ch") {
        format!("{word}es")
    } else if let Some(stem) = word.strip_suffix("man") {
        format!("{stem}men")
    } else {
        format!("{word}s")
    }
}

/// Every actor mention of one article, sorted by position, and the entities this stage adds.
#[derive(Debug, Default)]
pub struct Actors {
    pub mentions: Vec<ActorMention>,
    pub extra: Vec<Entity>,
    extra_index: FastMap<String, usize>,
    /// Generic and fallback mentions found sentence by sentence, sorted in by `finish`.
    pending: Vec<ActorMention>,
    kinds: FastMap<Actor, EntityType>,
    /// The entity layer found nothing: capitalised phrases stand in for it.
    pub fallback: bool,
}

impl Actors {
    /// The entity layer's mentions, with nationalities folded into their country.
    pub fn from_entities(article: &Article, index: &CharIndex) -> Self {
        let position: FastMap<&EntityId, usize> =
            article.entities.iter().enumerate().map(|(i, e)| (&e.id, i)).collect();
        let mut country_entity: FastMap<&str, usize> = FastMap::default();
        for place in &article.places {
            if place.feature == FeatureKind::Country {
                if let (Some(code), Some(&i)) = (place.country.as_deref(), position.get(&place.entity)) {
                    country_entity.entry(code).or_insert(i);
                }
            }
        }
        for (i, entity) in article.entities.iter().enumerate() {
            if entity.kind == EntityType::Gpe {
                if let Some(code) = entity.kb.as_ref().and_then(|kb| kb.country.as_deref()) {
                    // Without the geocoder, a GPE whose name is its only country-level link is taken as the country.
                    if entity.kb.as_ref().is_some_and(|kb| kb.geonames.is_none()) || article.places.is_empty() {
                        country_entity.entry(code).or_insert(i);
                    }
                }
            }
        }
        let mut mentions = Vec::new();
        for (i, entity) in article.entities.iter().enumerate() {
            if !entity.kind.is_named() {
                continue;
            }
            let mut actor = Actor::Entity(i);
            let mut kind = entity.kind;
            if entity.kind == EntityType::Norp {
                if let Some(&c) =
                    entity.kb.as_ref().and_then(|kb| kb.country.as_deref()).and_then(|c| country_entity.get(c))
                {
                    actor = Actor::Entity(c);
                    kind = EntityType::Gpe;
                }
            }
            for m in &entity.mentions {
                let span = index.to_bytes(m.span);
                if span.start() < span.end() {
                    mentions.push(ActorMention { start: span.start(), end: span.end(), actor, kind });
                }
            }
        }
        mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let fallback = article.entities.is_empty();
        Actors { mentions, fallback, ..Actors::default() }
    }

    /// Adds generic sector nouns and (in fallback mode) capitalised phrases of one sentence.
    pub fn add_sentence(
        &mut self,
        text: &str,
        toks: &[Tok],
        agents: &Agents,
        is_trigger: impl Fn(&Tok) -> bool,
        is_verb: impl Fn(&Tok) -> bool,
    ) {
        let mut added = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let tok = &toks[i];
            if self.covering(tok.start, tok.end).is_some() {
                i += 1;
                continue;
            }
            if self.fallback && tok.cap && tok.word && !is_function_word(&tok.lower) {
                let mut j = i + 1;
                while j < toks.len()
                    && self.covering(toks[j].start, toks[j].end).is_none()
                    && ((toks[j].cap && toks[j].word) || (toks[j].is("of") && toks.get(j + 1).is_some_and(|t| t.cap)))
                {
                    j += 1;
                }
                let single = j == i + 1;
                let sentence_start = i == 0 || toks[i - 1].is_any(&["\"", "“", "(", "'"]);
                let skip = single && sentence_start && (is_trigger(tok) || agents.sector(&tok.lower).is_some());
                if !skip && !is_calendar_word(&tok.lower) {
                    let surface = &text[tok.start..toks[j - 1].end];
                    let kind = guess_kind(surface, j - i);
                    let actor = self.extra_entity(surface, kind, None);
                    added.push(ActorMention { start: tok.start, end: toks[j - 1].end, actor, kind });
                    i = j;
                    continue;
                }
            }
            // "military aid", "police officers": a sector noun before another noun is a modifier.
            // Checked only for sector nouns: the lexicon lookup is the costly part.
            let modifier_use = |n: &Tok| {
                n.word
                    && !n.cap
                    && !is_verb(n)
                    && !is_function_word(&n.lower)
                    && !n.has(class::AUXILIARY | class::HYPOTHETICAL_MODAL | class::FUTURE_MODAL)
                    && !matches!(&*n.lower, "who" | "which" | "that" | "also" | "said" | "say" | "says")
            };
            if let Some(sector) = agents.sector(&tok.lower).filter(|_| !toks.get(i + 1).is_some_and(modifier_use)) {
                // "Russian officials", "Russia's military", "U.S. counterparts": the modifier is the actor.
                let prev = i.checked_sub(1).map(|p| &toks[p]);
                let modifier = match prev {
                    Some(p) if p.is("'s") => i.checked_sub(2).map(|q| &toks[q]),
                    other => other,
                };
                let resolved = modifier.and_then(|t| {
                    added
                        .iter()
                        .rev()
                        .find(|m| m.start <= t.start && m.end >= t.end)
                        .map(|m| (m.actor, m.kind))
                        .or_else(|| {
                            self.covering(t.start, t.end).map(|k| (self.mentions[k].actor, self.mentions[k].kind))
                        })
                });
                // State agents stand for their state ("Russian officials" = Russia); other groups
                // ("Russian separatists") are actors of their own.
                let state = matches!(sector, "GOV" | "MIL" | "COP" | "LEG" | "JUD" | "SPY");
                let (actor, kind, start) = match (resolved, modifier) {
                    (Some((actor, kind)), Some(m)) if kind != EntityType::Person && state => (actor, kind, m.start),
                    (Some(_), Some(m)) => {
                        let name = &text[m.start..tok.end];
                        (self.extra_entity(name, EntityType::Norp, Some(sector)), EntityType::Norp, m.start)
                    }
                    _ => (self.extra_entity(&tok.lower, EntityType::Org, Some(sector)), EntityType::Org, tok.start),
                };
                if start < tok.start {
                    added.retain(|m| m.end <= start);
                }
                added.push(ActorMention { start, end: tok.end, actor, kind });
            }
            i += 1;
        }
        self.pending.extend(added);
    }

    /// Adds the mentions found by [`Actors::add_sentence`] to the sorted list (once per article).
    pub fn finish(&mut self) {
        self.mentions.append(&mut self.pending);
        self.mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        for m in &self.mentions {
            self.kinds.entry(m.actor).or_insert(m.kind);
        }
    }

    fn extra_entity(&mut self, name: &str, kind: EntityType, sector: Option<&str>) -> Actor {
        let key = format!("{}|{}", sector.unwrap_or(""), name.to_lowercase());
        if let Some(&i) = self.extra_index.get(&key) {
            return Actor::Extra(i);
        }
        let entity = Entity {
            id: Default::default(),
            name: name.to_string(),
            kind,
            kb: sector.map(|s| KbLink { sector: Some(s.to_string()), ..KbLink::default() }),
            roles: Vec::new(),
            mentions: Vec::new(),
        };
        self.extra.push(entity);
        self.extra_index.insert(key, self.extra.len() - 1);
        Actor::Extra(self.extra.len() - 1)
    }

    /// The type of an actor's first mention.
    pub fn kind_of(&self, actor: Actor) -> Option<EntityType> {
        self.kinds.get(&actor).copied()
    }

    /// The index of a mention overlapping `[start, end)`, preferring the longest (a generic
    /// "Russian separatists" over the "Russian" inside it), then the rightmost.
    pub fn covering(&self, start: usize, end: usize) -> Option<usize> {
        let upto = self.mentions.partition_point(|m| m.start < end);
        (upto.saturating_sub(8)..upto)
            .rev()
            .filter(|&k| self.mentions[k].end > start)
            .max_by_key(|&k| (self.mentions[k].end - self.mentions[k].start, k))
    }

    /// Mentions overlapping `[start, end)`, in text order.
    pub fn within(&self, start: usize, end: usize) -> impl Iterator<Item = &ActorMention> {
        let from = self.mentions.partition_point(|m| m.end <= start).saturating_sub(8);
        self.mentions[from..].iter().take_while(move |m| m.start < end).filter(move |m| m.end > start)
    }

    /// The antecedent of a third-person pronoun at byte `at`: the nearest earlier mention of a fitting kind.
    pub fn resolve_pronoun(&self, at: usize, person: bool) -> Option<&ActorMention> {
        let upto = self.mentions.partition_point(|m| m.start < at);
        self.mentions[..upto].iter().rev().take(40).find(|m| {
            if person {
                m.kind == EntityType::Person
            } else {
                !matches!(m.kind, EntityType::Person | EntityType::Loc | EntityType::Fac)
            }
        })
    }

    /// Records each used extra entity's mentions (as code-point spans) for the record.
    pub fn extra_mentions(&self, text: &str, index: &CharIndex) -> Vec<Vec<Mention>> {
        let mut out = vec![Vec::new(); self.extra.len()];
        for m in &self.mentions {
            if let Actor::Extra(i) = m.actor {
                if let Some(list) = out.get_mut(i) {
                    list.push(mention(text, index, newsgraph_model::ByteSpan::new(m.start, m.end)));
                }
            }
        }
        out
    }
}

/// The record's mention of a byte span (sliced by bytes: `Mention::of` walks the text from its start).
pub fn mention(text: &str, index: &CharIndex, span: newsgraph_model::ByteSpan) -> Mention {
    let chars = index.to_chars(span);
    Mention { span: chars, text: span.slice(text).to_string() }
}

fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "in"
            | "on"
            | "at"
            | "but"
            | "and"
            | "or"
            | "if"
            | "when"
            | "while"
            | "after"
            | "before"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "this"
            | "that"
            | "these"
            | "those"
            | "there"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "as"
            | "for"
            | "with"
            | "by"
            | "from"
            | "to"
            | "of"
            | "some"
            | "many"
            | "most"
            | "no"
            | "not"
            | "yes"
            | "so"
            | "thus"
            | "however"
            | "meanwhile"
            | "earlier"
            | "later"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "senior"
            | "despite"
            | "although"
            | "also"
            | "officials"
            | "several"
            | "two"
            | "three"
            | "both"
            | "all"
            | "one"
            | "what"
            | "who"
            | "where"
            | "why"
            | "how"
            | "western"
            | "eastern"
            | "president"
            | "prime"
            | "minister"
            | "secretary"
            | "general"
            | "state"
            | "mr."
            | "mrs."
            | "dr."
            | "gen."
    )
}

fn is_calendar_word(word: &str) -> bool {
    matches!(
        word,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// A rough type for a capitalised phrase found without NER.
fn guess_kind(surface: &str, words: usize) -> EntityType {
    let lower = surface.to_lowercase();
    let org_words =
        ["ministry", "party", "council", "organization", "organisation", "union", "nations", "army", "front"];
    if org_words.iter().any(|w| lower.contains(w)) {
        EntityType::Org
    } else if words == 1 && ["ian", "ese", "ish", "an", "i"].iter().any(|s| lower.ends_with(s)) && lower.len() > 4 {
        EntityType::Norp
    } else if words == 1 {
        EntityType::Gpe
    } else {
        EntityType::Person
    }
}
