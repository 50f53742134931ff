//! Within-article entity resolution: which mentions of one article are one entity.
//!
//! The steps before this one find and link the mentions ([`crate::link`]): titles
//! are stripped from people's names, a trailing possessive and a leading "the" are
//! trimmed from every mention ("Trump's" is read as "Trump"), a lone surname takes
//! the KB link and the person type of the full name it continues
//! (`Ctx::resolve_people`), and names nested in organisation names become mentions
//! of their own ([`crate::nested`]). Each mention starts in the group of its KB
//! link, or of its type and name key when unlinked. This module then joins groups,
//! in order:
//!
//! 1. **Same name, any type**: unlinked mentions with one name key (possessive
//!    marks aside: "New People 's Party") are one entity whatever type the NER gave
//!    each ("Scientology" tagged ORG once and LOC once), and they join the KB entity
//!    when the same name was linked elsewhere in the article (to one entry of
//!    their kind: "Jordan" tagged PERSON does not join Jordan the country).
//! 2. **Acronyms**: an unlinked all-capitals mention ("JSC") joins the unlinked
//!    organisation or facility whose capitalised initials it spells ("Johnson Space
//!    Center").
//! 3. **Name parts**: two unlinked full names with one surname and given names one
//!    letter apart are one person misspelt ("Kristin"/"Kristen"); an unlinked one-word mention that is the last word of the
//!    name of exactly one multi-word person of the article joins that person
//!    ("Warhol", also when it was found nested in "Warhol Factory", never a
//!    new person of its own); failing that, a one-word PERSON mention that is the
//!    first word of exactly one person's name and the last word of none joins it
//!    (the given name: "Ahmed" → "Ahmed Mohamed"); so does such an ORG or NORP
//!    mention written as a name ("Nitish" tagged NORP → "Nitish Kumar"), never an
//!    acronym.
//! 4. **Short forms of organisations**: a one-word ORG mention that is an ordinary
//!    capitalised word ("the Church", "the Court") joins the one multi-word
//!    organisation of the article whose name begins or ends with it; a one-word ORG
//!    or place mention joins the one organisation named "... of" followed by it
//!    ("Scientology" → "Church of Scientology"); an organisation named without its
//!    country joins the one named with it ("Home Office" → "United Kingdom Home
//!    Office", [`crate::prefixed`]).
//! 5. **One type per entity**: an unlinked entity takes the type most of its
//!    mentions have (ties: the longest mention's), so it is never half PERSON. A
//!    mention named "... administration" or "... government" counts as an ORG
//!    whatever the NER said ("the Marsh administration" is not NORP).
//! 6. **What is kept**: an unlinked PERSON entity whose every mention is one
//!    ordinary capitalised word that is no given name and that the article also
//!    writes in lower case ("Iodine" beside "iodine") is no person and is dropped; a mention inside another mention of the same entity is
//!    dropped, so an entity's mentions never overlap.
//!
//! Each join needs a single candidate: two people with one surname keep a bare
//! surname apart. Linked mentions keep their link (a name the KB knows is not
//! rejoined by spelling). It does not resolve pronouns or common-noun
//! descriptions ("the company"), and it does not join across articles.

use std::collections::HashMap;

use newsgraph_model::EntityType;

use crate::entities::Group;
use crate::link::Linked;
use crate::retype::is_ordinary_in_name;
use crate::tables::Kb;

/// Joins the groups of `mentions` (one per mention, same order) by the rules above;
/// returns which mentions the record keeps (rule 6).
pub(crate) fn resolve(kb: &Kb, text: &str, mentions: &[Linked], groups: &mut [Group]) -> Vec<bool> {
    same_name(mentions, groups);
    merge_acronyms(text, mentions, groups);
    name_parts(text, mentions, groups);
    org_short_forms(kb, text, mentions, groups);
    crate::prefixed::country_prefixed(kb, text, mentions, groups);
    one_type(text, mentions, groups);
    kept(kb, text, mentions, groups)
}

/// Moves every member of `from` into `to`.
pub(crate) fn join(groups: &mut [Group], from: &Group, to: &Group) {
    if from == to {
        return;
    }
    let from = from.clone();
    for g in groups.iter_mut().filter(|g| **g == from) {
        *g = to.clone();
    }
}

/// Adds `group` to a rule's candidates unless it is there already: the lists stay as
/// short as the distinct groups, however often a name repeats (a hostile page).
fn push_distinct(candidates: &mut Vec<Group>, group: &Group) {
    if !candidates.contains(group) {
        candidates.push(group.clone());
    }
}

