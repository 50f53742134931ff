//! Places the tagger typed otherwise: "farms in *Pandi*" (ORG), "the village of
//! *Caraorman*" (PERSON), "the *Artibonite* region" (NORP).
//!
//! The small model often types a town it does not know as an organisation or a
//! person. An unlinked ORG, PERSON, NORP or PRODUCT mention becomes a place (GPE)
//! when its name is a GeoNames place of any size (cities500, admin-1 or admin-2)
//! and the text itself places it:
//! - after a locative word ("in", "near") or a place noun and "of" ("town of",
//!   "villages of", "district of");
//! - before a place noun ("the Artibonite region", "Karo district");
//! - after "from" or "at", before "in" or a comma and a place ("Warwick in
//!   Queensland", "Binh Phuoc, Vietnam"), or in a list with a place ("Suba, Migori, Homa Bay",
//!   "Tacloban and Babatngon"): weaker evidence (firms and people are "from" places
//!   and listed too), so only when the name is no given name or surname and is the
//!   place's own GeoNames name, not an alternate one ("Google and Amazon" lists no
//!   towns);
//! - a PERSON or PRODUCT that is, by its own name, a country, a first-level region
//!   or a city of 100,000+ ("Minas Gerais", "Calcutta"), with no name word in it.
//!
//! A name that is the last word of a full person name in the article stays a person
//! ("Paris" after "Valeska Paris"). Every unlinked mention of the same name with
//! one of those types follows. English articles only (the context words are
//! English). It does not add mentions (NER and `refind` do) and does not choose the
//! place (`geocode` does; a town of fewer than 15,000 people still needs the text
//! to place it, see `PlaceName::located`).

use std::collections::HashSet;

use newsgraph_model::{ByteSpan, EntityType};

use crate::geocode;
use crate::link::{Ctx, Linked};
use crate::tables::{PlaceKind, Sense};
use crate::text::{is_code, key};

/// Nouns that, followed by "of", introduce a place name ("the town of X").
const PLACE_NOUNS: &[&str] = &[
    "town",
    "towns",
    "village",
    "villages",
    "city",
    "district",
    "districts",
    "province",
    "county",
    "region",
    "community",
    "island",
    "municipality",
    "suburb",
    "state",
];

/// Nouns that, after a name, make it a place ("the Artibonite region").
const PLACE_NOUNS_AFTER: &[&str] =
    &["region", "regions", "province", "provinces", "district", "districts", "county", "town", "village"];

