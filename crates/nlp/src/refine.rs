//! Document-level corrections applied on top of the spaCy model's entities.
//!
//! The statistical model tags each mention from a window of a few tokens,
//! so within one article it often calls the same name a person in one
//! sentence and an organisation (or nothing) in the next, and it keeps a
//! leading "the" that news annotation leaves out. Three general rules fix
//! that, without any list of names:
//! - a leading `the`/`The` is dropped from non-person entities;
//! - e-mail addresses, URLs and tokens without a letter are not names;
//! - one sense per article: every mention of the same string takes the
//!   label most of its mentions carry, where each multi-word person name
//!   also votes "person" (twice) for its last word (the surname);
//! - surnames of people named in full elsewhere in the article are tagged
//!   where the model missed them.

use std::collections::HashMap;

use newsgraph_model::EntityType;

use crate::model::Entity;
use crate::tokenizer::RawToken;

/// Labels whose mentions the consistency vote covers.
fn is_name(label: EntityType) -> bool {
    matches!(
        label,
        EntityType::Person
            | EntityType::Org
            | EntityType::Gpe
            | EntityType::Loc
            | EntityType::Fac
            | EntityType::Norp
            | EntityType::Product
    )
}

/// A capitalised word of letters (and inner apostrophes or hyphens): a possible surname.
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_uppercase())
        && word.chars().count() >= 2
        && chars.all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        && word.chars().any(|c| c.is_lowercase())
}

/// An address rather than a name: an e-mail, a URL or a bare domain.
fn is_address(word: &str) -> bool {
    let lower = word.to_lowercase();
    word.contains('@')
        || lower.contains("://")
        || lower.starts_with("www.")
        || [".com", ".org", ".net", ".gov", ".edu", ".co.uk", ".html"].iter().any(|tld| lower.ends_with(tld))
}

/// Applies the rules to `entities` (token ranges over `raw`), keeping them sorted and disjoint.
pub(crate) fn refine(text: &str, raw: &[RawToken], entities: &mut Vec<Entity>) {
    let word = |i: usize| &text[raw[i].start..raw[i].end];
    entities.retain(|e| {
        let words = || (e.start..e.end).map(word);
        !is_name(e.label) || !(words().any(is_address) || words().all(|w| !w.chars().any(char::is_alphabetic)))
    });
    for e in entities.iter_mut() {
        if e.label != EntityType::Person && e.end - e.start >= 2 && matches!(word(e.start), "the" | "The") {
            e.start += 1;
        }
    }
    let surface = |e: &Entity| text[raw[e.start].start..raw[e.end - 1].end].to_string();
    let mut votes: HashMap<String, HashMap<EntityType, usize>> = HashMap::new();
    let mut surnames: HashMap<String, usize> = HashMap::new();
    for e in entities.iter().filter(|e| is_name(e.label)) {
        *votes.entry(surface(e)).or_default().entry(e.label).or_default() += 1;
        if e.label == EntityType::Person && e.end - e.start >= 2 && is_name_word(word(e.end - 1)) {
            *surnames.entry(word(e.end - 1).to_string()).or_default() += 1;
        }
    }
    // A full name is strong evidence for its surname's reading: it counts twice.
    for (surname, count) in &surnames {
        *votes.entry(surname.clone()).or_default().entry(EntityType::Person).or_default() += 2 * count;
    }
    let winner = |s: &str| -> Option<EntityType> {
        let tally = votes.get(s)?;
        let (&label, &best) = tally.iter().max_by_key(|(label, n)| (**n, **label == EntityType::Person))?;
        // Only a clear majority relabels.
        (tally.values().filter(|&&n| n == best).count() == 1).then_some(label)
    };
    for e in entities.iter_mut().filter(|e| is_name(e.label)) {
        if let Some(label) = winner(&surface(e)) {
            e.label = label;
        }
    }
    // Surnames the model left untagged.
    let mut covered = vec![false; raw.len()];
    for e in entities.iter() {
        for flag in &mut covered[e.start..e.end] {
            *flag = true;
        }
    }
    let mut added = Vec::new();
    for i in 0..raw.len() {
        if covered[i] || !surnames.contains_key(word(i)) || winner(word(i)) != Some(EntityType::Person) {
            continue;
        }
        // Not part of a longer capitalised name the model chose to leave out.
        let capital = |j: usize| word(j).starts_with(|c: char| c.is_uppercase());
        let joined_before = i > 0 && !covered[i - 1] && capital(i - 1) && raw[i - 1].space_after;
        let joined_after = i + 1 < raw.len() && !covered[i + 1] && capital(i + 1) && raw[i].space_after;
        if !joined_before && !joined_after {
            added.push(Entity { start: i, end: i + 1, label: EntityType::Person });
        }
    }
    if !added.is_empty() {
        entities.extend(added);
        entities.sort_by_key(|e| e.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whitespace tokens of `text` and entities given as (first word, end word, label).
    fn run(text: &str, given: &[(usize, usize, EntityType)]) -> Vec<(String, EntityType)> {
        let mut raw = Vec::new();
        let mut at = 0;
        for word in text.split(' ') {
            raw.push(RawToken { start: at, end: at + word.len(), space_after: true, norm: None });
            at += word.len() + 1;
        }
        let mut entities: Vec<Entity> = given.iter().map(|&(start, end, label)| Entity { start, end, label }).collect();
        refine(text, &raw, &mut entities);
        entities.iter().map(|e| (text[raw[e.start].start..raw[e.end - 1].end].to_string(), e.label)).collect()
    }

    #[test]
    fn surnames_follow_the_full_name() {
        let text = "Jane Montalvo spoke . Montalvo left and Montalvo returned .";
        let got = run(text, &[(0, 2, EntityType::Person), (4, 5, EntityType::Org)]);
        assert_eq!(
            got,
            vec![
                ("Jane Montalvo".to_string(), EntityType::Person),
                ("Montalvo".to_string(), EntityType::Person),
                ("Montalvo".to_string(), EntityType::Person),
            ]
        );
    }

    #[test]
    fn leading_the_and_addresses_are_dropped() {
        let text = "the United Nations wrote to jane@example.com";
        let got = run(text, &[(0, 3, EntityType::Org), (5, 6, EntityType::Org)]);
        assert_eq!(got, vec![("United Nations".to_string(), EntityType::Org)]);
    }

    #[test]
    fn a_tie_keeps_each_label() {
        let text = "Paris fell . Paris spoke";
        let got = run(text, &[(0, 1, EntityType::Gpe), (3, 4, EntityType::Person)]);
        assert_eq!(got, vec![("Paris".to_string(), EntityType::Gpe), ("Paris".to_string(), EntityType::Person)]);
    }
}
