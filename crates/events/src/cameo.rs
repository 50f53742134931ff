//! Full CAMEO codes (2, 3 or 4 digits: `190`, `0314`, `1122`) from a PETRARCH verb
//! dictionary: a trigger's form and the words around it give the most specific code.
//!
//! A PETRARCH verb dictionary groups verbs in blocks; each verb form has the block's default
//! code (or its own), and each block has phrase patterns, `- pre * post [code]` ("restore *
//! diplomatic ties \[064\]"). [`Dictionary::lookup`] finds the forms starting at the trigger
//! (the longest multi-word form that fits: "break down"), checks every pattern of their
//! blocks against the words before and after, and returns the code of the most specific
//! match (most slots, then most words, then the first listed), else the verb's default code.
//!
//! The product's dictionary is `models/events/cameo.tsv`, compiled from PETRARCH2's
//! `CAMEO.2.0.txt` by `models/events/build_cameo.py` and embedded at compile time
//! ([`Dictionary::load`]). [`Dictionary::from_petrarch`] reads a raw PETRARCH dictionary the
//! same way, for a test suite that comes with its own (the PETRARCH2 validation suite is
//! coded with `PETR.Validate.verbs.txt`, as PETRARCH itself runs it).
//!
//! It does not parse: a pattern's words are matched in order within a few tokens of the
//! trigger and of each other, not on PETRARCH's phrase tree, and the tree markers (`$`
//! source, `+` target, `%` compound) are ignored. Who did it to whom is not its business.

use crate::table;
use crate::types::{EventsError, FastMap, Found};

const CAMEO_TABLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/events/cameo.tsv"));

/// How far (in tokens) a pattern's first word after the verb, and each next word, may lie.
const FIRST_GAP: usize = 8;
const NEXT_GAP: usize = 4;
/// How far before the verb a pattern's words may lie.
const PRE_WINDOW: usize = 6;

/// A verb form row: (form words joined by spaces, block, code or `-`).
pub type VerbRow = (String, usize, String);
/// A pattern row: (block, code, pre slots, post slots), slots as in `cameo.tsv`.
pub type PatternRow = (usize, String, String, String);

/// A sentence word no row of the dictionary uses (see [`Dictionary::ids`]).
pub const UNKNOWN: u32 = u32::MAX;

/// One slot of a pattern: any of these words (ids of each word and its `-s`/`-es` plural,
/// sorted) or word sequences (per word, its forms' ids, sorted).
#[derive(Debug, Clone, Default)]
struct Slot {
    singles: Vec<u32>,
    phrases: Vec<Vec<Vec<u32>>>,
    /// Words in the shortest alternative (for the specificity order).
    min_len: usize,
}

#[derive(Debug, Clone)]
struct Pattern {
    pre: Vec<Slot>,
    post: Vec<Slot>,
    code: String,
    words: usize,
}

#[derive(Debug, Clone)]
struct Form {
    /// Word ids after the first one ("break down" -> ["down"]).
    rest: Vec<u32>,
    block: usize,
    code: Option<String>,
}

/// A compiled verb dictionary. Its words are interned once: a sentence's words become ids
/// once ([`Dictionary::ids`]), and matching compares integers.
#[derive(Debug, Default)]
pub struct Dictionary {
    vocab: FastMap<String, u32>,
    /// Verb forms by the id of their first word.
    forms: FastMap<u32, Vec<Form>>,
    blocks: Vec<Vec<Pattern>>,
}

/// What the dictionary codes at a trigger.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub code: String,
    /// Token after the verb form's last word.
    pub end: usize,
    /// Slots the winning pattern needed (0: the verb's default code).
    pub specificity: usize,
}

impl Dictionary {
    /// The product's dictionary: CAMEO.2.0 compiled to `models/events/cameo.tsv`.
    pub fn load() -> Result<Self, EventsError> {
        let (verbs, patterns) = parse_table(CAMEO_TABLE)?;
        Ok(Self::from_rows(verbs, patterns))
    }

    /// A raw PETRARCH verb dictionary (the format of `CAMEO.2.0.txt`), compiled as
    /// `build_cameo.py` compiles it.
    pub fn from_petrarch(text: &str) -> Self {
        let (verbs, patterns) = compile_petrarch(text);
        Self::from_rows(verbs, patterns)
    }

