//! Coding one parsed sentence: each trigger the lexicon finds, read as a verb or a noun by
//! its tag, takes its participants, status and source from the dependency tree ([`crate::tree`]).
//!
//! - **Verb**: actor = subject (the agent of a passive; the controller of "plans to
//!   attack"; the subject shared by conjoined verbs; the noun a relative clause or a
//!   participle modifies), targets = dative/direct objects or the objects of a governed
//!   preposition, conjuncts included; place = a place phrase on the verb or its object.
//! - **Noun**: actor = its possessor or a modifying mention ("Russia's invasion",
//!   "Hamas attack"), a "by" phrase, the pair of "talks between A and B", or the subject of
//!   a light or intent verb ("launched an attack on X", "plans an invasion"); targets =
//!   objects of "on", "against", "of" ...
//! - **Status** from the tree: neg children of the trigger or its governors, modal
//!   auxiliaries, governing verbs ("plans to", "is willing to", "failed to"), conditional
//!   clauses ("if", "unless"), hypothetical cues above the clause.
//! - **Source**: the subject of the reporting verb the clause is the complement of ("X said
//!   Y attacked Z": X), else the quote's speaker for a trigger inside quotation marks.
//!
//! The PLOVER readings are the word-window path's (`trigger`): refusals are REJECT,
//! obligations laid by a reporter are REQUEST, commitments are intentions, cooperation
//! needs two, a finite verb with no actor is no event, non-restrictive relative clauses
//! are background.

use newsgraph_model::syntax::{Dep, Tag};
use newsgraph_model::{ByteSpan, EntityType, EventStatus, EventType};

use crate::actors::Actors;
use crate::cameo::Coding;
use crate::lexicon::{Hit, Lexicon};
use crate::text::Tok;
use crate::tree::{self, Tree};
use crate::tree_condition;
use crate::tree_owner;
use crate::tree_participle;
use crate::tree_place;
use crate::tree_status;
use crate::types::{Actor, Found};
use crate::vocab::{self, class, Governing};

/// What the sentence gives every trigger: the quote's speaker and which tokens are quoted.
pub struct Sentence<'a> {
    pub toks: &'a [Tok<'a>],
    pub tree: &'a Tree<'a>,
    pub actors: &'a Actors,
    pub index: usize,
    pub speaker: Option<Actor>,
    pub quoted: &'a [bool],
}

/// Verbs whose object noun is an event of their subject ("launched an offensive"; see
/// also `vocab::MEASURE_VERBS`).
const LIGHT_VERBS: &[&str] = &[
    "launch", "stage", "mount", "conduct", "carr", "began", "begin", "start", "continu", "order", "open", "complet",
    "issu", "announc", "make", "made", "hold", "held",
];

