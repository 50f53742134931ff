//! The NER network of spaCy's `en_core_web_sm` 3.8, forward pass only.
//!
//! Shapes follow the spaCy config: a MultiHashEmbed (NORM, PREFIX, SUFFIX,
//! SHAPE; 96 wide; 4 hashed rows summed per attribute), a Maxout (3 pieces)
//! and LayerNorm mixing them, four residual MaxoutWindowEncoder layers
//! (window 1, 3 pieces, LayerNorm), a linear layer to 64, and the parser's
//! PrecomputableAffine (3 state features, 64 hidden, 2 pieces) feeding a
//! linear layer over the 74 BILUO actions. Two exact rewrites make it
//! fast: the mixing Maxout is linear before its max, so each embedding row
//! is multiplied through it once at load time (and kept in half precision,
//! the one inexact step: a token's rows come from memory, so bytes are time);
//! and the encoder, whose output row depends only on the four rows either
//! side, runs over blocks of the document with a four-row halo so its working
//! set stays in cache, the lower layer and the parser's next-token features
//! following on each block. The parser's features of a token as an open entity's first token or as the
//! token before the buffer are computed only for tokens inside entities. The
//! many-row products run on AMX tiles in bfloat16 where the CPU has them
//! ([`amx`]), else as f32 SIMD products ([`packed`]).

// On other architectures no tile weights are ever built, so their code is unused.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
mod amx;
mod buffer;
mod linalg;

pub(crate) use amx::available as amx_available;
mod packed;
mod parser;
pub(crate) mod weights;

use buffer::Buffer;
use linalg::{add_f16_rows, f16_bits, layer_norm, maxout_planes};
use packed::Packed;
pub(crate) use parser::{Action, Entity};
use weights::Weights;

use crate::NlpError;

pub(crate) const WIDTH: usize = 96;
const PIECES: usize = 3;
const DEPTH: usize = 4;
const LOWER: usize = 64;
const FEATURES: usize = 3;
const HIDDEN: usize = 64;
const HIDDEN_PIECES: usize = 2;
/// Hidden pre-activations per state feature.
const UNITS: usize = HIDDEN * HIDDEN_PIECES;
/// Rows of zero padding thinc puts around each document before the encoder.
const PAD: usize = 4;
/// The largest finite half-precision value.
const HALF_MAX: f32 = 65504.0;
/// Rows the encoder handles at once (plus the halo).
const BLOCK: usize = 248;

/// One residual window-encoder layer; its Maxout output is piece-major (3 planes of 96).
#[derive(Debug)]
struct EncoderLayer {
    w: Packed,
    gain: Vec<f32>,
    shift: Vec<f32>,
}

