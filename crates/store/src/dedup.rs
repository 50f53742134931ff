//! Near-duplicate detection: MinHash over word 3-shingles with LSH banding.
//!
//! Each article's clean text gets a 64-value MinHash signature; its 32 bands of
//! two values are hashed into band keys stored in SQLite. Articles that share a
//! band key are candidates, and a candidate joins the group when the estimated
//! Jaccard similarity of the two shingle sets is at least [`NEAR_JACCARD`].
//! Exact copies have identical signatures; a light rewrite (a changed lede, a
//! different byline, edits every dozen words) keeps most 3-shingles; two
//! different reports of one event share few of them. Work per article is
//! linear in its length.
//!
//! Public so that other engines (the Spark backfill job) compute exactly the
//! store's signatures and band keys; how candidates are grouped stays in the store.

/// Values in a signature.
pub const SIGNATURE_LEN: usize = 64;
/// Signature values per LSH band: 32 bands of 2 find pairs above ~0.35 Jaccard almost surely.
const BAND_ROWS: usize = 2;
/// Estimated Jaccard similarity from which two texts are copies of one another.
pub const NEAR_JACCARD: f64 = 0.45;

#[inline(always)]
fn mix64(mut x: u64) -> u64 {
    // splitmix64's finaliser: a fast, well-distributed 64-bit permutation.
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[inline(always)]
fn fnv(bytes: &[u8], mut hash: u64) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The MinHash signature of a text, or `None` when it has no words.
pub fn signature(text: &str) -> Option<Vec<u32>> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            const SEED: u64 = 0xcbf2_9ce4_8422_2325;
            // Most words are ASCII: hash their lower-case bytes without building a String.
            if w.is_ascii() {
                w.bytes().fold(SEED, |hash, b| fnv(&[b.to_ascii_lowercase()], hash))
            } else {
                fnv(w.to_lowercase().as_bytes(), SEED)
            }
        })
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut shingles: Vec<u64> = if words.len() < 3 {
        vec![words.iter().fold(0u64, |acc, &w| mix64(acc ^ w))]
    } else {
        words.windows(3).map(|w| mix64(w[0] ^ mix64(w[1] ^ mix64(w[2])))).collect()
    };
    shingles.sort_unstable();
    shingles.dedup();
    Some(min_hashes(&shingles).to_vec())
}

/// The signature's minima over all shingles; the loop over the 64 hash functions
/// vectorises, so it is also compiled for AVX-512 (64-bit multiplies) where the CPU has it.
fn min_hashes(shingles: &[u64]) -> [u32; SIGNATURE_LEN] {
    #[inline(always)]
    fn body(shingles: &[u64]) -> [u32; SIGNATURE_LEN] {
        let mut mins = [u32::MAX; SIGNATURE_LEN];
        for &shingle in shingles {
            for (i, min) in mins.iter_mut().enumerate() {
                let value = (mix64(shingle ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
                *min = (*min).min(value);
            }
        }
        mins
    }
    #[cfg(target_arch = "x86_64")]
    {
        #[target_feature(enable = "avx512f,avx512dq")]
        unsafe fn avx512(shingles: &[u64]) -> [u32; SIGNATURE_LEN] {
            body(shingles)
        }
        if std::arch::is_x86_feature_detected!("avx512f") && std::arch::is_x86_feature_detected!("avx512dq") {
            // SAFETY: the CPU supports the enabled features (checked above).
            return unsafe { avx512(shingles) };
        }
    }
    body(shingles)
}

/// The LSH band keys of a signature.
pub fn band_keys(signature: &[u32]) -> Vec<i64> {
    signature
        .chunks(BAND_ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut h = mix64(band as u64 + 1);
            for &r in rows {
                h = mix64(h ^ u64::from(r));
            }
            h as i64
        })
        .collect()
}

/// The estimated Jaccard similarity of the texts behind two signatures.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// A signature as stored in SQLite: its values as little-endian bytes.
pub fn to_blob(signature: &[u32]) -> Vec<u8> {
    signature.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A signature read back from [`to_blob`]'s bytes.
pub fn from_blob(blob: &[u8]) -> Vec<u32> {
    blob.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The city council voted on Tuesday to expand the bus network into the northern \
        suburbs, a plan that officials said would cost about 40 million dollars over five years. \
        Residents had asked for better service for a decade, and several spoke at the meeting. \
        The mayor said construction of new stops would begin in the spring.";

    #[test]
    fn copies_are_similar_and_other_texts_are_not() {
        let a = signature(TEXT).unwrap();
        assert_eq!(similarity(&a, &signature(TEXT).unwrap()), 1.0);
        let edited = TEXT.replace("Tuesday", "Wednesday").replace("several", "many");
        assert!(similarity(&a, &signature(&edited).unwrap()) >= NEAR_JACCARD);
        let other = "The city council rejected a plan for the bus network on Tuesday after residents \
            protested the cost; the mayor promised a new proposal by summer and a public hearing.";
        assert!(similarity(&a, &signature(other).unwrap()) < 0.2);
        assert_eq!(band_keys(&a).len(), SIGNATURE_LEN / 2);
        assert_eq!(from_blob(&to_blob(&a)), a);
        assert!(signature("  ,, ").is_none());
    }

    #[test]
    fn signatures_are_those_stored_by_earlier_versions() {
        // The plain computation the fast paths replace: stored signatures must not change.
        fn reference(text: &str) -> Vec<u32> {
            let words: Vec<u64> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| fnv(w.to_lowercase().as_bytes(), 0xcbf2_9ce4_8422_2325))
                .collect();
            let mut shingles: Vec<u64> = words.windows(3).map(|w| mix64(w[0] ^ mix64(w[1] ^ mix64(w[2])))).collect();
            shingles.sort_unstable();
            shingles.dedup();
            let mut mins = vec![u32::MAX; SIGNATURE_LEN];
            for &shingle in &shingles {
                for (i, min) in mins.iter_mut().enumerate() {
                    let value = (mix64(shingle ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
                    if value < *min {
                        *min = value;
                    }
                }
            }
            mins
        }
        let mixed = "Der Bürgermeister SAGTE am Dienstag, ÉCOLE und Straße: İstanbul Ünal 12 Prozent mehr.";
        for text in [TEXT, mixed] {
            assert_eq!(signature(text).unwrap(), reference(text), "{text}");
        }
    }
}
