//! Participle clauses that describe a participant of another event: "food aid to refugees
//! fleeing the war", "police dispersed demonstrators protesting the results", "aircraft
//! using guided missiles killed ...". The participle tells who the participant is; the
//! sentence reports the event of the verb that governs that participant, and coding the
//! participle too gives a second, background event (often the sentence's first actual one,
//! which then passes for the main event).
//!
//! This only recognises the shape in the tree; `tree_code` decides to code nothing for it.
//! A participle whose noun is no participant of a coded verb ("Demonstrators protesting
//! the vote in the capital", a headline) is not recognised and stays an event, and so does
//! one on a thing its issuer made ("issued a declaration demanding ...": no actor noun).

use newsgraph_model::syntax::{Dep, Tag};

use crate::tree::Tree;

/// How many arcs above the participle's noun the governing verb may be (noun > pobj >
/// prep > dobj > verb).
const MAX_ARCS: usize = 4;

/// Whether verb node `v` is a present participle modifying a noun that is a participant
/// (subject, object, or prepositional object, through conjuncts and appositions) of
/// another verb that codes an event (`event_verb[g]`).
pub fn describes_participant(tree: &Tree, v: usize, event_verb: &[bool]) -> bool {
    if tree.dep(v) != Dep::Acl || tree.nodes[v].tag != Tag::Vbg {
        return false;
    }
    let Some(mut k) = tree.head(v) else { return false };
    for _ in 0..MAX_ARCS {
        if !matches!(
            tree.dep(k),
            Dep::Nsubj
                | Dep::Nsubjpass
                | Dep::Dobj
                | Dep::Dative
                | Dep::Pobj
                | Dep::Prep
                | Dep::Conj
                | Dep::Appos
                | Dep::Attr
        ) {
            return false;
        }
        let Some(h) = tree.head(k).filter(|&h| h != k) else { return false };
        if h != v && event_verb.get(h).copied().unwrap_or(false) {
            return true;
        }
        k = h;
    }
    false
}
