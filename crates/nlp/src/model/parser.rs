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

use super::buffer::Buffer;
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
    /// Buffers for [`Features`]: contributions per token, and which are computed.
    values: Buffer<f32>,
    done: Buffer<bool>,
}

/// The hidden-layer contributions decoding reads: the next-token feature of every token
/// (precomputed) and the open-entity features of the few tokens inside entities.
pub(crate) struct Features<'a> {
    model: &'a NerModel,
    lower: &'a [f32],
    next: &'a [f32],
    /// Token t's two contributions at `t * 2 * UNITS`, valid where `done[t]`.
    values: &'a mut [f32],
    done: &'a mut [bool],
}

impl<'a> Features<'a> {
    pub(crate) fn new(model: &'a NerModel, lower: &'a [f32], next: &'a [f32], open: &'a mut OpenFeatures) -> Self {
        let n = next.len() / UNITS;
        let done = open.done.window(n);
        done.fill(false);
        // Values are written before they are read (see `done`): no zeroing.
        let values = open.values.window(n * 2 * UNITS);
        Features { model, lower, next, values, done }
    }

    /// Feature `f` (0: next token, 1: entity start, 2: token before the buffer) of token `t`.
    fn get(&mut self, t: usize, f: usize) -> &[f32] {
        if f == 0 {
            return &self.next[t * UNITS..(t + 1) * UNITS];
        }
        let at = t * 2 * UNITS;
        if !self.done[t] {
            let row = &self.lower[t * LOWER..(t + 1) * LOWER];
            self.model.affine_open.apply(row, 1, &mut self.values[at..at + 2 * UNITS]);
            self.done[t] = true;
        }
        &self.values[at + (f - 1) * UNITS..at + f * UNITS]
    }
}

/// The action scores of every token as the next buffer token while no entity is open
/// (most tokens): then the state is that token alone, so the scores are one batched
/// product instead of a product per decoding step. `hidden` is scratch; the scores
/// are the first rows of `scores`.
pub(crate) fn closed_scores<'s>(
    model: &NerModel,
    next: &[f32],
    hidden: &mut Buffer<f32>,
    scores: &'s mut Buffer<f32>,
) -> &'s [f32] {
    let n = next.len() / UNITS;
    let (bias, pad) = (&model.affine_b, &model.affine_pad);
    let hidden = hidden.window(n * HIDDEN);
    for (row, h) in next.chunks_exact(UNITS).zip(hidden.chunks_exact_mut(HIDDEN)) {
        hidden_of(&[row, &pad[UNITS..2 * UNITS], &pad[2 * UNITS..]], bias, h);
    }
    let scores = scores.window(n * model.upper.width());
    model.upper.apply(hidden, n, scores);
    scores
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
    let valid = &model.valid;
    let width = model.upper.width();
    let n = is_space.len();
    let mut entities = Vec::new();
    // The open entity: (start, index of its label in `valid.labels`).
    let mut open: Option<(usize, usize)> = None;
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
        let next_starts_sentence = sent_start.get(b0 + 1).copied().unwrap_or(false);
        let allowed = valid.of(open.map(|(_, label)| label), n - b0 >= 2, space, next_starts_sentence);
        // The first of the best-scoring valid actions, as a scan in action order finds it.
        let mut best: Option<usize> = None;
        for &i in allowed {
            let i = usize::from(i);
            if best.is_none_or(|b| scores[i] > scores[b]) {
                best = Some(i);
            }
        }
        let Some(best) = best else { break };
        let action = model.actions[best];
        match (action.kind, action.label) {
            (Move::Begin, Some(label)) => open = valid.index(label).map(|i| (b0, i)),
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

/// The valid actions of every kind of decoding state, in action order, so that each
/// step scans only those. Built from [`State::allows`], the one statement of the rules:
/// validity depends only on the open entity's label, whether two or more tokens are
/// left, whether the next token is whitespace and whether the one after starts a sentence.
#[derive(Debug)]
pub(crate) struct ValidActions {
    /// The labels of the actions, in first-seen order.
    labels: Vec<EntityType>,
    /// Action indices per state: `(open label + 1, or 0) * 8 + flags`.
    by_state: Vec<Vec<u16>>,
}

impl ValidActions {
    pub(crate) fn new(actions: &[Action]) -> Self {
        let mut labels = Vec::new();
        for label in actions.iter().filter_map(|a| a.label) {
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
        let mut by_state = Vec::with_capacity((labels.len() + 1) * 8);
        for open in 0..=labels.len() {
            for flags in 0..8 {
                let state = State {
                    open: open.checked_sub(1).map(|i| (0, labels[i])),
                    buffer_len: if flags & 1 != 0 { 2 } else { 1 },
                    space: flags & 2 != 0,
                    next_starts_sentence: flags & 4 != 0,
                };
                let allowed = actions.iter().enumerate().filter(|(_, a)| state.allows(**a));
                by_state.push(allowed.map(|(i, _)| i as u16).collect());
            }
        }
        ValidActions { labels, by_state }
    }

    fn index(&self, label: EntityType) -> Option<usize> {
        self.labels.iter().position(|&l| l == label)
    }

    fn of(&self, open_label: Option<usize>, two_left: bool, space: bool, next_starts_sentence: bool) -> &[u16] {
        let flags = usize::from(two_left) | usize::from(space) << 1 | usize::from(next_starts_sentence) << 2;
        &self.by_state[open_label.map_or(0, |l| l + 1) * 8 + flags]
    }
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
