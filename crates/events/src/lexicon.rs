//! The event lexicon: verb and noun triggers with their patterns, CAMEO code and PLOVER type.
//!
//! Two tables are embedded at compile time and parsed once:
//! - `models/events/patterns.tsv`: newsgraph's own verb and noun patterns, checked first;
//! - `models/events/verbs.tsv`: the PETRARCH2 CAMEO verb dictionary mapped to PLOVER by
//!   `models/events/build_lexicon.py` (CC BY-SA 4.0, see `models/events/ATTRIBUTION.md`).
//!
//! Every word the tables use is interned at load (a pattern word with the `-s`, `-es` and
//! `-ing` forms it matches), and [`Lexicon::annotate`] gives each token its word id once,
//! so lookups are integer compares: a hash-map hit on the trigger's first word, then a
//! check of at most a few dozen patterns of that verb's block, each against a bounded
//! window: linear in the sentence length.

use newsgraph_model::EventType;

use crate::text::{Lex, Tok};
use crate::types::{EventsError, FastMap};

const OWN_PATTERNS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/events/patterns.tsv"));
const CAMEO_VERBS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/events/verbs.tsv"));

/// How far (in tokens) a pattern's words may lie from the trigger.
const PRE_WINDOW: usize = 6;
const POST_WINDOW: usize = 10;
const SLOT_GAP: usize = 4;

/// What a trigger codes: a CAMEO code and, unless it is a statement, a PLOVER type and mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    pub cameo: String,
    pub plover: Option<EventType>,
    pub mode: Option<String>,
}

/// One slot of a pattern: any of these words (plural `-s`/`-es` forms match too).
#[derive(Debug, Clone)]
struct Slot {
    /// Ids of every token form that matches one of the slot's words, sorted.
    forms: Vec<u32>,
    /// Every word is a particle or preposition: it belongs right after the verb (set at load).
    particle: bool,
}

#[derive(Debug, Clone)]
struct Rule {
    pre: Vec<Slot>,
    post: Vec<Slot>,
    code: Code,
    own: bool,
    /// The verb (lemma id, see `Lexicon::lemmas`) the pattern was written for; `None`:
    /// every verb of the block.
    verb: Option<u32>,
}

#[derive(Debug, Clone)]
struct Trigger {
    /// Word ids of the words after the first one ("ask for" -> ["for"]).
    rest: Vec<u32>,
    /// Index into `Lexicon::blocks`.
    block: usize,
    default: Option<Code>,
    own: bool,
    lemma: Option<u32>,
}

/// The triggers starting with one word.
#[derive(Debug, Default)]
struct Entry {
    triggers: Vec<Trigger>,
    /// A form newsgraph marks as never an event by itself ("said", "announced"): only its
    /// own patterns can make it code (computed once all tables are read).
    stopped: bool,
}

/// A trigger found in a sentence.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    /// Token range of the trigger words.
    pub first: usize,
    pub end: usize,
    pub code: &'a Code,
    /// Slots the winning pattern needed (0: the verb's default code).
    pub specificity: usize,
}

/// The words of the tables, interned.
#[derive(Debug, Default)]
struct Vocab {
    ids: FastMap<String, u32>,
    /// A slot word's matching forms, interned (synset members recur in many slots).
    forms: FastMap<String, Vec<u32>>,
}

impl Vocab {
    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(word.to_string(), id);
        id
    }

    fn id(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    fn forms_of(&mut self, word: &str) -> Vec<u32> {
        if let Some(ids) = self.forms.get(word) {
            return ids.clone();
        }
        let ids: Vec<u32> = matching_forms(word).iter().map(|f| self.intern(f)).collect();
        self.forms.insert(word.to_string(), ids.clone());
        ids
    }
}