/// The loaded network. Every Maxout's outputs are reordered piece-major at
/// load time, so taking the max is an element-wise max of contiguous planes.
#[derive(Debug)]
pub(crate) struct NerModel {
    /// Names this model to the per-thread embedding cache.
    owner: crate::cache::Owner,
    /// Per attribute: table rows and seed, and each row pushed through the mixing Maxout
    /// (rows x 288), in half precision: a token's sixteen rows are read from memory
    /// far more often than from cache, so half the bytes is most of the cost.
    embed: Vec<(usize, u32, Vec<u16>)>,
    mix_b: Vec<f32>,
    mix_gain: Vec<f32>,
    mix_shift: Vec<f32>,
    encoder: Vec<EncoderLayer>,
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

/// Source row of piece-major output `j` for a Maxout with `units` outputs of `pieces` pieces.
fn piece_major(units: usize, pieces: usize) -> Vec<usize> {
    (0..units * pieces).map(|j| (j % units) * pieces + j / units).collect()
}

/// The four hashed attribute ids of one token, in model order (NORM, PREFIX, SUFFIX, SHAPE).
pub(crate) type TokenIds = [u64; 4];

impl NerModel {
    pub(crate) fn load(bytes: &[u8], seeds: &[u32], actions: Vec<Action>) -> Result<Self, NlpError> {
        let mut w = Weights::parse(bytes)?;
        if seeds.len() != 4 {
            return Err(NlpError::Model("expected four hash seeds".into()));
        }
        let mix_w = w.take("mix.W", &[WIDTH, PIECES, 4 * WIDTH])?;
        let mix_order = piece_major(WIDTH, PIECES);
        let mut embed = Vec::with_capacity(4);
        for (i, &seed) in seeds.iter().enumerate() {
            let name = format!("embed{i}.E");
            let rows = w.shape(&name).and_then(|s| s.first().copied()).unwrap_or(0);
            let table = w.take(&name, &[rows, WIDTH])?;
            // This attribute's columns of the mixing weights, as a (288 x 96) matrix.
            let mut part = vec![0.0f32; WIDTH * PIECES * WIDTH];
            for (r, row) in part.chunks_exact_mut(WIDTH).enumerate() {
                let src = r * 4 * WIDTH + i * WIDTH;
                row.copy_from_slice(&mix_w[src..src + WIDTH]);
            }
            let part = Packed::new(&part, WIDTH, &mix_order, None);
            let mut pre = vec![0.0f32; rows * part.width()];
            part.apply(&table, rows, &mut pre);
            if pre.iter().any(|v| !v.is_finite() || v.abs() > HALF_MAX) {
                return Err(NlpError::Model(format!("{name}: mixed rows out of half-precision range")));
            }
            embed.push((rows, seed, pre.iter().map(|&v| f16_bits(v)).collect()));
        }
        if embed.iter().any(|(rows, _, _)| *rows == 0) {
            return Err(NlpError::Model("empty embedding table".into()));
        }
        let mix_b = w.take("mix.b", &[WIDTH, PIECES])?;
        let mix_b = mix_order.iter().map(|&src| mix_b[src]).collect();
        let mut encoder = Vec::with_capacity(DEPTH);
        for i in 0..DEPTH {
            let weights = w.take(&format!("enc{i}.W"), &[WIDTH, PIECES, 3 * WIDTH])?;
            let bias = w.take(&format!("enc{i}.b"), &[WIDTH, PIECES])?;
            encoder.push(EncoderLayer {
                w: Packed::with_tiles(&weights, 3 * WIDTH, &mix_order, Some(&bias)),
                gain: w.take(&format!("enc{i}.G"), &[WIDTH])?,
                shift: w.take(&format!("enc{i}.beta"), &[WIDTH])?,
            });
        }
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
            owner: crate::cache::Owner::new(),
            embed,
            mix_b,
            mix_gain: w.take("mix.G", &[WIDTH])?,
            mix_shift: w.take("mix.beta", &[WIDTH])?,
            encoder,
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
    /// as the parser's next buffer token (n x 128) into `work.feats`: embedding, mixing,
    /// encoder, the linear layer after it and the first feature of the parser's affine.
    fn tok2vec(&self, ids: &[TokenIds], work: &mut Work) {
        let n = ids.len();
        let rows = n + 2 * PAD;
        let x = work.x.window(rows * WIDTH);
        x[..PAD * WIDTH].fill(0.0);
        x[(PAD + n) * WIDTH..].fill(0.0);
        EMBED_CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            cache.reset_for(self);
            let mut pre = [0.0f32; WIDTH * PIECES];
            for (t, token) in ids.iter().enumerate() {
                let out = &mut x[(PAD + t) * WIDTH..(PAD + t + 1) * WIDTH];
                if let Some(row) = cache.get(token) {
                    out.copy_from_slice(row);
                    continue;
                }
                self.embed_one(token, &mut pre, out);
                cache.insert(*token, out);
            }
        });
        self.encode(work, rows);
    }

    /// The mixed embedding of one token: hashed rows summed, Maxout, LayerNorm.
    fn embed_one(&self, token: &TokenIds, pre: &mut [f32; WIDTH * PIECES], out: &mut [f32]) {
        pre.copy_from_slice(&self.mix_b);
        let mut rows: [&[u16]; 16] = [&[]; 16];
        for (i, (&id, (table_rows, seed, table))) in token.iter().zip(&self.embed).enumerate() {
            for (j, key) in crate::lexeme::hash_buckets(id, *seed).into_iter().enumerate() {
                let row = (key as usize) % table_rows;
                rows[i * 4 + j] = &table[row * WIDTH * PIECES..(row + 1) * WIDTH * PIECES];
            }
        }
        add_f16_rows(pre, &rows);
        maxout_planes(pre, out);
        layer_norm(out, &self.mix_gain, &self.mix_shift);
    }

    /// The residual encoder over the padded rows of `work.x`, block by block, and the
    /// per-token products after it on each block's real rows while they are in cache.
    fn encode(&self, work: &mut Work, rows: usize) {
        let halo = DEPTH;
        let n = rows - 2 * PAD;
        let (width, units) = (self.lower.width(), self.affine_next.width());
        let Work { x, lower, feats, scratch, .. } = work;
        let lower = lower.window(n * width);
        let feats = feats.window(n * units);
        let x = x.get(rows * WIDTH);
        let mut start = PAD;
        while start < rows - PAD {
            let end = (start + BLOCK).min(rows - PAD);
            let lo = start.saturating_sub(halo);
            let hi = (end + halo).min(rows);
            let block = scratch.run(self, &x[lo * WIDTH..hi * WIDTH], hi - lo);
            let from = (start - lo) * WIDTH;
            let lower = &mut lower[(start - PAD) * width..(end - PAD) * width];
            // The kernel is chosen by the whole piece's rows, so a short last block
            // gets the same arithmetic as the rest.
            self.lower.apply_part(&block[from..from + (end - start) * WIDTH], end - start, lower, n);
            let feats = &mut feats[(start - PAD) * units..(end - PAD) * units];
            self.affine_next.apply_part(lower, end - start, feats, n);
            start = end;
        }
    }
}

