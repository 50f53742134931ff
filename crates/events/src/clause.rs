//! Lightweight clause analysis: the verb group around a trigger, its subject and its object.
//!
//! No parser: the rules walk tokens left from the verb group for the subject (the nearest
//! actor mention in the same clause, skipping appositives and relative clauses, following
//! pronouns to their antecedent) and right from the trigger for the object (the head of
//! the first noun phrase, or of a phrase after a target preposition; a place after
//! "in"/"at" becomes the event's place instead). Every walk is bounded, so a sentence
//! costs time linear in its length.

use newsgraph_model::EntityType;

use crate::actors::{ActorMention, Actors};
use crate::text::Tok;
use crate::types::Actor;
use crate::vocab::{self, class, Governing, COMMITMENTS, IRREGULAR_PARTICIPLES};

/// How far (in tokens) the subject and object walks go.
const SUBJECT_REACH: usize = 30;
const OBJECT_REACH: usize = 16;

/// The auxiliaries, modals, negation and governing verbs before a trigger.
#[derive(Debug, Clone, Default)]
pub struct VerbGroup {
    /// First token of the group (the subject lies before it).
    pub start: usize,
    pub negated: bool,
    pub future: bool,
    pub hypothetical: bool,
    /// A form of "be" directly before a participle: the grammatical subject is the target.
    pub passive: bool,
    /// The trigger is the infinitive of a verb that is itself an event ("threatened to attack").
    pub complement_of: Option<usize>,
    /// "is willing to", "offered to", "will" in reported speech: a commitment, not a deed.
    pub commitment: bool,
    /// "must", "should", "has to": an obligation someone lays on the subject.
    pub obligation: bool,
    /// The negation belongs to the trigger itself ("did not meet"), not to a governing
    /// verb ("is not expected to attend").
    pub negation_direct: bool,
    /// "failed to reach", "refused to meet": the trigger did not happen by the subject's choice.
    pub failed: bool,
}

/// Reads the verb group that ends just before token `i`.
pub fn verb_group(toks: &[Tok], i: usize, lo: usize, is_event_verb: impl Fn(usize) -> bool) -> VerbGroup {
    let mut group = VerbGroup { start: i, ..VerbGroup::default() };
    let mut k = i;
    let mut saw_be = false;
    while k > lo {
        let tok = &toks[k - 1];
        let w = &*tok.lower;
        if tok.has(class::NEGATION) {
            group.negated = true;
            group.negation_direct |= group.start == i || toks[group.start..i].iter().all(|t| t.lower != "to");
        } else if tok.has(class::FUTURE_MODAL) {
            group.future = true;
        } else if matches!(w, "must" | "should") {
            group.obligation = true;
        } else if tok.has(class::HYPOTHETICAL_MODAL) {
            group.hypothetical = true;
        } else if tok.has(class::AUXILIARY) {
            if matches!(w, "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am") && k == group.start {
                saw_be = true;
            }
        } else if w == "to" {
            // "plans to invade", "is due to meet", "threatened to attack".
            let Some(gov) = k.checked_sub(2).map(|g| &toks[g]) else { break };
            if is_event_verb(k - 2) {
                group.complement_of = Some(k - 2);
                break;
            }
            if COMMITMENTS.contains(&&*gov.lower) {
                group.commitment = true;
                k -= 2;
                group.start = k;
                continue;
            }
            if matches!(&*gov.lower, "fail" | "fails" | "failed" | "failing") {
                group.failed = true;
                k -= 2;
                group.start = k;
                continue;
            }
            if matches!(&*gov.lower, "has" | "have" | "had") {
                group.obligation = true;
                k -= 2;
                group.start = k;
                continue;
            }
            match vocab::governing_status(&gov.lower) {
                Some(Governing::Future) => group.future = true,
                Some(Governing::Hypothetical) => group.hypothetical = true,
                Some(Governing::Neutral) => {}
                None if matches!(k.checked_sub(2).map(|g| &*toks[g].lower), Some("is" | "are" | "was" | "were")) => {
                    group.future = true;
                }
                None => break,
            }
            k -= 2;
            group.start = k;
            continue;
        } else if !(w.ends_with("ly") && w.len() > 3
            || matches!(
                w,
                "also"
                    | "still"
                    | "already"
                    | "just"
                    | "now"
                    | "again"
                    | "further"
                    | "entirely"
                    | "ever"
                    | "yet"
                    | "soon"
            ))
        {
            break;
        }
        k -= 1;
        group.start = k;
    }
    let verb = &*toks[i].lower;
    group.passive = saw_be && (verb.ends_with("ed") || verb.ends_with("en") || IRREGULAR_PARTICIPLES.contains(&verb));
    group
}

