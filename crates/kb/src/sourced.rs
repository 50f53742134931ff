//! The sourced tables of the knowledge base and the linking step that reads them.
//!
//! `models/kb/build_sourced.py` builds three tables from public data sets:
//! `people.tsv` (US Congress members and the recent US executive, with terms),
//! `companies.tsv` (S&P 500) and `parties.tsv` (Party Facts core parties). Their
//! rows join [`Kb::people`] and [`Kb::orgs`] (a person the curated leaders already
//! hold, by Wikidata id or name, gains the terms and Wikipedia title), but their
//! names go to an index of their own ([`Sourced`]): the type rules of
//! [`crate::retype`] and the geocoder keep seeing only the curated names, and a
//! lone surname of a sourced person is never looked up in the KB (it links only
//! through the full name the article wrote, as [`crate::link`] resolves surnames).
//!
//! [`Ctx::link_sourced`] links a PERSON or ORG mention that the curated names left
//! unlinked, preferring no link to a wrong one: a name two sourced entries share
//! ("Democratic Party") links only to the one whose country the article names, and
//! a party's acronym ("BJP") only when its country is named; otherwise nothing.

use std::collections::{HashMap, HashSet};

use newsgraph_model::EntityType;

use crate::link::{Ctx, Linked};
use crate::tables::{list, opt, parse_day, rows, Day, Kb, NameIndex, Org, Person, PlaceKind, Sense, Tenure};
use crate::text::key;
use crate::KbError;

macro_rules! table {
    ($file:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/kb/", $file))
    };
}

pub(crate) const PEOPLE_TSV: &str = table!("people.tsv");
pub(crate) const COMPANIES_TSV: &str = table!("companies.tsv");
pub(crate) const PARTIES_TSV: &str = table!("parties.tsv");

/// The names of the sourced tables.
#[derive(Debug, Default)]
pub struct Sourced {
    pub names: NameIndex,
    /// (name key, org) pairs that link only where the org's country is named: party acronyms.
    pub gated: HashSet<(String, u16)>,
}

/// Adds the sourced tables to the KB (called before the indexes are finished).
pub(crate) fn load(kb: &mut Kb) -> Result<(), KbError> {
    load_people(kb)?;
    // companies: tickers name aliases wikidata wikipedia country sector src
    for cells in rows("companies", COMPANIES_TSV, 8) {
        let c = cells?;
        add_org(kb, c[0], c[1], c[2], "", c[3], c[4], c[5], "BUS");
    }
    // parties: partyfacts name aliases acronyms wikidata wikipedia country share year_last src
    for cells in rows("parties", PARTIES_TSV, 10) {
        let c = cells?;
        add_org(kb, &format!("partyfacts:{}", c[0]), c[1], c[2], c[3], c[4], c[5], c[6], "PTY");
    }
    kb.sourced.names.finish();
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn add_org(
    kb: &mut Kb,
    org_key: &str,
    name: &str,
    aliases: &str,
    acronyms: &str,
    wikidata: &str,
    wikipedia: &str,
    country: &str,
    sector: &str,
) {
    let Ok(idx) = u16::try_from(kb.orgs.len()) else { return };
    let wikidata = opt(wikidata);
    kb.orgs.push(Org {
        key: org_key.to_string(),
        name: name.to_string(),
        // A sector without a Wikidata id marks a generic actor ("police"): only identified rows get one.
        sector: wikidata.as_ref().map(|_| sector.to_string()),
        wikidata,
        country: kb.by_iso2.get(country).copied(),
        metonym: false,
        wikipedia: opt(wikipedia),
    });
    for n in std::iter::once(name).chain(list(aliases)).chain(list(acronyms)) {
        kb.sourced.names.push(&key(n), Sense::Org(idx));
    }
    for a in list(acronyms) {
        kb.sourced.gated.insert((key(a), idx));
    }
}

/// `people.tsv`: bioguide name aliases wikidata wikipedia party tenures src, tenures as
/// "Office,OF,start,end;..." (end empty while in office).
fn load_people(kb: &mut Kb) -> Result<(), KbError> {
    // The curated leaders by Wikidata id, and those without one by name key.
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, p) in kb.people.iter().enumerate() {
        match &p.wikidata {
            Some(q) => by_id.insert(q.clone(), i),
            None => by_name.insert(key(&p.name), i),
        };
    }
    for cells in rows("people", PEOPLE_TSV, 8) {
        let c = cells?;
        let mut tenures = Vec::new();
        for t in list(c[6]) {
            let parts: Vec<&str> = t.split(',').collect();
            let [office, of, start, end] = parts[..] else {
                return Err(KbError::Table { table: "people", message: format!("bad tenure {t:?}") });
            };
            let Some(start) = parse_day(start) else {
                return Err(KbError::Table { table: "people", message: format!("bad start {t:?}") });
            };
            let end: Day = parse_day(end).unwrap_or(Day::MAX);
            tenures.push(Tenure { office: office.to_string(), of: of.to_string(), start, end });
        }
        let wikidata = opt(c[3]);
        let name_key = key(c[1]);
        // The curated leader of the same Wikidata id or name, if any.
        let existing = wikidata.as_ref().and_then(|q| by_id.get(q)).or_else(|| by_name.get(&name_key)).copied();
        let idx = match existing {
            Some(i) => {
                let person = &mut kb.people[i];
                for t in tenures {
                    if !person.tenures.iter().any(|h| h.office == t.office && h.of == t.of && h.start == t.start) {
                        person.tenures.push(t);
                    }
                }
                person.wikidata = person.wikidata.take().or(wikidata);
                person.wikipedia = person.wikipedia.take().or_else(|| opt(c[4]));
                i
            }
            None => {
                kb.people.push(Person { name: c[1].to_string(), wikidata, wikipedia: opt(c[4]), tenures });
                kb.people.len() - 1
            }
        };
        let Ok(idx) = u16::try_from(idx) else { continue };
        for n in std::iter::once(c[1]).chain(list(c[2])) {
            kb.sourced.names.push(&key(n), Sense::Person(idx));
        }
    }
    Ok(())
}

