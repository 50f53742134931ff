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
}