/// The single group among `candidates`, if they are all one.
fn single(candidates: &[Group]) -> Option<&Group> {
    let first = candidates.first()?;
    candidates.iter().all(|g| g == first).then_some(first)
}

/// A name key without possessive marks ("new people 's party" reads "new people party").
pub(crate) fn plain_key(name_key: &str) -> String {
    name_key
        .split(' ')
        .filter(|w| !matches!(*w, "'s" | "’s" | "s"))
        .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Rule 1: unlinked mentions of one name key are one entity, and join the one KB
/// entity that mentions of that key were linked to.
fn same_name(mentions: &[Linked], groups: &mut [Group]) {
    let mut linked: HashMap<String, Vec<Group>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if matches!(groups[i], Group::Kb(_)) {
            push_distinct(linked.entry(plain_key(&m.name_key)).or_default(), &groups[i]);
        }
    }
    let mut first: HashMap<String, Group> = HashMap::new();
    for i in 0..mentions.len() {
        if !matches!(groups[i], Group::Unlinked(..)) {
            continue;
        }
        let k = plain_key(&mentions[i].name_key);
        let to = match linked.get(&k).and_then(|c| single(c)).filter(|g| fits(mentions[i].label, g)) {
            Some(g) => g.clone(),
            None => first.entry(k).or_insert_with(|| groups[i].clone()).clone(),
        };
        let from = groups[i].clone();
        join(groups, &from, &to);
    }
}

/// Whether a mention of type `label` can be the KB entity `group`: a person a person,
/// an organisation an organisation, a place a country or place ("Jordan" the person
/// does not join Jordan the country).
fn fits(label: EntityType, group: &Group) -> bool {
    use crate::tables::Sense;
    match group {
        Group::Kb(Sense::Person(_)) => label == EntityType::Person,
        Group::Kb(Sense::Org(_)) => label == EntityType::Org,
        Group::Kb(Sense::Country(_) | Sense::Place(_)) => {
            matches!(label, EntityType::Gpe | EntityType::Loc | EntityType::Fac)
        }
        _ => false,
    }
}

/// Rule 2: an unlinked all-capitals mention joins the unlinked organisation whose initials it spells.
fn merge_acronyms(text: &str, mentions: &[Linked], groups: &mut [Group]) {
    let mut initials: HashMap<String, Vec<Group>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let named_body = matches!(m.label, EntityType::Org | EntityType::Fac);
        if m.sense.is_none() && named_body && m.key.contains(' ') {
            let acronym: String = m
                .span
                .slice(text)
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .filter(|c| c.is_uppercase())
                .collect();
            if acronym.chars().count() >= 2 {
                push_distinct(initials.entry(acronym).or_default(), &groups[i]);
            }
        }
    }
    for (i, m) in mentions.iter().enumerate() {
        let s = m.span.slice(text);
        let caps = s.len() <= 8 && s.chars().count() >= 2 && s.chars().all(|c| c.is_uppercase());
        if m.sense.is_none() && caps {
            if let Some(to) = initials.get(s).and_then(|c| single(c)).cloned() {
                let from = groups[i].clone();
                join(groups, &from, &to);
            }
        }
    }
}

/// Rule 3: surnames and given names to the full name.
fn name_parts(text: &str, mentions: &[Linked], groups: &mut [Group]) {
    spelling_variants(mentions, groups);
    let mut last: HashMap<&str, Vec<Group>> = HashMap::new();
    let mut first: HashMap<&str, Vec<Group>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.label != EntityType::Person || !m.name_key.contains(' ') {
            continue;
        }
        let words: Vec<&str> = m.name_key.split(' ').collect();
        if let (Some(f), Some(l)) = (words.first(), words.last()) {
            push_distinct(first.entry(f).or_default(), &groups[i]);
            push_distinct(last.entry(l).or_default(), &groups[i]);
        }
    }
    for i in 0..mentions.len() {
        let m = &mentions[i];
        let word = m.name_key.as_str();
        let unlinked = matches!(groups[i], Group::Unlinked(..));
        if !unlinked || word.contains(' ') || word.is_empty() {
            continue;
        }
        let to = match last.get(word) {
            Some(c) => single(c).cloned(),
            // A given name the tagger called an organisation or a group ("Nitish" beside
            // "Nitish Kumar") is still the given name; an acronym is not one.
            None if given_name_like(m, text) => first.get(word).and_then(|c| single(c)).cloned(),
            None => None,
        };
        if let Some(to) = to {
            let from = groups[i].clone();
            join(groups, &from, &to);
        }
    }
}

