//! Names the article already gave, found again where the NER model missed them.
//!
//! A small model tags a name in one sentence and misses it in the next
//! ("Scientology" tagged twice, missed seven times). The article is its own
//! gazetteer: every name it tagged is looked for again, case-exact and by whole
//! tokens, and each untagged occurrence becomes a mention with the type and name
//! key of the tagged one (so [`crate::resolve`] puts it in the same entity).
//! Before that, an acronym in parentheses right after a name that its initials
//! spell ("Kennedy Space Center ( KSC )", "Movimento 5 Stelle ( M5S )") becomes a
//! mention of that name, so later bare uses of the acronym are found too; when the
//! model tagged only the end of the name ("Stelle"), the mention becomes the whole
//! name (an organisation, not a person). And a
//! mention that is two tagged names side by side ("Civic Party New People Party",
//! "Rathbun the Scientology") is split into them; a one-word part must have another
//! type than the other part and never be written in lower case in the article, so
//! "Daniel Montalvo" stays whole beside a bare "Daniel" and "Montalvo".
//!
//! What counts as a tagged name: a person, organisation, place or facility
//! mention whose first and last words are written as names (capitalised or an
//! all-capitals code); a one-word name must not be an ordinary capitalised
//! English word ("Court", "Group") unless it is an all-capitals code of two or
//! more letters ("WHO", "US"). An occurrence is taken when
//! - no mention or other NER span (a date, a number) covers any of its tokens,
//!   and the words next to it do not continue the name ("Toronto" in an untagged
//!   "Toronto Star": the next word is capitalised, so it is another name), or
//! - it lies inside a longer organisation, facility, event, work, law or product
//!   name ("*Google* Science Fair", "*Irving* Police Department"): a nested
//!   mention, as [`crate::nested`] makes for places and people. It never nests
//!   inside a person's or place's name ("Mexico" in "Mexico City"), nor as the
//!   last words of the longer name unless "of", "for" or "at" leads to it ("Home
//!   Office" in "Irish Home Office" is that name's head, not a name inside it).
//!
//! English articles only: the ordinary-word test reads English word case. It
//! does not find a name the article never tagged, nor other spellings of it.

use std::collections::HashMap;

use newsgraph_model::{ByteSpan, EntityType, NerSpan};

use crate::link::{Ctx, Linked};
use crate::retype::{is_ordinary_in_name, name_like};
use crate::text::key;

/// Types whose names are looked for again.
fn refindable(label: EntityType) -> bool {
    matches!(label, EntityType::Person | EntityType::Org | EntityType::Gpe | EntityType::Loc | EntityType::Fac)
}

/// Types of names a tagged name may be nested in.
fn container(label: EntityType) -> bool {
    matches!(
        label,
        EntityType::Org
            | EntityType::Fac
            | EntityType::Event
            | EntityType::WorkOfArt
            | EntityType::Law
            | EntityType::Product
    )
}

/// An all-capitals code of letters and digits with 2+ letters ("WHO", "M5S", "G7").
fn caps_code(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_ascii_uppercase()).count();
    letters >= 2 && word.len() <= 8 && word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