#[derive(Debug, Default)]
pub struct Lexicon {
    vocab: Vocab,
    /// Triggers by the word id of their first word.
    verbs: FastMap<u32, Entry>,
    nouns: FastMap<u32, Entry>,
    blocks: Vec<Vec<Rule>>,
    /// Lemma strings interned to ids, so a rule's verb is checked by an integer compare.
    lemmas: FastMap<String, u32>,
}

impl Lexicon {
    pub fn load() -> Result<Self, EventsError> {
        let mut lexicon = Lexicon::default();
        lexicon.read_own(OWN_PATTERNS)?;
        lexicon.read_cameo(CAMEO_VERBS)?;
        for entry in lexicon.verbs.values_mut().chain(lexicon.nouns.values_mut()) {
            entry.stopped = entry
                .triggers
                .iter()
                .any(|t| t.own && t.rest.is_empty() && t.default.as_ref().is_some_and(|c| c.plover.is_none()));
        }
        Ok(lexicon)
    }

    /// Gives each token its word id (tokens not annotated are looked up on each use).
    pub fn annotate(&self, toks: &mut [Tok]) {
        for tok in toks {
            tok.lex = match self.vocab.id(&tok.lower) {
                Some(id) => Lex::Word(id),
                None => Lex::Absent,
            };
        }
    }

    /// The token's word id: `None` when no table uses the word.
    fn word_id(&self, tok: &Tok) -> Option<u32> {
        match tok.lex {
            Lex::Word(id) => Some(id),
            Lex::Absent => None,
            Lex::Unset => self.vocab.id(&tok.lower),
        }
    }

    /// Some trigger (verb or noun) starts with this token's word.
    pub fn is_trigger(&self, tok: &Tok) -> bool {
        self.word_id(tok).is_some_and(|id| self.verbs.contains_key(&id) || self.nouns.contains_key(&id))
    }

    /// Some verb trigger starts with this token's word.
    pub fn is_verb(&self, tok: &Tok) -> bool {
        self.word_id(tok).is_some_and(|id| self.verbs.contains_key(&id))
    }

