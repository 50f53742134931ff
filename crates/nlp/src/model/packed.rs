//! A weight matrix packed once for fast `x · Wᵀ + b` on many rows.
//!
//! The output columns are cut into panels of 16; each panel stores its
//! weights k-major (16 contiguous floats per input feature), so the AVX2
//! kernel streams one panel while four input rows stay in registers as
//! broadcasts. Packing at load time means nothing is repacked per call (the
//! general-purpose GEMM it replaces spent a fifth of its time packing).
//! Without AVX2 and FMA a plain loop computes the same thing.

const PANEL: usize = 16;
/// Fewest rows worth a trip through the AMX tiles (one A tile's worth).
const AMX_MIN_ROWS: usize = super::amx::TILE;

/// `n x k` weights (output column `j` taken from source row `order[j]`), plus a bias.
#[derive(Debug)]
pub(crate) struct Packed {
    /// Output columns, rounded up to a whole panel.
    n: usize,
    k: usize,
    data: Vec<f32>,
    bias: Vec<f32>,
    /// The same weights as bfloat16 tiles, for the products that ask for them
    /// ([`Packed::with_tiles`]) where the CPU has AMX and the shape fits.
    tiles: Option<super::amx::TileWeights>,
    /// Without AMX and with `NEWSGRAPH_EMULATE_TILES` set: the weights rounded to
    /// bfloat16, for the products that would run on tiles (see [`emulating_tiles`]).
    emulated: Option<Box<Packed>>,
}

/// Whether products meant for AMX tiles run, on a CPU without them, as f32 products of
/// bfloat16-rounded weights and inputs (`NEWSGRAPH_EMULATE_TILES` set; checked once):
/// the tiles' rounding, measurable on any CPU (the tiles also sum pairs of products
/// before accumulating, which this does not copy). Slow (inputs are rounded per call);
/// for evaluation only.
pub(crate) fn emulating_tiles() -> bool {
    static EMULATE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *EMULATE.get_or_init(|| std::env::var_os("NEWSGRAPH_EMULATE_TILES").is_some() && !super::amx::available())
}

/// `x` rounded to the nearest bfloat16, as f32.
fn round_bf16(x: f32) -> f32 {
    f32::from_bits(u32::from(super::amx::bf16(x)) << 16)
}

thread_local! {
    /// Inputs rounded to bfloat16 for an emulated tile product.
    static ROUNDED: std::cell::RefCell<super::buffer::Buffer<f32>> = std::cell::RefCell::default();
}

impl Packed {
    /// Packs `w` (rows of length `k`), emitting source row `order[j]` as column `j`.
    pub(crate) fn new(w: &[f32], k: usize, order: &[usize], bias: Option<&[f32]>) -> Self {
        let n = order.len().div_ceil(PANEL) * PANEL;
        let mut data = vec![0.0f32; n * k];
        let mut packed_bias = vec![0.0f32; n];
        for (j, &src) in order.iter().enumerate() {
            let (panel, lane) = (j / PANEL, j % PANEL);
            for kk in 0..k {
                data[panel * k * PANEL + kk * PANEL + lane] = w[src * k + kk];
            }
            if let Some(bias) = bias {
                packed_bias[j] = bias[src];
            }
        }
        Packed { n, k, data, bias: packed_bias, tiles: None, emulated: None }
    }

    /// As [`Packed::new`], and products of many rows run on AMX tiles in bfloat16 where
    /// the CPU has them (or emulate them, see [`emulating_tiles`]). Only for the
    /// networks' big per-token products: the embedding tables multiplied once at load
    /// time and the per-step action scores stay f32.
    pub(crate) fn with_tiles(w: &[f32], k: usize, order: &[usize], bias: Option<&[f32]>) -> Self {
        let packed = Packed::new(w, k, order, bias);
        let tiles = super::amx::TileWeights::new(w, k, packed.n, order);
        let emulated = (tiles.is_none() && emulating_tiles()).then(|| {
            let rounded: Vec<f32> = w.iter().map(|&v| round_bf16(v)).collect();
            Box::new(Packed::new(&rounded, k, order, bias))
        });
        Packed { tiles, emulated, ..packed }
    }