impl Ctx<'_> {
    /// "Name ( ACR )": the acronym becomes a mention with the name's type and name key.
    pub(crate) fn parenthesised_acronyms(&self, mentions: &mut Vec<Linked>) {
        if !self.english {
            return;
        }
        let mut added = Vec::new();
        let mut extended: Vec<(usize, usize)> = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            let t = m.end_token;
            if self.token_text(t) != "(" || self.token_text(t + 2) != ")" {
                continue;
            }
            let acronym = self.token_text(t + 1);
            if !caps_code(acronym) || mentions.iter().any(|o| o.first_token <= t + 1 && t + 1 < o.end_token) {
                continue;
            }
            // The name before the parenthesis, from its mention's start or from the
            // capitalised words just before it when the mention is shorter than the name.
            let Some(first) = self.spelled_by(acronym, m) else { continue };
            let Some(token) = self.tokens.get(t + 1) else { continue };
            let name_start = self.tokens.get(first).map_or(m.span.start(), |t| t.span.start());
            let name_key = key(&self.text[name_start.min(m.span.end())..m.span.end()]);
            // The model tagged only the end of the name ("Stelle" of "Movimento 5
            // Stelle ( M5S )"): the mention becomes the whole name, unless another
            // mention holds the words before it.
            if first < m.first_token && !mentions.iter().any(|o| o.first_token < m.first_token && o.end_token > first) {
                extended.push((i, first));
            }
            // A name with an acronym is an organisation's more often than a person's.
            let label = if m.label == EntityType::Person { EntityType::Org } else { m.label };
            // Not a code: it is looked up by the full name's key.
            added.push(Linked::new(token.span, label, key(acronym), name_key, t + 1..t + 2, false));
        }
        for (i, first) in extended {
            let (Some(m), Some(start)) = (mentions.get_mut(i), self.tokens.get(first)) else { continue };
            m.span = ByteSpan::new(start.span.start(), m.span.end());
            m.first_token = first;
            m.key = key(m.span.slice(self.text));
            m.name_key = m.key.clone();
            if m.label == EntityType::Person {
                m.label = EntityType::Org;
            }
        }
        mentions.extend(added);
    }

    /// The first token of the name ending where `m` ends whose word initials spell
    /// `acronym` (small words such as "of" skipped), if there is one. The name may
    /// start before the mention when the model tagged only its end ("Stelle").
    fn spelled_by(&self, acronym: &str, m: &Linked) -> Option<usize> {
        let wanted: Vec<char> = acronym.chars().collect();
        let mut have: Vec<char> = Vec::new();
        let mut t = m.end_token;
        while t > 0 {
            t -= 1;
            let word = self.token_text(t);
            let c = word.chars().next()?;
            if c.is_uppercase() || c.is_ascii_digit() {
                have.insert(0, c);
            } else if !matches!(word, "of" | "for" | "and" | "the" | "on" | "de" | "&" | "-") {
                return None;
            }
            if !wanted.ends_with(&have) {
                return None;
            }
            if have.len() == wanted.len() {
                return Some(t);
            }
        }
        None
    }

    /// The names the article tagged, by first word: (token texts, a mention of it),
    /// longest names first. One-word names must not be ordinary capitalised words.
    fn gazetteer(&self, mentions: &[Linked]) -> HashMap<&str, Vec<(Vec<&str>, usize)>> {
        let mut gazetteer: HashMap<&str, Vec<(Vec<&str>, usize)>> = HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            // Names of a dozen words at most: a longer span is no name to look for again.
            if !refindable(m.label) || m.end_token <= m.first_token || m.end_token > m.first_token + 12 {
                continue;
            }
            let words: Vec<&str> = (m.first_token..m.end_token).map(|t| self.token_text(t)).collect();
            let (Some(&first), Some(&last)) = (words.first(), words.last()) else { continue };
            let written_as_name = |w: &str| name_like(w) || caps_code(w);
            if !written_as_name(first) || !written_as_name(last) {
                continue;
            }
            if words.len() == 1
                && !caps_code(first)
                && (first.chars().count() < 3 || is_ordinary_in_name(self.kb, first))
            {
                continue;
            }
            let entry = gazetteer.entry(first).or_default();
            if !entry.iter().any(|(w, _)| *w == words) {
                entry.push((words, i));
            }
        }
        for list in gazetteer.values_mut() {
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        gazetteer
    }

    /// Splits a mention that is two names the article tags apart, side by side
    /// ("Civic Party New People Party", "Demosisto Ann Chiang", "Rathbun the
    /// Scientology"): each part becomes a mention of its own name. Names the KB
    /// knows whole are kept.
    pub(crate) fn split_joined_names(&self, mentions: &mut Vec<Linked>) {
        if !self.english {
            return;
        }
        let gazetteer = self.gazetteer(mentions);
        let labels = majority_labels(mentions);
        // The tagged mention (not `i`) whose words are exactly `words`.
        let known = |words: &[&str], i: usize| {
            let list = gazetteer.get(words.first()?)?;
            list.iter().find(|(w, source)| w.as_slice() == words && *source != i).map(|(_, source)| *source)
        };
        let mut replaced: Vec<(usize, [Linked; 2])> = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            // Past a dozen words a span is no pair of names (and a hostile one is long).
            if m.end_token < m.first_token + 2 || m.end_token > m.first_token + 12 || !self.kb.senses(&m.key).is_empty()
            {
                continue;
            }
            let words: Vec<&str> = (m.first_token..m.end_token).map(|t| self.token_text(t)).collect();
            for k in 1..words.len() {
                let right_from = if matches!(words[k], "the" | "The") { k + 1 } else { k };
                if right_from >= words.len() {
                    break;
                }
                let (Some(l), Some(r)) = (known(&words[..k], i), known(&words[right_from..], i)) else { continue };
                // Two parts of one person's name ("Daniel" and "Montalvo", each tagged
                // alone elsewhere) are not two names: one-word parts need another type
                // than the other part and must never be written in lower case ("sheriff").
                let one_word = k == 1 || right_from + 1 == words.len();
                let (ll, rl) = (labels.get(mentions[l].name_key.as_str()), labels.get(mentions[r].name_key.as_str()));
                let lowercase = |w: &str| crate::resolve::written_lowercase(self.text, w);
                if one_word
                    && (ll == rl
                        || (k == 1 && lowercase(words[0]))
                        || (right_from + 1 == words.len() && lowercase(words[right_from])))
                {
                    break;
                }
                let part = |source: usize, a: usize, b: usize| self.occurrence_of(&mentions[source], &labels, a, b);
                let f = m.first_token;
                if let (Some(left), Some(right)) = (part(l, f, f + k), part(r, f + right_from, m.end_token)) {
                    replaced.push((i, [left, right]));
                }
                break;
            }
        }
        for (i, [left, right]) in replaced.into_iter().rev() {
            mentions[i] = left;
            mentions.push(right);
        }
    }

    /// Adds a mention for every untagged occurrence of a name the article tagged elsewhere.
    pub(crate) fn refind_names(&self, ner: &[NerSpan], mentions: &mut Vec<Linked>) {
        if !self.english {
            return;
        }
        let gazetteer = self.gazetteer(mentions);
        // Tokens each mention covers, and tokens of other NER spans (dates, numbers).
        let mut owner: Vec<Option<usize>> = vec![None; self.tokens.len()];
        for (i, m) in mentions.iter().enumerate() {
            for slot in owner.iter_mut().take(m.end_token).skip(m.first_token) {
                // The longest mention over a token is its container.
                if slot.is_none_or(|o| mentions[o].end_token - mentions[o].first_token < m.end_token - m.first_token) {
                    *slot = Some(i);
                }
            }
        }
        let mut other = vec![false; self.tokens.len()];
        for n in ner.iter().filter(|n| !n.label.is_named()) {
            // Token indices from the byte span, as `link` reads them.
            let a = self.tokens.partition_point(|t| t.span.start() < n.span.start());
            let b = self.tokens.partition_point(|t| t.span.start() < n.span.end());
            for flag in other.iter_mut().take(b).skip(a) {
                *flag = true;
            }
        }
        let mut added = Vec::new();
        // Each name's type, counted once for the article (it may repeat a name often).
        let labels = majority_labels(mentions);
        let mut t = 0;
        while t < self.tokens.len() {
            let found = gazetteer.get(self.token_text(t)).and_then(|list| {
                list.iter().find(|(words, _)| {
                    t + words.len() <= self.tokens.len()
                        && words.iter().enumerate().all(|(k, w)| self.token_text(t + k) == *w)
                        && self.free_or_nested(mentions, &owner, &other, t, t + words.len())
                })
            });
            let Some((words, source)) = found else {
                t += 1;
                continue;
            };
            let end = t + words.len();
            let Some(occurrence) = self.occurrence_of(&mentions[*source], &labels, t, end) else { break };
            added.push(occurrence);
            t = end;
        }
        mentions.extend(added);
    }

    /// Whether tokens `a..b` are untagged and not part of a longer name, or lie
    /// strictly inside one organisation-like mention.
    fn free_or_nested(&self, mentions: &[Linked], owner: &[Option<usize>], other: &[bool], a: usize, b: usize) -> bool {
        if (a..b).any(|t| other.get(t).copied().unwrap_or(true)) {
            return false;
        }
        let owners: Vec<Option<usize>> = (a..b).map(|t| owner.get(t).copied().flatten()).collect();
        // Shorter mentions inside the name ("Canada" in "Environment Canada") do not
        // stop it: the longer name is the mention, and they stay nested in it.
        let inside = |o: &Option<usize>| {
            o.is_none_or(|i| {
                mentions[i].first_token >= a
                    && mentions[i].end_token <= b
                    && mentions[i].end_token - mentions[i].first_token < b - a
            })
        };
        if owners.iter().all(inside) {
            // The name does not run on into capitalised words ("Toronto Star"),
            // nor start after a name word that is not an ordinary one ("New Toronto").
            let next = self.token_text(b);
            let prev = if a == 0 { "" } else { self.token_text(a - 1) };
            let runs_on = name_like(next) || caps_code(next);
            let runs_in = (name_like(prev) && !is_ordinary_in_name(self.kb, prev)) || caps_code(prev);
            return !runs_on && !runs_in;
        }
        match owners.first().copied().flatten() {
            Some(c) => {
                let outer = &mentions[c];
                // Ending the longer name, the name is its head, not a name inside it
                // ("Home Office" in "Irish Home Office"), unless "of" leads to it.
                let head = b == outer.end_token && !matches!(self.token_text(a.wrapping_sub(1)), "of" | "for" | "at");
                owners.iter().all(|o| *o == Some(c))
                    && container(outer.label)
                    && outer.end_token - outer.first_token > b - a
                    && !head
            }
            None => false,
        }
    }

    /// A mention over tokens `a..b` that is another occurrence of `from`'s name: same
    /// name key, the name's majority type, no sense yet (linking gives it one).
    fn occurrence_of(&self, from: &Linked, labels: &HashMap<&str, EntityType>, a: usize, b: usize) -> Option<Linked> {
        let (first, last) = (self.tokens.get(a)?, self.tokens.get(b.checked_sub(1)?)?);
        let span = ByteSpan::new(first.span.start(), last.span.end());
        Some(Linked::new(
            span,
            labels.get(from.name_key.as_str()).copied().unwrap_or(from.label),
            key(span.slice(self.text)),
            from.name_key.clone(),
            a..b,
            from.code,
        ))
    }
}

