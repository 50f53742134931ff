//! Behaviour of the counts stage on the seed article and on hostile input.

use newsgraph_model::{CountKind, CountQualifier, Stage};

use super::{find_counts, Counts};
use crate::times::tests::en;
use crate::times::Times;

#[test]
fn seed_counts_have_qualifier_object_and_kind() {
    let mut article = crate::times::tests::seed_article();
    Times::new().annotate(&mut article);
    Counts::new().annotate(&mut article);
    let find = |text: &str| article.counts.iter().find(|c| c.text == text);
    let all: Vec<&str> = article.counts.iter().map(|c| c.text.as_str()).collect();
    let troops = find("some 10,000 troops").unwrap_or_else(|| panic!("{all:?}"));
    assert_eq!(
        (troops.value, troops.qualifier, troops.object.as_deref()),
        (10_000.0, CountQualifier::About, Some("troops"))
    );
    assert_eq!(troops.kind, CountKind::Military);
    let forces = find("more than 100,000 Russian forces").unwrap_or_else(|| panic!("{all:?}"));
    assert_eq!(
        (forces.value, forces.qualifier, forces.object.as_deref()),
        (100_000.0, CountQualifier::AtLeast, Some("forces"))
    );
    let lives = find("more than 14,000 lives").unwrap_or_else(|| panic!("{all:?}"));
    assert_eq!((lives.value, lives.qualifier, lives.kind), (14_000.0, CountQualifier::AtLeast, CountKind::Kill));
    let allies = find("30 NATO allies").unwrap_or_else(|| panic!("{all:?}"));
    assert_eq!((allies.value, allies.object.as_deref()), (30.0, Some("allies")));
    // "30 years" and "2014" are times, not counts.
    assert!(article.counts.iter().all(|c| !c.text.contains("years") && c.value != 2014.0), "{all:?}");
    for c in &article.counts {
        let slice: String = article.text.chars().skip(c.span.start()).take(c.span.len()).collect();
        assert_eq!(slice, c.text);
    }
}

fn counts(text: &str) -> Vec<(String, f64, CountQualifier, Option<String>, CountKind)> {
    let times = crate::times::find_times(text, Some("2021-12-30"), &[], en());
    find_counts(text, &times, &[], en()).into_iter().map(|c| (c.text, c.value, c.qualifier, c.object, c.kind)).collect()
}

#[test]
fn words_vague_amounts_fractions_and_kinds() {
    let found = counts("Police arrested dozens of protesters and two million people fled.");
    assert_eq!(found[0].1, 24.0);
    assert_eq!(
        (found[0].2, found[0].3.as_deref(), found[0].4),
        (CountQualifier::About, Some("protesters"), CountKind::Protest)
    );
    assert_eq!((found[1].1, found[1].3.as_deref(), found[1].4), (2_000_000.0, Some("people"), CountKind::Displaced));
    let found = counts("Nearly 1.5 million refugees and tens of thousands of soldiers.");
    assert_eq!((found[0].1, found[0].2, found[0].4), (1_500_000.0, CountQualifier::AtMost, CountKind::Displaced));
    assert_eq!((found[1].1, found[1].4), (20_000.0, CountKind::Military));
    let found = counts("A blast killed 12 people and wounded 30 others; a third of the town was hit.");
    assert_eq!(found[0].4, CountKind::Kill);
    assert_eq!(found[1].4, CountKind::Wound);
    assert!((found[2].1 - 1.0 / 3.0).abs() < 1e-9 && found[2].3.as_deref() == Some("town"), "{found:?}");
    // The plural head noun ends the phrase; the verb after it is not the object.
    let found = counts("The two leaders attempts to talk.");
    assert_eq!(found[0].3.as_deref(), Some("leaders"), "{found:?}");
}

#[test]
fn skips_times_money_percentages_ordinals_and_names() {
    let found = counts("In 2014, prices rose 5% to $300 million on the 10th day; F-16 jets flew at 4 p.m.");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn hostile_numbers_give_no_infinite_values() {
    let long = "9".repeat(400);
    let found = counts(&format!("They counted {long} people and {long}.5 more."));
    assert!(found.iter().all(|c| c.1.is_finite()), "{found:?}");
    let json = serde_json::to_string(&find_counts(&long, &[], &[], en())).unwrap_or_default();
    assert!(!json.contains("inf") && !json.contains("NaN"));
    let quotes = "\"".repeat(10_000);
    assert!(find_counts(&quotes, &[], &[], en()).is_empty());
}

#[test]
fn phrase_tables_start_on_the_listed_words() {
    for (words, _) in super::lexicon::QUALIFIERS {
        assert!(super::lexicon::is_qualifier_start(words[0]), "{words:?}");
    }
    for (words, _) in super::lexicon::VAGUE {
        assert!(super::lexicon::is_vague_start(words[0]), "{words:?}");
    }
}
