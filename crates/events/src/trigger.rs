//! One trigger in its clause: its subject, object and place, its verb group's status,
//! and PLOVER's readings of refusals ("cannot accept" is a REJECT), obligations ("X said
//! Y must Z" is a REQUEST) and commitments, as a [`Found`] event.
//!
//! It codes one trigger at a time and does not merge: [`crate::coder`] walks the sentence,
//! dates the events and merges reports of one happening.

use newsgraph_model::{ByteSpan, EventStatus, EventType};

use crate::actors::Actors;
use crate::clause::{self, Object};
use crate::lexicon::Hit;
use crate::status::{has_cue, status_of};
use crate::text::Tok;
use crate::types::{Actor, Found};
use crate::vocab::{self, class, Governing};

/// A trigger in its clause: the tokens and mentions the rules read, and where they may look.
#[derive(Debug, Clone, Copy)]
pub struct Trigger<'a> {
    /// The sentence's tokens.
    pub toks: &'a [Tok<'a>],
    /// The article's actor mentions.
    pub actors: &'a Actors,
    /// The sentence's index in the article (merging joins reports of nearby sentences).
    pub sentence: usize,
    /// The clause's tokens are `toks[lo..hi]`: the subject and object walks stay inside.
    pub lo: usize,
    pub hi: usize,
    /// The trigger's first token, and what the lexicon matched there (up to `hit.end`).
    pub at: usize,
    pub hit: &'a Hit<'a>,
}

/// What a sentence says about all its triggers: who is quoted, where the quotes are, and
/// whether it reports speech at all.
pub struct Context<'a> {
    pub speaker: Option<Actor>,
    pub quoted: &'a [bool],
    pub reported: bool,
}

