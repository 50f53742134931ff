//! Grouping linked mentions into the record's entities and places.
//!
//! Mentions with the same KB link are one entity; unlinked mentions group by
//! their name key, lone surnames join the full name they refer to, and the
//! article-level rules of [`crate::resolve`] (acronyms, name parts, short forms,
//! one type per entity) join the rest.
//! Roles come from the text (titles before the name) and from the KB at the
//! article's date. A demonym ("Russian") is its own NORP entity linked to its
//! country's ISO code, not a mention of the country: "Russian forces" are not
//! Russia the place, but event coding still learns their country.

use std::collections::HashMap;

use newsgraph_model::{
    Article, CharIndex, Entity, EntityId, EntityType, FeatureKind, KbLink, Mention, Place, Role, RoleSource,
};

use crate::link::Linked;
use crate::roles::office_matches;
use crate::tables::{Day, Kb, PlaceKind, Sense};
use crate::text::key;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Group {
    Kb(Sense),
    /// The national team of a linked country ([`crate::teams`]).
    Team(Sense),
    Unlinked(EntityType, String),
}

/// Fills `article.entities` and `article.places` from linked mentions.
pub fn build(kb: &Kb, article: &mut Article, mentions: &[Linked]) {
    let text = article.text.as_str();
    let index = CharIndex::new(text);
    let day = article.published_date().and_then(crate::tables::parse_day);

    // Group key of each mention; surnames follow their full name's group.
    let mut groups: Vec<Group> = mentions
        .iter()
        .map(|m| match m.sense {
            Some(sense) if m.team => Group::Team(sense),
            Some(sense) => Group::Kb(sense),
            None => Group::Unlinked(m.label, m.name_key.clone()),
        })
        .collect();
    for (i, m) in mentions.iter().enumerate() {
        if let Some(full) = m.coref {
            groups[i] = groups[full].clone();
        }
    }
    let keep = crate::resolve::resolve(kb, text, mentions, &mut groups);

    // Entities in order of first mention, mentions in text order (some rules append mentions).
    let mut by_position: Vec<usize> = (0..mentions.len()).filter(|&i| keep[i]).collect();
    by_position.sort_by_key(|&i| (mentions[i].span.start(), mentions[i].span.end()));
    let mut order: Vec<Group> = Vec::new();
    let mut members: HashMap<Group, Vec<usize>> = HashMap::new();
    for i in by_position {
        let g = &groups[i];
        let list = members.entry(g.clone()).or_insert_with(|| {
            order.push(g.clone());
            Vec::new()
        });
        list.push(i);
    }

    let mut entities = Vec::with_capacity(order.len());
    let mut places = Vec::new();
    for (n, group) in order.iter().enumerate() {
        let idx = &members[group];
        let id = EntityId::nth(n);
        let entity_mentions: Vec<Mention> = idx
            .iter()
            .map(|&i| {
                let span = index.to_chars(mentions[i].span);
                Mention { span, text: mentions[i].span.slice(text).to_string() }
            })
            .collect();
        let longest =
            idx.iter().map(|&i| display_name(text, &mentions[i])).max_by_key(|s| s.chars().count()).unwrap_or_default();
        let mut roles = text_roles(kb, mentions, idx);
        let (name, kind, link) = match group {
            // A group's name is how the text calls it ("Russian"), its country is in the link.
            Group::Kb(sense @ Sense::Demonym(_)) => {
                let (_, kind, link) = describe(kb, *sense, day, &mut roles);
                (longest, kind, link)
            }
            Group::Kb(sense) => describe(kb, *sense, day, &mut roles),
            Group::Team(sense) => describe_team(kb, *sense),
            Group::Unlinked(label, _) => (longest, *label, None),
        };
        if let Group::Kb(sense) = group {
            if let Some(place) = place_of(kb, *sense, &id) {
                places.push(place);
            }
        }
        entities.push(Entity { id, name, kind, kb: link, roles, mentions: entity_mentions });
    }
    article.entities = entities;
    article.places = places;
}

