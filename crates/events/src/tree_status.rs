//! What the verbs around a trigger say about it, read from the dependency tree: negation,
//! modal auxiliaries, governing verbs ("plans to", "is willing to", "failed to"),
//! conditional clauses, hypothetical cues above the clause, and the reporting verb the
//! clause is the complement of.
//!
//! It reads structure only; `tree_code` turns what it finds into a status, a source and
//! PLOVER's readings of commitments and obligations.

use newsgraph_model::syntax::Dep;

use crate::tree::{purpose_or_participle, Tree, MAX_DEPTH};
use crate::vocab::{self, class, Governing, COMMITMENTS};

/// What the verbs around a trigger say about it.
#[derive(Debug, Clone, Default)]
pub struct Modality {
    /// A neg child of the trigger itself ("did not meet").
    pub negated_direct: bool,
    /// A neg on a governing verb ("is not expected to attend").
    pub negated_governor: bool,
    pub future: bool,
    pub hypothetical: bool,
    /// "must", "should", "has to".
    pub obligation: bool,
    /// "is willing to", "offered to": a commitment, not a deed.
    pub commitment: bool,
    /// "failed to reach", "refused to meet".
    pub failed: bool,
    /// "would" among the auxiliaries (a stated intention in reported speech).
    pub would: bool,
    /// The top of the chain of governing verbs (the trigger when none governs it).
    pub top: usize,
    /// The governing verb is itself an event trigger ("threatened to attack"): it codes.
    pub complement_of: Option<usize>,
}

/// Reads negation, modals and governing verbs from `v` up its xcomp chain; `is_event_verb`
/// says whether a node is a verb trigger with a PLOVER type.
pub fn modality(tree: &Tree, v: usize, is_event_verb: impl Fn(usize) -> bool) -> Modality {
    let mut m = Modality { top: v, ..Modality::default() };
    read_auxiliaries(tree, v, &mut m, true);
    let mut cur = v;
    for _ in 0..MAX_DEPTH {
        if !matches!(tree.dep(cur), Dep::Xcomp | Dep::Acomp) && !purpose_or_participle(tree, cur) {
            break;
        }
        let Some(g) = tree.head(cur) else { break };
        if is_event_verb(g) && tree.dep(cur) == Dep::Xcomp {
            m.complement_of = Some(g);
            return m;
        }
        let w = &*tree.nodes[g].lower;
        read_auxiliaries(tree, g, &mut m, false);
        if COMMITMENTS.contains(&w) {
            m.commitment = true;
        } else if w.starts_with("fail") || w.starts_with("refus") {
            m.failed = true;
        } else if matches!(w, "has" | "have" | "had") {
            m.obligation = true;
        } else {
            match vocab::governing_status(w) {
                Some(Governing::Future) => m.future = true,
                Some(Governing::Hypothetical) => m.hypothetical = true,
                Some(Governing::Neutral) => {}
                None if matches!(w, "is" | "are" | "was" | "were") => m.future = true,
                None => {}
            }
        }
        cur = g;
    }
    m.top = cur;
    let conditional = |k: usize| tree.kids(k, &[Dep::Mark]).any(|c| matches!(&*tree.nodes[c].lower, "if" | "unless"));
    // "will attack if Kyiv joins NATO": a deed under a condition.
    if tree.kids(v, &[Dep::Advcl]).any(|c| c > v && conditional(c)) {
        m.hypothetical = true;
    }
    // "if they attack", "unless talks resume": a condition, not a deed.
    let mut k = cur;
    for _ in 0..MAX_DEPTH {
        if tree.dep(k) == Dep::Advcl && conditional(k) {
            m.hypothetical = true;
            break;
        }
        match tree.dep(k) {
            Dep::Conj | Dep::Xcomp => match tree.head(k) {
                Some(h) => k = h,
                None => break,
            },
            _ => break,
        }
    }
    m
}

fn read_auxiliaries(tree: &Tree, v: usize, m: &mut Modality, own: bool) {
    for k in tree.kids(v, &[Dep::Aux, Dep::Auxpass, Dep::Neg]) {
        let node = &tree.nodes[k];
        let w = &*node.lower;
        if node.dep == Dep::Neg || node.has(class::NEGATION) {
            if own {
                m.negated_direct = true;
            } else {
                m.negated_governor = true;
            }
        } else if node.has(class::FUTURE_MODAL) {
            m.future = true;
        } else if matches!(w, "must" | "should") {
            m.obligation = true;
        } else if node.has(class::HYPOTHETICAL_MODAL) {
            m.hypothetical = true;
            // "may halt", "might resume": a possibility stated by a reporter is a stated
            // intention as "would" is (CAMEO codes it as intent or threat).
            m.would |= matches!(w, "would" | "may" | "might");
        }
    }
}

/// The reporting verb of the clause headed by `top` ("X said Y attacked Z": said), or a
/// reporting verb attached to it (", X said" parsed under the reported verb).
pub fn reporter(tree: &Tree, top: usize) -> Option<usize> {
    let mut k = top;
    for _ in 0..MAX_DEPTH {
        // A root has no governor: the reporting verbs attached under it are read below.
        let Some(h) = tree.head(k) else { break };
        match tree.dep(k) {
            Dep::Ccomp | Dep::Parataxis if tree.nodes[h].has(class::REPORTING) => return Some(h),
            Dep::Conj | Dep::Ccomp => k = h,
            _ => break,
        }
    }
    // Also a reporting verb after the clause that the parser attached under it ("X will
    // provide aid, Y said" read as a conjunct; its subject may be misattached too).
    tree.kids(top, &[Dep::Parataxis, Dep::Ccomp, Dep::Advcl, Dep::Conj])
        .find(|&c| c > top && tree.nodes[c].has(class::REPORTING) && tree.kid(c, &[Dep::Dobj, Dep::Ccomp]).is_none())
}

/// A hypothetical cue before the clause governs it ("fear Russia plans to invade"); one
/// after it reports it (`"...," he warned`).
pub fn under_cue(tree: &Tree, top: usize) -> bool {
    let mut k = top;
    for _ in 0..MAX_DEPTH {
        let Some(h) = tree.head(k) else { return false };
        if h < top && tree.nodes[h].has(class::HYPOTHETICAL_CUE) {
            return true;
        }
        k = h;
    }
    false
}
