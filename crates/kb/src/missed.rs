//! Place names the tagger missed altogether, found by the text around them:
//! "Rogaland, *Vestfold*, *Buskerud*, *Telemark*", "the village of *Cellardyke*",
//! "the *Cuvette-Ouest* region".
//!
//! A whole run of one to three capitalised words (hyphens joined: "Vest-Agder")
//! that no mention covers becomes a place mention (GPE, left to `geocode`) when it
//! is a GeoNames place by its own name (not an alternate one) and
//! - follows "in", "near" or a place noun and "of", or precedes a place noun
//!   ("region", "district", "city"...), or
//! - is listed ("," or "and" between) next to a place mention, when it is no given
//!   name or surname; lists are followed along, so a run of county names joins.
//!
//! A lone ordinary English word ("Midlands" is kept, "Reading" is not) is never
//! taken. English articles only. It does not retype mentions (`placed` does).

use newsgraph_model::{ByteSpan, EntityType};

use crate::geocode;
use crate::link::{Ctx, Linked};
use crate::retype::{is_ordinary_in_name, name_like};
use crate::text::{is_code, key};

/// Nouns that, after a name, make it a place ("the Cacuaco district", "Heze city").
const AFTER: &[&str] =
    &["region", "regions", "province", "provinces", "district", "districts", "county", "city", "state"];

/// Token flags: a place mention starts / ends (exclusive) there, and any mention covers it.
struct Around {
    covered: Vec<bool>,
    place_start: Vec<bool>,
    place_end: Vec<bool>,
}

impl Ctx<'_> {
    /// Adds a GPE mention for each missed place name (see the module doc).
    pub(crate) fn missed_places(&self, mentions: &mut Vec<Linked>) {
        if !self.english {
            return;
        }
        let n = self.tokens.len();
        let mut around =
            Around { covered: vec![false; n], place_start: vec![false; n + 1], place_end: vec![false; n + 1] };
        for m in mentions.iter() {
            for flag in around.covered.iter_mut().take(m.end_token.min(n)).skip(m.first_token) {
                *flag = true;
            }
            if matches!(m.label, EntityType::Gpe | EntityType::Loc) && !m.team && m.end_token <= n {
                around.place_start[m.first_token] = true;
                around.place_end[m.end_token] = true;
            }
        }
        let mut added = Vec::new();
        // A list is followed along: each pass can add the next name of a run.
        for _pass in 0..4 {
            let before = added.len();
            let mut t = 0;
            while t < n {
                let found = if around.covered[t] {
                    None
                } else {
                    (1..=3).rev().find_map(|len| self.missed_at(t, len, &around))
                };
                let Some((len, span)) = found else {
                    t += 1;
                    continue;
                };
                let name = span.slice(self.text);
                added.push(Linked::new(span, EntityType::Gpe, key(name), key(name), t..t + len, is_code(name)));
                for flag in around.covered.iter_mut().skip(t).take(len) {
                    *flag = true;
                }
                around.place_start[t] = true;
                around.place_end[t + len] = true;
                t += len;
            }
            if added.len() == before {
                break;
            }
        }
        mentions.extend(added);
    }

    /// The span of the `len` tokens at `t` when they are a missed place name.
    fn missed_at(&self, t: usize, len: usize, around: &Around) -> Option<(usize, ByteSpan)> {
        let end = t + len;
        if end > self.tokens.len() || around.covered[t..end].iter().any(|&c| c) {
            return None;
        }
        let span = ByteSpan::new(self.tokens[t].span.start(), self.tokens[end - 1].span.end());
        let words: Vec<&str> = span.slice(self.text).split_whitespace().collect();
        if words.is_empty() || !words.iter().all(|w| name_like(w)) {
            return None;
        }
        // The whole capitalised run, not a piece of a longer name.
        let capital = |i: usize| !around.covered[i] && name_like(self.token_text(i));
        if (t > 0 && capital(t - 1)) || (end < self.tokens.len() && capital(end)) {
            return None;
        }
        if words.len() == 1 && is_ordinary_in_name(self.kb, words[0]) {
            return None;
        }
        let k = key(span.slice(self.text));
        let placed = self.placed_before(t) || AFTER.contains(&self.token_key(end).as_str());
        let listed = || {
            let person = self.has_person_name_word(&k);
            let sep = |i: usize| matches!(self.token_key(i).as_str(), "," | "and");
            let left = (t >= 2 && sep(t - 1) && around.place_end[t - 1])
                || (t >= 3
                    && self.token_key(t - 1) == "and"
                    && self.token_key(t - 2) == ","
                    && around.place_end[t - 2]);
            let right = (sep(end) && around.place_start.get(end + 1) == Some(&true))
                || (self.token_key(end) == ","
                    && self.token_key(end + 1) == "and"
                    && around.place_start.get(end + 2) == Some(&true));
            !person && (left || right)
        };
        ((placed || listed()) && geocode::any_place(self.kb, &k, self.names, true)).then_some((len, span))
    }
}
