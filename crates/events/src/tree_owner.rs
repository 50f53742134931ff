//! The doer of the act a disapproval is about: "denounced Serbia's suppression of ...",
//! "complained over Israeli air raids", "is opposed to French mediation". CAMEO and PLOVER
//! code the target of an accusation, a protest or a rejection as whoever did the act
//! criticised, not the act nor whom the complaint is addressed to ("complained to the
//! United Nations over Israeli raids": Israel).
//!
//! Read from the tree only: the verb's direct objects and the objects of its
//! prepositions (and of theirs, one level down), where such an object is a common noun
//! (no actor itself) with a named owner: a possessive, an adjective of nationality or a
//! compound naming an entity. It does not read noun triggers, nor generic owners
//! ("the police's crackdown" stays with the object rules).

use newsgraph_model::syntax::Dep;

use crate::actors::Actors;
use crate::tree::{self, Tree};
use crate::types::Actor;

/// The named owner of an act in the objects of verb `v`, none of `exclude`, if any.
pub fn owner_of_act(tree: &Tree, v: usize, actors: &Actors, exclude: &[Actor]) -> Option<Actor> {
    let mut level: Vec<usize> = vec![v];
    // verb > prep > pobj > prep > pobj: four arcs.
    for _ in 0..4 {
        let mut next = Vec::new();
        for &k in &level {
            for &c in &tree.nodes[k].kids {
                let node = &tree.nodes[c];
                match node.dep {
                    Dep::Prep if !node.is("by") => next.push(c),
                    Dep::Dobj | Dep::Pobj | Dep::Attr | Dep::Appos => next.push(c),
                    _ => {}
                }
            }
        }
        next.sort_unstable();
        for &c in &next {
            let node = &tree.nodes[c];
            if !node.tag.is_noun() || actors.covering(node.start, node.end).is_some() {
                continue;
            }
            for m in tree.kids(c, &[Dep::Poss, Dep::Amod, Dep::Compound]) {
                let owner = tree::actor_of(tree, m, actors, None);
                if let Some(a) = owner.filter(|a| matches!(a, Actor::Entity(_)) && !exclude.contains(a)) {
                    return Some(a);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        level = next;
    }
    None
}
