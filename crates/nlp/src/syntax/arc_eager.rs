//! Greedy arc-eager decoding: spaCy's `ArcEager` transition system (`arc_eager.pyx`,
//! `_state.pxd`), its validity rules and state features, move for move.
//!
//! Moves: Shift, Reduce (which puts a headless word back on the buffer), Left-arc and
//! Right-arc with a label, and Break (the next buffer word starts a sentence). The
//! state's 8 features are B0, B1, S0, S1, S2, the last left child of B0 and the last
//! left and right children of S0. Two of spaCy's quirks are kept because the
//! features read them: re-attaching a word removes its old arc from the old head's
//! list only when it is that list's last arc (otherwise the arc stays and still
//! counts as a child), and a word put back by Reduce may not be shifted again until
//! a Left-arc changes the stack. It does not undo `X||Y` labels (see [`super::nonproj`]).

use super::network::{Network, FEATURES, HIDDEN, UNITS};

/// The kind of a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Move {
    Shift,
    Reduce,
    Left,
    Right,
    Break,
}

impl Move {
    /// spaCy's move name (`S`, `D`, `L-nsubj`, `R-pobj||prep`, `B-ROOT`): the move and its label.
    pub(super) fn parse(name: &str) -> Option<(Move, &str)> {
        let (kind, label) = name.split_once('-').unwrap_or((name, ""));
        let kind = match kind {
            "S" => Move::Shift,
            "D" => Move::Reduce,
            "L" => Move::Left,
            "R" => Move::Right,
            "B" => Move::Break,
            _ => return None,
        };
        Some((kind, label))
    }
}

/// An arc as the state keeps it in its head's list.
#[derive(Debug, Clone, Copy)]
struct Arc {
    child: usize,
}

/// The parser state (spaCy's `StateC`) over `length` tokens.
struct State {
    length: usize,
    stack: Vec<usize>,
    /// Words Reduce put back, the last one first in the buffer.
    rebuffer: Vec<usize>,
    /// The next word of the buffer proper.
    b_i: usize,
    heads: Vec<Option<usize>>,
    /// The move (label) index of each word's current arc.
    labels: Vec<u16>,
    left_arcs: Vec<Vec<Arc>>,
    right_arcs: Vec<Vec<Arc>>,
    unshiftable: Vec<bool>,
    sent_starts: Vec<bool>,
}

impl State {
    fn new(length: usize) -> Self {
        State {
            length,
            stack: Vec::new(),
            rebuffer: Vec::new(),
            b_i: 0,
            heads: vec![None; length],
            labels: vec![0; length],
            left_arcs: vec![Vec::new(); length],
            right_arcs: vec![Vec::new(); length],
            unshiftable: vec![false; length],
            sent_starts: vec![false; length],
        }
    }

    fn s(&self, i: usize) -> Option<usize> {
        self.stack.len().checked_sub(i + 1).map(|at| self.stack[at])
    }

    fn b(&self, i: usize) -> Option<usize> {
        if i < self.rebuffer.len() {
            return Some(self.rebuffer[self.rebuffer.len() - 1 - i]);
        }
        let at = self.b_i + (i - self.rebuffer.len());
        (at < self.length).then_some(at)
    }

    fn buffer_length(&self) -> usize {
        self.length - self.b_i + self.rebuffer.len()
    }

    fn is_final(&self) -> bool {
        self.stack.is_empty() && self.buffer_length() == 0
    }

    fn is_sent_start(&self, word: Option<usize>) -> bool {
        word.is_some_and(|w| self.sent_starts[w])
    }

    /// The `idx`-th last child in `arcs` of `head` (1: the last), stale arcs included.
    fn nth_child(arcs: &[Vec<Arc>], head: Option<usize>, idx: usize) -> Option<usize> {
        let list = arcs.get(head?)?;
        list.len().checked_sub(idx).map(|at| list[at].child)
    }

    fn push(&mut self) {
        let b0 = match self.rebuffer.pop() {
            Some(b0) => b0,
            None => {
                self.b_i += 1;
                self.b_i - 1
            }
        };
        self.stack.push(b0);
    }

    fn add_arc(&mut self, head: usize, child: usize, label: u16) {
        if let Some(old) = self.heads[child] {
            let list = if old > child { &mut self.left_arcs[old] } else { &mut self.right_arcs[old] };
            // spaCy removes the old arc only when it is the list's last (its loop over
            // the others edits a copy of each arc).
            if list.last().is_some_and(|a| a.child == child) {
                list.pop();
            }
        }
        let list = if head > child { &mut self.left_arcs[head] } else { &mut self.right_arcs[head] };
        list.push(Arc { child });
        self.heads[child] = Some(head);
        self.labels[child] = label;
    }

