//! spaCy's token-to-vector network (MultiHashEmbed + MaxoutWindowEncoder), forward pass
//! only: the part the NER model and the tagger/parser ([`crate::syntax`]) share.
//!
//! Shapes follow the spaCy config: per attribute a hashed table (96 wide, 4 rows summed
//! per token), a mixing Maxout (3 pieces) and LayerNorm over the attributes' rows
//! concatenated, then four residual window-encoder layers (window 1, 3 pieces,
//! LayerNorm). The NER's own tok2vec reads four attributes (NORM, PREFIX, SUFFIX,
//! SHAPE); the pipeline's shared one six (those plus SPACY and IS_SPACE). Two exact
//! rewrites make it fast: the mixing Maxout is linear before its max, so each embedding
//! row is multiplied through it once at load time (for the NER kept in half precision,
//! the one inexact step: a token's rows come from memory, so bytes are time; see
//! [`Precision`]); and the encoder,
//! whose output row depends only on the four rows either side, runs over blocks of the
//! document with a four-row halo so its working set stays in cache. It does not cover
//! what reads the vectors (the NER's and parser's layers live with them).

use std::cell::RefCell;
use std::thread::LocalKey;

use super::buffer::Buffer;
use super::linalg::{self, add_f16_rows, f16_bits, layer_norm, maxout_planes};
use super::packed::Packed;
use super::weights::Weights;
use crate::NlpError;

pub(crate) const WIDTH: usize = 96;
const PIECES: usize = 3;
const DEPTH: usize = 4;
/// Rows of zero padding thinc puts around each document before the encoder.
pub(crate) const PAD: usize = 4;
/// The largest finite half-precision value.
const HALF_MAX: f32 = 65504.0;
/// Rows the encoder handles at once (plus the halo).
const BLOCK: usize = 248;
// Each encoder block needs DEPTH rows of context either side, which the padding gives at the ends.
const _: () = assert!(PAD >= DEPTH);
/// The most hashed attributes a tok2vec reads.
pub(crate) const MAX_ATTRS: usize = 6;

/// The hashed attribute ids of one token, in model order (NORM, PREFIX, SUFFIX, SHAPE,
/// then SPACY and IS_SPACE where the model reads them; zero where it does not).
pub(crate) type TokenIds = [u64; MAX_ATTRS];

/// Source row of piece-major output `j` for a Maxout with `units` outputs of `pieces` pieces.
pub(crate) fn piece_major(units: usize, pieces: usize) -> Vec<usize> {
    (0..units * pieces).map(|j| (j % units) * pieces + j / units).collect()
}

/// The precision of the premixed embedding rows. The encoder's products run on AMX
/// tiles in bfloat16 where the CPU has them, whichever this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Precision {
    /// Half-precision rows (a token's rows are read from memory far more often than
    /// from cache, so half the bytes is most of the cost): the NER, whose entities are
    /// unchanged by them.
    Half,
    /// f32 rows: the parser's choices are closer calls (with half-precision rows 3 of
    /// 43,085 heads on GUM and UNER differed from spaCy's, with f32 none), and on a CPU
    /// without AMX half rows did not make it faster.
    Full,
}

/// The premixed rows of one attribute's table.
#[derive(Debug)]
enum Table {
    Half(Vec<u16>),
    Full(Vec<f32>),
}

/// One residual window-encoder layer; its Maxout output is piece-major (3 planes of 96).
#[derive(Debug)]
struct EncoderLayer {
    w: Packed,
    gain: Vec<f32>,
    shift: Vec<f32>,
}

/// The loaded network. Every Maxout's outputs are reordered piece-major at load time,
/// so taking the max is an element-wise max of contiguous planes.
#[derive(Debug)]
pub(crate) struct Tok2Vec {
    /// Names this model to its per-thread embedding cache.
    owner: crate::cache::Owner,
    /// Per attribute: table rows and seed, and each row pushed through the mixing Maxout
    /// (rows x 288).
    embed: Vec<(usize, u32, Table)>,
    mix_b: Vec<f32>,
    mix_gain: Vec<f32>,
    mix_shift: Vec<f32>,
    encoder: Vec<EncoderLayer>,
    /// The per-thread cache of mixed embeddings this model fills (one per model kind,
    /// so two models used in turn do not evict each other's entries).
    cache: &'static LocalKey<RefCell<EmbedCache>>,
}

