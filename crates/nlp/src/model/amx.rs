//! Matrix products on Intel AMX tiles in bfloat16, for CPUs that have them.
//!
//! A tile multiply (`tdpbf16ps`) does 16 × 16 × 32 multiply-adds at once, about
//! sixteen times what AVX-512 FMAs do per cycle in f32. Inputs are rounded to
//! bfloat16 (8 bits of mantissa) and products accumulate in f32; on GUM news the
//! entities come out the same as with f32 products (1,751 of 1,751). Only the
//! per-token products of the encoder and parser use them ([`super::packed::Packed::with_tiles`]).
//!
//! Only used where the CPU reports AMX-BF16, the OS grants the tile state
//! (Linux `arch_prctl`), and `NEWSGRAPH_NO_AMX` is unset; everything else takes
//! the f32 kernels in [`super::packed`] (with `NEWSGRAPH_EMULATE_TILES` set, the
//! products that would run on tiles take f32 kernels on bfloat16-rounded weights and
//! inputs instead, so a CPU without AMX can measure what the rounding changes). The
//! tile instructions are written in
//! `asm!` because Rust's AMX intrinsics are not stable.

/// Columns of a C tile (16 f32) and rows of an A or C tile.
pub(crate) const TILE: usize = 16;
/// Inner-dimension values per tile step (32 bf16 = 64 bytes).
pub(crate) const STEP: usize = 32;
/// Rows per block: two A tiles.
const BLOCK_ROWS: usize = 2 * TILE;

/// Whether AMX tile products can be used in this process (checked once).
pub(crate) fn available() -> bool {
    static READY: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *READY.get_or_init(|| std::env::var_os("NEWSGRAPH_NO_AMX").is_none() && enable())
}

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
fn enable() -> bool {
    use std::arch::x86_64::__cpuid_count;
    // CPUID leaf 7: EDX bit 22 AMX-BF16, bit 24 AMX-TILE. The AVX-512 BF16-free
    // conversion below needs AVX-512F.
    let max_leaf = __cpuid_count(0, 0).eax;
    if max_leaf < 7 || !std::arch::is_x86_feature_detected!("avx512f") {
        return false;
    }
    let edx = __cpuid_count(7, 0).edx;
    if edx & (1 << 22) == 0 || edx & (1 << 24) == 0 {
        return false;
    }
    const ARCH_REQ_XCOMP_PERM: libc::c_long = 0x1023;
    const XFEATURE_XTILEDATA: libc::c_long = 18;
    // SAFETY: arch_prctl with ARCH_REQ_XCOMP_PERM only asks the kernel to enable a
    // state component for this process; it touches no memory of ours.
    unsafe { libc::syscall(libc::SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA) == 0 }
}

#[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
fn enable() -> bool {
    false
}

/// Weights laid out for `tdpbf16ps`: per 16-column panel and per 32-deep step,
/// 16 rows of 16 column pairs `(w[2r][j], w[2r + 1][j])`, 1 KiB per tile.
#[derive(Debug)]
pub(crate) struct TileWeights {
    /// Output columns (a multiple of 16).
    n: usize,
    /// Inner dimension (a multiple of 32).
    k: usize,
    data: super::buffer::Buffer<u16>,
}

impl TileWeights {
    /// Packs `w` (n rows of length k, output column `j` from source row `order[j]`;
    /// columns past `order.len()` are zero). `None` unless this process can use AMX
    /// tiles and `k` and `n` fit whole tiles.
    pub(crate) fn new(w: &[f32], k: usize, n: usize, order: &[usize]) -> Option<Self> {
        if !available() || k == 0 || !k.is_multiple_of(STEP) || !n.is_multiple_of(TILE) {
            return None;
        }
        let mut buffer = super::buffer::Buffer::default();
        let data = buffer.window(n * k);
        data.fill(0);
        for (j, &src) in order.iter().enumerate() {
            let (panel, lane) = (j / TILE, j % TILE);
            for kk in 0..k {
                let (step, within) = (kk / STEP, kk % STEP);
                let at = ((panel * (k / STEP) + step) * TILE * STEP) + (within / 2) * STEP + lane * 2 + within % 2;
                data[at] = bf16(w[src * k + kk]);
            }
        }
        Some(TileWeights { n, k, data: buffer })
    }

    fn tile(&self, panel: usize, step: usize) -> *const u16 {
        // In bounds: panel < n / 16 and step < k / 32 (the callers' loop ranges).
        self.data.get(self.n * self.k)[((panel * (self.k / STEP) + step) * TILE * STEP)..].as_ptr()
    }

