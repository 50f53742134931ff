//! Diseases and plural office titles: names the record's entity types cannot hold.

mod common;

use newsgraph_model::EntityType;

fn link(text: &str, names: &[(&str, EntityType)]) -> Vec<(String, EntityType)> {
    common::link_spans(None, text, names).into_iter().map(|(t, k, _)| (t, k)).collect()
}

#[test]
fn a_disease_is_no_organisation_in_any_of_its_mentions() {
    // "Qorvid-21" is made up: its shape alone is no disease, the words around it are.
    let got = link(
        "Qorvid-21 has reached the district. Officials reported 40 Qorvid-21 cases in Patna on Monday.",
        &[("Qorvid-21", EntityType::Org), ("Qorvid-21", EntityType::Org), ("Patna", EntityType::Gpe)],
    );
    assert!(!got.iter().any(|(t, _)| t == "Qorvid-21"), "{got:?}");
    assert!(got.iter().any(|(t, _)| t == "Patna"), "places stay: {got:?}");
    let got = link(
        "An outbreak of Varela spread. Doctors fear Varela, and the Varela Task Force met.",
        &[("Varela", EntityType::Gpe), ("Varela", EntityType::Person), ("Varela Task Force", EntityType::Org)],
    );
    assert_eq!(got, vec![("Varela Task Force".to_string(), EntityType::Org)], "a longer name stays");
    let got = link("Scientists studied MERS-CoV samples.", &[("MERS-CoV", EntityType::Org)]);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn cue_words_need_the_right_name() {
    // "cases" after a name without a digit says nothing; a known name is never a disease.
    let got = link(
        "Apple cases sold out. China outbreak fears grew.",
        &[("Apple", EntityType::Org), ("China", EntityType::Gpe)],
    );
    assert!(got.iter().any(|(t, _)| t == "Apple"), "{got:?}");
    assert!(got.iter().any(|(t, _)| t == "China"), "{got:?}");
}

#[test]
fn plural_office_titles_are_no_places() {
    let got = link(
        "District Magistrates in Gaya and the Board of Governors met the Ottawa Senators.",
        &[
            ("District Magistrates", EntityType::Gpe),
            ("Gaya", EntityType::Gpe),
            ("Board of Governors", EntityType::Org),
            ("Ottawa Senators", EntityType::Org),
        ],
    );
    assert!(!got.iter().any(|(t, _)| t == "District Magistrates"), "{got:?}");
    assert!(got.iter().any(|(t, _)| t == "Board of Governors"), "{got:?}");
    assert!(got.iter().any(|(t, _)| t == "Ottawa Senators"), "{got:?}");
}