    /// The best verb reading of the tokens at `i`, if any trigger starts there.
    pub fn verb_at(&self, toks: &[Tok], i: usize, lo: usize, hi: usize) -> Option<Hit<'_>> {
        self.best(&self.verbs, toks, i, lo, hi)
    }

    /// The longest noun trigger starting at `i`.
    pub fn noun_at(&self, toks: &[Tok], i: usize, lo: usize, hi: usize) -> Option<Hit<'_>> {
        self.best(&self.nouns, toks, i, lo, hi)
    }

    fn best<'a>(
        &'a self,
        map: &'a FastMap<u32, Entry>,
        toks: &[Tok],
        i: usize,
        lo: usize,
        hi: usize,
    ) -> Option<Hit<'a>> {
        let entry = map.get(&self.word_id(toks.get(i)?)?)?;
        let (triggers, stopped) = (&entry.triggers, entry.stopped);
        // The winner so far: (specificity, own, trigger length), its trigger range and code.
        let mut best: Option<((usize, bool, usize), usize, &Code)> = None;
        for trigger in triggers.iter().filter(|t| t.own || !stopped) {
            let end = i + 1 + trigger.rest.len();
            if end > hi || !trigger.rest.iter().zip(&toks[i + 1..end]).all(|(&w, t)| self.word_id(t) == Some(w)) {
                continue;
            }
            let mut consider = |spec: usize, own: bool, code: &'a Code| {
                // The most specific pattern wins; then newsgraph's own; then the longer trigger.
                let key = (spec, own, end - i);
                if best.as_ref().is_none_or(|(best_key, _, _)| key > *best_key) {
                    best = Some((key, end, code));
                }
            };
            if let Some(code) = &trigger.default {
                consider(0, trigger.own, code);
            }
            for rule in self.blocks.get(trigger.block).into_iter().flatten() {
                if rule.verb.is_some() && rule.verb != trigger.lemma {
                    continue;
                }
                if self.matches_before(&rule.pre, toks, lo, i) && self.matches_after(&rule.post, toks, end, hi) {
                    consider(rule.pre.len() + rule.post.len(), rule.own, &rule.code);
                }
            }
        }
        best.map(|((specificity, _, _), end, code)| Hit { first: i, end, code, specificity })
    }

    fn read_own(&mut self, table: &str) -> Result<(), EventsError> {
        for (n, line) in table.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [kind, forms, pre, post, cameo, plover, mode] = cols[..] else {
                return Err(EventsError::Lexicon(format!("patterns.tsv line {}: expected 7 columns", n + 1)));
            };
            let code = parse_code(cameo, plover, mode)?;
            let pre = parse_slots(pre, &FastMap::default(), &mut self.vocab);
            let post = parse_slots(post, &FastMap::default(), &mut self.vocab);
            let forms: Vec<&str> = forms.split('|').collect();
            let (map, all_forms) = match kind {
                "V" => (&mut self.verbs, inflect_verb(&forms)),
                "N" => (&mut self.nouns, forms.iter().map(|s| s.to_string()).collect()),
                other => return Err(EventsError::Lexicon(format!("patterns.tsv line {}: kind {other}", n + 1))),
            };
            // Every own row is a block of one rule: a pattern row with no words is a default.
            let block = self.blocks.len();
            let default = (pre.is_empty() && post.is_empty()).then(|| code.clone());
            if default.is_none() {
                self.blocks.push(vec![Rule { pre, post, code, own: true, verb: None }]);
            } else {
                self.blocks.push(Vec::new());
            }
            for form in all_forms {
                let mut words = form.split(' ').map(|w| self.vocab.intern(w));
                let Some(first) = words.next() else { continue };
                let trigger =
                    Trigger { rest: words.collect(), block, default: default.clone(), own: true, lemma: None };
                map.entry(first).or_default().triggers.push(trigger);
            }
        }
        Ok(())
    }

    fn read_cameo(&mut self, table: &str) -> Result<(), EventsError> {
        let mut synsets: FastMap<String, Vec<String>> = FastMap::default();
        let mut block_index: FastMap<String, usize> = FastMap::default();
        for (n, line) in table.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let bad = || EventsError::Lexicon(format!("verbs.tsv line {}: malformed", n + 1));
            match cols[..] {
                ["S", name, members] => {
                    synsets.insert(name.to_string(), members.split('|').map(str::to_string).collect());
                }
                ["V", form, block, cameo, plover, mode, lemma] => {
                    let index = self.block_of(&mut block_index, block);
                    let default = if cameo == "-" { None } else { Some(parse_code(cameo, plover, mode)?) };
                    let lemma = Some(self.lemma_id(lemma));
                    let mut words = form.split(' ').map(|w| self.vocab.intern(w));
                    let first = words.next().ok_or_else(bad)?;
                    let trigger = Trigger { rest: words.collect(), block: index, default, own: false, lemma };
                    self.verbs.entry(first).or_default().triggers.push(trigger);
                }
                ["P", block, pre, post, cameo, plover, mode, verb] => {
                    let index = self.block_of(&mut block_index, block);
                    let rule = Rule {
                        pre: parse_slots(pre, &synsets, &mut self.vocab),
                        post: parse_slots(post, &synsets, &mut self.vocab),
                        code: parse_code(cameo, plover, mode)?,
                        own: false,
                        verb: (verb != "-").then(|| self.lemma_id(verb)),
                    };
                    if let Some(rules) = self.blocks.get_mut(index) {
                        rules.push(rule);
                    }
                }
                _ => return Err(bad()),
            }
        }
        Ok(())
    }

    fn lemma_id(&mut self, lemma: &str) -> u32 {
        let next = self.lemmas.len() as u32;
        *self.lemmas.entry(lemma.to_string()).or_insert(next)
    }

    fn block_of(&mut self, index: &mut FastMap<String, usize>, name: &str) -> usize {
        *index.entry(name.to_string()).or_insert_with(|| {
            self.blocks.push(Vec::new());
            self.blocks.len() - 1
        })
    }
}