    fn from_rows(verbs: Vec<VerbRow>, patterns: Vec<PatternRow>) -> Self {
        let mut d = Dictionary::default();
        for (form, block, code) in verbs {
            let mut words = form.split(' ').map(|w| d.intern(w));
            let Some(first) = words.next() else { continue };
            let rest = words.collect();
            let code = (code != "-").then_some(code);
            d.forms.entry(first).or_default().push(Form { rest, block, code });
        }
        for (block, code, pre, post) in patterns {
            if d.blocks.len() <= block {
                d.blocks.resize_with(block + 1, Vec::new);
            }
            let (pre, post) = (d.parse_slots(&pre), d.parse_slots(&post));
            let words = pre.iter().chain(&post).map(|s| s.min_len).sum();
            d.blocks[block].push(Pattern { pre, post, code, words });
        }
        d
    }

    fn intern(&mut self, word: &str) -> u32 {
        let next = self.vocab.len() as u32;
        *self.vocab.entry(word.to_string()).or_insert(next)
    }

    /// A slot word's ids: the word and its `-s`/`-es` plurals, sorted.
    fn forms_of(&mut self, word: &str) -> Vec<u32> {
        let mut ids = vec![self.intern(word), self.intern(&format!("{word}s")), self.intern(&format!("{word}es"))];
        ids.sort_unstable();
        ids
    }

    fn parse_slots(&mut self, spec: &str) -> Vec<Slot> {
        if spec == "-" {
            return Vec::new();
        }
        let mut slots = Vec::new();
        for text in spec.split(' ').filter(|s| !s.is_empty()) {
            let mut slot = Slot { min_len: usize::MAX, ..Slot::default() };
            for alt in text.split('|') {
                let words: Vec<&str> = alt.split('_').collect();
                slot.min_len = slot.min_len.min(words.len());
                if let [word] = words[..] {
                    let ids = self.forms_of(word);
                    slot.singles.extend(ids);
                } else {
                    let phrase = words.iter().map(|w| self.forms_of(w)).collect();
                    slot.phrases.push(phrase);
                }
            }
            slot.singles.sort_unstable();
            slot.singles.dedup();
            slots.push(slot);
        }
        slots
    }

    /// The word ids of a sentence's lower-case words ([`UNKNOWN`] for words no row uses).
    pub fn ids<'w>(&self, words: impl IntoIterator<Item = &'w str>) -> Vec<u32> {
        words.into_iter().map(|w| self.vocab.get(w).copied().unwrap_or(UNKNOWN)).collect()
    }

    /// Some verb form starts with this (lower-case) word.
    pub fn knows(&self, word: &str) -> bool {
        self.vocab.get(word).is_some_and(|id| self.forms.contains_key(id))
    }

    /// [`Dictionary::lookup`] on words rather than ids.
    pub fn lookup_words(&self, words: &[&str], at: usize, lo: usize, hi: usize) -> Option<Match> {
        self.lookup(&self.ids(words.iter().copied()), at, lo, hi)
    }

    /// The code of the trigger at `ids[at]` (the word ids of its sentence), reading only
    /// `ids[lo..hi]` (its clause). `None` when no form starts there, or when the form has
    /// no code and no pattern matches (`[---]`: the verb codes nothing alone).
    pub fn lookup<'s>(&'s self, ids: &[u32], at: usize, lo: usize, hi: usize) -> Option<Match> {
        let hi = hi.min(ids.len());
        let forms = self.forms.get(ids.get(at)?)?;
        // The winner: (specificity, pattern words, form length) and its end and code.
        let mut best: Option<((usize, usize, usize), usize, &'s str)> = None;
        for form in forms {
            let end = at + 1 + form.rest.len();
            if end > hi || form.rest.iter().zip(&ids[at + 1..end]).any(|(w, t)| w != t) {
                continue;
            }
            let mut consider = |key: (usize, usize, usize), code: &'s str| {
                // Ties keep the first listed pattern (`>`, never `>=`).
                if best.as_ref().is_none_or(|(k, _, _)| key > *k) {
                    best = Some((key, end, code));
                }
            };
            for p in self.blocks.get(form.block).into_iter().flatten() {
                if matches_after(&p.post, ids, end, hi) && matches_before(&p.pre, ids, lo, at) {
                    consider((p.pre.len() + p.post.len(), p.words, form.rest.len()), &p.code);
                }
            }
            if let Some(code) = &form.code {
                consider((0, 0, form.rest.len()), code);
            }
        }
        best.map(|((specificity, _, _), end, code)| Match { code: code.to_string(), end, specificity })
    }
}