/// Codes every trigger of the sentence into `out`.
pub fn code_sentence(lexicon: &Lexicon, coding: &Coding, s: &Sentence, out: &mut Vec<Found>) {
    let Sentence { toks, tree, actors, .. } = *s;
    let n = toks.len();
    let words = coding.dictionary.ids(toks.iter().map(|t| t.lower.as_ref()));
    // Per node: a verb trigger with a PLOVER type (a governor that codes itself), and
    // whether it produced an event (a noun inside its object is part of it).
    let mut event_verb = vec![false; tree.nodes.len()];
    let mut hits: Vec<(usize, Hit, bool)> = Vec::new();
    let mut i = 0;
    while i < n {
        let Some(node) = tree.node_of_tok[i] else {
            i += 1;
            continue;
        };
        let tok = &toks[i];
        let covered = actors.covering(tok.start, tok.end);
        // A word of an actor mention is no trigger, unless it opens a longer noun trigger
        // ("state", a generic agent, in "state of emergency").
        let past_mention = |hit: &Hit| {
            covered.is_none_or(|m| toks.get(hit.end - 1).is_some_and(|t| t.start >= actors.mentions[m].end))
        };
        let verb = covered.is_none() && verb_reading(tree, node);
        let hit = if verb {
            lexicon.verb_at(toks, i, 0, n).map(|hit| (node, hit))
        } else {
            // A noun phrase trigger ("diplomatic ties", "state of emergency") is headed by its head word.
            let noun = lexicon.noun_at(toks, i, 0, n).filter(past_mention);
            noun.map(|hit| (phrase_head(tree, &hit, node), hit)).filter(|(head, _)| {
                let (tag, dep) = (tree.nodes[*head].tag, tree.dep(*head));
                tag.is_noun() || (tag == Tag::Vbg && matches!(dep, Dep::Nsubj | Dep::Dobj | Dep::Pobj))
            })
        };
        match hit {
            Some((head, hit)) => {
                event_verb[head] = verb && hit.code.plover.is_some();
                i = hit.end.max(i + 1);
                hits.push((head, hit, verb));
            }
            None => i += 1,
        }
    }
    let event_nouns: Vec<usize> =
        hits.iter().filter(|(_, h, verb)| !verb && h.code.plover.is_some()).map(|h| h.0).collect();
    // "swore to fight", "vowed to attack": a commitment verb whose own code is no promise
    // (swear: allege) states the intention of the trigger it governs, which codes instead.
    let mut deferred: Vec<usize> = Vec::new();
    for (node, hit, verb) in &hits {
        let committing = vocab::COMMITMENTS.contains(&&*tree.nodes[*node].lower);
        let promise = hit.code.plover == Some(EventType::Agree);
        let infinitive = |c: usize| tree.dep(c) == Dep::Xcomp || tree::purpose_or_participle(tree, c);
        if *verb && committing && !promise && tree.nodes[*node].kids.iter().any(|&c| event_verb[c] && infinitive(c)) {
            deferred.push(*node);
        }
    }
    for &k in &deferred {
        event_verb[k] = false;
    }
    let mut coded_verbs: Vec<usize> = Vec::new();
    let mut coded: Vec<(usize, Found)> = Vec::new();
    for (node, hit, verb) in &hits {
        if *verb && !deferred.contains(node) {
            if let Some(mut f) = verb_event(s, *node, hit, &event_verb, &event_nouns) {
                // The verb dictionary's code for the verb and the words around it.
                if coding.recode(&mut f, &words, hit.first, 0, n, false) {
                    coded_verbs.push(*node);
                    coded.push((*node, f));
                }
            }
        }
    }
    for (node, hit, verb) in &hits {
        if *verb || inside_object_of(tree, *node, &coded_verbs) {
            continue;
        }
        // "The deployment of NATO troops has arrived in Bosnia", "a bombing by X killed five":
        // the subject of a coded verb is a participant of its event, as a noun inside its
        // object is; whoever does it does the verb's deed.
        let governing = matches!(tree.dep(*node), Dep::Nsubj | Dep::Nsubjpass)
            .then(|| tree.head(*node))
            .flatten()
            .filter(|h| coded_verbs.contains(h));
        let Some(f) = noun_event(s, *node, hit) else { continue };
        match governing.and_then(|h| coded.iter_mut().find(|(k, _)| *k == h)) {
            Some((_, deed)) => {
                if deed.actors.is_empty() {
                    deed.actors = f.actors.into_iter().filter(|a| !deed.targets.contains(a)).collect();
                }
            }
            None => coded.push((*node, f)),
        }
    }
    // In the order of their triggers (the first actual event is the sentence's main one).
    coded.sort_by_key(|(node, _)| *node);
    out.extend(coded.into_iter().map(|(_, f)| f));
}

/// Whether a node reads as a verb that can report an event: a verb form that is not a
/// noun phrase's part ("the U.S.-led force", "bombing" as a subject), nor a preposition
/// ("according to") nor a participle before its noun ("newly appointed minister").
fn verb_reading(tree: &Tree, n: usize) -> bool {
    let node = &tree.nodes[n];
    if !node.tag.is_verb() {
        return false;
    }
    let nominal = matches!(
        node.dep,
        Dep::Nsubj | Dep::Nsubjpass | Dep::Dobj | Dep::Pobj | Dep::Compound | Dep::Amod | Dep::Prep | Dep::Advmod
    );
    let premodifier = matches!(node.dep, Dep::Acl) && tree.head(n).is_some_and(|h| h > n);
    let modifier_root = node.dep == Dep::Root
        && node.tag == Tag::Vbn
        && n + 1 < tree.nodes.len()
        && tree.kid(n, &[Dep::Nsubj, Dep::Nsubjpass, Dep::Aux, Dep::Auxpass]).is_none()
        && tree.nodes[n].kids.iter().all(|&k| k < n || tree.dep(k) != Dep::Dobj);
    !nominal && !premodifier && !modifier_root
}

/// The head of a noun phrase trigger starting at node `first`: the word of the phrase whose
/// head lies outside it ("hunger strike": "strike"; "state of emergency": "state"), else
/// its last word.
fn phrase_head(tree: &Tree, hit: &Hit, first: usize) -> usize {
    let last = last_node(tree, hit, first);
    (first..=last).find(|&k| tree.head(k).is_none_or(|h| h < first || h > last)).unwrap_or(last)
}

