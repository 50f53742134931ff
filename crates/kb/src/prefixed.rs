//! Organisations named with and without their country: "United Kingdom Home
//! Office" and "Home Office", "US State Department" and "State Department",
//! "Saudi Interior Ministry" and "Interior Ministry" are one entity (a rule of
//! [`crate::resolve`], after its short forms).
//!
//! An unlinked organisation mention whose name is a country's name or demonym, as
//! the KB knows them ("United Kingdom", "US", "Saudi"), followed by two or more
//! words joins the unlinked organisation named by those words alone, when exactly
//! one such long name in the article reduces to it ("US State Department" and
//! "French State Department" in one article leave "State Department" alone). A
//! one-word remainder ("US Army" → "Army") is left to the short-form rule, and
//! linked organisations keep their link.

use std::collections::HashMap;

use newsgraph_model::EntityType;

use crate::entities::Group;
use crate::link::Linked;
use crate::resolve::{join, plain_key};
use crate::tables::{Kb, Sense};
use crate::text::{is_code, key};

/// The name without a leading country name or demonym, when it has one and two or
/// more words follow it.
fn without_country(kb: &Kb, name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=3.min(words.len().saturating_sub(2))).find_map(|p| {
        let prefix = words[..p].join(" ");
        let country = kb
            .senses_as(&key(&prefix), is_code(&prefix))
            .iter()
            .any(|s| matches!(s, Sense::Country(_) | Sense::Demonym(_)));
        country.then(|| plain_key(&key(&words[p..].join(" "))))
    })
}

/// Joins each short name's group into the one long, country-prefixed name's group.
pub(crate) fn country_prefixed(kb: &Kb, text: &str, mentions: &[Linked], groups: &mut [Group]) {
    let org =
        |m: &Linked, g: &Group| m.label == EntityType::Org && m.sense.is_none() && matches!(g, Group::Unlinked(..));
    // Remainder key -> the distinct groups of the long names that reduce to it.
    let mut long: HashMap<String, Vec<Group>> = HashMap::new();
    for i in (0..mentions.len()).filter(|&i| org(&mentions[i], &groups[i])) {
        if let Some(rest) = without_country(kb, mentions[i].span.slice(text)) {
            let list = long.entry(rest).or_default();
            if !list.contains(&groups[i]) {
                list.push(groups[i].clone());
            }
        }
    }
    if long.is_empty() {
        return;
    }
    for i in 0..mentions.len() {
        if !org(&mentions[i], &groups[i]) {
            continue;
        }
        let short = plain_key(&mentions[i].name_key);
        if let Some([to]) = long.get(&short).map(Vec::as_slice) {
            let (from, to) = (groups[i].clone(), to.clone());
            join(groups, &from, &to);
        }
    }
}
