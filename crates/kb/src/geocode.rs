//! Geocoding: choosing one GeoNames place (or country, or region) per place name in an article.
//!
//! Candidates are every country, admin-1 region, curated region and city of
//! 15,000+ people that carries the name (as its name or an alternate name, in any
//! script; CLDR names of other languages only in articles of that language). A
//! name written as a short all-caps code ("AI", "IL") has only the candidates
//! whose table name is written so ("UAE", "NYC"). Towns of GeoNames cities500
//! below that size are candidates only when the text places them: "London,
//! Kentucky" (the town in the named region), or a name the tagger typed GPE that
//! nothing in the KB has, when another place of the article lies in the town's
//! admin-1 region ("Ponchatoula" beside "Louisiana"). A lone "Earth", "Titan" or
//! "Azure" is not a village. Candidates are scored by a prior (feature class,
//! population, capital, name versus alternate name), by the article's focus
//! countries (the countries its other place names resolve to), and by "City,
//! Country" adjacency ("Scott County, Indiana" too: a county by its full name sits
//! in its admin-1 region). One name gets one sense per article. It does not find
//! place names in text (that is NER).

use std::collections::HashMap;

use crate::tables::{Kb, Names, PlaceKind, Sense};
use crate::text::key;

/// A place-like name as it occurs in an article.
#[derive(Debug, Clone)]
pub struct PlaceName {
    pub key: String,
    /// Index (into the same list) of a place name that follows this one after a comma
    /// ("Geneva, Switzerland"): the later one should contain the earlier.
    pub container: Option<usize>,
    /// Written as a short all-caps code ([`crate::text::is_code`]): only names written so match.
    pub code: bool,
    /// Typed GPE: a name nothing else in the KB has may be a minor town of the article's region.
    pub gpe: bool,
    /// After a locative word ("in", "near") or a place noun and "of" ("the town of"): a minor town of
    /// that name (its own name, not an alternate one) in one of the article's countries.
    pub located: bool,
}

impl PlaceName {
    /// A place name as its key alone says (no container, not a code, typed GPE).
    pub fn of_key(key: String) -> Self {
        PlaceName { key, container: None, code: false, gpe: true, located: false }
    }
}

/// Suffix words a name may carry that GeoNames does not ("Kiev Oblast", "Hubei province").
const GENERIC_SUFFIXES: &[&str] =
    &[" province", " state", " region", " oblast", " county", " city", " district", " prefecture"];

/// Every country or place but minor towns the name can mean, with the CLDR names of
/// `names`; for a code ("AI"), only those written so.
pub fn candidates(kb: &Kb, key: &str, code: bool, names: Names) -> Vec<Sense> {
    if code {
        return sorted_places(kb.senses_as(key, true).iter().copied());
    }
    variants(kb, key, &|kb, k| place_senses(kb, k, names))
}

/// The senses `find` gives the name, or the name without a generic suffix ("Hubei province")
/// or a "city of" prefix.
fn variants(kb: &Kb, key: &str, find: &dyn Fn(&Kb, &str) -> Vec<Sense>) -> Vec<Sense> {
    let direct = find(kb, key);
    if !direct.is_empty() {
        return direct;
    }
    for suffix in GENERIC_SUFFIXES {
        if let Some(stem) = key.strip_suffix(suffix) {
            let found = find(kb, stem);
            if !found.is_empty() {
                return found;
            }
        }
    }
    key.strip_prefix("city of ").map(|stem| find(kb, stem)).unwrap_or_default()
}

/// Whether any country or place of any size (minor towns included) has the name; with
/// `own`, only as its own name, not an alternate one (alternate names hold oddities
/// such as brand names).
pub(crate) fn any_place(kb: &Kb, key_: &str, names: Names, own: bool) -> bool {
    let mut senses = candidates(kb, key_, false, names);
    senses.extend(variants(kb, key_, &minor_senses));
    senses.iter().any(|&s| match s {
        Sense::Place(p) if own => key(kb.place(p).name) == key_,
        _ => true,
    })
}

