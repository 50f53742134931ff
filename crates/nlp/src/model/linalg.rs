//! The few dense operations the model needs, on row-major f32 slices.

/// Maxout over piece-major planes: `out[o] = max_p pre[p * out.len() + o]`.
#[inline(always)]
pub(crate) fn maxout_planes(pre: &[f32], out: &mut [f32]) {
    let width = out.len();
    out.copy_from_slice(&pre[..width]);
    for plane in pre[width..].chunks_exact(width) {
        for (o, &v) in out.iter_mut().zip(plane) {
            // thinc keeps the first maximum: only a strictly larger piece replaces it.
            if v > *o {
                *o = v;
            }
        }
    }
}

/// A sum in eight interleaved lanes, which vectorizes (numpy's pairwise sum
/// rounds differently from a sequential one anyway).
#[inline(always)]
fn lane_sum(values: &[f32], f: impl Fn(f32) -> f32) -> f32 {
    let mut lanes = [0.0f32; 8];
    let mut chunks = values.chunks_exact(8);
    for chunk in &mut chunks {
        for (lane, &v) in lanes.iter_mut().zip(chunk) {
            *lane += f(v);
        }
    }
    let tail: f32 = chunks.remainder().iter().map(|&v| f(v)).sum();
    lanes.iter().sum::<f32>() + tail
}

/// thinc's LayerNorm of one row: population variance plus 1e-8, then scale and shift.
#[inline(always)]
pub(crate) fn layer_norm(row: &mut [f32], gain: &[f32], shift: &[f32]) {
    let n = row.len() as f32;
    let mean = lane_sum(row, |x| x) / n;
    let var = lane_sum(row, |x| (x - mean) * (x - mean)) / n + 1e-8;
    let inv = 1.0 / var.sqrt();
    for ((x, g), b) in row.iter_mut().zip(gain).zip(shift) {
        *x = (*x - mean) * inv * g + b;
    }
}

/// One encoder row at once: Maxout over three piece planes of 96, LayerNorm, and the
/// residual sum into `x`, with the values in registers between the steps. Every
/// sum runs in the same order as [`lane_sum`] (eight lanes, then across them), so
/// the result equals [`maxout_planes`] + [`layer_norm`] + the sum bit for bit.
///
/// # Safety
/// The CPU must support AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
pub(crate) unsafe fn finish_row_avx(pre: &[f32], gain: &[f32], shift: &[f32], x: &mut [f32]) {
    use std::arch::x86_64::*;
    const W: usize = 96;
    const CHUNKS: usize = W / 8;
    let (pre, gain, shift, x) = (&pre[..3 * W], &gain[..W], &shift[..W], &mut x[..W]);
    let lane_total = |lanes: __m256| {
        let mut values = [0.0f32; 8];
        // SAFETY: `values` holds eight floats.
        unsafe { _mm256_storeu_ps(values.as_mut_ptr(), lanes) };
        // `lane_sum` then adds the sum of its tail, empty for 96 values: adding the same
        // empty sum here keeps even the sign of a zero total the same.
        let tail: f32 = [0.0f32; 0].iter().copied().sum();
        values.iter().sum::<f32>() + tail
    };
    // SAFETY: every load and store below reads or writes eight floats at `c * 8`
    // (c < 12) of a slice cut to 96 (or 3 x 96) floats above.
    unsafe {
        let at = |slice: &[f32], c: usize| _mm256_loadu_ps(slice.as_ptr().add(c * 8));
        let mut y = [_mm256_setzero_ps(); CHUNKS];
        let mut lanes = _mm256_setzero_ps();
        for (c, out) in y.iter_mut().enumerate() {
            // max_ps(new, old) keeps `old` unless `new` is larger: thinc's first maximum.
            let first = at(pre, c);
            let second = _mm256_max_ps(at(&pre[W..], c), first);
            *out = _mm256_max_ps(at(&pre[2 * W..], c), second);
            lanes = _mm256_add_ps(lanes, *out);
        }
        let n = W as f32;
        let mean = lane_total(lanes) / n;
        let mean_v = _mm256_set1_ps(mean);
        let mut lanes = _mm256_setzero_ps();
        for out in &y {
            let d = _mm256_sub_ps(*out, mean_v);
            lanes = _mm256_add_ps(lanes, _mm256_mul_ps(d, d));
        }
        let var = lane_total(lanes) / n + 1e-8;
        let inv = _mm256_set1_ps(1.0 / var.sqrt());
        for (c, out) in y.iter().enumerate() {
            let normed = _mm256_mul_ps(_mm256_mul_ps(_mm256_sub_ps(*out, mean_v), inv), at(gain, c));
            let normed = _mm256_add_ps(normed, at(shift, c));
            let sum = _mm256_add_ps(at(x, c), normed);
            _mm256_storeu_ps(x.as_mut_ptr().add(c * 8), sum);
        }
    }
}