    /// Output width (a multiple of 16; columns past the real ones are zero).
    pub(crate) fn width(&self) -> usize {
        self.n
    }

    /// `c (m x width) = a (m x k) · Wᵀ + b`.
    pub(crate) fn apply(&self, a: &[f32], m: usize, c: &mut [f32]) {
        self.apply_strided(a, self.k, m, c);
    }

    /// As [`Packed::apply`], with row `r` of `a` starting at `r * lda` (rows may
    /// overlap: a window encoder's rows are three consecutive token vectors).
    pub(crate) fn apply_strided(&self, a: &[f32], lda: usize, m: usize, c: &mut [f32]) {
        self.apply_kernel(a, lda, m, c, m);
    }

    /// As [`Packed::apply_strided`] on `m` rows of a product of `whole` rows (see
    /// [`Packed::apply_part`]).
    pub(crate) fn apply_strided_part(&self, a: &[f32], lda: usize, m: usize, c: &mut [f32], whole: usize) {
        self.apply_kernel(a, lda, m, c, whole);
    }

    /// As [`Packed::apply`] on `m` rows of a product of `whole` rows done in parts: the
    /// kernel (AMX or f32) is the one the whole product would get, so the parts' results
    /// are the whole product's.
    pub(crate) fn apply_part(&self, a: &[f32], m: usize, c: &mut [f32], whole: usize) {
        self.apply_kernel(a, self.k, m, c, whole);
    }

