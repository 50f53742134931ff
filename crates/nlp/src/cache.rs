//! Per-thread memo tables keyed by text (words and chunks repeat across articles).

use std::sync::atomic::{AtomicU64, Ordering};

use crate::FastMap;

/// Identifies the tables a cache entry was computed with (one loaded model). Not an
/// address: a model dropped and another loaded in its place must not share entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Owner(u64);

impl Owner {
    /// A value no other call returns.
    pub(crate) fn new() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Owner(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// What was computed from a text with one owner's tables (a tokenizer, a loaded
/// model): entries made with another owner are never returned, and the table
/// starts over when it holds `capacity` entries, which bounds its memory.
pub(crate) struct TextCache<V> {
    /// The owner the entries were computed with.
    owner: Owner,
    capacity: usize,
    map: FastMap<Box<str>, V>,
}

impl<V> TextCache<V> {
    pub(crate) fn new(capacity: usize) -> Self {
        TextCache { owner: Owner(0), capacity, map: FastMap::default() }
    }

    pub(crate) fn get(&self, owner: Owner, text: &str) -> Option<&V> {
        self.map.get(text).filter(|_| self.owner == owner)
    }

    pub(crate) fn insert(&mut self, owner: Owner, text: &str, value: V) {
        if self.owner != owner || self.map.len() >= self.capacity {
            self.owner = owner;
            self.map.clear();
        }
        self.map.insert(text.into(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::{Owner, TextCache};

    #[test]
    fn entries_belong_to_their_owner_and_the_table_starts_over_when_full() {
        let (a, b) = (Owner::new(), Owner::new());
        let mut cache = TextCache::new(2);
        cache.insert(a, "one", 1);
        assert_eq!(cache.get(a, "one"), Some(&1));
        assert_eq!(cache.get(b, "one"), None);
        cache.insert(a, "two", 2);
        cache.insert(a, "three", 3);
        assert_eq!((cache.get(a, "one"), cache.get(a, "three")), (None, Some(&3)));
        cache.insert(b, "four", 4);
        assert_eq!((cache.get(a, "three"), cache.get(b, "four")), (None, Some(&4)));
    }
}
