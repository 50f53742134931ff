//! Coding one article: triggers per sentence, their participants and status, then merging.

use newsgraph_model::{Article, ByteSpan, CharIndex, EntityId, Event, EventStatus, EventType, TimexType};

use crate::actors::{mention, Actor, Actors};
use crate::clause::{self, Object};
use crate::lexicon::Hit;
use crate::status::{as_statement_of_intent, date_of, has_cue, refine_status, status_of};
use crate::text::{self, class, Tok};
use crate::{table, EventCoder, FastMap};

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
}

/// What a sentence says about all its triggers: who is quoted, where the quotes are, and
/// whether it reports speech at all.
struct Context<'a> {
    speaker: Option<Actor>,
    quoted: &'a [bool],
    reported: bool,
}

/// Verbs whose negation is a rejection ("cannot accept" = REJECT), not a negated event.
const NEGATED_IS_REJECT: &[&str] = &[
    "accept",
    "agree",
    "allow",
    "approve",
    "tolerate",
    "recognize",
    "recognise",
    "support",
    "permit",
    "meet",
    "met",
    "reach",
    "sign",
    "cooperate",
    "negotiate",
    "talk",
    "comply",
    "respond",
    "release",
    "lift",
    "withdraw",
];

/// Longer token runs are skipped (bounded work per sentence).
const MAX_SENTENCE_TOKENS: usize = 400;

pub fn code(coder: &EventCoder, article: &mut Article) {
    let text = article.text.as_str();
    let index = CharIndex::new(text);
    let sentences = if article.analysis.sentences.is_empty() {
        text::split_sentences(text)
    } else {
        article.analysis.sentences.clone()
    };
    let mut actors = Actors::from_entities(article, &index);
    actors.fallback &= coder.fallback_actors;
    let published = article.published_date().map(str::to_string);
    let mut times: Vec<(ByteSpan, String, bool)> = article
        .times
        .iter()
        .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
        .filter_map(|t| {
            let value = t.value.clone()?;
            let iso = value.chars().next().is_some_and(|c| c.is_ascii_digit());
            Some((index.to_bytes(t.span), value, iso))
        })
        .collect();
    times.sort_by_key(|(span, _, _)| span.start());
    // Pass 1: tokens and the generic actor mentions of every sentence, sorted once.
    let mut sentence_toks: Vec<Vec<Tok>> = Vec::with_capacity(sentences.len());
    for sentence in &sentences {
        let mut toks = Vec::new();
        text::tokenize(text, *sentence, &mut toks);
        if toks.len() > MAX_SENTENCE_TOKENS {
            // A run-on "sentence" (a table, a list) is not prose the clause rules can read.
            toks.clear();
        }
        coder.lexicon.annotate(&mut toks);
        let lexicon = &coder.lexicon;
        actors.add_sentence(text, &toks, &coder.agents, |t| lexicon.is_trigger(t), |t| lexicon.is_verb(t));
        sentence_toks.push(toks);
    }
    actors.finish();
    // Pass 2: code each sentence.
    let mut found = Vec::new();
    for (s, toks) in sentence_toks.iter().enumerate() {
        if toks.is_empty() {
            continue;
        }
        let first = found.len();
        code_sentence(coder, toks, &actors, s, &mut found);
        for f in &mut found[first..] {
            let (date, from_text) = date_of(&times, text, toks, f.evidence, published.as_deref());
            let scheduled = from_text && date.as_deref().zip(published.as_deref()).is_some_and(|(d, p)| d > p);
            if f.intent && !scheduled {
                as_statement_of_intent(f);
            }
            f.status = refine_status(f.status, date.as_deref(), from_text, published.as_deref());
            f.date = match f.status {
                EventStatus::Actual => date.or_else(|| published.clone()),
                _ if from_text => date,
                _ => None,
            };
        }
    }
    let merged = merge(found);
    write(article, &index, actors, merged);
}