/// How the event stage uses a verb dictionary for its codes.
#[derive(Debug)]
pub struct Coding {
    pub dictionary: Dictionary,
    /// PETRARCH's way: the dictionary alone decides, so a trigger it gives no code is no
    /// event, nor is one without a source or a target, and its code is kept as is (also
    /// through statements of intent). Otherwise
    /// (the product) the event's PLOVER type comes from the lexicon and the dictionary
    /// only refines it: its code is kept when it is of the type's CAMEO family.
    pub petrarch: bool,
}

impl Coding {
    /// Refines `f.cameo` from the trigger at `ids[at]` in its clause `lo..hi`; `false`
    /// when the event is to be dropped (PETRARCH's way, no code). A noun trigger keeps the
    /// lexicon's code in the product: the dictionary's patterns are written for verbs
    /// ("talks" would read as the verb "talk" and its patterns).
    pub(crate) fn recode(&self, f: &mut Found, ids: &[u32], at: usize, lo: usize, hi: usize, noun: bool) -> bool {
        if noun && !self.petrarch {
            return true;
        }
        let found = self.dictionary.lookup(ids, at, lo, hi);
        match (found, self.petrarch) {
            // PETRARCH codes an event only with both a source and a target.
            (Some(_), true) if f.actors.is_empty() || f.targets.is_empty() => return false,
            (Some(m), true) => f.cameo = m.code,
            (None, true) => return false,
            (Some(m), false) => {
                if table::full_code(f.kind, f.mode.as_deref(), &m.code) == m.code {
                    f.cameo = m.code;
                }
            }
            (None, false) => {}
        }
        true
    }
}

/// The length of the longest alternative of `slot` starting at `ids[j]`, if one does.
fn slot_at(slot: &Slot, ids: &[u32], j: usize, hi: usize) -> Option<usize> {
    let id = *ids.get(j)?;
    if id == UNKNOWN {
        return None;
    }
    let phrase = slot
        .phrases
        .iter()
        .filter(|p| j + p.len() <= hi && p.iter().zip(&ids[j..]).all(|(forms, t)| forms.binary_search(t).is_ok()))
        .map(Vec::len)
        .max();
    phrase.or_else(|| slot.singles.binary_search(&id).is_ok().then_some(1))
}

/// The slots occur in order after the verb, each within a few tokens of the previous one.
fn matches_after(slots: &[Slot], words: &[u32], from: usize, hi: usize) -> bool {
    let mut k = from;
    for (n, slot) in slots.iter().enumerate() {
        let reach = hi.min(k + if n == 0 { FIRST_GAP } else { NEXT_GAP });
        match (k..reach).find_map(|j| slot_at(slot, words, j, hi).map(|len| j + len)) {
            Some(next) => k = next,
            None => return false,
        }
    }
    true
}

/// The slots occur in order before the verb, within a few tokens of it.
fn matches_before(slots: &[Slot], words: &[u32], lo: usize, to: usize) -> bool {
    let lo = lo.max(to.saturating_sub(PRE_WINDOW));
    let mut k = to;
    for slot in slots.iter().rev() {
        match (lo..k).rev().find(|&j| slot_at(slot, words, j, k).is_some()) {
            Some(j) => k = j,
            None => return false,
        }
    }
    true
}

/// Reads `cameo.tsv` rows (see `build_cameo.py`).
pub fn parse_table(table: &str) -> Result<(Vec<VerbRow>, Vec<PatternRow>), EventsError> {
    let (mut verbs, mut patterns) = (Vec::new(), Vec::new());
    for (n, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = || EventsError::Lexicon(format!("cameo.tsv line {}: malformed", n + 1));
        let cols: Vec<&str> = line.split('\t').collect();
        match cols[..] {
            ["V", form, block, code] => verbs.push((form.to_string(), block.parse().map_err(|_| bad())?, code.into())),
            ["P", block, code, pre, post] => {
                patterns.push((block.parse().map_err(|_| bad())?, code.into(), pre.into(), post.into()))
            }
            _ => return Err(bad()),
        }
    }
    Ok((verbs, patterns))
}

mod compile;
pub use compile::compile_petrarch;

#[cfg(test)]
mod tests;