/// The mention as a name: a person's without the titles in its span.
fn display_name(text: &str, m: &Linked) -> String {
    let s = m.span.slice(text);
    if m.name_key == m.key {
        return s.to_string();
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let n = m.name_key.split(' ').count();
    words[words.len().saturating_sub(n)..].join(" ")
}

/// Roles read from the text before each mention, de-duplicated.
fn text_roles(kb: &Kb, mentions: &[Linked], idx: &[usize]) -> Vec<Role> {
    let mut roles: Vec<Role> = Vec::new();
    for &i in idx {
        let Some(role) = &mentions[i].role else { continue };
        let of = role
            .owner
            .and_then(|o| owner_code(kb, mentions[o].sense))
            .or_else(|| role.owner_key.as_deref().and_then(|k| owner_code(kb, kb.senses(k).first().copied())));
        let new = Role { title: role.title.clone(), of, from: RoleSource::Text };
        let duplicate = roles.iter().any(|r| key(&r.title) == key(&new.title) && (r.of == new.of || new.of.is_none()));
        if !duplicate {
            roles.retain(|r| !(key(&r.title) == key(&new.title) && r.of.is_none()));
            roles.push(new);
        }
    }
    roles
}

/// What a role's "of" says: an ISO2 code for countries, the organisation's name otherwise.
fn owner_code(kb: &Kb, sense: Option<Sense>) -> Option<String> {
    match sense? {
        Sense::Country(c) | Sense::Demonym(c) => Some(kb.country(c).iso2.clone()),
        Sense::Org(o) => {
            let org = &kb.orgs[o as usize];
            match org.country {
                Some(c) if org.metonym => Some(kb.country(c).iso2.clone()),
                _ => Some(org.name.clone()),
            }
        }
        Sense::Place(p) => kb.place(p).country.map(|c| kb.country(c).iso2.clone()),
        Sense::Person(_) => None,
    }
}

/// A KB office-holder's "of" as the record writes it: ISO2 stays, org keys become names.
fn tenure_of(kb: &Kb, of: &str) -> String {
    match kb.org_keys.get(of) {
        Some(&o) => kb.orgs[o as usize].name.clone(),
        None => of.to_string(),
    }
}

/// Canonical name, type and KB link of a linked entity; KB roles are added to `roles`.
fn describe(kb: &Kb, sense: Sense, day: Option<Day>, roles: &mut Vec<Role>) -> (String, EntityType, Option<KbLink>) {
    match sense {
        Sense::Country(c) => {
            let country = kb.country(c);
            let link = KbLink {
                wikidata: country.wikidata.clone(),
                geonames: (country.geonames != 0).then_some(country.geonames),
                country: Some(country.iso2.clone()),
                ..KbLink::default()
            };
            (country.name.clone(), EntityType::Gpe, Some(link))
        }
        Sense::Demonym(c) => {
            let country = kb.country(c);
            let link = KbLink { country: Some(country.iso2.clone()), ..KbLink::default() };
            (country.name.clone(), EntityType::Norp, Some(link))
        }
        Sense::Place(p) => {
            let row = kb.place(p);
            let kind = if row.kind == PlaceKind::Region { EntityType::Loc } else { EntityType::Gpe };
            let link = KbLink {
                wikidata: None,
                geonames: (row.geonames != 0).then_some(row.geonames),
                country: row.country.map(|c| kb.country(c).iso2.clone()),
                ..KbLink::default()
            };
            (row.name.to_string(), kind, Some(link))
        }
        Sense::Org(o) => {
            let org = &kb.orgs[o as usize];
            let link = KbLink {
                wikidata: org.wikidata.clone(),
                geonames: None,
                country: org.country.map(|c| kb.country(c).iso2.clone()),
                sector: org.sector.clone(),
                wikipedia: org.wikipedia.clone(),
            };
            (org.name.clone(), EntityType::Org, Some(link))
        }
        Sense::Person(p) => {
            let person = &kb.people[p as usize];
            // Offices held on the article's date; without a date, the latest one.
            let held: Vec<_> = match day {
                Some(d) => person.tenures.iter().filter(|t| t.active(d)).collect(),
                None => person.tenures.iter().max_by_key(|t| t.start).into_iter().collect(),
            };
            for t in &held {
                let of = tenure_of(kb, &t.of);
                let known =
                    roles.iter().any(|r| office_matches(&r.title, &t.office) && r.of.as_deref() == Some(of.as_str()));
                if !known {
                    roles.retain(|r| !(office_matches(&r.title, &t.office) && r.of.is_none()));
                    roles.push(Role { title: t.office.clone(), of: Some(of), from: RoleSource::Kb });
                }
            }
            let country = held
                .iter()
                .chain(person.tenures.iter().collect::<Vec<_>>().iter())
                .find_map(|t| kb.country_of_code(&t.of))
                .map(|c| kb.country(c).iso2.clone());
            let sector =
                held.first().map(|t| if kb.country_of_code(&t.of).is_some() { "GOV" } else { "IGO" }.to_string());
            let link = KbLink {
                wikidata: person.wikidata.clone(),
                geonames: None,
                country,
                sector,
                wikipedia: person.wikipedia.clone(),
            };
            (person.name.clone(), EntityType::Person, Some(link))
        }
    }
}

/// A national team: an organisation of its country, not the country itself.
fn describe_team(kb: &Kb, sense: Sense) -> (String, EntityType, Option<KbLink>) {
    let (country_name, country) = match sense {
        Sense::Country(c) => (kb.country(c).name.as_str(), Some(c)),
        Sense::Place(p) => (kb.place(p).name, kb.place(p).country),
        _ => ("", None),
    };
    let link = KbLink { country: country.map(|c| kb.country(c).iso2.clone()), ..KbLink::default() };
    (format!("{country_name} national team"), EntityType::Org, Some(link))
}

/// The geocoded place of a country or place entity.
fn place_of(kb: &Kb, sense: Sense, id: &EntityId) -> Option<Place> {
    match sense {
        Sense::Country(c) => {
            let country = kb.country(c);
            Some(Place {
                entity: id.clone(),
                geonames: (country.geonames != 0).then_some(country.geonames),
                country: Some(country.iso2.clone()),
                fips: (!country.fips.is_empty()).then(|| country.fips.clone()),
                adm1: None,
                lat: country.lat,
                lon: country.lon,
                feature: FeatureKind::Country,
            })
        }
        Sense::Place(p) => {
            let row = kb.place(p);
            let country = row.country.map(|c| kb.country(c));
            let fips = country.map(|c| c.fips.clone()).filter(|f| !f.is_empty());
            // GDELT's ADM1 code: FIPS country + GeoNames admin-1 code (which is FIPS for most countries).
            let adm1 = match (&fips, row.admin1.is_empty()) {
                (Some(f), false) => Some(format!("{f}{}", row.admin1)),
                _ => None,
            };
            let feature = match row.kind {
                PlaceKind::City => FeatureKind::City,
                PlaceKind::Admin | PlaceKind::County => FeatureKind::Admin,
                PlaceKind::Region => FeatureKind::Region,
                PlaceKind::FormerCountry => FeatureKind::Country,
            };
            Some(Place {
                entity: id.clone(),
                geonames: (row.geonames != 0).then_some(row.geonames),
                country: country.map(|c| c.iso2.clone()),
                fips,
                adm1,
                lat: row.lat,
                lon: row.lon,
                feature,
            })
        }
        _ => None,
    }
}