/// The event a verb trigger reports, and the token after the last one its phrase used
/// (a noun trigger before it is part of this event: "launched an offensive"). `None` when
/// the trigger is no event of who did what to whom (see the crate doc).
///
/// `event_verbs` says which tokens before were event verbs (a trigger that is their
/// infinitive complement is theirs: "threatened to attack"); `previous_subject` is the
/// subject of the clause's previous verb event, which a verb after "and" shares.
pub fn verb_event(
    trigger: &Trigger,
    context: &Context,
    event_verbs: &[bool],
    previous_subject: Option<&[Actor]>,
) -> Option<(Found, usize)> {
    let Trigger { toks, actors, sentence: s, lo, hi, at: i, hit } = *trigger;
    let is_event_verb = |k: usize| event_verbs.get(k).copied().unwrap_or(false);
    let group = clause::verb_group(toks, i, lo, is_event_verb);
    if group.complement_of.is_some() {
        return None;
    }
    let speaker = context.speaker;
    let in_quote = context.quoted.get(i).copied().unwrap_or(false);
    let coordinated = group.start > lo && toks[group.start - 1].is("and");
    let mut subject = match previous_subject {
        // "Moscow annexed Crimea and supports separatists": the second verb shares the subject.
        Some(prev) if coordinated && !prev.is_empty() => prev.to_vec(),
        _ => clause::subject(toks, group.start, lo, actors, if in_quote { speaker } else { None }),
    };
    if subject.is_empty() && in_quote {
        subject.extend(speaker);
    }
    let mut obj: Object = clause::object(toks, hit.end, hi, actors);
    let mut kind = hit.code.plover?;
    let mut mode = hit.code.mode.clone();
    let mut cameo = hit.code.cameo.clone();
    let mut negated = group.negated;
    let mut hypothetical = group.hypothetical;
    let refusable = vocab::NEGATED_IS_REJECT.iter().any(|v| toks[i].lower.starts_with(v));
    if (negated && group.negation_direct && refusable) || group.failed {
        // "cannot accept" is a rejection that happened, not a hypothetical acceptance.
        kind = EventType::Reject;
        mode = None;
        cameo = "120".into();
        negated = false;
        hypothetical = false;
    }
    if kind == EventType::Consult && obj.targets.is_empty() {
        let pair = clause::between(toks, hit.end, hi, actors);
        if !pair.is_empty() {
            obj.targets = pair;
        }
    }
    let (mut actors_v, mut targets) = (subject, obj.targets);
    if group.passive {
        // "X was attacked by Y": Y is the actor, X the target.
        let by = (hit.end..hi.min(hit.end + 6)).find(|&k| toks[k].is("by"));
        let agent = by.and_then(|b| clause::object(toks, b + 1, hi, actors).targets.into_iter().next());
        targets = std::mem::take(&mut actors_v);
        actors_v.extend(agent);
    }
    let cue = has_cue(toks, group.start);
    if group.obligation && !negated && kind != EventType::Request {
        // "X said Y must Z": X demands Z of Y.
        let reporter = reporter(toks, group.start, lo, actors, speaker);
        if !reporter.is_empty() && reporter != actors_v {
            targets = std::mem::replace(&mut actors_v, reporter);
            kind = EventType::Request;
            mode = None;
            cameo = "100".into();
            hypothetical = false;
        }
    }
    // An infinitive ("an attempt to assassinate X") has no subject of its own.
    let nonfinite = toks[group.start.saturating_sub(1)..i].iter().any(|t| t.is("to"));
    let unnamed_by_grammar = group.passive || nonfinite;
    if actors_v.is_empty() && (targets.is_empty() || !unnamed_by_grammar) {
        // A finite active verb whose subject slot holds no political actor ("crowds burned
        // down", "left for the ministry") is no event of who did what to whom. A passive
        // or an infinitive leaves its doer unnamed by grammar ("has been accused"): kept.
        return None;
    }
    targets.retain(|t| !actors_v.contains(t));

    if targets.is_empty() {
        // "arrived in Amman", "lifted the curfew in Montenegro": the political place is the target too.
        if let Some(place) = obj.place.filter(|p| !actors_v.contains(p)) {
            if actors.kind_of(place) == Some(newsgraph_model::EntityType::Gpe) {
                targets.push(place);
            }
        }
    }
    let reported = context.reported;
    let intent = !negated
        && !cue
        && (group.commitment || ((group.future || toks[group.start..i].iter().any(|t| t.is("would"))) && reported));
    if kind == EventType::Cooperate && !intent && targets.is_empty() && actors_v.len() < 2 && obj.place.is_none() {
        // Cooperation takes two: one actor and no partner is no codable cooperation
        // ("the park is to be jointly managed by the government"). A stated intention
        // ("will provide food aid") is coded as the statement, an AGREE, instead.
        return None;
    }
    let status = status_of(toks, group.start, group.negated && negated, hypothetical, group.future);
    let start = actors_v_start(toks, group.start, lo).min(toks[group.start].start);
    let end_tok = obj.end.max(hit.end).min(toks.len());
    let end = toks[end_tok.saturating_sub(1)].end.max(toks[hit.end - 1].end);
    let found = Found {
        kind,
        mode,
        cameo,
        actors: actors_v,
        targets,
        place: obj.place,
        status,
        date: None,
        evidence: ByteSpan::new(start, end),
        extra: Vec::new(),
        intent,
        sentence: s,
        source: None,
    };
    Some((found, end_tok))
}

/// Evidence starts at the subject when it is close, else at the verb group.
fn actors_v_start(toks: &[Tok], g: usize, lo: usize) -> usize {
    let from = lo.max(g.saturating_sub(8));
    toks[from..g].iter().find(|t| t.cap || t.word).map_or(toks[g].start, |t| t.start)
}