impl Ctx<'_> {
    /// Whether the words before token `first` place what follows: "in", "near", or a
    /// place noun and "of" ("the village of").
    pub(crate) fn placed_before(&self, first: usize) -> bool {
        if first == 0 {
            return false;
        }
        let before = self.token_key(first - 1);
        if matches!(before.as_str(), "in" | "near") {
            return true;
        }
        before == "of" && first >= 2 && PLACE_NOUNS.contains(&self.token_key(first - 2).as_str())
    }

    /// Whether a word of name key `k` is a known given name or surname (a place name
    /// listed or written after "from" could then be a person's).
    pub(crate) fn has_person_name_word(&self, k: &str) -> bool {
        k.split(' ').any(|w| self.kb.given_names.contains_key(w) || self.kb.surnames.contains_key(w))
    }

    /// Whether the word after the mention is a place noun ("the Artibonite region").
    fn placed_after(&self, end: usize) -> bool {
        end < self.tokens.len() && PLACE_NOUNS_AFTER.contains(&self.token_key(end).as_str())
    }

    /// Retypes unlinked ORG / PERSON / NORP / PRODUCT mentions that the text places and GeoNames
    /// names as GPE (see the module doc).
    pub(crate) fn placed_names(&self, mentions: &mut [Linked]) {
        if !self.english {
            return;
        }
        let retypable = |m: &Linked| {
            m.sense.is_none()
                && !m.code
                && matches!(m.label, EntityType::Org | EntityType::Person | EntityType::Norp | EntityType::Product)
        };
        let is_place = |m: &Linked| matches!(m.label, EntityType::Gpe | EntityType::Loc) && !m.team;
        // The last words of the article's full person names: "Paris" after "Valeska Paris" is her.
        let surnames: Vec<&str> = mentions
            .iter()
            .filter(|m| m.label == EntityType::Person)
            .filter_map(|m| m.key.rsplit_once(' ').map(|(_, last)| last))
            .collect();
        let mut placed: Vec<String> = Vec::new();
        // Two passes: a name placed in the first can place its neighbour in a list.
        for _ in 0..2 {
            for i in 0..mentions.len() {
                let m = &mentions[i];
                if !retypable(m) || placed.contains(&m.key) || surnames.contains(&m.key.as_str()) {
                    continue;
                }
                let context = self.placed_before(m.first_token) || self.placed_after(m.end_token);
                let person_name = || self.has_person_name_word(&m.key);
                // "Warwick in Queensland", "Binh Phuoc, Vietnam": a place right after "in" or a comma.
                let within = mentions.get(i + 1).is_some_and(|n| {
                    is_place(n)
                        && n.first_token == m.end_token + 1
                        && matches!(self.token_key(m.end_token).as_str(), "in" | ",")
                });
                // "from X", "at X": also said of firms and people, so weaker.
                let from = m.first_token > 0 && matches!(self.token_key(m.first_token - 1).as_str(), "from" | "at");
                let listed = || {
                    [i.checked_sub(1), Some(i + 1)].into_iter().flatten().any(|j| {
                        mentions
                            .get(j)
                            .is_some_and(|n| (is_place(n) || placed.contains(&n.key)) && self.listed_together(m, n))
                    })
                };
                // A list is weaker evidence than a locative word: the place's own name only.
                let place = |own| geocode::any_place(self.kb, &m.key, self.names, own);
                // A country, region or big city by its own name needs no context, but an
                // organisation so named may be a club or a firm ("Barcelona", "Jordan Ltd").
                let known = matches!(m.label, EntityType::Person | EntityType::Product)
                    && !person_name()
                    && self.well_known_own(&m.key);
                if (context && place(false)) || ((from || within || listed()) && !person_name() && place(true)) || known
                {
                    placed.push(m.key.clone());
                }
            }
        }
        for m in mentions.iter_mut() {
            if retypable(m) && placed.contains(&m.key) {
                m.label = EntityType::Gpe;
            }
        }
    }

    /// Whether the name is, by its own name, a country, a first-level or curated region
    /// or a city of 100,000+ people.
    fn well_known_own(&self, k: &str) -> bool {
        geocode::candidates(self.kb, k, false, self.names).iter().any(|s| match s {
            Sense::Country(_) => true,
            Sense::Place(p) => {
                let row = self.kb.place(*p);
                key(row.name) == k
                    && (matches!(row.kind, PlaceKind::Admin | PlaceKind::Region)
                        || (row.kind == PlaceKind::City && row.population >= 100_000))
            }
            _ => false,
        })
    }

    /// Adds the country written before a KB organisation's name as a nested place
    /// mention ("*U.S.* Centers for Disease Control and Prevention"): the country is
    /// named there, though the organisation's link keeps nested names out of it
    /// ([`crate::nested`]). Only when the rest alone names the same organisation or
    /// the organisation is of that country. English articles only.
    pub(crate) fn country_prefixes(&self, mentions: &mut Vec<Linked>) {
        // Other languages put the country elsewhere ("Centro … de EE.UU."): not read here.
        if !self.english {
            return;
        }
        let existing: HashSet<(usize, usize)> = mentions.iter().map(|m| (m.first_token, m.end_token)).collect();
        let mut added = Vec::new();
        for m in mentions.iter() {
            let (EntityType::Org, Some(Sense::Org(o))) = (m.label, m.sense) else { continue };
            for len in 1..=3 {
                let end = m.first_token + len;
                let (Some(first), Some(last), Some(next)) =
                    (self.tokens.get(m.first_token), self.tokens.get(end - 1), self.tokens.get(end))
                else {
                    break;
                };
                if end >= m.end_token || existing.contains(&(m.first_token, end)) {
                    break;
                }
                let span = ByteSpan::new(first.span.start().max(m.span.start()), last.span.end());
                let (name, rest) = (span.slice(self.text), ByteSpan::new(next.span.start(), m.span.end()));
                let rest = rest.slice(self.text);
                let Some(country) = self.kb.senses_as(&key(name), is_code(name)).iter().find_map(|s| match s {
                    Sense::Country(c) => Some(*c),
                    _ => None,
                }) else {
                    continue;
                };
                let same_org = self.kb.senses_as(&key(rest), is_code(rest)).contains(&Sense::Org(o));
                if same_org || self.kb.orgs[o as usize].country == Some(country) {
                    added.push(Linked::new(
                        span,
                        EntityType::Gpe,
                        key(name),
                        key(name),
                        m.first_token..end,
                        is_code(name),
                    ));
                }
                break;
            }
        }
        mentions.extend(added);
    }

    /// Whether place `b` follows place `a` as its container: "Crawford County located in
    /// Pennsylvania", "Kogelo in Nyanza" (the geocoder favours an `a` inside `b`).
    pub(crate) fn located_in(&self, a: &Linked, b: &Linked) -> bool {
        let between: Vec<String> = (a.end_token..b.first_token).map(|t| self.token_key(t)).collect();
        matches!(
            between.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
            ["in"] | ["located", "in"] | [",", "in"]
        )
    }

    /// Whether two mentions are neighbours in a list: only "," or "and" / "or" (after
    /// an optional comma) between them.
    fn listed_together(&self, a: &Linked, b: &Linked) -> bool {
        let (first, second) = if a.first_token < b.first_token { (a, b) } else { (b, a) };
        let between: Vec<String> = (first.end_token..second.first_token).map(|t| self.token_key(t)).collect();
        matches!(
            between.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
            [","] | ["and"] | ["or"] | [",", "and"] | [",", "or"]
        )
    }
}
