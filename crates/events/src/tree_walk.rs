//! One breadth-first walk down a parsed sentence ([`Tree::walk`]), shared by the rules that
//! look for a participant below a verb (the nearest actor, the political place, a named
//! actor in an object's target phrase, the party a threat is conditioned on).
//!
//! The walk goes level by level, each level in text order, so "nearest" means fewest arcs
//! first and leftmost second. The caller prunes it with a `follow` predicate (a child that
//! fails it is neither visited nor entered) and bounds it by depth, so a walk costs at most
//! the tree's size. It only visits: what a rule reads at each node is the caller's.
//!
//! It knows trees only as [`Children`] (so it sits below `tree`, which implements it for
//! the parsed sentence).

/// A tree whose nodes are numbered in text order, as the walk reads it.
pub trait Children {
    /// The children of node `n`, in text order.
    fn children(&self, n: usize) -> &[usize];
}

/// A breadth-first walk below one node: see [`Tree::walk`](crate::tree::Tree::walk).
pub struct Walk<'t, T: ?Sized, F> {
    tree: &'t T,
    level: Vec<usize>,
    pos: usize,
    depth: usize,
    max_depth: usize,
    follow: F,
}

impl<'t, T: Children + ?Sized, F: FnMut(usize, usize) -> bool> Walk<'t, T, F> {
    /// The nodes below `root` (with `root` itself first, at depth 0), breadth first, each
    /// level in text order, with their depth in arcs, down to `max_depth` arcs. A child `c`
    /// at depth `d` is visited, and its own children considered, only when
    /// `follow(c, d)` holds.
    pub fn new(tree: &'t T, root: usize, max_depth: usize, follow: F) -> Self {
        Walk { tree, level: vec![root], pos: 0, depth: 0, max_depth, follow }
    }
}

impl<T: Children + ?Sized, F> Iterator for Walk<'_, T, F>
where
    F: FnMut(usize, usize) -> bool,
{
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            if let Some(&n) = self.level.get(self.pos) {
                self.pos += 1;
                return Some((n, self.depth));
            }
            if self.depth >= self.max_depth {
                return None;
            }
            let depth = self.depth + 1;
            let mut next = Vec::new();
            for &k in &self.level {
                for &c in self.tree.children(k) {
                    if (self.follow)(c, depth) {
                        next.push(c);
                    }
                }
            }
            if next.is_empty() {
                return None;
            }
            next.sort_unstable();
            self.level = next;
            self.pos = 0;
            self.depth = depth;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Children lists from each node's head.
    struct Heads(Vec<Vec<usize>>);

    impl Heads {
        fn new(heads: &[Option<usize>]) -> Heads {
            let mut kids = vec![Vec::new(); heads.len()];
            for (k, h) in heads.iter().enumerate() {
                if let Some(h) = h {
                    kids[*h].push(k);
                }
            }
            Heads(kids)
        }
    }

    impl Children for Heads {
        fn children(&self, n: usize) -> &[usize] {
            &self.0[n]
        }
    }

    #[test]
    fn levels_in_text_order_with_pruning_and_depth_bound() {
        // 2 is the root; 0 and 4 hang on it, 1 on 0, 3 on 4, 5 on 3.
        let t = Heads::new(&[Some(2), Some(0), None, Some(4), Some(2), Some(3)]);
        let all: Vec<(usize, usize)> = Walk::new(&t, 2, 8, |_, _| true).collect();
        assert_eq!(all, vec![(2, 0), (0, 1), (4, 1), (1, 2), (3, 2), (5, 3)]);
        // Pruning a child leaves its subtree out too.
        let pruned: Vec<usize> = Walk::new(&t, 2, 8, |c, _| c != 0).map(|(n, _)| n).collect();
        assert_eq!(pruned, vec![2, 4, 3, 5]);
        // The depth bound stops below two arcs.
        let shallow: Vec<usize> = Walk::new(&t, 2, 2, |_, _| true).map(|(n, _)| n).collect();
        assert_eq!(shallow, vec![2, 0, 4, 1, 3]);
        // The predicate sees the depth of the child.
        let first_level_only: Vec<usize> = Walk::new(&t, 2, 8, |_, d| d == 1).map(|(n, _)| n).collect();
        assert_eq!(first_level_only, vec![2, 0, 4]);
    }
}
