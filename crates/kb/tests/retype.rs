//! Type repair and nested names: what the product's entities layer makes of raw NER spans.

mod common;

use newsgraph_model::EntityType;

/// Links `text` with the given (name, label) NER spans; returns every entity mention as (text, kind).
fn link(text: &str, names: &[(&str, EntityType)]) -> Vec<(String, EntityType)> {
    common::link_spans(None, text, names).into_iter().map(|(t, k, _)| (t, k)).collect()
}

fn has(got: &[(String, EntityType)], text: &str, kind: EntityType) -> bool {
    got.iter().any(|(t, k)| t == text && *k == kind)
}

#[test]
fn given_names_make_people() {
    let got = link(
        "Thanks to Traci for the notes. Dean Kamen founded it, and Kamen spoke.",
        &[("Traci", EntityType::Org), ("Dean Kamen", EntityType::Org), ("Kamen", EntityType::Org)],
    );
    assert!(has(&got, "Traci", EntityType::Person), "{got:?}");
    assert!(has(&got, "Dean Kamen", EntityType::Person), "{got:?}");
    assert!(has(&got, "Kamen", EntityType::Person), "the surname follows: {got:?}");
}

#[test]
fn places_and_organisations_are_not_people() {
    let got = link(
        "She studied at Georgia Tech and ate at River Garden Grill Company.",
        &[("Georgia Tech", EntityType::Org), ("River Garden Grill Company", EntityType::Org)],
    );
    assert!(!got.iter().any(|(_, k)| *k == EntityType::Person), "{got:?}");
}

#[test]
fn facilities_are_places_and_ordinary_words_are_dropped() {
    let got = link(
        "Email me about the Johnson Space Center visit. FREE tickets.",
        &[("Email", EntityType::Person), ("Johnson Space Center", EntityType::Org), ("FREE", EntityType::Org)],
    );
    assert!(has(&got, "Johnson Space Center", EntityType::Fac), "{got:?}");
    assert!(!got.iter().any(|(t, _)| t == "Email" || t == "FREE"), "{got:?}");
}

#[test]
fn places_and_people_inside_organisation_names_are_mentions() {
    let got = link(
        "Andy Warhol worked in New York. The University of Texas and the Andy Warhol Foundation agreed.",
        &[
            ("Andy Warhol", EntityType::Person),
            ("New York", EntityType::Gpe),
            ("University of Texas", EntityType::Org),
            ("Andy Warhol Foundation", EntityType::Org),
        ],
    );
    assert!(has(&got, "University of Texas", EntityType::Org), "{got:?}");
    assert!(has(&got, "Texas", EntityType::Gpe), "{got:?}");
    assert_eq!(got.iter().filter(|(t, k)| t == "Andy Warhol" && *k == EntityType::Person).count(), 2, "{got:?}");
    // Not an ordinary word or a compass word inside a name.
    let got =
        link("The Southern Mobile Phone Exchange opened.", &[("Southern Mobile Phone Exchange", EntityType::Org)]);
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn stances_and_model_numbers_are_not_places_or_people() {
    let got = link(
        "The pro-Kremlin bloc backed it. Users of IE7 complained about STS-99 coverage in Oslo.",
        &[
            ("pro-Kremlin", EntityType::Person),
            ("IE7", EntityType::Gpe),
            ("STS-99", EntityType::Loc),
            ("Oslo", EntityType::Gpe),
        ],
    );
    assert!(has(&got, "pro-Kremlin", EntityType::Norp), "{got:?}");
    assert!(has(&got, "IE7", EntityType::Product), "{got:?}");
    assert!(has(&got, "STS-99", EntityType::Product), "{got:?}");
    assert!(has(&got, "Oslo", EntityType::Gpe), "{got:?}");
}
