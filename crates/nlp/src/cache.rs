//! Per-thread memo tables keyed by text (words and chunks repeat across articles).

use crate::FastMap;

/// What was computed from a text with one owner's tables (a tokenizer, a loaded
/// model): entries made with another owner are never returned, and the table
/// starts over when it holds `capacity` entries, which bounds its memory.
pub(crate) struct TextCache<V> {
    /// Address of the owner the entries were computed with.
    owner: usize,
    capacity: usize,
    map: FastMap<Box<str>, V>,
}

impl<V> TextCache<V> {
    pub(crate) fn new(capacity: usize) -> Self {
        TextCache { owner: 0, capacity, map: FastMap::default() }
    }

    pub(crate) fn get<T>(&self, owner: &T, text: &str) -> Option<&V> {
        self.map.get(text).filter(|_| self.owner == address(owner))
    }

    pub(crate) fn insert<T>(&mut self, owner: &T, text: &str, value: V) {
        if self.owner != address(owner) || self.map.len() >= self.capacity {
            self.owner = address(owner);
            self.map.clear();
        }
        self.map.insert(text.into(), value);
    }
}

fn address<T>(owner: &T) -> usize {
    owner as *const T as usize
}

#[cfg(test)]
mod tests {
    use super::TextCache;

    #[test]
    fn entries_belong_to_their_owner_and_the_table_starts_over_when_full() {
        let (a, b) = (1u8, 2u8);
        let mut cache = TextCache::new(2);
        cache.insert(&a, "one", 1);
        assert_eq!(cache.get(&a, "one"), Some(&1));
        assert_eq!(cache.get(&b, "one"), None);
        cache.insert(&a, "two", 2);
        cache.insert(&a, "three", 3);
        assert_eq!((cache.get(&a, "one"), cache.get(&a, "three")), (None, Some(&3)));
        cache.insert(&b, "four", 4);
        assert_eq!((cache.get(&a, "three"), cache.get(&b, "four")), (None, Some(&4)));
    }
}