/// The node of the last trigger word of `hit` (for "met with": "with").
fn last_node(tree: &Tree, hit: &Hit, v: usize) -> usize {
    hit.end.checked_sub(1).and_then(|k| tree.node_of_tok.get(k).copied().flatten()).unwrap_or(v).max(v)
}

fn verb_event(s: &Sentence, v: usize, hit: &Hit, event_verb: &[bool], event_nouns: &[usize]) -> Option<Found> {
    let Sentence { toks, tree, actors, .. } = *s;
    if matches!(tree.dep(v), Dep::Relcl | Dep::Acl) && tree.after_comma(v) {
        // ", who lost his son when bombers struck": background on a participant.
        return None;
    }
    let m = tree_status::modality(tree, v, |g| event_verb.get(g).copied().unwrap_or(false));
    if m.complement_of.is_some() {
        return None;
    }
    let reporter = tree_status::reporter(tree, m.top);
    let in_quote = tree.nodes[v].tok.and_then(|t| s.quoted.get(t)).copied().unwrap_or(false);
    let mut source = reporter
        .and_then(|r| tree::subject(tree, r).0.first().copied())
        .and_then(|n| tree::actor_of(tree, n, actors, s.speaker));
    if source.is_none() && in_quote {
        source = s.speaker;
    }
    let speaker = if in_quote { s.speaker } else { source };
    let (subject_nodes, passive) = tree::subject(tree, v);
    // "Israel is opposed to French mediation", "X is committed to the plan": a passive
    // form with no agent and a "to" phrase states its subject's stance (the subject is
    // the doer, as in the active "X opposes").
    let stative = passive
        && tree::agent(tree, v).is_empty()
        && tree.kids(v, &[Dep::Prep]).any(|p| tree.nodes[p].is("to"))
        && tree.nodes[v].tag == Tag::Vbn;
    let passive = passive && !stative;
    let mut subject = tree::actors_of(tree, &subject_nodes, actors, speaker);
    if !subject.is_empty() && tree_participle::describes_participant(tree, v, event_verb) {
        // "aid to refugees fleeing the war": who the participant is, not what happened.
        return None;
    }
    if subject.is_empty() && tree.dep(v) == Dep::Acl && tree.nodes[v].tag == Tag::Vbg {
        // "issued a declaration demanding that ...", "released a statement condemning X":
        // a participle on a thing its issuer made speaks for the issuer.
        if let Some(g) = tree.head(v).filter(|&h| tree.dep(h) == Dep::Dobj).and_then(|h| tree.head(h)) {
            let (issuer, issuer_passive) = tree::subject(tree, g);
            if !issuer_passive {
                subject = tree::actors_of(tree, &issuer, actors, speaker);
            }
        }
    }
    if subject.is_empty() && in_quote && subject_nodes.is_empty() {
        subject.extend(s.speaker);
    }
    let last = last_node(tree, hit, v);
    let (direct, _) = tree::objects(tree, v, last);
    let targets = tree::targets_of(tree, v, last, actors, speaker, if passive { &[] } else { &subject });
    let place = tree::place_of(tree, v, actors);
    let mut kind = hit.code.plover?;
    let (mut mode, mut cameo) = (hit.code.mode.clone(), hit.code.cameo.clone());
    let mut negated = m.negated_direct || m.negated_governor;
    let mut hypothetical = m.hypothetical;
    let refusable = vocab::NEGATED_IS_REJECT.iter().any(|w| tree.nodes[v].lower.starts_with(w));
    if (m.negated_direct && refusable) || m.failed {
        // "cannot accept", "refused to meet": a rejection that happened.
        kind = EventType::Reject;
        mode = None;
        cameo = "120".into();
        negated = false;
        hypothetical = false;
    }
    let (mut actors_v, mut targets) = if passive {
        // "X was attacked by Y": Y acts on X.
        (tree::actors_of(tree, &tree::agent(tree, v), actors, speaker), subject)
    } else {
        (subject, targets)
    };
    let cue = tree_status::under_cue(tree, m.top);
    // The verb whose "that" clause this is ("X declared that China must ...").
    let governor = tree.head(m.top).filter(|_| tree.dep(m.top) == Dep::Ccomp);
    if governor.is_some_and(|g| event_verb.get(g).copied().unwrap_or(false)) {
        // "demanded that X provide": what is demanded has not happened.
        hypothetical = true;
    }
    if m.obligation && !negated && kind != EventType::Request {
        // "X said Y must Z", "X declared that Y must Z": X demands Z of Y.
        // "issued a reminder to Iraq that it must cooperate": the "that" clause of a noun
        // speaks for whoever issued the noun.
        let issuer = || {
            let that = tree.kids(m.top, &[Dep::Mark]).any(|k| tree.nodes[k].is("that"));
            let noun = tree.head(m.top).filter(|_| that && tree.dep(m.top) == Dep::Acl)?;
            tree.head(noun).filter(|&g| tree.dep(noun) == Dep::Dobj && tree.nodes[g].tag.is_verb())
        };
        let requester = source.or_else(|| {
            let subject = tree::subject(tree, governor.or_else(issuer)?).0;
            tree::actors_of(tree, &subject, actors, s.speaker).first().copied()
        });
        if let Some(r) = requester.filter(|r| !actors_v.contains(r)) {
            targets = std::mem::replace(&mut actors_v, vec![r]);
            kind = EventType::Request;
            mode = None;
            cameo = "100".into();
            hypothetical = false;
        }
    }
    // An infinitive or a participle leaves its doer unnamed by grammar, and so does an
    // event noun as the subject ("a roadside bombing killed ..."): the doer is unknown.
    let nonfinite = tree.kids(v, &[Dep::Aux]).any(|a| tree.nodes[a].is("to"))
        || (subject_nodes.is_empty() && matches!(tree.dep(v), Dep::Xcomp | Dep::Advcl | Dep::Acl | Dep::Pcomp));
    let event_subject = subject_nodes.iter().any(|k| event_nouns.contains(k));
    if actors_v.is_empty() && (targets.is_empty() || !(passive || nonfinite || event_subject)) {
        // A finite active verb whose subject is no political actor is no event of who did
        // what to whom.
        return None;
    }
    targets.retain(|t| !actors_v.contains(t));
    let object_targets = targets.len();
    if targets.is_empty() {
        // A passive's subject names its target by a modifier ("a camp for Congolese refugees").
        let from = if passive { subject_nodes.first().copied() } else { Some(v) };
        targets.extend(from.and_then(|n| tree::nearest_actor(tree, n, actors, &actors_v)));
    }
    // A generic noun found only by that walk ("in response to unrest within the city") is
    // no better a target than the place either.
    if !passive && matches!(kind, EventType::Accuse | EventType::Protest | EventType::Reject) {
        // "denounced Serbia's suppression", "complained to the UN over Israeli raids": the
        // doer of the act criticised is the target.
        if let Some(owner) = tree_owner::owner_of_act(tree, v, actors, &actors_v) {
            targets = vec![owner];
        }
    }
    let generic = targets.iter().all(|t| matches!(t, Actor::Extra(_)));
    if kind == EventType::Threaten && !passive && (generic || tree_place::replaceable(&targets, actors)) {
        // "threatened to stop talks if the United States goes ahead": the party that must act.
        if let Some(party) = tree_condition::conditioned_party(tree, v, actors, &actors_v) {
            targets = vec![party];
        }
    }
    let fallback_generic = object_targets == 0 && targets.iter().all(|t| matches!(t, Actor::Extra(_)));
    if !passive && (fallback_generic || tree_place::replaceable(&targets, actors)) {
        // "strengthened its forces in Lebanon", "threatened to impose a curfew in
        // Algiers": where the object names no political actor, the place does.
        if let Some(p) = tree_place::political_place(tree, v, actors, &actors_v) {
            targets = vec![p];
        } else if let Some(p) = tree_place::named_in_object(tree, v, actors, &actors_v) {
            // "mobilized reservists for a war against Iraq": whom the object is meant for.
            targets = vec![p];
        }
    }
    if targets.is_empty() {
        // "arrived in Amman": the political place is the target too.
        if let Some(p) = place.filter(|p| !actors_v.contains(p)) {
            if actors.kind_of(p) == Some(EntityType::Gpe) {
                targets.push(p);
            }
        }
    }
    let intent = !negated && !cue && (m.commitment || ((m.future || m.would) && reporter.is_some()));
    if kind == EventType::Cooperate && !intent && targets.is_empty() && actors_v.len() < 2 && place.is_none() {
        return None;
    }
    let status = if negated {
        EventStatus::Negated
    } else if hypothetical || cue {
        EventStatus::Hypothetical
    } else if m.future {
        EventStatus::Future
    } else {
        EventStatus::Actual
    };
    let mut span_nodes: Vec<usize> = subject_nodes.iter().chain(&direct).copied().collect();
    span_nodes.extend([v, last]);
    let start = span_nodes.iter().map(|&k| tree.nodes[k].start).min().unwrap_or(tree.nodes[v].start);
    let hit_end = toks.get(hit.end.saturating_sub(1)).map_or(tree.nodes[v].end, |t| t.end);
    let end = span_nodes.iter().map(|&k| tree.nodes[k].end).max().unwrap_or(hit_end).max(hit_end);
    Some(Found {
        kind,
        mode,
        cameo,
        actors: actors_v,
        targets,
        place,
        status,
        date: None,
        evidence: ByteSpan::new(start, end),
        extra: Vec::new(),
        intent,
        sentence: s.index,
        source,
    })
}