/// The subject of a verb group starting at token `g`: the actors (several when conjoined).
pub fn subject(toks: &[Tok], g: usize, lo: usize, actors: &Actors, quote_speaker: Option<Actor>) -> Vec<Actor> {
    let floor = lo.max(g.saturating_sub(SUBJECT_REACH));
    let mut k = g;
    while k > floor {
        let tok = &toks[k - 1];
        let w = &*tok.lower;
        if w == ")" {
            // "(APEC) forum has agreed": skip the parenthesis.
            match (floor..k - 1).rev().find(|&o| toks[o].is("(")) {
                Some(open) => {
                    k = open;
                    continue;
                }
                None => return Vec::new(),
            }
        }
        if tok.has(class::CLAUSE_OPENER) || is_quote(w) {
            return Vec::new();
        }
        if w == "who" || w == "which" {
            // A relative clause: its subject is the antecedent before the comma.
            k -= 1;
            if k > floor && toks[k - 1].is(",") {
                k -= 1;
            }
            continue;
        }
        if w == "," && k == g {
            // "Stoltenberg, NATO's chief, said": an appositive between commas before the verb.
            if let Some(c) = (floor..k - 1).rev().take(10).find(|&c| toks[c].is(",")) {
                if let Some(m) = mention_ending_at(toks, c, actors) {
                    return conjoined(toks, m, c, floor, actors);
                }
            }
        }
        // "US" is the country, not the pronoun "us".
        if tok.has(class::PRONOUN_SPEAKER) && !(w == "us" && tok.cap) {
            return quote_speaker.into_iter().collect();
        }
        if tok.has(class::PRONOUN_PERSON | class::PRONOUN_THING | class::PRONOUN_GROUP) {
            let person = tok.has(class::PRONOUN_PERSON);
            return actors.resolve_pronoun(tok.start, person).map(|m| m.actor).into_iter().collect();
        }
        if let Some(m) = actors.covering(tok.start, tok.end) {
            // A place ("in the Crimean Peninsula") is not a doer, nor is what an "anti-"
            // phrase opposes ("anti-government protesters"); keep looking left.
            if !actors.mentions[m].is_place() && !opposed(toks, k - 1, &actors.mentions[m]) {
                return conjoined(toks, m, k - 1, floor, actors);
            }
        }
        k -= 1;
    }
    Vec::new()
}

/// Whether mention `m` (whose last token is `k`) is the object of an "anti-" prefix
/// ("anti-Moldova", "anti- Moldova", "anti Moldova"). A mention that runs on to a head
/// noun ("an anti-Syria journalist" as one agent mention) is that noun, not what it opposes.
fn opposed(toks: &[Tok], k: usize, m: &ActorMention) -> bool {
    let mut first = k;
    while first > 0 && toks[first - 1].end > m.start {
        first -= 1;
    }
    if first != k {
        return false;
    }
    if toks[first].lower.starts_with("anti-") {
        return true;
    }
    let before = |j: usize| first.checked_sub(j).map(|x| &*toks[x].lower);
    matches!(before(1), Some("anti" | "anti-")) || (before(1) == Some("-") && before(2) == Some("anti"))
}

fn is_quote(w: &str) -> bool {
    matches!(w, "\"" | "“" | "”" | "«" | "»")
}

/// The mention whose last token is just before token `c`.
fn mention_ending_at(toks: &[Tok], c: usize, actors: &Actors) -> Option<usize> {
    let prev = toks.get(c.checked_sub(1)?)?;
    actors.covering(prev.start, prev.end)
}

/// The mention `m` (ending at token `k`) and the ones conjoined before it ("Jordan and Britain").
fn conjoined(toks: &[Tok], m: usize, k: usize, floor: usize, actors: &Actors) -> Vec<Actor> {
    let mut out = vec![actors.mentions[m].actor];
    let mut first = first_token_of(toks, &actors.mentions[m], k, floor);
    for _ in 0..4 {
        if first < floor + 2 || !toks[first - 1].is_any(&["and", ","]) {
            break;
        }
        let prev = &toks[first - 2];
        let Some(p) = actors.covering(prev.start, prev.end) else { break };
        let actor = actors.mentions[p].actor;
        if !out.contains(&actor) {
            out.push(actor);
        }
        first = first_token_of(toks, &actors.mentions[p], first - 2, floor);
    }
    out
}