fn code_sentence(coder: &EventCoder, toks: &[Tok], actors: &Actors, s: usize, out: &mut Vec<Found>) {
    let n = toks.len();
    let speaker = quote_speaker(toks, actors);
    let quoted = quoted_tokens(toks);
    let reported = toks.iter().any(|t| t.has(class::REPORTING));
    let context = Context { speaker, quoted: &quoted, reported };
    let mut consumed = 0;
    let mut last_subject: Option<(usize, Vec<Actor>)> = None;
    // Whether the verb reading of each token was an event trigger (for complements).
    let mut event_verbs = vec![false; n];
    let bounds = ClauseBounds::new(toks);
    let mut i = 0;
    while i < n {
        let (lo, hi) = bounds.at(i);
        let tok = &toks[i];
        let named = tok.cap && i > 0 && !toks[i - 1].is_any(&["\"", "“", "("]);
        let covered = actors.covering(tok.start, tok.end).is_some();
        let hit = if named || covered || !verb_reading(toks, i, actors) {
            None
        } else {
            coder.lexicon.verb_at(toks, i, lo, hi)
        };
        if let Some(hit) = hit {
            event_verbs[i] = hit.code.plover.is_some();
            let end = hit.end;
            let background = relative_clause(toks, i, lo);
            if let Some(kind) = hit.code.plover.filter(|_| !background) {
                let previous = last_subject.as_ref().filter(|(at, _)| *at >= lo).map(|(_, a)| a.as_slice());
                if let Some(f) = verb_event(toks, i, &hit, kind, lo, hi, actors, &context, &event_verbs, previous, s) {
                    consumed = consumed.max(f.1);
                    last_subject = Some((i, f.0.actors.clone()));
                    out.push(f.0);
                }
            }
            i = end;
            continue;
        }
        if i >= consumed {
            if let Some(hit) = coder.lexicon.noun_at(toks, i, lo, hi) {
                let background = relative_clause(toks, i, lo);
                if let Some(f) = noun_event(toks, i, &hit, lo, hi, actors, s).filter(|_| !background) {
                    out.push(f);
                }
                i = hit.end;
                continue;
            }
        }
        i += 1;
    }
}

/// Whether token `i` lies in a non-restrictive relative clause (", who lost his son when
/// bombers struck", ", which are deployed to oversee a ceasefire"): such a clause describes
/// a participant, it does not report the sentence's news.
fn relative_clause(toks: &[Tok], i: usize, lo: usize) -> bool {
    let from = lo.max(i.saturating_sub(25));
    match (from..i).rev().find(|&k| toks[k].is_any(&[",", "(", ")", "\"", "“", "”"])) {
        Some(k) => toks[k].is(",") && toks.get(k + 1).is_some_and(|t| t.is_any(&["who", "which", "whose"])),
        None => false,
    }
}

/// Whether the word at `i` reads as a verb rather than a noun ("talks", "demands", "allies"):
/// no tagger, so the neighbours decide.
fn verb_reading(toks: &[Tok], i: usize, actors: &Actors) -> bool {
    let tok = &toks[i];
    let Some(prev) = i.checked_sub(1).map(|p| &toks[p]) else { return false };
    let w = &*prev.lower;
    if !prev.word && prev.end == tok.start && !matches!(w, "\"" | "“") {
        return false; // "U.S.-led"
    }
    if prev.has(class::DETERMINER | class::NOUN_PREPOSITION) {
        return false;
    }
    // After an "anti-X" modifier comes the noun it modifies ("an anti-war parade").
    let anti = |k: usize| toks.get(k).is_some_and(|t| t.lower == "anti" || t.lower == "anti-");
    if w.starts_with("anti-") || (i >= 2 && anti(i - 2)) || (i >= 3 && anti(i - 3) && toks[i - 2].is("-")) {
        return false;
    }
    // "the naval blockade", "a peacekeeping force": a word after a modifier after a determiner.
    if i >= 2 && toks[i - 2].has(class::DETERMINER) && prev.word && !prev.cap && !w.ends_with('s') {
        return false;
    }
    // "a peacekeeping force" (but not "the militarist wing refused").
    if prev.word && !prev.cap && w.len() >= 6 && w.ends_with("ing") && !(i >= 2 && toks[i - 2].has(class::AUXILIARY)) {
        return false;
    }
    let adverb = |t: &Tok| t.lower.ends_with("ly") || t.is_any(&["also", "still", "now", "already", "again", "then"]);
    let be = |t: &Tok| t.is_any(&["is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am"]);
    let word = &*tok.lower;
    if word.ends_with("ing") {
        // "a declaration demanding that ...": a participle opening a clause of its own.
        if toks.get(i + 1).is_some_and(|n| n.is("that")) {
            return true;
        }
        return be(prev) || (adverb(prev) && i >= 2 && be(&toks[i - 2]));
    }
    if word.ends_with('s') && !word.ends_with("ss") {
        let next_nominal =
            toks.get(i + 1).is_some_and(|n| n.is_any(&["and", ",", ".", "of", "'s", "were", "are", "have"]));
        let subject_before = actors.covering(prev.start, prev.end).is_some()
            || prev.is_any(&["he", "she", "it", "who", "which", "that", "also", "still", "and"])
            || adverb(prev)
            || prev.cap;
        return subject_before && !next_nominal;
    }
    true
}