    /// Which moves are valid now, by kind: Shift, Reduce, Left, Right, Break.
    fn valid(&self) -> [bool; 5] {
        let (depth, buffer) = (self.stack.len(), self.buffer_length());
        let b0 = self.b(0);
        let shift = depth == 0 || (buffer >= 2 && !self.is_sent_start(b0) && !b0.is_some_and(|b| self.unshiftable[b]));
        // No token of a fresh Doc is marked "cannot start a sentence", so Reduce's
        // rule for that never applies.
        let reduce = depth > 0;
        let arc = depth > 0 && buffer > 0 && !self.is_sent_start(b0);
        let brk = buffer >= 2
            && match (b0, self.b(1)) {
                (Some(b0), Some(b1)) => b1 == b0 + 1 && !self.sent_starts[b1],
                _ => false,
            };
        [shift, reduce, arc, arc, brk]
    }

    fn apply(&mut self, kind: Move, label: u16) {
        match kind {
            Move::Shift => self.push(),
            Move::Reduce => match self.s(0) {
                Some(s0) if self.heads[s0].is_none() && self.stack.len() > 1 => {
                    self.unshiftable[s0] = true;
                    self.rebuffer.push(s0);
                    self.stack.pop();
                }
                _ => {
                    self.stack.pop();
                }
            },
            Move::Left => {
                if let (Some(s0), Some(b0)) = (self.s(0), self.b(0)) {
                    self.add_arc(b0, s0, label);
                    // A changed stack cannot loop: the buffer word may be shifted again.
                    self.unshiftable[b0] = false;
                    self.stack.pop();
                }
            }
            Move::Right => {
                if let (Some(s0), Some(b0)) = (self.s(0), self.b(0)) {
                    self.add_arc(s0, b0, label);
                    self.push();
                }
            }
            Move::Break => {
                if let Some(b1) = self.b(1) {
                    self.sent_starts[b1] = true;
                }
            }
        }
    }

    /// The feature tokens: B0, B1, S0, S1, S2, L(B0, 1), L(S0, 1), R(S0, 1).
    fn context(&self) -> [Option<usize>; FEATURES] {
        let (b0, s0) = (self.b(0), self.s(0));
        [
            b0,
            self.b(1),
            s0,
            self.s(1),
            self.s(2),
            Self::nth_child(&self.left_arcs, b0, 1),
            Self::nth_child(&self.left_arcs, s0, 1),
            Self::nth_child(&self.right_arcs, s0, 1),
        ]
    }
}

/// The moves valid in each combination of valid kinds (bit `kind as usize` set when
/// that kind is valid), in move order, so each step scans only those.
pub(super) struct ValidMoves {
    by_kinds: Vec<Vec<u16>>,
}

impl ValidMoves {
    pub(super) fn new(moves: &[(Move, u16)]) -> Self {
        let by_kinds = (0..1usize << 5)
            .map(|kinds| {
                let valid = moves.iter().enumerate().filter(|(_, (kind, _))| kinds & (1 << *kind as usize) != 0);
                valid.map(|(i, _)| i as u16).collect()
            })
            .collect();
        ValidMoves { by_kinds }
    }

    fn of(&self, valid: [bool; 5]) -> &[u16] {
        let kinds = valid.iter().enumerate().fold(0, |bits, (i, &v)| bits | usize::from(v) << i);
        &self.by_kinds[kinds]
    }
}

impl std::fmt::Debug for ValidMoves {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ValidMoves({} kind sets)", self.by_kinds.len())
    }
}

/// Greedy decoding over `feats` (each token's 8 feature contributions, `width` apart):
/// each word's head (`None`: none was attached, a root) and the move index of its arc.
pub(super) fn decode(
    network: &Network,
    moves: &[(Move, u16)],
    valid_moves: &ValidMoves,
    feats: &[f32],
    width: usize,
    n: usize,
) -> (Vec<Option<usize>>, Vec<u16>) {
    let mut state = State::new(n);
    let mut scores = vec![0.0f32; network.upper.width()];
    let mut hidden = [0.0f32; HIDDEN];
    let pad = &network.affine_pad;
    while !state.is_final() {
        let context = state.context();
        let sources: [&[f32]; FEATURES] = std::array::from_fn(|f| match context[f] {
            Some(t) => &feats[t * width + f * UNITS..t * width + (f + 1) * UNITS],
            None => &pad[f * UNITS..(f + 1) * UNITS],
        });
        network.hidden(&sources, &mut hidden);
        network.upper.apply(&hidden, 1, &mut scores);
        // The first of the best-scoring valid moves, as a scan in move order finds it.
        let mut best: Option<usize> = None;
        for &i in valid_moves.of(state.valid()) {
            let i = usize::from(i);
            if best.is_none_or(|b| scores[i] > scores[b]) {
                best = Some(i);
            }
        }
        // No valid move cannot happen; spaCy then ends the parse, and so does this.
        let Some(best) = best else { break };
        let (kind, label) = moves[best];
        state.apply(kind, label);
    }
    (state.heads, state.labels)
}