    /// `c (m x n) = a · Wᵀ + bias`, row `r` of `a` starting at `r * lda`; `m > 0`,
    /// `a` holds `(m - 1) * lda + k` values and `c` at least `m * n`.
    pub(crate) fn apply(&self, a: &[f32], lda: usize, m: usize, bias: &[f32], c: &mut [f32]) {
        SCRATCH.with(|scratch| self.apply_with(a, lda, m, bias, c, &mut scratch.borrow_mut()));
    }

    fn apply_with(&self, a: &[f32], lda: usize, m: usize, bias: &[f32], c: &mut [f32], scratch: &mut Scratch) {
        let (n, k) = (self.n, self.k);
        // Whole A tiles: rows past m read zeros and their results go to scratch.
        let blocks = m.div_ceil(BLOCK_ROWS);
        let span = (m - 1) * lda + k;
        let a16 = scratch.a.window((blocks * BLOCK_ROWS - 1) * lda + k);
        to_bf16(&a[..span], &mut a16[..span]);
        a16[span..].fill(0);
        let full = m / BLOCK_ROWS;
        let c_tail = scratch.c.window(BLOCK_ROWS * n);
        let a16: &[u16] = a16;
        // SAFETY: `available()` was checked (no `TileWeights` exists otherwise); every tile
        // load reads 16 rows of 64 bytes inside `a16` (sized for whole blocks of stride
        // `lda`), inside `self.data`, or 64 bytes of `bias` (n floats); every store writes
        // 16 rows of 64 bytes inside `c` (the `full` whole blocks, m x n floats) or
        // `c_tail` (one block).
        unsafe {
            self.run(a16, lda, 0..full, bias, c.as_mut_ptr(), 0);
            if full < blocks {
                self.run(a16, lda, full..blocks, bias, c_tail.as_mut_ptr(), full);
            }
        }
        let done = full * BLOCK_ROWS;
        for (out, row) in c[done * n..m * n].chunks_exact_mut(n).zip(c_tail.chunks_exact(n)) {
            out.copy_from_slice(row);
        }
    }

    /// Row blocks `blocks` of 32 rows, all panels; block `b` is stored at
    /// `c + (b - first) * 32 * n`. Each step multiplies two A tiles by two B tiles into
    /// four C tiles: four loads per four tile products. (One weight tile for four A tiles
    /// halves the weight traffic and wins in isolation, but measured 8-10% slower in the
    /// pipeline, so it is not used.)
    #[cfg(target_arch = "x86_64")]
    unsafe fn run(
        &self,
        a: &[u16],
        lda: usize,
        blocks: std::ops::Range<usize>,
        bias: &[f32],
        c: *mut f32,
        first: usize,
    ) {
        use std::arch::asm;
        let config = TileConfig::new();
        let a_stride = lda * 2;
        let c_stride = self.n * 4;
        let w_stride = STEP * 2;
        let panels = self.n / TILE;
        unsafe {
            asm!("ldtilecfg [{}]", in(reg) config.0.as_ptr(), options(nostack, readonly));
            for block in blocks {
                let a0 = a.as_ptr().add(block * BLOCK_ROWS * lda);
                let a1 = a0.add(TILE * lda);
                for panel in (0..panels).step_by(2) {
                    let pair = panel + 1 < panels;
                    let bias0 = bias.as_ptr().add(panel * TILE);
                    let bias1 = if pair { bias0.add(TILE) } else { bias0 };
                    // Every row of a C tile starts as the bias: a load with stride 0.
                    asm!(
                        "tileloadd tmm0, [{b0} + {zero}]",
                        "tileloadd tmm1, [{b1} + {zero}]",
                        "tileloadd tmm2, [{b0} + {zero}]",
                        "tileloadd tmm3, [{b1} + {zero}]",
                        b0 = in(reg) bias0,
                        b1 = in(reg) bias1,
                        zero = in(reg) 0usize,
                        options(nostack, readonly),
                    );
                    for step in 0..self.k / STEP {
                        let b0 = self.tile(panel, step);
                        let b1 = if pair { self.tile(panel + 1, step) } else { b0 };
                        asm!(
                            "tileloadd tmm4, [{a0} + {sa}]",
                            "tileloadd tmm6, [{b0} + {sw}]",
                            "tdpbf16ps tmm0, tmm4, tmm6",
                            "tileloadd tmm7, [{b1} + {sw}]",
                            "tdpbf16ps tmm1, tmm4, tmm7",
                            "tileloadd tmm5, [{a1} + {sa}]",
                            "tdpbf16ps tmm2, tmm5, tmm6",
                            "tdpbf16ps tmm3, tmm5, tmm7",
                            a0 = in(reg) a0.add(step * STEP),
                            a1 = in(reg) a1.add(step * STEP),
                            b0 = in(reg) b0,
                            b1 = in(reg) b1,
                            sa = in(reg) a_stride,
                            sw = in(reg) w_stride,
                            options(nostack, readonly),
                        );
                    }
                    let c0 = c.add((block - first) * BLOCK_ROWS * self.n + panel * TILE);
                    let c1 = c0.add(TILE * self.n);
                    asm!(
                        "tilestored [{c0} + {sc}], tmm0",
                        "tilestored [{c1} + {sc}], tmm2",
                        c0 = in(reg) c0,
                        c1 = in(reg) c1,
                        sc = in(reg) c_stride,
                        options(nostack),
                    );
                    if pair {
                        asm!(
                            "tilestored [{c0} + {sc}], tmm1",
                            "tilestored [{c1} + {sc}], tmm3",
                            c0 = in(reg) c0.add(TILE),
                            c1 = in(reg) c1.add(TILE),
                            sc = in(reg) c_stride,
                            options(nostack),
                        );
                    }
                }
            }
            asm!("tilerelease", options(nostack, nomem));
        }
    }

