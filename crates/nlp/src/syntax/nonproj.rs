//! What spaCy does to a finished parse: the `X||Y` labels undone (`nonproj.deprojectivize`)
//! and the sentence starts read off the tree (`set_children_from_heads`).
//!
//! The parser is trained on projectivized trees whose lifted arcs carry `X||Y` (label
//! X, the original head labelled Y); a word so labelled is re-attached to the first
//! word labelled Y found breadth-first below its head. Children are found the way
//! spaCy's `Token.children` finds them: within the left and right edges computed
//! before the re-attachments, with the heads as they are at that moment.

/// Left and right edges of each word's subtree, as `_set_lr_kids_and_edges` computes
/// them (repeated, up to 12 passes, until every head lies within its sentence).
pub(super) fn edges(heads: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let n = heads.len();
    let mut l: Vec<usize> = (0..n).collect();
    let mut r: Vec<usize> = (0..n).collect();
    let mut passes = 0;
    loop {
        for i in 0..n {
            let h = heads[i];
            l[h] = l[h].min(l[i]);
            r[h] = r[h].max(r[i]);
        }
        for i in (0..n).rev() {
            let h = heads[i];
            r[h] = r[h].max(r[i]);
            l[h] = l[h].min(l[i]);
        }
        if heads_within_sentences(heads, &l) || passes > 10 {
            break;
        }
        passes += 1;
    }
    (l, r)
}

/// Whether every word's head lies in the word's sentence (sentences opened by the
/// left edges of the roots), as spaCy checks after each pass.
fn heads_within_sentences(heads: &[usize], l: &[usize]) -> bool {
    let n = heads.len();
    let mut starts = vec![false; n];
    for (i, &h) in heads.iter().enumerate() {
        if h == i {
            starts[l[i]] = true;
        }
    }
    let mut sent_start = 0;
    for (i, &start) in starts.iter().enumerate() {
        if (i > 0 && start) || i + 1 == n {
            let sent_end = i;
            if (sent_start..sent_end).any(|j| heads[j] < sent_start || heads[j] > sent_end) {
                return false;
            }
            sent_start = i;
        }
    }
    true
}

/// Re-attaches each word whose label is `X||Y` (`lifted(label) = Some((X, Y))`), in word
/// order, and gives it label X.
pub(super) fn deprojectivize<L: PartialEq + Copy>(
    heads: &mut [usize],
    labels: &mut [L],
    lifted: impl Fn(L) -> Option<(L, L)>,
    is_space: &[bool],
) {
    let (l, r) = edges(heads);
    for i in 0..heads.len() {
        let Some((label, head_label)) = lifted(labels[i]) else { continue };
        heads[i] = find_new_head(heads, labels, &l, &r, is_space, i, head_label);
        labels[i] = label;
    }
}

fn find_new_head<L: PartialEq + Copy>(
    heads: &[usize],
    labels: &[L],
    l: &[usize],
    r: &[usize],
    is_space: &[bool],
    token: usize,
    head_label: L,
) -> usize {
    let mut queue = vec![heads[token]];
    while !queue.is_empty() {
        let mut next = Vec::new();
        for &q in &queue {
            // Token.children: left children within the left edge, then right ones.
            let children = (l[q]..q).chain(q + 1..=r[q]).filter(|&c| heads[c] == q && c != q);
            for child in children {
                if is_space[child] || child == token {
                    continue;
                }
                if labels[child] == head_label {
                    return child;
                }
                next.push(child);
            }
        }
        queue = next;
    }
    heads[token]
}

/// Which words start a sentence: the left edge of each root's subtree.
pub(super) fn sentence_starts(heads: &[usize]) -> Vec<bool> {
    let (l, _) = edges(heads);
    let mut starts = vec![false; heads.len()];
    for (i, &h) in heads.iter().enumerate() {
        if h == i {
            starts[l[i]] = true;
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_span_subtrees() {
        // 0 <- 1 -> 2 -> 3, and 4 a root of its own.
        let (l, r) = edges(&[1, 1, 1, 2, 4]);
        assert_eq!((l[1], r[1]), (0, 3));
        assert_eq!((l[2], r[2]), (2, 3));
        assert_eq!(sentence_starts(&[1, 1, 1, 2, 4]), [true, false, false, false, true]);
    }

    #[test]
    fn a_lifted_arc_goes_to_the_first_word_with_the_head_label() {
        // Labels: 0 = plain, 1 = "prep", 2 = "pobj||prep" (lifted to 0's level).
        let mut heads = [0, 0, 0];
        let mut labels = [0u8, 1, 2];
        let lifted = |l: u8| (l == 2).then_some((0u8, 1u8));
        deprojectivize(&mut heads, &mut labels, lifted, &[false; 3]);
        assert_eq!(heads, [0, 0, 1]);
        assert_eq!(labels, [0, 1, 0]);
    }
}