/// Towns of fewer than [`crate::tables::MINOR_POPULATION`] people with the name.
fn minor_senses(kb: &Kb, key: &str) -> Vec<Sense> {
    if GENERIC_NAMES.contains(&key) {
        return Vec::new();
    }
    kb.minor_places(key).to_vec()
}

/// Compass words that some countries use as admin-1 names (Cameroon's "West") but news
/// uses for everything else ("the West").
const GENERIC_NAMES: &[&str] = &[
    "north", "south", "east", "west", "centre", "center", "central", "northern", "southern", "eastern", "western",
    "capital", "coast",
];

fn place_senses(kb: &Kb, key: &str, names: Names) -> Vec<Sense> {
    if GENERIC_NAMES.contains(&key) {
        return Vec::new();
    }
    let mut senses = kb.senses(key).to_vec();
    kb.foreign_senses(names, key, &mut senses);
    sorted_places(senses.into_iter())
}

/// The countries and places among `senses`, countries first, in table order.
fn sorted_places(senses: impl Iterator<Item = Sense>) -> Vec<Sense> {
    let mut senses: Vec<Sense> = senses.filter(|s| matches!(s, Sense::Country(_) | Sense::Place(_))).collect();
    senses.sort_unstable_by_key(|s| match s {
        Sense::Country(c) => (0, u32::from(*c)),
        Sense::Place(p) => (1, *p),
        _ => (2, 0),
    });
    senses
}

/// The country a sense lies in (or is).
pub fn country_of(kb: &Kb, sense: Sense) -> Option<u16> {
    match sense {
        Sense::Country(c) | Sense::Demonym(c) => Some(c),
        Sense::Place(p) => kb.place(p).country,
        Sense::Org(o) => kb.orgs[o as usize].country,
        Sense::Person(_) => None,
    }
}

/// The score of a sense before the article says anything about it.
fn prior(kb: &Kb, sense: Sense, key: &str) -> f64 {
    match sense {
        Sense::Country(_) => 10.0,
        Sense::Place(p) => {
            let row = kb.place(p);
            let pop = (row.population as f64 + 10.0).log10();
            let base = match row.kind {
                PlaceKind::Region => 9.5,
                PlaceKind::FormerCountry => 9.0,
                PlaceKind::Admin => 1.5 + pop,
                PlaceKind::County => pop,
                PlaceKind::City => pop + if kb.capital_of(p).is_some() { 1.0 } else { 0.0 },
            };
            // A name that is only an alternate spelling ("Mexico" for Mexico City) is weaker;
            // curated regions' aliases ("Atlantic") were chosen by hand and are not.
            let primary =
                matches!(row.kind, PlaceKind::Region | PlaceKind::FormerCountry) || crate::text::key(row.name) == key;
            base + if primary { 0.0 } else { -1.0 }
        }
        _ => 0.0,
    }
}

/// Candidates with their priors. A region named after a city at least a third its size
/// (Moscow, Geneva, Kyiv Oblast) yields to the city: news names the city far more often.
fn scored_candidates(kb: &Kb, key: &str, code: bool, names: Names) -> Vec<(Sense, f64)> {
    let mut list: Vec<(Sense, f64)> =
        candidates(kb, key, code, names).into_iter().map(|s| (s, prior(kb, s, key))).collect();
    let admins: Vec<(usize, u32)> = list
        .iter()
        .enumerate()
        .filter_map(|(i, (s, _))| match s {
            Sense::Place(p) if kb.place(*p).kind == PlaceKind::Admin => Some((i, *p)),
            _ => None,
        })
        .collect();
    for (ai, a) in admins {
        let admin = kb.place(a);
        let city_in_it = list.iter().position(|(s, _)| match s {
            Sense::Place(c) => {
                let city = kb.place(*c);
                city.kind == PlaceKind::City
                    && city.country == admin.country
                    && city.population as f64 >= 0.3 * admin.population as f64
            }
            _ => false,
        });
        if let Some(ci) = city_in_it {
            list[ci].1 = list[ci].1.max(list[ai].1 + 0.1);
        }
    }
    list
}