pub(crate) const NOUN_PREPOSITIONS: &[&str] = &[
    "of", "for", "in", "on", "at", "with", "by", "from", "about", "into", "over", "under", "against", "between",
    "among", "such", "other", "legally", "mutual", "joint", "military", "security", "peace",
];

/// The clause around each token: from just after the last `;` or `:` before it to the next
/// `;`, each looked for within 40 tokens (else the sentence start or end).
struct ClauseBounds {
    /// Per token: the last `;`/`:` before it, and the first `;` at or after it.
    breaks: Vec<(Option<usize>, Option<usize>)>,
}

impl ClauseBounds {
    /// One pass each way, instead of two 40-token scans per token.
    fn new(toks: &[Tok]) -> Self {
        let mut breaks = vec![(None, None); toks.len()];
        let mut last = None;
        for (k, tok) in toks.iter().enumerate() {
            breaks[k].0 = last;
            if tok.has(class::CLAUSE_BREAK) {
                last = Some(k);
            }
        }
        let mut next = None;
        for (k, tok) in toks.iter().enumerate().rev() {
            if tok.is(";") {
                next = Some(k);
            }
            breaks[k].1 = next;
        }
        ClauseBounds { breaks }
    }

    fn at(&self, i: usize) -> (usize, usize) {
        let n = self.breaks.len();
        let (last, next) = self.breaks.get(i).copied().unwrap_or_default();
        let lo = last.filter(|&k| k >= i.saturating_sub(40)).map_or(0, |k| k + 1);
        let hi = next.filter(|&k| k < n.min(i + 40)).unwrap_or(n);
        (lo, hi)
    }
}

#[allow(clippy::too_many_arguments)]
fn verb_event(
    toks: &[Tok],
    i: usize,
    hit: &Hit,
    kind: EventType,
    lo: usize,
    hi: usize,
    actors: &Actors,
    context: &Context,
    event_verbs: &[bool],
    previous_subject: Option<&[Actor]>,
    s: usize,
) -> Option<(Found, usize)> {
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
    let mut kind = kind;
    let mut mode = hit.code.mode.clone();
    let mut cameo = hit.code.cameo.clone();
    let mut negated = group.negated;
    let mut hypothetical = group.hypothetical;
    let refusable = NEGATED_IS_REJECT.iter().any(|v| toks[i].lower.starts_with(v));
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
    };
    Some((found, end_tok))
}

/// Evidence starts at the subject when it is close, else at the verb group.
fn actors_v_start(toks: &[Tok], g: usize, lo: usize) -> usize {
    let from = lo.max(g.saturating_sub(8));
    toks[from..g].iter().find(|t| t.cap || t.word).map_or(toks[g].start, |t| t.start)
}

fn noun_event(toks: &[Tok], i: usize, hit: &Hit, lo: usize, hi: usize, actors: &Actors, s: usize) -> Option<Found> {
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
        if !subject.is_empty() && !actor_list.iter().all(|a| subject.contains(a)) {
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
    })
}

/// A verb that makes its object noun an event of its subject ("launched an offensive").
fn light_verb_before(toks: &[Tok], i: usize, lo: usize) -> bool {
    toks[lo.max(i.saturating_sub(3))..i].iter().any(|t| {
        let w = &*t.lower;
        [
            "launch", "stage", "mount", "conduct", "carr", "began", "begin", "start", "continu", "order", "open",
            "complet", "issu", "announc",
        ]
        .iter()
        .any(|v| w.starts_with(v))
    })
}

