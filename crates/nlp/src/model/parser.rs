//! Greedy transition-based NER decoding: spaCy's `BiluoPushDown` without presets.
//!
//! One action per token: Begin, In, Last, Unit (each with a label) or Out.
//! The state features are the next buffer token, the first token of the open
//! entity and the token before the buffer (when an entity is open); their
//! precomputed hidden contributions are summed with the bias, max-pooled over
//! two pieces and scored (while no entity is open the state is the next token
//! alone, so those scores are computed for all tokens in one batched product,
//! bit for bit the same). The best-scoring valid action is taken. As in
//! spaCy, an entity may not run into a token that starts a sentence; spaCy's
//! sentences come from its parser, this port's from the rule splitter.

use newsgraph_model::EntityType;

use super::{NerModel, HIDDEN, LOWER, UNITS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    Begin,
    In,
    Last,
    Unit,
    Out,
}

/// One transition: a move and its label (`None` for Out and the unused `U-`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Action {
    pub(crate) kind: Move,
    pub(crate) label: Option<EntityType>,
}

impl Action {
    /// Parses spaCy's action names (`B-ORG`, `U-`, `O`).
    pub(crate) fn parse(name: &str) -> Option<Action> {
        if name == "O" {
            return Some(Action { kind: Move::Out, label: None });
        }
        let (kind, label) = name.split_once('-')?;
        let kind = match kind {
            "B" => Move::Begin,
            "I" => Move::In,
            "L" => Move::Last,
            "U" => Move::Unit,
            _ => return None,
        };
        let label = if label.is_empty() { None } else { Some(EntityType::from_label(label)?) };
        Some(Action { kind, label })
    }
}

/// An entity over tokens `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entity {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) label: EntityType,
}

/// Per-token contributions of the two open-entity features, computed on first use.
#[derive(Debug, Default)]
pub(crate) struct OpenFeatures {
    /// Token t's two contributions at `t * 2 * UNITS`, valid where `done[t]`.
    values: Vec<f32>,
    done: Vec<bool>,
}

/// The hidden-layer contributions decoding reads: the next-token feature of every token
/// (precomputed) and the open-entity features of the few tokens inside entities.
pub(crate) struct Features<'a> {
    model: &'a NerModel,
    lower: &'a [f32],
    next: &'a [f32],
    open: &'a mut OpenFeatures,
}

impl<'a> Features<'a> {
    pub(crate) fn new(model: &'a NerModel, lower: &'a [f32], next: &'a [f32], open: &'a mut OpenFeatures) -> Self {
        let n = next.len() / UNITS;
        open.done.clear();
        open.done.resize(n, false);
        open.values.resize(n * 2 * UNITS, 0.0);
        Features { model, lower, next, open }
    }

    /// Feature `f` (0: next token, 1: entity start, 2: token before the buffer) of token `t`.
    fn get(&mut self, t: usize, f: usize) -> &[f32] {
        if f == 0 {
            return &self.next[t * UNITS..(t + 1) * UNITS];
        }
        let at = t * 2 * UNITS;
        if !self.open.done[t] {
            let row = &self.lower[t * LOWER..(t + 1) * LOWER];
            self.model.affine_open.apply(row, 1, &mut self.open.values[at..at + 2 * UNITS]);
            self.open.done[t] = true;
        }
        &self.open.values[at + (f - 1) * UNITS..at + f * UNITS]
    }
}

/// The action scores of every token as the next buffer token while no entity is open
/// (most tokens): then the state is that token alone, so the scores are one batched
/// product instead of a product per decoding step. `hidden` is scratch.
pub(crate) fn closed_scores(model: &NerModel, next: &[f32], hidden: &mut Vec<f32>, scores: &mut Vec<f32>) {
    let n = next.len() / UNITS;
    let (bias, pad) = (&model.affine_b, &model.affine_pad);
    hidden.resize(n * HIDDEN, 0.0);
    for (row, h) in next.chunks_exact(UNITS).zip(hidden.chunks_exact_mut(HIDDEN)) {
        hidden_of(&[row, &pad[UNITS..2 * UNITS], &pad[2 * UNITS..]], bias, h);
    }
    scores.resize(n * model.upper.width(), 0.0);
    model.upper.apply(hidden, n, scores);
}