/// Each name key's majority type among the mentions that have it (ties: the longest
/// mention's, as `resolve` decides an entity's type), so that the mentions found
/// again, which take it, never outvote the tagged ones. Exact ties go to an
/// organisation, then a person, then a place: a name tagged as often ORG as place
/// is mostly an institution ("Scientology").
fn majority_labels(mentions: &[Linked]) -> HashMap<&str, EntityType> {
    // (name key, type) -> (mentions, longest mention), counted in one pass.
    let mut votes: HashMap<(&str, EntityType), (usize, usize)> = HashMap::new();
    for m in mentions {
        let v = votes.entry((m.name_key.as_str(), m.label)).or_default();
        v.0 += 1;
        v.1 = v.1.max(m.span.len());
    }
    let rank = |l: EntityType| match l {
        EntityType::Org => 3,
        EntityType::Person => 2,
        _ => 1,
    };
    let mut best: HashMap<&str, (usize, usize, u8, EntityType)> = HashMap::new();
    for ((name, label), (n, len)) in votes {
        let candidate = (n, len, rank(label), label);
        let slot = best.entry(name).or_insert(candidate);
        if candidate > *slot {
            *slot = candidate;
        }
    }
    best.into_iter().map(|(name, (_, _, _, label))| (name, label)).collect()
}

#[cfg(test)]
mod tests {
    use super::caps_code;

    #[test]
    fn codes_are_capitals_and_digits() {
        assert!(caps_code("WHO"));
        assert!(caps_code("M5S"));
        assert!(!caps_code("A"));
        assert!(!caps_code("Who"));
        assert!(!caps_code("5G"));
    }
}
