//! The political place of a verb's event, read from the tree: the country, city or region
//! (a GPE mention) named by a place phrase ("in", "at", ...) of the verb, of its objects,
//! of the prepositional phrases on them, or of the verbs it governs as complements
//! ("threatened to impose a curfew in Algiers", "ready to contribute troops to a force in
//! Liberia").
//!
//! CAMEO codes the target of an event as a political actor: where the verb's object is
//! only a generic noun phrase ("troops", "settlements", "the city") or a facility, the
//! country or city the event happens in is whom it is done to; failing a place, a named
//! actor in a target phrase inside the object ("reservists for a war against Iraq",
//! "part of an aid program for Bosnia") is whom it is meant for. `tree_code` uses this only
//! to replace such targets (or to fill none); a named object is never replaced. It does not
//! enter subjects, agents, relative, conditional or reported clauses (other participants'
//! or other events' phrases).

use newsgraph_model::syntax::Dep;
use newsgraph_model::EntityType;

use crate::actors::{ActorMention, Actors};
use crate::tree::Tree;
use crate::types::Actor;
use crate::vocab::class;

/// How many arcs below the verb the walk goes (verb > xcomp > dobj > prep > pobj > prep > pobj).
const MAX_ARCS: usize = 6;

/// The first GPE named by a place phrase under verb `v`, breadth first, none of `exclude`.
pub fn political_place(tree: &Tree, v: usize, actors: &Actors, exclude: &[Actor]) -> Option<Actor> {
    let follow = |c: usize, _| {
        let node = &tree.nodes[c];
        match node.dep {
            Dep::Dobj | Dep::Dative | Dep::Pobj | Dep::Xcomp => true,
            Dep::Prep => !node.is("by"),
            // A purpose or participle clause shares the verb's doer ("sent troops to help").
            Dep::Advcl => crate::tree::purpose_or_participle(tree, c),
            _ => false,
        }
    };
    first_in_phrase(tree, v, follow, class::PLACE_PREPOSITION, actors, |mention| {
        mention.kind == EntityType::Gpe && !exclude.contains(&mention.actor)
    })
}

/// The first named actor (a GPE, organisation or nationality) in a target phrase ("for",
/// "against", "on", ...) inside the objects of verb `v`, breadth first, none of
/// `exclude`: "mobilized army reservists for a war against Iraq", "suspended part of an
/// aid program for Bosnia". Phrases right on the verb are its governed objects (read by
/// `tree::targets_of`), so only those at least one object down count.
pub fn named_in_object(tree: &Tree, v: usize, actors: &Actors, exclude: &[Actor]) -> Option<Actor> {
    let follow = |c: usize, depth: usize| {
        let node = &tree.nodes[c];
        match node.dep {
            Dep::Dobj | Dep::Pobj => true,
            Dep::Prep => !node.is("by") && depth > 1,
            _ => false,
        }
    };
    first_in_phrase(tree, v, follow, class::TARGET_PREPOSITION | class::PLACE_PREPOSITION, actors, |mention| {
        let named = matches!(mention.kind, EntityType::Gpe | EntityType::Org | EntityType::Norp);
        named && matches!(mention.actor, Actor::Entity(_)) && !exclude.contains(&mention.actor)
    })
}

/// The actor of the first mention `accept` takes, in the first phrase met on a walk
/// below verb `v` (pruned by `follow`) whose preposition has one of `prepositions`'
/// classes; each phrase's object is read with its compounds ("the Gaza Strip",
/// "West Darfur State").
fn first_in_phrase(
    tree: &Tree,
    v: usize,
    follow: impl FnMut(usize, usize) -> bool,
    prepositions: u32,
    actors: &Actors,
    accept: impl Fn(&ActorMention) -> bool,
) -> Option<Actor> {
    for (c, _) in tree.walk(v, MAX_ARCS, follow).skip(1) {
        let in_phrase = tree.dep(c) == Dep::Pobj && tree.head(c).is_some_and(|p| tree.nodes[p].has(prepositions));
        if !in_phrase {
            continue;
        }
        for k in tree.chain(c, Dep::Compound, 6) {
            let node = &tree.nodes[k];
            let Some(m) = actors.covering(node.start, node.end) else { continue };
            let mention = &actors.mentions[m];
            if accept(mention) {
                return Some(mention.actor);
            }
        }
    }
    None
}

/// Whether `targets` name no one the event is done to: none, places and facilities only,
/// or the doer's own forces named generically ("troops", "forces": a military noun with no
/// nationality), so a political place says more about whom. Generic people ("prisoners",
/// "Iraqi civilians") are targets in their own right and are kept.
pub fn replaceable(targets: &[Actor], actors: &Actors) -> bool {
    targets.iter().all(|&a| match a {
        Actor::Extra(i) => {
            let sector = actors.extra.get(i).and_then(|e| e.kb.as_ref()).and_then(|kb| kb.sector.as_deref());
            actors.kind_of(a) == Some(EntityType::Org) && sector == Some("MIL")
        }
        Actor::Entity(_) => matches!(actors.kind_of(a), Some(EntityType::Fac | EntityType::Loc)),
    })
}
