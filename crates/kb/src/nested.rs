//! Names inside organisation and facility names: "University of *Texas*",
//! "*Andy Warhol* Foundation", "*U.S.* Department of Agriculture".
//!
//! An organisation named after a place or a person also mentions that place or
//! person; the record keeps both (the nested mention is geocoded or joins the
//! person's entity). A window of one to three words inside an unlinked
//! organisation or facility name becomes a nested mention when it is
//! - a country, a first-level region or curated region, or a city of 100,000+
//!   people (15,000+ for a multi-word city name), written as a name and not an
//!   ordinary English word ("Mobile Phone Exchange" names no city), and by the
//!   place's own name when every word is an ordinary one ("White House" is not
//!   Casablanca); or
//! - a person named in full elsewhere in the article, or that person's surname.
//!
//! Longer windows win and nested mentions do not overlap. It does not nest
//! inside place names ("Mexico City" stays one place) or inside KB organisations.

use std::collections::HashSet;

use newsgraph_model::{ByteSpan, EntityType};

use crate::geocode;
use crate::link::{Ctx, Linked};
use crate::retype::{is_ordinary_in_name, name_like};
use crate::tables::{PlaceKind, Sense};
use crate::text::key;

impl Ctx<'_> {
    /// Adds the nested place and person mentions of every unlinked organisation or facility name.
    pub(crate) fn nested_names(&self, mentions: &mut Vec<Linked>) {
        // Full names of people in the article and their surnames.
        let mut people: HashSet<String> = HashSet::new();
        for m in mentions.iter().filter(|m| m.label == EntityType::Person && m.name_key.contains(' ')) {
            people.insert(m.name_key.clone());
            let last = m.span.slice(self.text).split_whitespace().next_back().unwrap_or("");
            if name_like(last) && !is_ordinary_in_name(self.kb, last) {
                people.insert(key(last));
            }
        }
        let existing: HashSet<(usize, usize)> = mentions.iter().map(|m| (m.first_token, m.end_token)).collect();
        let mut added = Vec::new();
        for m in mentions.iter() {
            if !matches!(m.label, EntityType::Org | EntityType::Fac)
                || m.sense.is_some()
                || m.end_token <= m.first_token + 1
            {
                continue;
            }
            let mut t = m.first_token;
            while t < m.end_token {
                let found = (1..=3.min(m.end_token - t)).rev().find_map(|len| {
                    // The whole container is not nested in itself.
                    if len == m.end_token - m.first_token {
                        return None;
                    }
                    // A name found again there already ([`crate::refind`]).
                    if existing.contains(&(t, t + len)) {
                        return None;
                    }
                    self.nested_at(m, t, len, &people).map(|found| (len, found))
                });
                match found {
                    Some((len, (span, k, label))) => {
                        added.push(Linked::new(span, label, k.clone(), k, t..t + len, false));
                        t += len;
                    }
                    None => t += 1,
                }
            }
        }
        mentions.extend(added);
    }

    /// The nested mention the `len` tokens at `t` inside `m` make, if any: span, key and label.
    fn nested_at(
        &self,
        m: &Linked,
        t: usize,
        len: usize,
        people: &HashSet<String>,
    ) -> Option<(ByteSpan, String, EntityType)> {
        let (first, last) = (self.tokens.get(t)?, self.tokens.get(t + len - 1)?);
        let span = ByteSpan::new(first.span.start().max(m.span.start()), last.span.end().min(m.span.end()));
        if span.is_empty() {
            return None;
        }
        let words: Vec<&str> = span.slice(self.text).split_whitespace().collect();
        // Every word a name ("U.S.", "Texas", "Warhol"): no "of", no "&".
        if !words.iter().all(|w| name_like(w) || w.chars().all(|c| c.is_uppercase() || c == '.')) {
            return None;
        }
        let k = key(span.slice(self.text));
        if k.is_empty() {
            return None;
        }
        if people.contains(&k) {
            return Some((span, k, EntityType::Person));
        }
        // One word is weak evidence: not an ordinary word, the place's own name (not one
        // of GeoNames' many alternate names), and when it is also a given name ("Mary"),
        // a country or a region of millions ("Texas").
        let single = words.len() == 1;
        if single && is_ordinary_in_name(self.kb, words[0]) {
            return None;
        }
        // Ordinary words only ("White House") name a place by its own name ("Long
        // Beach"), never by an alternate one (Casablanca's "White House").
        let plain_words = words.iter().all(|w| is_ordinary_in_name(self.kb, w));
        let given = single && self.kb.given_names.contains_key(words[0]);
        let place = geocode::candidates(self.kb, &k, false, self.names).iter().any(|s| match s {
            Sense::Country(_) => true,
            Sense::Place(p) => {
                let row = self.kb.place(*p);
                let own_name = (!single && !plain_words) || key(row.name) == k;
                own_name
                    && match row.kind {
                        PlaceKind::Admin | PlaceKind::Region | PlaceKind::FormerCountry => {
                            !given || row.population >= 2_000_000
                        }
                        PlaceKind::City => !given && row.population >= if single { 100_000 } else { 15_000 },
                        PlaceKind::County => false,
                    }
            }
            _ => false,
        });
        place.then_some((span, k, EntityType::Gpe))
    }
}