fn parse_code(cameo: &str, plover: &str, mode: &str) -> Result<Code, EventsError> {
    let plover = match plover {
        "-" => None,
        label => Some(
            EventType::from_label(label).ok_or_else(|| EventsError::Lexicon(format!("unknown PLOVER type {label}")))?,
        ),
    };
    let mode = (mode != "-" && !mode.trim().is_empty()).then(|| mode.trim().to_string());
    Ok(Code { cameo: cameo.to_string(), plover, mode })
}

fn parse_slots(spec: &str, synsets: &FastMap<String, Vec<String>>, vocab: &mut Vocab) -> Vec<Slot> {
    if spec == "-" {
        return Vec::new();
    }
    spec.split(' ')
        .filter(|s| !s.is_empty())
        .map(|slot| {
            slot.split('|')
                .flat_map(|alt| match synsets.get(alt) {
                    Some(members) => members.clone(),
                    None if alt.starts_with('&') => Vec::new(),
                    None => std::iter::once(alt.to_string())
                        .chain(crate::vocab::synonyms_of(alt).iter().map(|w| w.to_string()))
                        .collect(),
                })
                .collect::<Vec<String>>()
        })
        .filter(|words| !words.is_empty())
        .map(|words| {
            let particle = words
                .iter()
                .all(|w| crate::vocab::TARGET_PREPOSITIONS.contains(&w.as_str()) || w == "off" || w == "up");
            let mut forms: Vec<u32> = words.iter().flat_map(|w| vocab.forms_of(w)).collect();
            forms.sort_unstable();
            forms.dedup();
            Slot { forms, particle }
        })
        .collect()
}

/// Every token form a slot word matches: the word, its `-s`/`-es` plural, and an `-ing`
/// form of the word or of the word less its last letter ("negotiat|ing").
fn matching_forms(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string(), format!("{word}s"), format!("{word}es"), format!("{word}ing")];
    if let Some(stem) = word.strip_suffix(|c: char| c.is_ascii()) {
        forms.push(format!("{stem}ing"));
    }
    forms
}

impl Lexicon {
    fn slot_matches(&self, slot: &Slot, tok: &Tok) -> bool {
        self.word_id(tok).is_some_and(|id| slot.forms.binary_search(&id).is_ok())
    }

    /// The slots occur in order among the tokens after the trigger, each within a few tokens
    /// of the previous one (the words of one phrase, not anywhere in the sentence).
    fn matches_after(&self, slots: &[Slot], toks: &[Tok], from: usize, hi: usize) -> bool {
        let hi = hi.min(from + POST_WINDOW).min(toks.len());
        let mut k = from;
        for (n, slot) in slots.iter().enumerate() {
            // The first word may sit behind a short object ("gave the Ivory Coast 5 million dollars").
            // A particle or preposition belongs right after the verb ("call for", "call on").
            let gap = match (n, slot.particle) {
                (_, true) => 2,
                (0, false) => SLOT_GAP + 3,
                _ => SLOT_GAP,
            };
            let reach = hi.min(k + gap);
            match (k..reach).find(|&j| self.slot_matches(slot, &toks[j])) {
                Some(j) => k = j + 1,
                None => return false,
            }
        }
        true
    }

    /// The slots occur in order among the tokens before the trigger.
    fn matches_before(&self, slots: &[Slot], toks: &[Tok], lo: usize, to: usize) -> bool {
        let lo = lo.max(to.saturating_sub(PRE_WINDOW));
        let mut k = to;
        for slot in slots.iter().rev() {
            match (lo..k).rev().find(|&j| self.slot_matches(slot, &toks[j])) {
                Some(j) => k = j,
                None => return false,
            }
        }
        true
    }
}