/// The hidden layer from the three features' contributions: their sum plus the bias
/// (added in the order decoding always used), max-pooled over the two pieces.
#[inline]
fn hidden_of(sources: &[&[f32]; 3], bias: &[f32], hidden: &mut [f32]) {
    let mut unmaxed = [0.0f32; UNITS];
    for src in sources {
        for (u, s) in unmaxed.iter_mut().zip(src.iter()) {
            *u += s;
        }
    }
    for (u, b) in unmaxed.iter_mut().zip(bias) {
        *u += b;
    }
    // Piece-major: the two pieces of unit o are o and HIDDEN + o.
    let (first, second) = unmaxed.split_at(HIDDEN);
    for ((h, &a), &b) in hidden.iter_mut().zip(first).zip(second) {
        *h = if b > a { b } else { a };
    }
}

/// Greedy decoding; `closed[t]` holds token t's scores from [`closed_scores`].
pub(crate) fn decode(
    model: &NerModel,
    features: &mut Features<'_>,
    closed: &[f32],
    is_space: &[bool],
    sent_start: &[bool],
) -> Vec<Entity> {
    let (bias, pad) = (&model.affine_b, &model.affine_pad);
    let width = model.upper.width();
    let n = is_space.len();
    let mut entities = Vec::new();
    // The open entity: (start, label).
    let mut open: Option<(usize, EntityType)> = None;
    let mut hidden = [0.0f32; HIDDEN];
    let mut open_scores = vec![0.0f32; width];
    for (b0, &space) in is_space.iter().enumerate() {
        let scores: &[f32] = match open {
            None => &closed[b0 * width..(b0 + 1) * width],
            Some((start, _)) => {
                let (mut next, mut first, mut before) = ([0.0f32; UNITS], [0.0f32; UNITS], [0.0f32; UNITS]);
                next.copy_from_slice(features.get(b0, 0));
                first.copy_from_slice(features.get(start, 1));
                before.copy_from_slice(match b0.checked_sub(1) {
                    Some(t) => features.get(t, 2),
                    None => &pad[2 * UNITS..],
                });
                hidden_of(&[&next, &first, &before], bias, &mut hidden);
                model.upper.apply(&hidden, 1, &mut open_scores);
                &open_scores
            }
        };
        let state = State {
            open,
            buffer_len: n - b0,
            space,
            next_starts_sentence: sent_start.get(b0 + 1).copied().unwrap_or(false),
        };
        let mut best: Option<usize> = None;
        for (i, action) in model.actions.iter().enumerate() {
            if !state.allows(*action) {
                continue;
            }
            if best.is_none_or(|b| scores[i] > scores[b]) {
                best = Some(i);
            }
        }
        let Some(best) = best else { break };
        let action = model.actions[best];
        match (action.kind, action.label) {
            (Move::Begin, Some(label)) => open = Some((b0, label)),
            (Move::Last, Some(label)) => {
                if let Some((start, _)) = open.take() {
                    entities.push(Entity { start, end: b0 + 1, label });
                }
            }
            (Move::Unit, Some(label)) => entities.push(Entity { start: b0, end: b0 + 1, label }),
            _ => {}
        }
    }
    entities
}

/// What the validity rules look at.
struct State {
    /// The open entity: (first token, label).
    open: Option<(usize, EntityType)>,
    buffer_len: usize,
    /// The next token is whitespace: entities cannot start on it.
    space: bool,
    next_starts_sentence: bool,
}

impl State {
    fn allows(&self, action: Action) -> bool {
        let open = self.open;
        match (action.kind, action.label) {
            (Move::Out, _) => open.is_none(),
            (_, None) => false,
            (Move::Begin, Some(_)) => {
                open.is_none() && self.buffer_len >= 2 && !self.space && !self.next_starts_sentence
            }
            (Move::In, Some(label)) => {
                self.buffer_len >= 2 && open.is_some_and(|(_, l)| l == label) && !self.next_starts_sentence
            }
            (Move::Last, Some(label)) => open.is_some_and(|(_, l)| l == label),
            (Move::Unit, Some(_)) => open.is_none() && !self.space,
        }
    }
}