fn first_token_of(toks: &[Tok], m: &ActorMention, mut k: usize, floor: usize) -> usize {
    while k > floor && toks[k - 1].end > m.start {
        k -= 1;
    }
    k
}

/// What follows a trigger: its targets and a place.
#[derive(Debug, Clone, Default)]
pub struct Object {
    pub targets: Vec<Actor>,
    pub place: Option<Actor>,
    /// Last token the object phrase reached (nouns up to here belong to it).
    pub end: usize,
}

/// The object of the trigger ending at token `from`, within the clause `[.., hi)`.
pub fn object(toks: &[Tok], from: usize, hi: usize, actors: &Actors) -> Object {
    let mut obj = Object { end: from, ..Object::default() };
    let mut in_place = false;
    let mut possessor: Option<Actor> = None;
    let mut k = from;
    let stop = hi.min(from + OBJECT_REACH).min(toks.len());
    while k < stop {
        let tok = &toks[k];
        let w = &*tok.lower;
        let adjacent_that = w == "that" && k == from;
        if matches!(w, "," | ";" | ":" | "." | "who")
            || is_quote(w)
            || (tok.has(class::CLAUSE_OPENER) && !adjacent_that)
        {
            break;
        }
        if !obj.targets.is_empty() {
            // After the target only a place phrase may follow ("meet X in Geneva").
            if tok.has(class::PLACE_PREPOSITION) {
                if let Some(m) = toks.get(k + 1..stop.min(k + 4)).into_iter().flatten().find_map(|t| {
                    actors.covering(t.start, t.end).filter(|&m| actors.mentions[m].kind != EntityType::Person)
                }) {
                    obj.place = obj.place.or(Some(actors.mentions[m].actor));
                }
                break;
            }
            k += 1;
            continue;
        }
        if tok.has(class::PLACE_PREPOSITION) {
            in_place = true;
        } else if tok.has(class::TARGET_PREPOSITION) || adjacent_that || w == "between" {
            in_place = false;
        } else if matches!(w, "him" | "them" | "it") && obj.targets.is_empty() {
            if let Some(m) = actors.resolve_pronoun(tok.start, w == "him") {
                obj.targets.push(m.actor);
                obj.end = k + 1;
            }
        } else if let Some(m) = actors.covering(tok.start, tok.end) {
            let mention = &actors.mentions[m];
            // Skip to the mention's last token.
            while k + 1 < stop && toks[k + 1].start < mention.end {
                k += 1;
            }
            let possessive = toks.get(k + 1).is_some_and(|t| t.is("'s"));
            if mention.is_place() || (in_place && mention.kind != EntityType::Person && obj.place.is_none()) {
                if obj.place.is_none() && (in_place || mention.is_place()) {
                    obj.place = Some(mention.actor);
                }
                if let Some(p) = possessor.take() {
                    obj.targets.push(p);
                    obj.end = k + 1;
                }
            } else if possessive {
                possessor = Some(mention.actor);
                k += 1;
            } else if obj.targets.is_empty() {
                obj.targets.push(mention.actor);
                obj.end = k + 1;
                // "Jordan and Britain": conjoined targets.
                let mut j = k + 1;
                while j + 1 < stop && toks[j].is_any(&["and", ","]) {
                    match actors.covering(toks[j + 1].start, toks[j + 1].end) {
                        Some(n) if !actors.mentions[n].is_place() => {
                            let next = &actors.mentions[n];
                            if !obj.targets.contains(&next.actor) {
                                obj.targets.push(next.actor);
                            }
                            j += 1;
                            while j + 1 < stop && toks[j + 1].start < next.end {
                                j += 1;
                            }
                            j += 1;
                            obj.end = j;
                        }
                        _ => break,
                    }
                }
                k = j;
                continue;
            }
        }
        k += 1;
    }
    if obj.targets.is_empty() {
        obj.targets.extend(possessor);
        obj.end = obj.end.max(k.min(stop));
    }
    obj
}