/// A nominal event that is the object of "plans", "threatens", "fears" ... is not (yet) real.
fn governed_by_intent(toks: &[Tok], i: usize, lo: usize) -> bool {
    toks[lo.max(i.saturating_sub(4))..i].iter().any(|t| {
        matches!(text::governing_status(&t.lower), Some(text::Governing::Future | text::Governing::Hypothetical))
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

/// Whether each token lies inside quotation marks.
fn quoted_tokens(toks: &[Tok]) -> Vec<bool> {
    let mut open = false;
    toks.iter()
        .map(|t| {
            let inside = open;
            match &*t.lower {
                "“" => open = true,
                "”" => open = false,
                "\"" => open = !open,
                _ => {}
            }
            inside
        })
        .collect()
}

/// The speaker of a quotation in this sentence: `"...," he warned` or `"...," Stoltenberg said`.
fn quote_speaker(toks: &[Tok], actors: &Actors) -> Option<Actor> {
    let close = toks.iter().rposition(|t| t.is_any(&["\"", "”"]))?;
    let after = toks.get(close + 1..)?.iter().take(4);
    for t in after {
        if t.is_any(&["he", "she"]) {
            return actors.resolve_pronoun(t.start, true).map(|m| m.actor);
        }
        if let Some(m) = actors.covering(t.start, t.end) {
            return Some(actors.mentions[m].actor);
        }
    }
    None
}

/// One event per happening: same type, status, actors and targets merge; an event with no
/// actor joins a same-type event of a neighbouring sentence.
fn merge(found: Vec<Found>) -> Vec<Found> {
    // Two reports of the same type, status, participants and date are one happening.
    type Key = (EventType, EventStatus, Vec<Actor>, Vec<Actor>, Option<String>);
    let mut out: Vec<Found> = Vec::new();
    let mut by_key: FastMap<Key, usize> = FastMap::default();
    // Events with no target may join an earlier one with the same actors: (type, status, actors) -> index.
    let mut by_actors: FastMap<(EventType, EventStatus, Vec<Actor>, Option<String>), usize> = FastMap::default();
    for f in found {
        let mut actors = f.actors.clone();
        actors.sort();
        let mut targets = f.targets.clone();
        targets.sort();
        let same = by_key.get(&(f.kind, f.status, actors.clone(), targets.clone(), f.date.clone())).copied();
        let same = same.or_else(|| {
            let key = (f.kind, f.status, actors.clone(), f.date.clone());
            targets.is_empty().then(|| by_actors.get(&key).copied()).flatten()
        });
        // "the two leaders" / "the presidents" right after a named event of the same type
        // are the same happening told again.
        let same = same.or_else(|| {
            let generic = !f.actors.is_empty() && f.actors.iter().all(|a| matches!(a, Actor::Extra(_)));
            let recent = out.len().saturating_sub(6);
            (recent..out.len()).rev().find(|&k| {
                let o = &out[k];
                generic
                    && o.kind == f.kind
                    && o.status == f.status
                    && f.sentence.saturating_sub(o.sentence) <= 2
                    && o.actors.iter().any(|a| matches!(a, Actor::Entity(_)))
            })
        });
        match same {
            Some(k) => {
                let o = &mut out[k];
                o.extra.push(f.evidence);
                if o.place.is_none() {
                    o.place = f.place;
                }
                if o.date.is_none() {
                    o.date = f.date;
                }
            }
            None => {
                by_key.insert((f.kind, f.status, actors.clone(), targets, f.date.clone()), out.len());
                by_actors.entry((f.kind, f.status, actors, f.date.clone())).or_insert(out.len());
                out.push(f);
            }
        }
    }
    out
}

fn write(article: &mut Article, index: &CharIndex, actors: Actors, found: Vec<Found>) {
    let next = article
        .entities
        .iter()
        .filter_map(|e| e.id.as_str().strip_prefix('e').and_then(|n| n.parse::<usize>().ok()))
        .max()
        .unwrap_or(article.entities.len());
    let mut extra_ids: Vec<Option<EntityId>> = vec![None; actors.extra.len()];
    let mut new_entities = Vec::new();
    let extra_mentions = actors.extra_mentions(&article.text, index);
    let mut id_of = |actor: Actor, entities: &[newsgraph_model::Entity]| -> Option<EntityId> {
        match actor {
            Actor::Entity(i) => entities.get(i).map(|e| e.id.clone()),
            Actor::Extra(i) => {
                if let Some(id) = extra_ids.get(i).cloned().flatten() {
                    return Some(id);
                }
                let id = EntityId::nth(next + new_entities.len());
                let mut entity = actors.extra.get(i)?.clone();
                entity.id = id.clone();
                entity.mentions = extra_mentions.get(i).cloned().unwrap_or_default();
                new_entities.push(entity);
                if let Some(slot) = extra_ids.get_mut(i) {
                    *slot = Some(id.clone());
                }
                Some(id)
            }
        }
    };
    let mut events = Vec::new();
    for f in found {
        let actors_ids: Vec<EntityId> = f.actors.iter().filter_map(|&a| id_of(a, &article.entities)).collect();
        let target_ids: Vec<EntityId> = f.targets.iter().filter_map(|&a| id_of(a, &article.entities)).collect();
        let place = f.place.and_then(|a| id_of(a, &article.entities));
        let mut evidence = vec![mention(&article.text, index, f.evidence)];
        for span in &f.extra {
            evidence.push(mention(&article.text, index, *span));
        }
        let root = table::root_for(f.kind, f.mode.as_deref(), &f.cameo);
        events.push(Event {
            kind: f.kind,
            mode: f.mode,
            actors: actors_ids,
            targets: target_ids,
            date: f.date,
            place,
            status: f.status,
            evidence,
            quad_class: table::quad_class(&root),
            goldstein: table::goldstein(&root),
            cameo: root,
        });
    }
    article.entities.extend(new_entities);
    article.events = events;
}