/// Chooses one sense for each place name, using the whole article as context
/// (`language`: the CLDR names of which other language count).
pub fn resolve(kb: &Kb, names: &[PlaceName], language: Names) -> Vec<Option<Sense>> {
    // One sense per article: score each distinct key once.
    let mut keys: Vec<&str> = Vec::new();
    let mut key_index: HashMap<&str, usize> = HashMap::new();
    let of_name: Vec<usize> = names
        .iter()
        .map(|n| {
            *key_index.entry(n.key.as_str()).or_insert_with(|| {
                keys.push(n.key.as_str());
                keys.len() - 1
            })
        })
        .collect();
    // A key is a code, or typed GPE, when one of its mentions is.
    let mut code = vec![false; keys.len()];
    let mut gpe = vec![false; keys.len()];
    let mut located = vec![false; keys.len()];
    for (n, &k) in names.iter().zip(&of_name) {
        code[k] |= n.code;
        gpe[k] |= n.gpe;
        located[k] |= n.located;
    }
    let mut cands: Vec<Vec<(Sense, f64)>> =
        keys.iter().zip(&code).map(|(k, &c)| scored_candidates(kb, k, c, language)).collect();
    let mentions_per_key = {
        let mut counts = vec![0usize; keys.len()];
        for &k in &of_name {
            counts[k] += 1;
        }
        counts
    };

    // "City, Country": the container's countries (and admin regions) favour the contained.
    let mut contained_in: Vec<Vec<Sense>> = vec![Vec::new(); keys.len()];
    for (i, name) in names.iter().enumerate() {
        if let Some(c) = name.container {
            let ci = of_name[c];
            if ci != of_name[i] {
                let outer = &mut contained_in[of_name[i]];
                for &(s, _) in &cands[ci] {
                    // Repeated "Geneva, Switzerland" must not grow the list without bound.
                    if !outer.contains(&s) {
                        outer.push(s);
                    }
                }
            }
        }
    }

    // A minor town the text puts in one of the container's senses is a candidate too,
    // even where a bigger place has the name ("London, Kentucky"). Not for a name that is
    // a country or a region: "Illinois, Missouri" is a list, not a town in Missouri.
    for (k, outer) in contained_in.iter().enumerate() {
        let region_name = cands[k].iter().any(|&(s, _)| match s {
            Sense::Country(_) => true,
            Sense::Place(p) => kb.place(p).kind != PlaceKind::City,
            _ => false,
        });
        if outer.is_empty() || region_name || code[k] {
            continue;
        }
        for s in variants(kb, keys[k], &minor_senses) {
            if !cands[k].iter().any(|&(c, _)| c == s) && outer.iter().any(|&o| contains(kb, o, s)) {
                cands[k].push((s, prior(kb, s, keys[k])));
            }
        }
    }

    let pick = |scores: &[(Sense, f64)]| scores.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1)).map(|(s, _)| s);
    let mut chosen: Vec<Option<Sense>> = cands.iter().map(|c| pick(c)).collect();

    // A GPE nothing in the KB names may be a minor town in an admin-1 region where
    // the article's other places are ("Ponchatoula" in an article naming Louisiana or
    // Baton Rouge), or by its own name after "in"/"near" in a country they are in
    // ("in Etoumbi" in an article about the Congo). The regions come from the first
    // choices of the other keys; a country's admin-1 is empty.
    let regions: Vec<(usize, u16, &str)> = chosen
        .iter()
        .enumerate()
        .filter_map(|(k, s)| match s {
            Some(Sense::Country(c)) => Some((k, *c, "")),
            Some(Sense::Place(p)) => {
                let row = kb.place(*p);
                let admin = matches!(row.kind, PlaceKind::City | PlaceKind::Admin | PlaceKind::County);
                row.country.filter(|_| admin).map(|c| (k, c, row.admin1))
            }
            _ => None,
        })
        .collect();
    if !regions.is_empty() {
        for k in 0..keys.len() {
            if !cands[k].is_empty() || code[k] || !gpe[k] || !kb.senses(keys[k]).is_empty() {
                continue;
            }
            for s in variants(kb, keys[k], &minor_senses) {
                let Sense::Place(p) = s else { continue };
                let row = kb.place(p);
                let own_name = key(row.name) == keys[k];
                let near = regions.iter().any(|&(other, c, a)| {
                    other != k
                        && row.country == Some(c)
                        && ((!a.is_empty() && row.admin1 == a) || (located[k] && own_name))
                });
                if near && !cands[k].iter().any(|&(c, _)| c == s) {
                    cands[k].push((s, prior(kb, s, keys[k])));
                }
            }
            chosen[k] = pick(&cands[k]);
        }
    }

    for _round in 0..2 {
        // Focus: how many mentions resolve into each country, per key so a key can exclude itself.
        let mut focus: HashMap<u16, f64> = HashMap::new();
        let mut total = 0.0;
        for (k, sense) in chosen.iter().enumerate() {
            if let Some(c) = sense.and_then(|s| country_of(kb, s)) {
                // Unambiguous names are surer evidence of the article's focus than guesses.
                let weight = if cands[k].len() == 1 { 1.0 } else { 0.5 };
                *focus.entry(c).or_default() += weight * mentions_per_key[k] as f64;
                total += weight * mentions_per_key[k] as f64;
            }
        }
        // Ties go to the lower country index: a map's order differs from run to run.
        let top = focus.iter().max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0))).map(|(&c, _)| c);
        let next: Vec<Option<Sense>> = cands
            .iter()
            .enumerate()
            .map(|(k, list)| {
                if list.len() <= 1 {
                    return list.first().map(|&(s, _)| s);
                }
                let own = chosen[k].and_then(|s| country_of(kb, s));
                let own_weight = if cands[k].len() == 1 { 1.0 } else { 0.5 } * mentions_per_key[k] as f64;
                let scored: Vec<(Sense, f64)> = list
                    .iter()
                    .map(|&(sense, base)| {
                        let mut score = base;
                        let country = country_of(kb, sense);
                        if let Some(c) = country {
                            let mut count = focus.get(&c).copied().unwrap_or(0.0);
                            let mut others = total;
                            if own == Some(c) {
                                count -= own_weight;
                                others -= own_weight;
                            }
                            if count > 0.0 && others > 0.0 {
                                score += 3.0 * count / others + 0.5;
                                if top == Some(c) {
                                    score += 1.0;
                                }
                            }
                        }
                        // A county only by its full name: "Washington, Pennsylvania and
                        // California" is a list, not Washington County.
                        let county_alias = matches!(sense, Sense::Place(p)
                            if kb.place(p).kind == PlaceKind::County && key(kb.place(p).name) != keys[k]);
                        if !contained_in[k].is_empty()
                            && !county_alias
                            && contained_in[k].iter().any(|&outer| contains(kb, outer, sense))
                        {
                            score += 8.0;
                        }
                        (sense, score)
                    })
                    .collect();
                pick(&scored)
            })
            .collect();
        chosen = next;
    }
    of_name.iter().map(|&k| chosen[k]).collect()
}