/// "between A and B": the heads of both conjuncts, searched within a few tokens after `from`.
pub fn between(toks: &[Tok], from: usize, hi: usize, actors: &Actors) -> Vec<Actor> {
    let stop = hi.min(from + 8).min(toks.len());
    let Some(b) = (from..stop).find(|&k| toks[k].is("between")) else { return Vec::new() };
    let end = hi.min(b + 16).min(toks.len());
    let and = (b + 1..end).find(|&k| toks[k].is("and"));
    let mut out = Vec::new();
    let halves = match and {
        Some(a) => [(b + 1, a), (a + 1, end)],
        None => [(b + 1, end), (end, end)],
    };
    for (s, e) in halves {
        // The head of a conjunct is its last mention before punctuation ("U.S. President Joe Biden").
        let mut head = None;
        for k in s..e {
            if toks[k].is_any(&[",", ";", "."]) || (k > s && toks[k].is_any(&["and", "amid", "on", "in", "over"])) {
                break;
            }
            if let Some(m) = actors.covering(toks[k].start, toks[k].end) {
                if !toks.get(k + 1).is_some_and(|t| t.is("'s")) || head.is_none() {
                    head = Some(actors.mentions[m].actor);
                }
            }
        }
        if let Some(h) = head {
            if !out.contains(&h) {
                out.push(h);
            }
        }
    }
    out
}

/// The owner of a nominal trigger at token `i`: "Russia's invasion", "his demands", "Russian troop buildup".
pub fn possessor(toks: &[Tok], i: usize, lo: usize, actors: &Actors) -> Option<Actor> {
    let mut k = i;
    // Skip up to two modifiers ("the further expansion", "a military invasion").
    for _ in 0..3 {
        if k <= lo {
            return None;
        }
        let tok = &toks[k - 1];
        let w = &*tok.lower;
        if w == "'s" {
            let owner = toks.get(k.checked_sub(2)?)?;
            return actors.covering(owner.start, owner.end).map(|m| actors.mentions[m].actor);
        }
        if matches!(w, "his" | "her") {
            return actors.resolve_pronoun(tok.start, true).map(|m| m.actor);
        }
        if matches!(w, "its" | "their") {
            return actors.resolve_pronoun(tok.start, false).map(|m| m.actor);
        }
        if let Some(m) = actors.covering(tok.start, tok.end) {
            let mention = &actors.mentions[m];
            // "an anti-Gondor parade" is against Gondor, not Gondor's.
            return (!mention.is_place() && !opposed(toks, k - 1, mention)).then_some(mention.actor);
        }
        if !tok.word
            || matches!(w, "the" | "a" | "an" | "and" | "of" | "in" | "on" | "to" | "by" | "with" | "that")
            || tok.has(class::AUXILIARY)
            || w.ends_with("ed")
        {
            return None;
        }
        k -= 1;
    }
    None
}

/// The heads of the prepositional phrases after a nominal trigger, in order: the last
/// mention of each phrase ("of the U.S.-led NATO alliance" -> NATO), or every mention of a
/// hyphenated pair ("towards the Russia-Ukraine border" -> Russia, Ukraine).
pub fn trailing_mentions<'a>(toks: &[Tok], from: usize, hi: usize, actors: &'a Actors) -> Vec<&'a ActorMention> {
    let mut out: Vec<&ActorMention> = Vec::new();
    let stop = hi.min(from + 20).min(toks.len());
    let mut in_pp = false;
    let mut phrase: Vec<Vec<&ActorMention>> = Vec::new();
    let flush = |phrase: &mut Vec<Vec<&'a ActorMention>>, out: &mut Vec<&'a ActorMention>| {
        if let Some(last) = phrase.pop() {
            for m in last {
                if !out.iter().any(|o| o.actor == m.actor) {
                    out.push(m);
                }
            }
        }
        phrase.clear();
    };
    for tok in &toks[from..stop] {
        let w = &*tok.lower;
        if tok.has(class::TARGET_PREPOSITION | class::PLACE_PREPOSITION) || w == "by" {
            flush(&mut phrase, &mut out);
            in_pp = true;
            continue;
        }
        if matches!(w, "," | ";" | "." | ":") || tok.has(class::CLAUSE_OPENER) {
            flush(&mut phrase, &mut out);
            in_pp = false;
            if out.len() >= 2 {
                break;
            }
            continue;
        }
        if !in_pp {
            continue;
        }
        let here: Vec<&ActorMention> = actors.within(tok.start, tok.end).filter(|m| !m.is_place()).collect();
        if !here.is_empty() {
            phrase.push(here);
        }
    }
    flush(&mut phrase, &mut out);
    out.truncate(3);
    out
}
