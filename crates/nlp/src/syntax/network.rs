//! The tagger's and parser's layers over the shared tok2vec, forward pass only.
//!
//! Per token: the tagger's softmax layer (96 -> 50; its argmax is the tag, so the
//! softmax itself is skipped), the parser's lower linear layer (96 -> 64) and that
//! row's contribution to the hidden layer as each of the 8 state features (8 x 64 x 2
//! pieces, spaCy's PrecomputableAffine). Decoding ([`super::arc_eager`]) sums the
//! contributions of the state's tokens, max-pools the pieces and scores the moves
//! with the upper linear layer. The per-token products (the tok2vec's encoder, the
//! lower layer and the affine) run on AMX tiles in bfloat16 where the CPU has them, as
//! the NER's do, else as f32 SIMD ([`Packed`]); the tagger, the embedding rows
//! ([`Precision::Full`]) and the per-step move scores stay f32. With f32 products the
//! tags, heads and labels are spaCy's on GUM and UNER; with bfloat16 ones (emulated,
//! `NEWSGRAPH_EMULATE_TILES`) 99.9% of heads are (`newsgraph eval syntax`).

use crate::model::buffer::Buffer;
use crate::model::packed::Packed;
use crate::model::tok2vec::{self, piece_major, Precision, Tok2Vec, Tok2VecWork, TokenIds, WIDTH};
use crate::model::weights::Weights;
use crate::NlpError;

const LOWER: usize = 64;
/// State features: B0, B1, S0, S1, S2, L(B0), L(S0), R(S0).
pub(super) const FEATURES: usize = 8;
pub(super) const HIDDEN: usize = 64;
const PIECES: usize = 2;
/// Hidden pre-activations per state feature (piece-major: 2 planes of 64).
pub(super) const UNITS: usize = HIDDEN * PIECES;

/// The loaded tok2vec, tagger and parser layers.
#[derive(Debug)]
pub(super) struct Network {
    tok2vec: Tok2Vec,
    tagger: Packed,
    n_tags: usize,
    lower: Packed,
    /// All 8 features' contributions of one lower row, feature-major, each piece-major.
    affine: Packed,
    pub(super) affine_b: Vec<f32>,
    /// The contribution of a missing token, per feature (8 x 128, as `affine`).
    pub(super) affine_pad: Vec<f32>,
    pub(super) upper: Packed,
}

/// Per-thread buffers for one run of tokens.
#[derive(Debug, Default)]
pub(super) struct Work {
    tok2vec: Tok2VecWork,
    lower: Buffer<f32>,
    pub(super) feats: Buffer<f32>,
    tag_scores: Buffer<f32>,
}

impl Network {
    pub(super) fn load(bytes: &[u8], seeds: &[u32], n_tags: usize, n_moves: usize) -> Result<Self, NlpError> {
        let mut w = Weights::parse(bytes)?;
        let tok2vec = Tok2Vec::load(&mut w, seeds, Precision::Full, &tok2vec::SYNTAX_CACHE)?;
        let tagger_w = w.take("tagger.W", &[n_tags, WIDTH])?;
        let tagger_b = w.take("tagger.b", &[n_tags])?;
        let lower_w = w.take("lower.W", &[LOWER, WIDTH])?;
        let lower_b = w.take("lower.b", &[LOWER])?;
        // The affine's outputs per feature, piece-major: f*128 + p*64 + o <- f*128 + o*2 + p.
        let hidden_order = piece_major(HIDDEN, PIECES);
        let feature_order: Vec<usize> =
            (0..FEATURES).flat_map(|f| hidden_order.iter().map(move |&src| f * UNITS + src)).collect();
        let affine_w = w.take("affine.W", &[FEATURES, HIDDEN, PIECES, LOWER])?;
        let affine_b = w.take("affine.b", &[HIDDEN, PIECES])?;
        let affine_pad = w.take("affine.pad", &[1, FEATURES, HIDDEN, PIECES])?;
        let upper_w = w.take("upper.W", &[n_moves, HIDDEN])?;
        let upper_b = w.take("upper.b", &[n_moves])?;
        let identity = |n: usize| (0..n).collect::<Vec<_>>();
        Ok(Network {
            tok2vec,
            tagger: Packed::new(&tagger_w, WIDTH, &identity(n_tags), Some(&tagger_b)),
            n_tags,
            lower: Packed::with_tiles(&lower_w, WIDTH, &identity(LOWER), Some(&lower_b)),
            affine: Packed::with_tiles(&affine_w, LOWER, &feature_order, None),
            affine_b: hidden_order.iter().map(|&src| affine_b[src]).collect(),
            affine_pad: feature_order.iter().map(|&src| affine_pad[src]).collect(),
            upper: Packed::new(&upper_w, HIDDEN, &identity(n_moves), Some(&upper_b)),
        })
    }

