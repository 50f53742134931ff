//! The hasher for the static word lists: SipHash's DoS resistance is not needed for
//! keys fixed at build time, and lookups run once or twice per word of every article.
//! foldhash, as the nlp and extract crates use; a fixed seed, as nothing iterates these.

use std::collections::{HashMap, HashSet};

pub(crate) type WordMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
pub(crate) type WordSet<K> = HashSet<K, foldhash::fast::FixedState>;
