//! Greedy transition-based NER decoding: spaCy's `BiluoPushDown` without presets.
//!
//! One action per token: Begin, In, Last, Unit (each with a label) or Out.
//! The state features are the next buffer token, the first token of the open
//! entity and the token before the buffer (when an entity is open); their
//! precomputed hidden contributions are summed with the bias, max-pooled over
//! two pieces and scored. The best-scoring valid action is taken. As in
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

pub(crate) fn decode(
    model: &NerModel,
    features: &mut Features<'_>,
    is_space: &[bool],
    sent_start: &[bool],
) -> Vec<Entity> {
    let (bias, pad) = (&model.affine_b, &model.affine_pad);
    let n = is_space.len();
    let mut entities = Vec::new();
    // The open entity: (start, label).
    let mut open: Option<(usize, EntityType)> = None;
    let mut unmaxed = [0.0f32; UNITS];
    let mut hidden = [0.0f32; HIDDEN];
    let mut scores = vec![0.0f32; model.upper.width()];
    for (b0, &space) in is_space.iter().enumerate() {
        let ids = match open {
            Some((start, _)) => [Some(b0), Some(start), b0.checked_sub(1)],
            None => [Some(b0), None, None],
        };
        unmaxed.fill(0.0);
        for (f, id) in ids.iter().enumerate() {
            let src = match id {
                Some(t) => features.get(*t, f),
                None => &pad[f * UNITS..(f + 1) * UNITS],
            };
            for (u, s) in unmaxed.iter_mut().zip(src) {
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
        model.upper.apply(&hidden, 1, &mut scores);
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