/// Whether a one-word mention may be a given name: tagged PERSON, or tagged ORG or NORP
/// and written as a name, not an acronym ("Nitish", not "NASA").
fn given_name_like(m: &Linked, text: &str) -> bool {
    let written = m.span.slice(text);
    let mut chars = written.chars();
    let name_case = chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    m.label == EntityType::Person || (matches!(m.label, EntityType::Org | EntityType::Norp) && name_case)
}

/// Two unlinked full names with one surname and given names one letter apart
/// ("Kristin Wilkins", "Kristen Wilkins") are one person misspelt.
fn spelling_variants(mentions: &[Linked], groups: &mut [Group]) {
    let people: Vec<usize> = (0..mentions.len())
        .filter(|&i| mentions[i].label == EntityType::Person && matches!(groups[i], Group::Unlinked(..)))
        .filter(|&i| mentions[i].name_key.split(' ').count() == 2)
        .collect();
    for (n, &a) in people.iter().enumerate() {
        for &b in &people[n + 1..] {
            let (ka, kb) = (&mentions[a].name_key, &mentions[b].name_key);
            let (Some((fa, la)), Some((fb, lb))) = (ka.split_once(' '), kb.split_once(' ')) else { continue };
            let close = fa != fb && fa.chars().count() >= 4 && crate::text::edit_distance(fa, fb, 2) == 1;
            if la == lb && close && groups[a] != groups[b] {
                let (from, to) = (groups[b].clone(), groups[a].clone());
                join(groups, &from, &to);
            }
        }
    }
}

/// Rule 4: "the Church" and "Scientology" to "Church of Scientology".
fn org_short_forms(kb: &Kb, text: &str, mentions: &[Linked], groups: &mut [Group]) {
    let mut ends: HashMap<&str, Vec<Group>> = HashMap::new();
    let mut of: HashMap<&str, Vec<Group>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.label != EntityType::Org || !m.key.contains(' ') {
            continue;
        }
        let words: Vec<&str> = m.key.split(' ').collect();
        for w in [words.first(), words.last()].into_iter().flatten() {
            push_distinct(ends.entry(w).or_default(), &groups[i]);
        }
        if let [.., "of", w] = words.as_slice() {
            push_distinct(of.entry(w).or_default(), &groups[i]);
        }
    }
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if !matches!(groups[i], Group::Unlinked(..)) || m.key.contains(' ') || m.key.is_empty() {
            continue;
        }
        let written = m.span.slice(text);
        let capitalised = written.chars().next().is_some_and(char::is_uppercase);
        let distinct = |c: &Vec<Group>| single(c).cloned();
        let to = if m.label == EntityType::Org && capitalised && is_ordinary_in_name(kb, written) {
            ends.get(m.key.as_str()).and_then(distinct)
        } else {
            None
        };
        let to = to.or_else(|| {
            let place_or_org = matches!(m.label, EntityType::Org | EntityType::Gpe | EntityType::Loc);
            if place_or_org {
                of.get(m.key.as_str()).and_then(distinct)
            } else {
                None
            }
        });
        if let Some(to) = to {
            let from = groups[i].clone();
            join(groups, &from, &to);
        }
    }
}

/// Rule 6: which mentions stay in the record.
fn kept(kb: &Kb, text: &str, mentions: &[Linked], groups: &[Group]) -> Vec<bool> {
    let mut keep = vec![true; mentions.len()];
    let mut members: HashMap<&Group, Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        members.entry(g).or_default().push(i);
    }
    // Decided once per written form: the lower-case search reads the whole text.
    let mut common: HashMap<&str, bool> = HashMap::new();
    for (group, idx) in &mut members {
        if let Group::Unlinked(EntityType::Person, _) = group {
            let mut common_word = |i: &usize| {
                let written = mentions[*i].span.slice(text);
                *common.entry(written).or_insert_with(|| {
                    !written.contains(' ')
                        && written.chars().next().is_some_and(char::is_uppercase)
                        && !kb.given_names.contains_key(written)
                        && is_ordinary_in_name(kb, written)
                        && written_lowercase(text, written)
                })
            };
            if idx.iter().all(&mut common_word) {
                idx.iter().for_each(|&i| keep[i] = false);
                continue;
            }
        }
        // A mention inside a longer one of its entity (or inside an equal, earlier one)
        // goes. Sorted by start, longer first, then index, a mention is inside exactly
        // when some mention before it ends at or after its end: one sweep, not all pairs.
        idx.sort_by_key(|&i| (mentions[i].span.start(), std::cmp::Reverse(mentions[i].span.end()), i));
        let mut furthest_end = None;
        for &i in idx.iter() {
            let end = mentions[i].span.end();
            if furthest_end.is_some_and(|f| f >= end) {
                keep[i] = false;
            }
            furthest_end = furthest_end.max(Some(end));
        }
    }
    keep
}

