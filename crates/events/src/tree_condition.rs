//! The party a threat is conditioned on: "threatened to stop negotiations if the United
//! States goes ahead with the deployment", "threatened a general strike unless Israel
//! rescinded the annexation". A threat is made to whoever must act to avert it, so CAMEO
//! and PLOVER code that party as its target.
//!
//! Read from the tree only: the subject of an "if" or "unless" clause on the verb or on
//! the infinitive it governs ("threatened to launch ... unless Baghdad accepted"). A
//! passive condition ("unless the hostages are freed") names what must happen, not who
//! must act, and gives nothing; so does a condition whose subject is no actor or is the
//! threatener itself. `tree_code` uses it only for THREATEN events whose objects name no
//! political actor.

use newsgraph_model::syntax::Dep;

use crate::actors::Actors;
use crate::tree::{self, Tree};
use crate::types::Actor;

/// How far below the verb the conditioned clause may hang (verb > xcomp > xcomp > advcl).
const MAX_ARCS: usize = 3;

/// The actor named as the subject of an "if"/"unless" clause under verb `v` or its
/// infinitive complements, none of `exclude`.
pub fn conditioned_party(tree: &Tree, v: usize, actors: &Actors, exclude: &[Actor]) -> Option<Actor> {
    // The verb and its infinitives, one arc above the conditions (their advcl children).
    let verbs = tree.walk(v, MAX_ARCS - 1, |c, _| tree.dep(c) == Dep::Xcomp);
    for (k, _) in verbs {
        for &c in &tree.nodes[k].kids {
            if tree.dep(c) != Dep::Advcl || !is_condition(tree, c) {
                continue;
            }
            let Some(s) = tree.kid(c, &[Dep::Nsubj]) else { continue };
            let found = tree::actor_of(tree, s, actors, None);
            if let Some(a) = found.filter(|a| !exclude.contains(a)) {
                return Some(a);
            }
        }
    }
    None
}

/// Whether clause `c` is introduced by "if" or "unless".
fn is_condition(tree: &Tree, c: usize) -> bool {
    tree.kids(c, &[Dep::Mark]).any(|m| tree.nodes[m].is("if") || tree.nodes[m].is("unless"))
}