impl Ctx<'_> {
    /// Links PERSON and ORG mentions the curated names left unlinked to a sourced
    /// entry, when exactly one fits (see the module doc).
    pub(crate) fn link_sourced(&self, mentions: &mut [Linked]) {
        let named = self.named_countries(mentions);
        let kb = self.kb;
        for m in mentions.iter_mut() {
            if m.sense.is_some() || !matches!(m.label, EntityType::Person | EntityType::Org) {
                continue;
            }
            let person = m.label == EntityType::Person;
            let mut found: Vec<Sense> = kb
                .sourced
                .names
                .get(&m.name_key)
                .iter()
                .copied()
                .filter(|s| if person { matches!(s, Sense::Person(_)) } else { matches!(s, Sense::Org(_)) })
                .collect();
            let gated = found
                .iter()
                .any(|s| matches!(s, Sense::Org(o) if kb.sourced.gated.contains(&(m.name_key.clone(), *o))));
            if !person && (found.len() > 1 || gated) {
                found.retain(
                    |s| matches!(s, Sense::Org(o) if kb.orgs[*o as usize].country.is_some_and(|c| named.contains(&c))),
                );
            }
            if let [only] = found[..] {
                m.sense = Some(only);
            }
        }
    }

    /// Countries the article names: by a country name or demonym, a metonym, or a
    /// first-level region that only one country has ("Bihar").
    fn named_countries(&self, mentions: &[Linked]) -> HashSet<u16> {
        let kb = self.kb;
        let mut named = HashSet::new();
        for m in mentions {
            if let Some(Sense::Org(o)) = m.sense {
                named.extend(kb.orgs[o as usize].country.filter(|_| kb.orgs[o as usize].metonym));
            }
            if !matches!(m.label, EntityType::Gpe | EntityType::Loc | EntityType::Norp | EntityType::Org) {
                continue;
            }
            let mut regions = HashSet::new();
            for &s in kb.senses_as(&m.key, m.code) {
                match s {
                    Sense::Country(c) | Sense::Demonym(c) => {
                        named.insert(c);
                    }
                    Sense::Place(p) if kb.place(p).kind == PlaceKind::Admin => {
                        regions.extend(kb.place(p).country);
                    }
                    _ => {}
                }
            }
            if regions.len() == 1 {
                named.extend(regions);
            }
        }
        named
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::assert_checksums;

    #[test]
    fn sourced_tables_match_build_script_checksums() {
        assert_checksums(&[("people.tsv", PEOPLE_TSV), ("companies.tsv", COMPANIES_TSV), ("parties.tsv", PARTIES_TSV)]);
    }

    #[test]
    fn sourced_rows_join_the_people_and_orgs() {
        let kb = Kb::load().unwrap();
        assert!(kb.people.len() > 700 && kb.orgs.len() > 3000, "{} people, {} orgs", kb.people.len(), kb.orgs.len());
        // A curated leader gains the executive's Wikipedia title, and is one person.
        let trump: Vec<_> = kb.people.iter().filter(|p| p.name == "Donald Trump").collect();
        assert_eq!(trump.len(), 1);
        assert_eq!(trump[0].wikipedia.as_deref(), Some("Donald Trump"));
        // Sourced names are in their own index, not in the one the type rules read.
        assert!(kb.senses("tim scott").is_empty());
        assert!(!kb.sourced.names.get("tim scott").is_empty());
        assert!(!kb.surnames.contains_key("cantwell"), "no bare-surname lookup for sourced people");
    }
}