/// Whether the article also writes `word` in lower case, as a common word ("iodine").
pub(crate) fn written_lowercase(text: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    text.match_indices(lower.as_str()).any(|(at, _)| {
        let before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[at + lower.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// The type a mention counts as: an administration or a government is an organisation.
fn effective_label(m: &Linked) -> EntityType {
    let governing = m.name_key.ends_with(" administration") || m.name_key.ends_with(" government");
    if governing {
        EntityType::Org
    } else {
        m.label
    }
}

/// Rule 5: an unlinked entity's type is its mentions' majority type.
fn one_type(text: &str, mentions: &[Linked], groups: &mut [Group]) {
    let mut members: HashMap<Group, Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        if matches!(g, Group::Unlinked(..)) {
            members.entry(g.clone()).or_default().push(i);
        }
    }
    for (group, idx) in members {
        let Group::Unlinked(label, name) = &group else { continue };
        let mut counts: Vec<(EntityType, usize, usize)> = Vec::new();
        for &i in &idx {
            let len = mentions[i].span.slice(text).chars().count();
            let label = effective_label(&mentions[i]);
            match counts.iter_mut().find(|c| c.0 == label) {
                Some(c) => {
                    c.1 += 1;
                    c.2 = c.2.max(len);
                }
                None => counts.push((label, 1, len)),
            }
        }
        let best = counts.iter().max_by_key(|c| (c.1, c.2)).map_or(*label, |c| c.0);
        if best != *label {
            let to = Group::Unlinked(best, name.clone());
            join(groups, &group, &to);
        }
    }
}

#[cfg(test)]
mod tests {
    use newsgraph_model::{ByteSpan, EntityType};

    use super::*;
    use crate::tables::Sense;
    use crate::text::key;

    /// The mentions of `names` (found in order in `text`) and their starting groups.
    fn mentions(text: &str, names: &[(&str, EntityType)]) -> (Vec<Linked>, Vec<Group>) {
        let mut from = 0;
        let mut out = Vec::new();
        for &(name, label) in names {
            let start = text[from..].find(name).unwrap() + from;
            from = start + name.len();
            out.push(Linked::new(ByteSpan::new(start, from), label, key(name), key(name), 0..0, false));
        }
        let groups = out.iter().map(|m| Group::Unlinked(m.label, m.name_key.clone())).collect();
        (out, groups)
    }

    #[test]
    fn one_name_is_one_entity_whatever_its_tags() {
        let text = "Scientology said. Scientology denied it.";
        let (m, mut g) = mentions(text, &[("Scientology", EntityType::Org), ("Scientology", EntityType::Loc)]);
        same_name(&m, &mut g);
        assert_eq!(g[0], g[1]);
    }

    #[test]
    fn possessive_marks_and_spelling_slips_do_not_split_an_entity() {
        let text = "New People 's Party and New People Party. Kristin Wilkins, Kristen Wilkins.";
        let names = [
            ("New People 's Party", EntityType::Org),
            ("New People Party", EntityType::Org),
            ("Kristin Wilkins", EntityType::Person),
            ("Kristen Wilkins", EntityType::Person),
        ];
        let (m, mut g) = mentions(text, &names);
        same_name(&m, &mut g);
        name_parts(text, &m, &mut g);
        assert_eq!(g[0], g[1]);
        assert_eq!(g[2], g[3]);
        // Different given names are different people.
        let text = "Anna Ruiz, Carla Ruiz";
        let (m, mut g) = mentions(text, &[("Anna Ruiz", EntityType::Person), ("Carla Ruiz", EntityType::Person)]);
        name_parts(text, &m, &mut g);
        assert_ne!(g[0], g[1]);
    }

    #[test]
    fn an_unlinked_name_joins_its_linked_twin_of_the_same_kind_only() {
        let text = "Jordan said. Jordan scored. Jordan won.";
        let names = [("Jordan", EntityType::Gpe), ("Jordan", EntityType::Person), ("Jordan", EntityType::Loc)];
        let (m, mut g) = mentions(text, &names);
        g[0] = Group::Kb(Sense::Country(3));
        same_name(&m, &mut g);
        assert_eq!(g[2], Group::Kb(Sense::Country(3)));
        assert_eq!(g[1], Group::Unlinked(EntityType::Person, "jordan".into()));
    }

    #[test]
    fn acronyms_join_their_one_organisation() {
        let text = "Johnson Space Center staff said JSC would reopen.";
        let (m, mut g) = mentions(text, &[("Johnson Space Center", EntityType::Fac), ("JSC", EntityType::Org)]);
        merge_acronyms(text, &m, &mut g);
        assert_eq!(g[0], g[1]);
        // Two organisations with one set of initials: the acronym stays apart.
        let text = "Johnson Space Center and Jackson Stone Company: JSC said.";
        let names = [
            ("Johnson Space Center", EntityType::Fac),
            ("Jackson Stone Company", EntityType::Org),
            ("JSC", EntityType::Org),
        ];
        let (m, mut g) = mentions(text, &names);
        merge_acronyms(text, &m, &mut g);
        assert!(g[2] != g[0] && g[2] != g[1]);
    }

    #[test]
    fn surnames_and_given_names_join_the_one_full_name() {
        let text = "Ahmed Mohamed built a clock. Mohamed said Ahmed was proud, Mohamed Store said.";
        let names = [
            ("Ahmed Mohamed", EntityType::Person),
            ("Mohamed", EntityType::Org),
            ("Ahmed", EntityType::Person),
            ("Mohamed Store", EntityType::Org),
        ];
        let (m, mut g) = mentions(text, &names);
        name_parts(text, &m, &mut g);
        assert_eq!(g[1], g[0], "the surname, even tagged ORG");
        assert_eq!(g[2], g[0], "the given name");
        assert_ne!(g[3], g[0], "a multi-word organisation stays itself");
    }

    #[test]
    fn a_given_name_tagged_as_a_group_joins_its_person_but_an_acronym_does_not() {
        let text = "Ravi Kumar spoke. Ravi said so, and Soma Dutt, SOMA said.";
        let names = [
            ("Ravi Kumar", EntityType::Person),
            ("Ravi", EntityType::Norp),
            ("Soma Dutt", EntityType::Person),
            ("SOMA", EntityType::Org),
        ];
        let (m, mut g) = mentions(text, &names);
        name_parts(text, &m, &mut g);
        assert_eq!(g[1], g[0]);
        assert_ne!(g[3], g[2]);
    }

    #[test]
    fn a_surname_two_people_share_stays_apart() {
        let text = "Anna Ruiz met Carlos Ruiz. Ruiz left.";
        let names =
            [("Anna Ruiz", EntityType::Person), ("Carlos Ruiz", EntityType::Person), ("Ruiz", EntityType::Person)];
        let (m, mut g) = mentions(text, &names);
        name_parts(text, &m, &mut g);
        assert!(g[2] != g[0] && g[2] != g[1]);
    }

    #[test]
    fn linked_mentions_keep_their_link() {
        let text = "Ana Paris flew to Paris.";
        let (mut m, mut g) = mentions(text, &[("Ana Paris", EntityType::Person), ("Paris", EntityType::Gpe)]);
        m[1].sense = Some(Sense::Place(7));
        g[1] = Group::Kb(Sense::Place(7));
        name_parts(text, &m, &mut g);
        assert_eq!(g[1], Group::Kb(Sense::Place(7)));
    }

    #[test]
    fn an_entity_has_its_mentions_majority_type_and_administrations_are_organisations() {
        let text = "Quill Works said. Quill Works, Quill Works.";
        let names =
            [("Quill Works", EntityType::Person), ("Quill Works", EntityType::Org), ("Quill Works", EntityType::Org)];
        let (m, mut g) = mentions(text, &names);
        same_name(&m, &mut g);
        one_type(text, &m, &mut g);
        assert!(g.iter().all(|x| *x == Group::Unlinked(EntityType::Org, "quill works".into())));
        let text = "the Marsh administration said";
        let (m, mut g) = mentions(text, &[("Marsh administration", EntityType::Norp)]);
        one_type(text, &m, &mut g);
        assert_eq!(g[0], Group::Unlinked(EntityType::Org, "marsh administration".into()));
    }
}