/// Whether `outer` (a country or admin region) contains `inner`.
fn contains(kb: &Kb, outer: Sense, inner: Sense) -> bool {
    match (outer, inner) {
        (Sense::Country(c), s) => s != Sense::Country(c) && country_of(kb, s) == Some(c),
        (Sense::Place(o), Sense::Place(i)) => {
            let (o, i) = (kb.place(o), kb.place(i));
            o.kind == PlaceKind::Admin
                && matches!(i.kind, PlaceKind::City | PlaceKind::County)
                && o.country == i.country
                && o.admin1 == i.admin1
        }
        _ => false,
    }
}

/// Geocodes one name given the countries (ISO alpha-2) the rest of its text is about.
/// A name alone has no language: the CLDR names of every language count. A minor
/// town needs a context country's region to be named too; the country alone does not
/// place it.
pub fn geocode_name(kb: &Kb, name: &str, context_countries: &[&str]) -> Option<Sense> {
    let mut names = vec![PlaceName { code: crate::text::is_code(name), ..PlaceName::of_key(key(name)) }];
    for iso in context_countries {
        if let Some(&c) = kb.by_iso2.get(*iso) {
            names.push(PlaceName::of_key(key(&kb.country(c).name)));
        }
    }
    resolve(kb, &names, Names::All).first().copied().flatten()
}