/// The event a noun trigger reports ("Russia's invasion", "talks between A and B"), owned
/// by its possessor, the phrases after it, or the subject of a light verb before it.
pub fn noun_event(trigger: &Trigger) -> Option<Found> {
    let Trigger { toks, actors, sentence: s, lo, hi, at: i, hit } = *trigger;
    let kind = hit.code.plover?;
    let mut actor_list: Vec<Actor> = clause::possessor(toks, i, lo, actors).into_iter().collect();
    let mut targets = Vec::new();
    if kind == EventType::Consult && actor_list.is_empty() {
        actor_list = clause::between(toks, hit.end, hi, actors);
    }
    if let Some(b) = (hit.end..hi.min(hit.end + 3)).find(|&k| toks[k].is("by")) {
        if let Some(m) = clause::object(toks, b + 1, hi, actors).targets.first() {
            targets.append(&mut actor_list);
            actor_list.push(*m);
        }
    }
    // Without an owner, a physical event ("a troop buildup ... towards the Russia-Ukraine
    // border") takes its participants from the phrases that follow it in the sentence.
    let physical = matches!(kind, EventType::Mobilize | EventType::Assault | EventType::Retreat | EventType::Protest);
    let trailing = if physical || !actor_list.is_empty() {
        clause::trailing_mentions(toks, hit.end, hi, actors)
    } else {
        Vec::new()
    };
    for m in trailing {
        if actor_list.is_empty() {
            actor_list.push(m.actor);
        } else if targets.is_empty() && !actor_list.contains(&m.actor) {
            targets.push(m.actor);
        }
    }
    let governed = governed_by_intent(toks, i, lo);
    if governed || light_verb_before(toks, i, lo) {
        // "Moscow plans a military invasion into Ukraine": the clause's subject owns the noun,
        // and what trailed it is the target.
        let np_start = (lo.max(i.saturating_sub(3))..i).find(|&k| toks[k].is_any(&["a", "an", "the"])).unwrap_or(i);
        let subject = clause::subject(toks, np_start.saturating_sub(1), lo, actors, None);
        if !subject.is_empty() && (actor_list.is_empty() || !actor_list.iter().all(|a| subject.contains(a))) {
            targets = actor_list.drain(..).filter(|a| !subject.contains(a)).collect();
            actor_list = subject;
        }
    }
    if actor_list.is_empty() {
        return None;
    }
    let status = status_of(toks, i, false, false, false);
    let status = match status {
        EventStatus::Actual if governed => EventStatus::Hypothetical,
        other => other,
    };
    let place = clause::object(toks, hit.end, hi, actors).place;
    Some(Found {
        kind,
        mode: hit.code.mode.clone(),
        cameo: hit.code.cameo.clone(),
        actors: actor_list,
        targets,
        place,
        status,
        date: None,
        evidence: ByteSpan::new(toks[i].start, toks[hit.end - 1].end),
        extra: Vec::new(),
        intent: false,
        sentence: s,
        source: None,
    })
}

/// A verb that makes its object noun an event of its subject ("launched an offensive").
fn light_verb_before(toks: &[Tok], i: usize, lo: usize) -> bool {
    let light = toks[lo.max(i.saturating_sub(3))..i].iter().any(|t| {
        let w = &*t.lower;
        [
            "launch", "stage", "mount", "conduct", "carr", "began", "begin", "start", "continu", "order", "open",
            "complet", "issu", "announc",
        ]
        .iter()
        .any(|v| w.starts_with(v))
    });
    // A measure's noun phrase may be longer ("extend the night-time curfew").
    light
        || toks[lo.max(i.saturating_sub(5))..i]
            .iter()
            .any(|t| vocab::MEASURE_VERBS.iter().any(|v| t.lower.starts_with(v)))
}

/// A nominal event that is the object of "plans", "threatens", "fears" ... is not (yet) real.
fn governed_by_intent(toks: &[Tok], i: usize, lo: usize) -> bool {
    toks[lo.max(i.saturating_sub(4))..i].iter().any(|t| {
        matches!(vocab::governing_status(&t.lower), Some(Governing::Future | Governing::Hypothetical))
            || t.is_any(&["threatens", "threatened", "threaten", "possible", "potential", "feared"])
    })
}

/// Who lays an obligation: the subject of the reporting clause before "that", or the
/// attribution after the clause (", X said").
fn reporter(toks: &[Tok], g: usize, lo: usize, actors: &Actors, speaker: Option<Actor>) -> Vec<Actor> {
    // The reporting verb before the clause ("declared Tuesday that", "said"), and its subject.
    let verb = (lo.max(g.saturating_sub(12))..g).rev().find(|&k| {
        let w = &*toks[k].lower;
        toks[k].has(class::REPORTING) || (toks[k].word && !toks[k].cap && w.ends_with("ed") && w.len() > 4)
    });
    if let Some(v) = verb {
        let found = clause::subject(toks, v, lo, actors, speaker);
        if !found.is_empty() {
            return found;
        }
    }
    if let Some(r) = (g..toks.len()).find(|&k| toks[k].has(class::REPORTING)) {
        if let Some(m) = (r.saturating_sub(4)..r).rev().find_map(|k| actors.covering(toks[k].start, toks[k].end)) {
            return vec![actors.mentions[m].actor];
        }
        let after = (r + 1..toks.len().min(r + 4)).find_map(|k| actors.covering(toks[k].start, toks[k].end));
        if let Some(m) = after {
            return vec![actors.mentions[m].actor];
        }
    }
    speaker.into_iter().collect()
}