/// Per-thread buffers for one piece of a document; each holds its longest use so
/// far, and only the first rows (see [`Buffer`]) belong to the current piece.
#[derive(Debug, Default)]
struct Work {
    /// Embedded rows with the zero padding around them.
    x: Buffer<f32>,
    lower: Buffer<f32>,
    feats: Buffer<f32>,
    open: parser::OpenFeatures,
    hidden: Buffer<f32>,
    /// Action scores per token while no entity is open.
    closed: Buffer<f32>,
    scratch: EncodeScratch,
}

thread_local! {
    static WORK: std::cell::RefCell<Work> = std::cell::RefCell::new(Work::default());
    /// Mixed embeddings of recently seen tokens, per thread: a token's
    /// embedding depends only on its four attribute ids, and news text
    /// repeats its words, so most lookups skip sixteen random table reads.
    static EMBED_CACHE: std::cell::RefCell<EmbedCache> = std::cell::RefCell::new(EmbedCache::default());
}

/// Entries kept before the cache starts over (about 24 MB of vectors): on WCXB's
/// 1,470 English pages a quarter as many left the misses twice as many (a miss reads
/// sixteen table rows from memory).
const CACHE_ENTRIES: usize = 65_536;

#[derive(Default)]
struct EmbedCache {
    /// The model the entries were computed with (none yet: `None`).
    owner: Option<crate::cache::Owner>,
    index: std::collections::HashMap<TokenIds, u32, std::hash::BuildHasherDefault<IdHasher>>,
    rows: Vec<f32>,
}

impl EmbedCache {
    fn reset_for(&mut self, model: &NerModel) {
        if self.owner != Some(model.owner) || self.index.len() >= CACHE_ENTRIES {
            self.owner = Some(model.owner);
            self.index.clear();
            self.rows.clear();
        }
    }

    fn get(&self, token: &TokenIds) -> Option<&[f32]> {
        let at = *self.index.get(token)? as usize * WIDTH;
        self.rows.get(at..at + WIDTH)
    }

    fn insert(&mut self, token: TokenIds, row: &[f32]) {
        if self.index.len() < CACHE_ENTRIES {
            self.index.insert(token, (self.rows.len() / WIDTH) as u32);
            self.rows.extend_from_slice(row);
        }
    }
}

/// The ids are already hashes: mixing them FxHash-style is enough.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// Buffers for one encoder block.
#[derive(Debug, Default)]
struct EncodeScratch {
    /// The block's rows with one zero row before and after, so that the
    /// window `[previous, this, next]` of row r is 288 contiguous floats.
    x: Vec<f32>,
    pre: Buffer<f32>,
    y: Buffer<f32>,
}

impl EncodeScratch {
    fn run(&mut self, model: &NerModel, input: &[f32], rows: usize) -> &[f32] {
        self.x.clear();
        self.x.resize(WIDTH, 0.0);
        self.x.extend_from_slice(input);
        self.x.resize((rows + 2) * WIDTH, 0.0);
        let pre = self.pre.window(rows * WIDTH * PIECES);
        let y = self.y.window(rows * WIDTH);
        for layer in &model.encoder {
            layer.w.apply_strided(&self.x, WIDTH, rows, pre);
            finish_layer(layer, pre, y, &mut self.x[WIDTH..(rows + 1) * WIDTH]);
        }
        &self.x[WIDTH..(rows + 1) * WIDTH]
    }
}

/// Maxout, LayerNorm and the residual sum of one encoder layer: a row at a time in
/// AVX registers where the CPU has them ([`linalg::finish_row_avx`], the same bits),
/// else in three passes through `y` (the crate's baseline target is plain SSE2).
fn finish_layer(layer: &EncoderLayer, pre: &[f32], y: &mut [f32], x: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx") {
        for (pre, x) in pre.chunks_exact(WIDTH * PIECES).zip(x.chunks_exact_mut(WIDTH)) {
            // SAFETY: the CPU supports AVX (checked above).
            unsafe { linalg::finish_row_avx(pre, &layer.gain, &layer.shift, x) };
        }
        return;
    }
    for ((pre, y), x) in pre.chunks_exact(WIDTH * PIECES).zip(y.chunks_exact_mut(WIDTH)).zip(x.chunks_exact_mut(WIDTH))
    {
        maxout_planes(pre, y);
        layer_norm(y, &layer.gain, &layer.shift);
        for (x, y) in x.iter_mut().zip(y.iter()) {
            *x += y;
        }
    }
}