thread_local! {
    /// Mixed embeddings of recently seen tokens for the NER models, per thread: a
    /// token's embedding depends only on its attribute ids, and news text repeats its
    /// words, so most lookups skip sixteen random table reads.
    pub(crate) static NER_CACHE: RefCell<EmbedCache> = RefCell::new(EmbedCache::default());
    /// The same for the tagger and parser's tok2vec.
    pub(crate) static SYNTAX_CACHE: RefCell<EmbedCache> = RefCell::new(EmbedCache::default());
}

impl Tok2Vec {
    /// Reads `embed{i}.E`, `mix.*` and `enc{i}.*` of `w` (one table per seed).
    pub(crate) fn load(
        w: &mut Weights,
        seeds: &[u32],
        precision: Precision,
        cache: &'static LocalKey<RefCell<EmbedCache>>,
    ) -> Result<Self, NlpError> {
        let attrs = seeds.len();
        if attrs == 0 || attrs > MAX_ATTRS {
            return Err(NlpError::Model(format!("{attrs} hash seeds; expected 1 to {MAX_ATTRS}")));
        }
        let mix_w = w.take("mix.W", &[WIDTH, PIECES, attrs * WIDTH])?;
        let mix_order = piece_major(WIDTH, PIECES);
        let mut embed = Vec::with_capacity(attrs);
        for (i, &seed) in seeds.iter().enumerate() {
            let name = format!("embed{i}.E");
            let rows = w.shape(&name).and_then(|s| s.first().copied()).unwrap_or(0);
            let table = w.take(&name, &[rows, WIDTH])?;
            // This attribute's columns of the mixing weights, as a (288 x 96) matrix.
            let mut part = vec![0.0f32; WIDTH * PIECES * WIDTH];
            for (r, row) in part.chunks_exact_mut(WIDTH).enumerate() {
                let src = r * attrs * WIDTH + i * WIDTH;
                row.copy_from_slice(&mix_w[src..src + WIDTH]);
            }
            let part = Packed::new(&part, WIDTH, &mix_order, None);
            let mut pre = vec![0.0f32; rows * part.width()];
            part.apply(&table, rows, &mut pre);
            if pre.iter().any(|v| !v.is_finite() || v.abs() > HALF_MAX) {
                return Err(NlpError::Model(format!("{name}: mixed rows out of half-precision range")));
            }
            let table = match precision {
                Precision::Half => Table::Half(pre.iter().map(|&v| f16_bits(v)).collect()),
                Precision::Full => Table::Full(pre),
            };
            embed.push((rows, seed, table));
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
        Ok(Tok2Vec {
            owner: crate::cache::Owner::new(),
            embed,
            mix_b,
            mix_gain: w.take("mix.G", &[WIDTH])?,
            mix_shift: w.take("mix.beta", &[WIDTH])?,
            encoder,
            cache,
        })
    }

    /// The token vectors of `ids`, block by block: `each(rows, first, count)` gets the
    /// final 96-wide rows of tokens `first..first + count` while they are in cache.
    /// `work` is reused per thread, so a document costs no large allocations.
    pub(crate) fn run(&self, ids: &[TokenIds], work: &mut Tok2VecWork, mut each: impl FnMut(&[f32], usize, usize)) {
        let n = ids.len();
        let rows = n + 2 * PAD;
        let x = work.x.window(rows * WIDTH);
        x[..PAD * WIDTH].fill(0.0);
        x[(PAD + n) * WIDTH..].fill(0.0);
        self.cache.with(|cache| {
            let mut cache = cache.borrow_mut();
            cache.reset_for(self.owner);
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
        let x = work.x.get(rows * WIDTH);
        let mut start = PAD;
        while start < rows - PAD {
            let end = (start + BLOCK).min(rows - PAD);
            let lo = start.saturating_sub(DEPTH);
            let hi = (end + DEPTH).min(rows);
            let block = work.scratch.run(self, &x[lo * WIDTH..hi * WIDTH], hi - lo);
            let from = (start - lo) * WIDTH;
            each(&block[from..from + (end - start) * WIDTH], start - PAD, end - start);
            start = end;
        }
    }

    /// The mixed embedding of one token: hashed rows summed, Maxout, LayerNorm.
    fn embed_one(&self, token: &TokenIds, pre: &mut [f32; WIDTH * PIECES], out: &mut [f32]) {
        pre.copy_from_slice(&self.mix_b);
        let mut half: [&[u16]; 4 * MAX_ATTRS] = [&[]; 4 * MAX_ATTRS];
        let mut n_half = 0;
        for (&id, (table_rows, seed, table)) in token.iter().zip(&self.embed) {
            for key in crate::lexeme::hash_buckets(id, *seed) {
                let at = (key as usize) % table_rows * WIDTH * PIECES;
                match table {
                    Table::Half(table) => {
                        half[n_half] = &table[at..at + WIDTH * PIECES];
                        n_half += 1;
                    }
                    Table::Full(table) => {
                        for (a, &b) in pre.iter_mut().zip(&table[at..at + WIDTH * PIECES]) {
                            *a += b;
                        }
                    }
                }
            }
        }
        add_f16_rows(pre, &half[..n_half]);
        maxout_planes(pre, out);
        layer_norm(out, &self.mix_gain, &self.mix_shift);
    }
}

/// Per-thread buffers of [`Tok2Vec::run`].
#[derive(Debug, Default)]
pub(crate) struct Tok2VecWork {
    /// Embedded rows with the zero padding around them.
    x: Buffer<f32>,
    scratch: EncodeScratch,
}

/// Entries kept before a cache starts over (about 24 MB of vectors): on WCXB's
/// 1,470 English pages a quarter as many left the misses twice as many (a miss reads
/// sixteen table rows from memory).
const CACHE_ENTRIES: usize = 65_536;

/// Mixed embeddings by attribute ids, for one model at a time.
#[derive(Default)]
pub(crate) struct EmbedCache {
    /// The model the entries were computed with (none yet: `None`).
    owner: Option<crate::cache::Owner>,
    index: std::collections::HashMap<TokenIds, u32, std::hash::BuildHasherDefault<IdHasher>>,
    rows: Vec<f32>,
}

impl EmbedCache {
    fn reset_for(&mut self, owner: crate::cache::Owner) {
        if self.owner != Some(owner) || self.index.len() >= CACHE_ENTRIES {
            self.owner = Some(owner);
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
    fn run(&mut self, model: &Tok2Vec, input: &[f32], rows: usize) -> &[f32] {
        self.x.clear();
        self.x.resize(WIDTH, 0.0);
        self.x.extend_from_slice(input);
        self.x.resize((rows + 2) * WIDTH, 0.0);
        let pre = self.pre.window(rows * WIDTH * PIECES);
        let y = self.y.window(rows * WIDTH);
        // Only the rows the caller reads (all but DEPTH halo rows each side) are final;
        // layer i is needed on all but i + 1 rows each side, so the rows beyond are
        // skipped (a sentence's padding is a third of its rows).
        for (i, layer) in model.encoder.iter().enumerate() {
            let (first, count) = (i + 1, rows.saturating_sub(2 * (i + 1)));
            let (pre, y) = (&mut pre[..count * WIDTH * PIECES], &mut y[..count * WIDTH]);
            // Window row r of the block starts at x row r (x has one zero row in front).
            layer.w.apply_strided_part(&self.x[first * WIDTH..], WIDTH, count, pre, rows);
            finish_layer(layer, pre, y, &mut self.x[(first + 1) * WIDTH..(first + 1 + count) * WIDTH]);
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