    #[cfg(not(target_arch = "x86_64"))]
    unsafe fn run(&self, _: &[u16], _: usize, _: std::ops::Range<usize>, _: &[f32], _: *mut f32, _: usize) {
        unreachable!("AMX is x86-64 only and `available()` says no elsewhere")
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Reused buffers: the bf16 copy of A and the padded C.
#[derive(Debug, Default)]
struct Scratch {
    a: super::buffer::Buffer<u16>,
    c: super::buffer::Buffer<f32>,
}

/// The tile configuration: palette 1; tiles 0-3 are C (16 rows x 64 bytes of f32),
/// 4-5 are A (16 rows x 32 bf16), 6-7 are B (16 rows x 16 bf16 pairs): all 16 x 64 bytes.
#[repr(C, align(64))]
struct TileConfig([u8; 64]);

impl TileConfig {
    fn new() -> Self {
        let mut bytes = [0u8; 64];
        bytes[0] = 1;
        for t in 0..8 {
            bytes[16 + 2 * t] = 64;
            bytes[48 + t] = TILE as u8;
        }
        TileConfig(bytes)
    }
}

/// Round to nearest even bfloat16 (NaN stays NaN: the model has none).
#[inline(always)]
pub(crate) fn bf16(x: f32) -> u16 {
    let b = x.to_bits();
    (b.wrapping_add(0x7fff + ((b >> 16) & 1)) >> 16) as u16
}

fn to_bf16(src: &[f32], dst: &mut [u16]) {
    #[cfg(target_arch = "x86_64")]
    {
        #[target_feature(enable = "avx512f,avx512bw")]
        unsafe fn wide(src: &[f32], dst: &mut [u16]) {
            for (d, s) in dst.iter_mut().zip(src) {
                *d = bf16(*s);
            }
        }
        if std::arch::is_x86_feature_detected!("avx512bw") {
            // SAFETY: the CPU supports the enabled features (checked above).
            unsafe { wide(src, dst) };
            return;
        }
    }
    for (d, s) in dst.iter_mut().zip(src) {
        *d = bf16(*s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_product_matches_f32_within_bfloat16_rounding() {
        // Overlapping rows (a window encoder's layout), an odd panel count; 37 rows: a
        // whole block and a partial one; 133: four whole blocks and a partial one.
        for m in [37, 133] {
            let (k, n, lda) = (64, 48, 16);
            let w: Vec<f32> = (0..n * k).map(|i| ((i * 37 % 23) as f32 - 11.0) / 8.0).collect();
            let order: Vec<usize> = (0..n).rev().collect();
            let bias: Vec<f32> = (0..n).map(|i| i as f32).collect();
            let a: Vec<f32> = (0..(m - 1) * lda + k).map(|i| ((i * 13 % 29) as f32 - 14.0) / 16.0).collect();
            let Some(packed) = TileWeights::new(&w, k, n, &order) else {
                eprintln!("skipping: this CPU or OS offers no AMX-BF16 tiles");
                return;
            };
            let mut c = vec![0.0; m * n];
            packed.apply(&a, lda, m, &bias, &mut c);
            for r in 0..m {
                for (j, &src) in order.iter().enumerate() {
                    let want: f32 = (0..k).map(|kk| a[r * lda + kk] * w[src * k + kk]).sum::<f32>() + bias[j];
                    let got = c[r * n + j];
                    assert!((got - want).abs() < 0.05 + want.abs() * 0.01, "m {m} row {r} col {j}: {got} vs {want}");
                }
            }
        }
    }
}