/// The lemma's regular forms plus any irregular forms listed after it.
fn inflect_verb(forms: &[&str]) -> Vec<String> {
    let Some(lemma) = forms.first() else { return Vec::new() };
    let mut out: Vec<String> = forms.iter().map(|f| f.to_string()).collect();
    let (head, tail) = lemma.split_once(' ').map_or((*lemma, ""), |(h, t)| (h, t));
    let with_tail = |w: String| if tail.is_empty() { w } else { format!("{w} {tail}") };
    let mut regular = Vec::new();
    if let Some(stem) = head.strip_suffix('e') {
        regular.extend([format!("{head}s"), format!("{head}d"), format!("{stem}ing")]);
    } else if head.ends_with('y') && !head.ends_with("ay") && !head.ends_with("ey") && !head.ends_with("oy") {
        let stem = &head[..head.len() - 1];
        regular.extend([format!("{stem}ies"), format!("{stem}ied"), format!("{head}ing")]);
    } else if ["s", "sh", "ch", "x", "z"].iter().any(|s| head.ends_with(s)) {
        regular.extend([format!("{head}es"), format!("{head}ed"), format!("{head}ing")]);
    } else {
        regular.extend([format!("{head}s"), format!("{head}ed"), format!("{head}ing")]);
        let b = head.as_bytes();
        let n = b.len();
        let vowel = |c: u8| b"aeiou".contains(&c);
        if (3..=5).contains(&n)
            && !vowel(b[n - 1])
            && vowel(b[n - 2])
            && !vowel(b[n - 3])
            && !b"wxy".contains(&b[n - 1])
        {
            let last = b[n - 1] as char;
            regular.extend([format!("{head}{last}ed"), format!("{head}{last}ing")]);
        } else if n >= 4 && b[n - 1] == b'l' && vowel(b[n - 2]) && !vowel(b[n - 3]) {
            // British spelling doubles a final "l" after one vowel: "cancelled", "labelling".
            regular.extend([format!("{head}led"), format!("{head}ling")]);
        }
    }
    out.extend(regular.into_iter().map(with_tail));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;
    use newsgraph_model::ByteSpan;

    fn toks(text: &str) -> Vec<Tok<'_>> {
        let mut out = Vec::new();
        tokenize(text, ByteSpan::new(0, text.len()), newsgraph_model::words::WordRules::for_language(None), &mut out);
        out
    }

    #[test]
    fn own_pattern_beats_dictionary_default() {
        let lexicon = Lexicon::load().unwrap();
        let t = toks("Moscow withdrew 10,000 troops");
        let hit = lexicon.verb_at(&t, 1, 0, t.len()).unwrap();
        assert_eq!(hit.code.plover, Some(EventType::Retreat));
        let t = toks("the leaders talked");
        assert_eq!(lexicon.verb_at(&t, 2, 0, t.len()).unwrap().code.plover, Some(EventType::Consult));
        let t = toks("officials said");
        assert_eq!(lexicon.verb_at(&t, 1, 0, t.len()).unwrap().code.plover, None);
    }

    #[test]
    fn a_pattern_word_matches_its_synonym() {
        let lexicon = Lexicon::load().unwrap();
        for text in ["Czechia upgraded diplomatic relations", "Czechia upgraded diplomatic ties"] {
            let t = toks(text);
            let hit = lexicon.verb_at(&t, 1, 0, t.len()).unwrap();
            assert_eq!(hit.code.plover, Some(EventType::Support), "{text}");
        }
    }

    #[test]
    fn inflects_regular_verbs() {
        let forms = inflect_verb(&["ban"]);
        assert!(forms.contains(&"banned".to_string()) && forms.contains(&"bans".to_string()));
        let forms = inflect_verb(&["deny", "denied"]);
        assert!(forms.contains(&"denies".to_string()));
        let forms = inflect_verb(&["cancel"]);
        assert!(forms.contains(&"canceled".to_string()) && forms.contains(&"cancelled".to_string()));
        assert!(!inflect_verb(&["appeal"]).contains(&"appealled".to_string()));
    }
}