/// IEEE half-precision bits of `x`, rounded to nearest even (as F16C's `vcvtps2ph`).
pub(crate) fn f16_bits(x: f32) -> u16 {
    let b = x.to_bits();
    let sign = ((b >> 16) & 0x8000) as u16;
    let exp = ((b >> 23) & 0xff) as i32;
    let mant = b & 0x7f_ffff;
    if exp == 0xff {
        return sign | 0x7c00 | if mant != 0 { 0x200 } else { 0 };
    }
    // Round `value >> shift` to nearest even; a carry out of the mantissa bumps the exponent.
    let round = |value: u32, shift: u32| {
        let (kept, rest, half) = (value >> shift, value & ((1 << shift) - 1), 1 << (shift - 1));
        kept + u32::from(rest > half || (rest == half && kept & 1 == 1))
    };
    let e = exp - 127 + 15;
    if e >= 31 {
        return sign | 0x7c00;
    }
    if e <= 0 {
        if e < -10 {
            return sign;
        }
        return sign | round(mant | 0x80_0000, (14 - e) as u32) as u16;
    }
    sign | round(((e as u32) << 23) | mant, 13) as u16
}

/// The f32 value of half-precision bits (exact).
pub(crate) fn f16_value(h: u16) -> f32 {
    let sign = u32::from(h & 0x8000) << 16;
    let exp = u32::from((h >> 10) & 0x1f);
    let mant = u32::from(h & 0x3ff);
    let bits = match exp {
        0 if mant == 0 => sign,
        // Subnormal: mant x 2^-24, exact in f32.
        0 => {
            let magnitude = mant as f32 / (1u32 << 24) as f32;
            return if sign != 0 { -magnitude } else { magnitude };
        }
        0x1f => sign | 0x7f80_0000 | (mant << 13),
        _ => sign | ((exp + 127 - 15) << 23) | (mant << 13),
    };
    f32::from_bits(bits)
}

/// `acc[i] += row[i]` for half-precision rows of `acc.len()` values, one row after
/// another (the same order and result as [`f16_value`] and a plain loop).
pub(crate) fn add_f16_rows(acc: &mut [f32], rows: &[&[u16]]) {
    #[cfg(target_arch = "x86_64")]
    if acc.len() == ROW_F16 && std::arch::is_x86_feature_detected!("avx512f") {
        // SAFETY: the CPU supports AVX-512F (checked above).
        unsafe { add_f16_rows_avx512(acc, rows) };
        return;
    }
    for row in rows {
        for (a, &h) in acc.iter_mut().zip(row.iter()) {
            *a += f16_value(h);
        }
    }
}

/// The row length the AVX-512 kernel is unrolled for (the premixed embeddings: 3 x 96).
const ROW_F16: usize = 288;

