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
}