    /// The tag index of each token (into `tags`) and each token's 8 feature
    /// contributions (n x 8 x 128) into `work.feats`.
    pub(super) fn run(&self, ids: &[TokenIds], work: &mut Work, tags: &mut Vec<usize>) {
        let n = ids.len();
        let Work { tok2vec, lower, feats, tag_scores } = work;
        let (lower_w, feats_w, tags_w) = (self.lower.width(), self.affine.width(), self.tagger.width());
        let lower = lower.window(n * lower_w);
        let feats = feats.window(n * feats_w);
        let tag_scores = tag_scores.window(n * tags_w);
        self.tok2vec.run(ids, tok2vec, |block, first, count| {
            let scores = &mut tag_scores[first * tags_w..(first + count) * tags_w];
            self.tagger.apply(block, count, scores);
            let lower = &mut lower[first * lower_w..(first + count) * lower_w];
            // The kernel is chosen by the whole run's rows (tiles or f32), so a short
            // last block gets the same arithmetic as the rest.
            self.lower.apply_part(block, count, lower, n);
            self.affine.apply_part(lower, count, &mut feats[first * feats_w..(first + count) * feats_w], n);
        });
        tags.clear();
        for row in tag_scores.chunks_exact(tags_w) {
            // numpy's argmax: the first of the largest.
            let mut best = 0;
            for (i, &v) in row[..self.n_tags].iter().enumerate() {
                if v > row[best] {
                    best = i;
                }
            }
            tags.push(best);
        }
    }

    /// The hidden layer of a parser state from its 8 features' contributions: their
    /// sum in feature order (from zero), then the bias, then the larger of the two
    /// pieces (spaCy's order; the AVX-512 path gives the same bits as the plain one).
    pub(super) fn hidden(&self, sources: &[&[f32]; FEATURES], hidden: &mut [f32; HIDDEN]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx512f") && sources.iter().all(|s| s.len() >= UNITS) {
            // SAFETY: AVX-512F was detected and every source holds UNITS values.
            unsafe { hidden_avx512(sources, &self.affine_b, hidden) };
            return;
        }
        let mut unmaxed = [0.0f32; UNITS];
        for src in sources {
            for (u, s) in unmaxed.iter_mut().zip(src.iter()) {
                *u += s;
            }
        }
        for (u, b) in unmaxed.iter_mut().zip(&self.affine_b) {
            *u += b;
        }
        let (first, second) = unmaxed.split_at(HIDDEN);
        for ((h, &a), &b) in hidden.iter_mut().zip(first).zip(second) {
            *h = if b > a { b } else { a };
        }
    }

    /// Columns per token in `work.feats`.
    pub(super) fn feats_width(&self) -> usize {
        self.affine.width()
    }
}

/// [`Network::hidden`] in eight AVX-512 registers.
///
/// # Safety
/// The CPU must support AVX-512F; each source and `bias` hold [`UNITS`] values.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn hidden_avx512(sources: &[&[f32]; FEATURES], bias: &[f32], hidden: &mut [f32; HIDDEN]) {
    use std::arch::x86_64::*;
    const REGS: usize = UNITS / 16;
    let bias = &bias[..UNITS];
    // SAFETY: every load reads 16 values at `r * 16` (r < 8) of a slice of UNITS
    // values (each source checked by the caller, `bias` cut above); every store writes
    // 16 values at `r * 16` (r < 4) of the 64 of `hidden`.
    unsafe {
        let mut sums = [_mm512_setzero_ps(); REGS];
        for src in sources {
            for (r, sum) in sums.iter_mut().enumerate() {
                *sum = _mm512_add_ps(*sum, _mm512_loadu_ps(src.as_ptr().add(r * 16)));
            }
        }
        for (r, sum) in sums.iter_mut().enumerate() {
            *sum = _mm512_add_ps(*sum, _mm512_loadu_ps(bias.as_ptr().add(r * 16)));
        }
        for r in 0..REGS / 2 {
            // max_ps(b, a) is `b > a ? b : a`: the first piece unless the second is larger.
            let max = _mm512_max_ps(sums[REGS / 2 + r], sums[r]);
            _mm512_storeu_ps(hidden.as_mut_ptr().add(r * 16), max);
        }
    }
}