/// Whether noun `n` lies in the object of a coded verb ("accused X of the attack").
fn inside_object_of(tree: &Tree, n: usize, verbs: &[usize]) -> bool {
    let mut k = n;
    for _ in 0..4 {
        if !matches!(
            tree.dep(k),
            Dep::Dobj | Dep::Pobj | Dep::Prep | Dep::Conj | Dep::Attr | Dep::Dative | Dep::Compound
        ) {
            return false;
        }
        let Some(h) = tree.head(k) else { return false };
        if verbs.contains(&h) {
            return true;
        }
        k = h;
    }
    false
}

fn noun_event(s: &Sentence, n: usize, hit: &Hit) -> Option<Found> {
    let Sentence { toks, tree, actors, .. } = *s;
    let kind = hit.code.plover?;
    if tree.dep(n) == Dep::Compound {
        return None;
    }
    // The owner: "Russia's invasion", "his demands", "Hamas attack".
    let mut owners: Vec<Actor> = Vec::new();
    for k in tree.kids(n, &[Dep::Poss, Dep::Compound, Dep::Amod, Dep::Nmod]) {
        if let Some(a) = tree::actor_of(tree, k, actors, s.speaker) {
            if !owners.contains(&a) {
                owners.push(a);
            }
        }
    }
    let mut targets = Vec::new();
    let by = tree.prep_objects(n, |p| p.is("by"));
    let agent = tree::actors_of(tree, &by, actors, s.speaker);
    if !agent.is_empty() {
        // "an attack on X by Y", "the arrest of X by police".
        targets.append(&mut owners);
        owners = agent;
    }
    // The verb the noun is the subject of ("talks were underway between A and B", "his
    // demands include halting X"): its phrases are the noun's.
    let predicate = tree.head(n).filter(|_| tree.dep(n) == Dep::Nsubj);
    if kind == EventType::Consult && owners.is_empty() {
        let mut between = tree.prep_objects(n, |p| p.is("between"));
        if let Some(p) = predicate {
            between.extend(tree.prep_objects(p, |p| p.is("between")));
        }
        owners = tree::actors_of(tree, &between, actors, s.speaker);
    }
    let object_preps = |p: &tree::Node| {
        p.has(class::TARGET_PREPOSITION) || p.is("of") || p.is("into") || p.is("toward") || p.is("towards")
    };
    let trailing = tree::actors_of(tree, &tree.prep_objects(n, object_preps), actors, s.speaker);
    let physical = matches!(kind, EventType::Mobilize | EventType::Assault | EventType::Retreat | EventType::Protest);
    for a in trailing {
        if owners.is_empty() && physical {
            owners.push(a);
        } else if !owners.contains(&a) && targets.is_empty() {
            targets.push(a);
        }
    }
    // "X launched an attack on Y", "Moscow plans an invasion": the verb's subject owns it.
    let governor = tree.head(n).filter(|_| matches!(tree.dep(n), Dep::Dobj | Dep::Attr));
    let intent_verb = governor.is_some_and(|g| {
        let w = &*tree.nodes[g].lower;
        matches!(vocab::governing_status(w), Some(Governing::Future | Governing::Hypothetical))
            || w.starts_with("threaten")
            || w == "feared"
    });
    let light = governor.is_some_and(|g| {
        let w = &tree.nodes[g].lower;
        LIGHT_VERBS.iter().chain(vocab::MEASURE_VERBS).any(|v| w.starts_with(v))
    });
    if let Some(g) = governor.filter(|_| intent_verb || light) {
        let (subject_nodes, passive) = tree::subject(tree, g);
        let subject = if passive { Vec::new() } else { tree::actors_of(tree, &subject_nodes, actors, s.speaker) };
        if !subject.is_empty() && (owners.is_empty() || !owners.iter().all(|a| subject.contains(a))) {
            // A generic modifier is the doer's means ("the naval blockade"), not its target.
            let named = |a: &Actor| !subject.contains(a) && matches!(a, Actor::Entity(_));
            targets = owners.drain(..).filter(named).chain(targets).collect();
            owners = subject;
        }
    }
    if owners.is_empty() && physical {
        // "teachers joined the protests", "workers went on strike": the subject of the verb
        // whose object the physical event is takes part in it.
        let verb = match tree.dep(n) {
            Dep::Dobj => tree.head(n),
            Dep::Pobj => tree.head(n).filter(|&p| tree.dep(p) == Dep::Prep).and_then(|p| tree.head(p)),
            _ => None,
        };
        if let Some(v) = verb.filter(|&v| tree.nodes[v].tag.is_verb()) {
            let (subject, passive) = tree::subject(tree, v);
            if !passive {
                owners = tree::actors_of(tree, &subject, actors, s.speaker);
            }
        }
    }
    if owners.is_empty() && physical {
        // "a troop buildup ... towards the Russia-Ukraine border": without an owner, a
        // physical event takes its participants from its own phrases, nearest first.
        let mut found = tree::nearest_actors(tree, n, actors, &[], 2).into_iter();
        owners.extend(found.next());
        targets.extend(found);
    }
    if owners.is_empty() {
        return None;
    }
    // The trigger's own words name no participant ("state" in "state of emergency").
    let (first_tok, last_tok) = (toks.get(hit.first), toks.get(hit.end.saturating_sub(1)));
    let own: Vec<Actor> = first_tok
        .zip(last_tok)
        .map(|(a, b)| actors.within(a.start, b.end).filter(|m| m.start >= a.start && m.end <= b.end))
        .into_iter()
        .flatten()
        .map(|m| m.actor)
        .collect();
    let skip: Vec<Actor> = owners.iter().chain(&own).copied().collect();
    targets.retain(|t| !skip.contains(t));
    if targets.is_empty() {
        targets.extend(tree::nearest_actor(tree, n, actors, &skip));
    }
    let doer = governor.filter(|_| intent_verb || light).or(predicate);
    if targets.is_empty() {
        if let Some(g) = doer {
            targets.extend(tree::nearest_actor(tree, g, actors, &skip));
        }
    }
    if targets.iter().all(|t| matches!(t, Actor::Extra(_))) || tree_place::replaceable(&targets, actors) {
        // "extended the curfew in Abidjan": where no one is named, the place is whom.
        let place = tree_place::political_place(tree, n, actors, &skip)
            .or_else(|| doer.and_then(|g| tree_place::political_place(tree, g, actors, &skip)));
        if let Some(p) = place {
            targets = vec![p];
        }
    }
    let negated = governor.is_some_and(|g| tree.kid(g, &[Dep::Neg]).is_some());
    let under_cue = tree_status::under_cue(tree, n);
    // The light verb's own modals and governors: "will extend the curfew" is to come, and
    // said so by a reporter (or promised) it is a stated intention, as for a verb trigger.
    let light_modality = governor.filter(|_| light && !intent_verb).map(|g| tree_status::modality(tree, g, |_| false));
    let intent = light_modality.as_ref().is_some_and(|m| {
        let reported = tree_status::reporter(tree, m.top).is_some();
        !negated && !m.negated_governor && !under_cue && (m.commitment || ((m.future || m.would) && reported))
    });
    let status = if negated || light_modality.as_ref().is_some_and(|m| m.negated_governor) {
        EventStatus::Negated
    } else if intent_verb || under_cue || light_modality.as_ref().is_some_and(|m| m.hypothetical && !intent) {
        EventStatus::Hypothetical
    } else if light_modality.as_ref().is_some_and(|m| m.future && !intent) {
        EventStatus::Future
    } else {
        EventStatus::Actual
    };
    let hit_end = toks.get(hit.end.saturating_sub(1)).map_or(tree.nodes[n].end, |t| t.end);
    Some(Found {
        kind,
        mode: hit.code.mode.clone(),
        cameo: hit.code.cameo.clone(),
        actors: owners,
        targets,
        place: tree::place_of(tree, n, actors),
        status,
        date: None,
        evidence: ByteSpan::new(tree.nodes[n].start, hit_end.max(tree.nodes[n].end)),
        extra: Vec::new(),
        intent,
        sentence: s.index,
        source: None,
    })
}