    fn apply_kernel(&self, a: &[f32], lda: usize, m: usize, c: &mut [f32], whole: usize) {
        if m == 0 {
            return;
        }
        assert!(a.len() >= (m - 1) * lda + self.k && c.len() >= m * self.n, "packed matmul: buffers too small");
        if let Some(tiles) = self.tiles.as_ref().filter(|_| whole >= AMX_MIN_ROWS) {
            tiles.apply(a, lda, m, &self.bias, c);
            return;
        }
        if let Some(emulated) = self.emulated.as_ref().filter(|_| whole >= AMX_MIN_ROWS) {
            let span = (m - 1) * lda + self.k;
            ROUNDED.with(|rounded| {
                let rounded = &mut *rounded.borrow_mut();
                let rounded = rounded.window(span);
                for (r, &v) in rounded.iter_mut().zip(&a[..span]) {
                    *r = round_bf16(v);
                }
                // `emulated` has neither tiles nor an emulation of its own: f32 kernels.
                emulated.apply_kernel(rounded, lda, m, c, whole);
            });
            return;
        }
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f") {
                // SAFETY: the CPU supports AVX-512F (checked above) and the
                // buffer sizes were asserted; the kernels stay inside them.
                unsafe { self.apply_avx512(a, lda, m, c) };
                return;
            }
            if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
                // SAFETY: the CPU supports AVX2 and FMA (checked above) and the
                // buffer sizes were asserted; the kernel stays inside them.
                unsafe { self.apply_avx2(a, lda, m, c) };
                return;
            }
        }
        self.apply_plain(a, lda, m, c);
    }

    fn apply_plain(&self, a: &[f32], lda: usize, m: usize, c: &mut [f32]) {
        let k = self.k;
        for r in 0..m {
            let row = &a[r * lda..r * lda + k];
            for p in 0..self.n / PANEL {
                let panel = &self.data[p * k * PANEL..(p + 1) * k * PANEL];
                let mut acc = [0.0f32; PANEL];
                acc.copy_from_slice(&self.bias[p * PANEL..(p + 1) * PANEL]);
                for (x, w) in row.iter().zip(panel.chunks_exact(PANEL)) {
                    for (acc, w) in acc.iter_mut().zip(w) {
                        *acc += x * w;
                    }
                }
                c[r * self.n + p * PANEL..r * self.n + (p + 1) * PANEL].copy_from_slice(&acc);
            }
        }
    }

    /// All rows in AVX-512 tiles of rows x panels: eight rows by two panels (sixteen
    /// accumulators, two weight loads per eight broadcasts; each pair of panels runs
    /// over every group of eight rows while its weights are in cache), then the
    /// leftover rows by four, two and one, with more panels per pass as the rows get
    /// fewer (decoding scores one row at a time: eight panels at once are eight
    /// independent FMA chains). Every output is the same chain (bias, then one FMA per
    /// input in order) whatever the tile, so the result does not depend on the cut.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx2,fma")]
    unsafe fn apply_avx512(&self, a: &[f32], lda: usize, m: usize, c: &mut [f32]) {
        let panels = self.n / PANEL;
        let full = m / 8 * 8;
        if full > 0 {
            let mut p = 0;
            while p < panels {
                // A last single panel on its own: repeating it would be wasted FMAs here.
                let group = (panels - p).min(2);
                for r in (0..full).step_by(8) {
                    if group == 2 {
                        self.tile_avx512::<2, 8>(a, lda, r, c, p, 2);
                    } else {
                        self.tile_avx512::<1, 8>(a, lda, r, c, p, 1);
                    }
                }
                p += group;
            }
        }
        let mut r = full;
        if r + 4 <= m {
            self.strip_avx512::<4, 4>(a, lda, r, c);
            r += 4;
        }
        if r + 2 <= m {
            self.strip_avx512::<4, 2>(a, lda, r, c);
            r += 2;
        }
        if r < m {
            self.strip_avx512::<8, 1>(a, lda, r, c);
        }
    }

    /// Rows `r..r + R` over every panel, `P` panels per pass.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx2,fma")]
    #[inline]
    unsafe fn strip_avx512<const P: usize, const R: usize>(&self, a: &[f32], lda: usize, r: usize, c: &mut [f32]) {
        let panels = self.n / PANEL;
        let mut p = 0;
        while p < panels {
            let group = (panels - p).min(P);
            self.tile_avx512::<P, R>(a, lda, r, c, p, group);
            p += group;
        }
    }

    /// Rows `r..r + R` by panels `p..p + group` (`group <= P`; a short group repeats
    /// its last panel's weights and stores only the real panels).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx2,fma")]
    #[inline]
    unsafe fn tile_avx512<const P: usize, const R: usize>(
        &self,
        a: &[f32],
        lda: usize,
        r: usize,
        c: &mut [f32],
        p: usize,
        group: usize,
    ) {
        use std::arch::x86_64::*;
        let (k, n) = (self.k, self.n);
        let rows: [*const f32; R] = std::array::from_fn(|i| a.as_ptr().add((r + i) * lda));
        let out = c.as_mut_ptr().add(r * n);
        let w: [*const f32; P] = std::array::from_fn(|q| self.data.as_ptr().add((p + q.min(group - 1)) * k * PANEL));
        let bias: [__m512; P] =
            std::array::from_fn(|q| _mm512_loadu_ps(self.bias.as_ptr().add((p + q.min(group - 1)) * PANEL)));
        let mut acc = [bias; R];
        for kk in 0..k {
            let wv: [__m512; P] = std::array::from_fn(|q| _mm512_loadu_ps(w[q].add(kk * PANEL)));
            for i in 0..R {
                let x = _mm512_set1_ps(*rows[i].add(kk));
                for q in 0..P {
                    acc[i][q] = _mm512_fmadd_ps(x, wv[q], acc[i][q]);
                }
            }
        }
        for (i, row) in acc.iter().enumerate() {
            for (q, v) in row.iter().enumerate().take(group) {
                _mm512_storeu_ps(out.add(i * n + (p + q) * PANEL), *v);
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn apply_avx2(&self, a: &[f32], lda: usize, m: usize, c: &mut [f32]) {
        use std::arch::x86_64::*;
        let (k, n) = (self.k, self.n);
        let a = a.as_ptr();
        let c = c.as_mut_ptr();
        for p in 0..n / PANEL {
            let w = self.data.as_ptr().add(p * k * PANEL);
            let b0 = _mm256_loadu_ps(self.bias.as_ptr().add(p * PANEL));
            let b1 = _mm256_loadu_ps(self.bias.as_ptr().add(p * PANEL + 8));
            let mut r = 0;
            while r + 4 <= m {
                let (a0, a1, a2, a3) =
                    (a.add(r * lda), a.add((r + 1) * lda), a.add((r + 2) * lda), a.add((r + 3) * lda));
                let (mut c00, mut c01, mut c10, mut c11) = (b0, b1, b0, b1);
                let (mut c20, mut c21, mut c30, mut c31) = (b0, b1, b0, b1);
                for kk in 0..k {
                    let w0 = _mm256_loadu_ps(w.add(kk * PANEL));
                    let w1 = _mm256_loadu_ps(w.add(kk * PANEL + 8));
                    let x0 = _mm256_broadcast_ss(&*a0.add(kk));
                    c00 = _mm256_fmadd_ps(x0, w0, c00);
                    c01 = _mm256_fmadd_ps(x0, w1, c01);
                    let x1 = _mm256_broadcast_ss(&*a1.add(kk));
                    c10 = _mm256_fmadd_ps(x1, w0, c10);
                    c11 = _mm256_fmadd_ps(x1, w1, c11);
                    let x2 = _mm256_broadcast_ss(&*a2.add(kk));
                    c20 = _mm256_fmadd_ps(x2, w0, c20);
                    c21 = _mm256_fmadd_ps(x2, w1, c21);
                    let x3 = _mm256_broadcast_ss(&*a3.add(kk));
                    c30 = _mm256_fmadd_ps(x3, w0, c30);
                    c31 = _mm256_fmadd_ps(x3, w1, c31);
                }
                let out = c.add(r * n + p * PANEL);
                _mm256_storeu_ps(out, c00);
                _mm256_storeu_ps(out.add(8), c01);
                _mm256_storeu_ps(out.add(n), c10);
                _mm256_storeu_ps(out.add(n + 8), c11);
                _mm256_storeu_ps(out.add(2 * n), c20);
                _mm256_storeu_ps(out.add(2 * n + 8), c21);
                _mm256_storeu_ps(out.add(3 * n), c30);
                _mm256_storeu_ps(out.add(3 * n + 8), c31);
                r += 4;
            }
            while r < m {
                let a0 = a.add(r * lda);
                let (mut c00, mut c01) = (b0, b1);
                for kk in 0..k {
                    let x0 = _mm256_broadcast_ss(&*a0.add(kk));
                    c00 = _mm256_fmadd_ps(x0, _mm256_loadu_ps(w.add(kk * PANEL)), c00);
                    c01 = _mm256_fmadd_ps(x0, _mm256_loadu_ps(w.add(kk * PANEL + 8)), c01);
                }
                let out = c.add(r * n + p * PANEL);
                _mm256_storeu_ps(out, c00);
                _mm256_storeu_ps(out.add(8), c01);
                r += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_matches_naive_product_with_reordered_columns() {
        // 20 columns: one pair of panels; 40: a pair and a single one. 13 rows: 8 + 5 leftover.
        // 3 rows and 100 columns: the few-rows kernel, a group of four panels and a short one.
        for (n, m) in [(20, 13), (40, 13), (100, 3)] {
            check_product(n, 7, m);
        }
    }

    #[test]
    fn a_row_comes_out_the_same_whatever_rows_share_its_product() {
        // 15 rows: tiles of 8, 4, 2 and 1; 7 panels: pairs, a group of four and a
        // short group of three, eight at once for a single row.
        let (n, k, m) = (112, 64, 15);
        let w: Vec<f32> = (0..n * k).map(|i| ((i * 7919 % 1009) as f32 - 504.0) / 97.0).collect();
        let bias: Vec<f32> = (0..n).map(|i| (i as f32 - 50.0) / 13.0).collect();
        let a: Vec<f32> = (0..m * k).map(|i| ((i * 104_729 % 911) as f32 - 455.0) / 31.0).collect();
        let packed = Packed::new(&w, k, &(0..n).collect::<Vec<_>>(), Some(&bias));
        let width = packed.width();
        let mut all = vec![0.0; m * width];
        packed.apply(&a, m, &mut all);
        for r in 0..m {
            let mut one = vec![0.0; width];
            packed.apply(&a[r * k..], 1, &mut one);
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&one), bits(&all[r * width..(r + 1) * width]), "row {r}");
        }
    }

    #[test]
    fn emulated_tile_products_round_weights_and_inputs_to_bfloat16() {
        let (n, k, m) = (32, 64, 20);
        let w: Vec<f32> = (0..n * k).map(|i| ((i * 7919 % 1009) as f32 - 504.0) / 97.3).collect();
        let a: Vec<f32> = (0..m * k).map(|i| ((i * 104_729 % 911) as f32 - 455.0) / 31.7).collect();
        let order: Vec<usize> = (0..n).collect();
        let rounded = |v: &[f32]| v.iter().map(|&x| round_bf16(x)).collect::<Vec<_>>();
        let mut packed = Packed::new(&w, k, &order, None);
        packed.emulated = Some(Box::new(Packed::new(&rounded(&w), k, &order, None)));
        let mut got = vec![0.0; m * n];
        packed.apply(&a, m, &mut got);
        let mut want = vec![0.0; m * n];
        Packed::new(&rounded(&w), k, &order, None).apply(&rounded(&a), m, &mut want);
        assert_eq!(got, want);
        // Fewer rows than a tile: the f32 product of the unrounded values, as without AMX.
        let mut short = vec![0.0; 2 * n];
        packed.apply(&a, 2, &mut short);
        let mut exact = vec![0.0; 2 * n];
        Packed::new(&w, k, &order, None).apply(&a, 2, &mut exact);
        assert_eq!(short, exact);
        assert_ne!(short[..], want[..2 * n]);
        assert_eq!(round_bf16(1.0 + 1.0 / 256.0), 1.0, "ties go to even");
        assert_eq!(round_bf16(1.0 + 3.0 / 256.0), 1.0 + 2.0 / 128.0);
    }

    fn check_product(n: usize, k: usize, m: usize) {
        let w: Vec<f32> = (0..n * k).map(|i| ((i * 37 % 11) as f32) - 5.0).collect();
        let bias: Vec<f32> = (0..n).map(|i| i as f32 * 0.5).collect();
        let a: Vec<f32> = (0..m * k).map(|i| ((i * 13 % 7) as f32) * 0.25).collect();
        let order: Vec<usize> = (0..n).rev().collect();
        let packed = Packed::new(&w, k, &order, Some(&bias));
        let mut c = vec![0.0; m * packed.width()];
        packed.apply(&a, m, &mut c);
        let mut plain = vec![0.0; m * packed.width()];
        packed.apply_plain(&a, k, m, &mut plain);
        for r in 0..m {
            for (j, &src) in order.iter().enumerate() {
                let want: f32 = (0..k).map(|kk| a[r * k + kk] * w[src * k + kk]).sum::<f32>() + bias[src];
                assert!((c[r * packed.width() + j] - want).abs() < 1e-3, "row {r} col {j}");
                assert!((plain[r * packed.width() + j] - want).abs() < 1e-3, "row {r} col {j}");
            }
        }
    }
}
