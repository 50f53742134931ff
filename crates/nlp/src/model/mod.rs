//! The NER network of spaCy's `en_core_web_sm` 3.8, forward pass only.
//!
//! Its own token-to-vector network ([`tok2vec`]: NORM, PREFIX, SUFFIX, SHAPE; 96
//! wide) feeds a linear layer to 64 and the parser's PrecomputableAffine (3 state
//! features, 64 hidden, 2 pieces), then a linear layer over the 74 BILUO actions.
//! The lower layer and the parser's next-token features follow on each block of
//! token vectors while it is in cache. The parser's features of a token as an open
//! entity's first token or as the token before the buffer are computed only for
//! tokens inside entities. The many-row products run on AMX tiles in bfloat16 where
//! the CPU has them ([`amx`]), else as f32 SIMD products ([`packed`]).

// On other architectures no tile weights are ever built, so their code is unused.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
mod amx;
pub(crate) mod buffer;
pub(crate) mod linalg;

pub(crate) use amx::available as amx_available;
pub(crate) mod packed;
mod parser;
pub(crate) mod tok2vec;
pub(crate) mod weights;

use buffer::Buffer;
use packed::Packed;
pub(crate) use parser::{Action, Entity};
pub(crate) use tok2vec::TokenIds;
use tok2vec::{piece_major, Tok2Vec, Tok2VecWork, WIDTH};
use weights::Weights;

use crate::NlpError;

const LOWER: usize = 64;
const FEATURES: usize = 3;
const HIDDEN: usize = 64;
const HIDDEN_PIECES: usize = 2;
/// Hidden pre-activations per state feature.
const UNITS: usize = HIDDEN * HIDDEN_PIECES;

/// The loaded network. Every Maxout's outputs are reordered piece-major at
/// load time, so taking the max is an element-wise max of contiguous planes.
#[derive(Debug)]
pub(crate) struct NerModel {
    /// Token vectors (the NER's own tok2vec: NORM, PREFIX, SUFFIX, SHAPE).
    tok2vec: Tok2Vec,
    lower: Packed,
    /// Per token: the hidden layer's contribution as the next buffer token (2 planes of 64).
    affine_next: Packed,
    /// Per token: its contributions as an open entity's first token and as the token
    /// before the buffer (2 x [2 planes of 64]); only tokens inside entities need them,
    /// so they are computed when decoding first asks.
    pub(crate) affine_open: Packed,
    pub(crate) affine_b: Vec<f32>,
    pub(crate) affine_pad: Vec<f32>,
    pub(crate) upper: Packed,
    pub(crate) actions: Vec<Action>,
    /// Which actions each kind of decoding state allows.
    pub(crate) valid: parser::ValidActions,
}

impl NerModel {
    pub(crate) fn load(bytes: &[u8], seeds: &[u32], actions: Vec<Action>) -> Result<Self, NlpError> {
        let mut w = Weights::parse(bytes)?;
        if seeds.len() != 4 {
            return Err(NlpError::Model("expected four hash seeds".into()));
        }
        let tok2vec = Tok2Vec::load(&mut w, seeds, tok2vec::Precision::Half, &tok2vec::NER_CACHE)?;
        let lower_w = w.take("lower.W", &[LOWER, WIDTH])?;
        let lower_b = w.take("lower.b", &[LOWER])?;
        let lower = Packed::with_tiles(&lower_w, WIDTH, &(0..LOWER).collect::<Vec<_>>(), Some(&lower_b));
        // The affine's outputs per feature, piece-major: f*128 + p*64 + o <- f*128 + o*2 + p.
        let hidden_order = piece_major(HIDDEN, HIDDEN_PIECES);
        let feature_order: Vec<usize> =
            (0..FEATURES).flat_map(|f| hidden_order.iter().map(move |&src| f * UNITS + src)).collect();
        let affine_w = w.take("affine.W", &[FEATURES, HIDDEN, HIDDEN_PIECES, LOWER])?;
        let affine_next = Packed::with_tiles(&affine_w, LOWER, &feature_order[..UNITS], None);
        let affine_open = Packed::new(&affine_w, LOWER, &feature_order[UNITS..], None);
        let affine_b = w.take("affine.b", &[HIDDEN, HIDDEN_PIECES])?;
        let affine_pad = w.take("affine.pad", &[1, FEATURES, HIDDEN, HIDDEN_PIECES])?;
        let n_actions = actions.len();
        let upper_w = w.take("upper.W", &[n_actions, HIDDEN])?;
        let upper_b = w.take("upper.b", &[n_actions])?;
        Ok(NerModel {
            tok2vec,
            lower,
            affine_next,
            affine_open,
            affine_b: hidden_order.iter().map(|&src| affine_b[src]).collect(),
            affine_pad: feature_order.iter().map(|&src| affine_pad[src]).collect(),
            upper: Packed::new(&upper_w, HIDDEN, &(0..n_actions).collect::<Vec<_>>(), Some(&upper_b)),
            valid: parser::ValidActions::new(&actions),
            actions,
        })
    }

    /// The entities of one piece of a document: token vectors (embedding, mixing,
    /// encoder), the parser's precomputed features, and greedy decoding. Buffers are
    /// reused per thread, so a document costs no large allocations.
    pub(crate) fn entities(&self, ids: &[TokenIds], is_space: &[bool], sent_start: &[bool]) -> Vec<Entity> {
        WORK.with(|work| {
            let work = &mut *work.borrow_mut();
            let n = ids.len();
            self.tok2vec(ids, work);
            let (lower, feats) = (work.lower.get(n * LOWER), work.feats.get(n * UNITS));
            let closed = parser::closed_scores(self, feats, &mut work.hidden, &mut work.closed);
            let mut features = parser::Features::new(self, lower, feats, &mut work.open);
            parser::decode(self, &mut features, closed, is_space, sent_start)
        })
    }

    /// The tokens' lower-layer rows (n x 64) into `work.lower` and their contributions
    /// as the parser's next buffer token (n x 128) into `work.feats`: the tok2vec, then
    /// the linear layer after it and the first feature of the parser's affine on each
    /// block of rows while it is in cache.
    fn tok2vec(&self, ids: &[TokenIds], work: &mut Work) {
        let n = ids.len();
        let (width, units) = (self.lower.width(), self.affine_next.width());
        let Work { tok2vec, lower, feats, .. } = work;
        let lower = lower.window(n * width);
        let feats = feats.window(n * units);
        self.tok2vec.run(ids, tok2vec, |block, first, count| {
            let lower = &mut lower[first * width..(first + count) * width];
            // The kernel is chosen by the whole piece's rows, so a short last block
            // gets the same arithmetic as the rest.
            self.lower.apply_part(block, count, lower, n);
            let feats = &mut feats[first * units..(first + count) * units];
            self.affine_next.apply_part(lower, count, feats, n);
        });
    }
}

/// Per-thread buffers for one piece of a document; each holds its longest use so
/// far, and only the first rows (see [`Buffer`]) belong to the current piece.
#[derive(Debug, Default)]
struct Work {
    tok2vec: Tok2VecWork,
    lower: Buffer<f32>,
    feats: Buffer<f32>,
    open: parser::OpenFeatures,
    hidden: Buffer<f32>,
    /// Action scores per token while no entity is open.
    closed: Buffer<f32>,
}

thread_local! {
    static WORK: std::cell::RefCell<Work> = std::cell::RefCell::new(Work::default());
}