/// # Safety
/// The CPU must support AVX-512F; `acc` holds [`ROW_F16`] values.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn add_f16_rows_avx512(acc: &mut [f32], rows: &[&[u16]]) {
    use std::arch::x86_64::*;
    const CHUNKS: usize = ROW_F16 / 16;
    let acc = &mut acc[..ROW_F16];
    // SAFETY: every access reads or writes 16 values at `c * 16` (c < 18) of a slice
    // of at least 288 values (`acc` cut above, each row checked below).
    unsafe {
        let mut sums: [__m512; CHUNKS] = std::array::from_fn(|c| _mm512_loadu_ps(acc.as_ptr().add(c * 16)));
        for row in rows {
            let row = &row[..ROW_F16];
            for (c, sum) in sums.iter_mut().enumerate() {
                let half = _mm256_loadu_si256(row.as_ptr().add(c * 16).cast());
                *sum = _mm512_add_ps(*sum, _mm512_cvtph_ps(half));
            }
        }
        for (c, sum) in sums.iter().enumerate() {
            _mm512_storeu_ps(acc.as_mut_ptr().add(c * 16), *sum);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maxout_planes_takes_the_largest_piece() {
        let mut out = [0.0; 2];
        maxout_planes(&[1.0, 5.0, 3.0, 2.0, -1.0, 7.0], &mut out);
        assert_eq!(out, [3.0, 7.0]);
    }

    #[test]
    fn layer_norm_centres_and_scales() {
        let mut row = [1.0, 3.0];
        layer_norm(&mut row, &[1.0, 1.0], &[0.5, 0.5]);
        assert!((row[0] + 0.5).abs() < 1e-4 && (row[1] - 1.5).abs() < 1e-4, "{row:?}");
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_fused_row_equals_the_separate_steps_bit_for_bit() {
        if !std::arch::is_x86_feature_detected!("avx") {
            eprintln!("skipping: no AVX on this CPU");
            return;
        }
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Small integers make ties between pieces; some exact zeros of both signs.
            match seed % 16 {
                0 => 0.0,
                1 => -0.0,
                2..=5 => ((seed >> 8) % 5) as f32 - 2.0,
                _ => ((seed >> 11) as f32 / (1u64 << 53) as f32 - 0.5) * 7.0,
            }
        };
        for _ in 0..500 {
            let pre: Vec<f32> = (0..288).map(|_| next()).collect();
            let gain: Vec<f32> = (0..96).map(|_| next()).collect();
            let shift: Vec<f32> = (0..96).map(|_| next()).collect();
            let x: Vec<f32> = (0..96).map(|_| next()).collect();
            let mut want = x.clone();
            let mut y = vec![0.0; 96];
            maxout_planes(&pre, &mut y);
            layer_norm(&mut y, &gain, &shift);
            for (w, y) in want.iter_mut().zip(&y) {
                *w += y;
            }
            let mut got = x.clone();
            // SAFETY: AVX was detected above.
            unsafe { finish_row_avx(&pre, &gain, &shift, &mut got) };
            let bits = |v: &[f32]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&got), bits(&want));
        }
    }

    #[test]
    fn half_precision_rounds_to_nearest_even_and_back_exactly() {
        // 1 + 2^-11 is halfway between two halves: ties go to the even one (1.0).
        assert_eq!(f16_bits(1.0 + 1.0 / 2048.0), 0x3c00);
        assert_eq!(f16_bits(1.0 + 3.0 / 2048.0), 0x3c02);
        assert_eq!(f16_bits(-2.0), 0xc000);
        assert_eq!(f16_bits(65504.0), 0x7bff);
        assert_eq!(f16_bits(1e6), 0x7c00);
        assert_eq!(f16_bits(1e-9), 0);
        // The smallest subnormal, 2^-24, and values around it.
        assert_eq!(f16_bits(5.960_464_5e-8), 1);
        assert_eq!(f16_value(1), 5.960_464_5e-8);
        assert_eq!(f16_value(0x8001), -5.960_464_5e-8);
        for h in (0u16..=0xffff).filter(|h| (h >> 10) & 0x1f != 0x1f) {
            assert_eq!(f16_bits(f16_value(h)), h, "{h:#06x}");
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn half_precision_matches_the_cpu_conversion() {
        if !std::arch::is_x86_feature_detected!("f16c") {
            eprintln!("skipping: no F16C on this CPU");
            return;
        }
        #[target_feature(enable = "f16c")]
        fn cpu(x: f32) -> u16 {
            use std::arch::x86_64::*;
            _mm_extract_epi16::<0>(_mm_cvtps_ph::<_MM_FROUND_TO_NEAREST_INT>(_mm_set1_ps(x))) as u16
        }
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let x = f32::from_bits(seed as u32);
            if x.is_nan() {
                continue;
            }
            // SAFETY: F16C was detected above.
            assert_eq!(f16_bits(x), unsafe { cpu(x) }, "{x:e}");
        }
    }

    #[test]
    fn half_rows_add_in_order() {
        let rows: Vec<Vec<u16>> =
            (0..5).map(|r| (0..288).map(|i| f16_bits((i * 7 + r * 13) as f32 / 9.0 - 20.0)).collect()).collect();
        let refs: Vec<&[u16]> = rows.iter().map(Vec::as_slice).collect();
        let mut want: Vec<f32> = (0..288).map(|i| i as f32 * 0.25).collect();
        let mut got = want.clone();
        for row in &rows {
            for (w, &h) in want.iter_mut().zip(row) {
                *w += f16_value(h);
            }
        }
        add_f16_rows(&mut got, &refs);
        assert_eq!(got, want);
    }
}
