//! Codes, minor towns and languages: the gazetteer's many names must not turn an
//! English article's words into villages, nor another language's names into places
//! of an English article; and the English word rules stay out of other languages.

mod common;

use common::link_spans as link;
use newsgraph_model::EntityType;

fn place_of(got: &[(String, EntityType, Option<u32>)], text: &str) -> Option<u32> {
    got.iter().find(|(t, _, _)| t == text).and_then(|m| m.2)
}

#[test]
fn short_capital_codes_match_only_names_written_so() {
    // "`Ai" (Jordan), "Il" (Kenya), "Mo" (Norway) have the keys of these codes.
    let got = link(
        None,
        "AI is everywhere. Offices in IL and MO opened, and the UAE agreed.",
        &[("AI", EntityType::Gpe), ("IL", EntityType::Gpe), ("MO", EntityType::Gpe), ("UAE", EntityType::Gpe)],
    );
    for code in ["AI", "IL", "MO"] {
        assert_eq!(place_of(&got, code), None, "{code}: {got:?}");
    }
    assert_eq!(place_of(&got, "UAE"), Some(290_557), "{got:?}");
}

#[test]
fn a_minor_town_needs_the_text_to_place_it() {
    // Earth, Texas (about 1,000 people) is not the planet; Ponchatoula (7,000) is
    // the town in the Louisiana the article names.
    let got = link(
        None,
        "Titan orbits far from Earth. Storms hit Ponchatoula, and Louisiana braced.",
        &[
            ("Titan", EntityType::Gpe),
            ("Earth", EntityType::Loc),
            ("Ponchatoula", EntityType::Gpe),
            ("Louisiana", EntityType::Gpe),
        ],
    );
    assert_eq!(place_of(&got, "Titan"), None, "{got:?}");
    assert_eq!(place_of(&got, "Earth"), None, "{got:?}");
    assert_eq!(place_of(&got, "Ponchatoula"), Some(4_337_775), "{got:?}");
}

#[test]
fn other_languages_names_serve_only_their_articles() {
    let text = "Europa is an icy moon of Jupiter.";
    let got = link(Some("en"), text, &[("Europa", EntityType::Loc)]);
    assert_eq!(place_of(&got, "Europa"), None, "not Europe in English: {got:?}");
    let got =
        link(Some("es"), "Europa y Alemania firmaron.", &[("Europa", EntityType::Loc), ("Alemania", EntityType::Gpe)]);
    assert_eq!(place_of(&got, "Europa"), Some(6_255_148), "{got:?}");
    assert_eq!(place_of(&got, "Alemania"), Some(2_921_044), "{got:?}");
}

#[test]
fn english_word_rules_stay_out_of_other_languages() {
    let text = "Email me about the Johnson Space Center visit.";
    let names = [("Email", EntityType::Person), ("Johnson Space Center", EntityType::Org)];
    let english = link(Some("en"), text, &names);
    assert!(!english.iter().any(|m| m.0 == "Email"), "{english:?}");
    assert!(english.iter().any(|m| m.0 == "Johnson Space Center" && m.1 == EntityType::Fac), "{english:?}");
    // A Spanish article's tagger is not spaCy's English one: its types stand.
    let spanish = link(Some("es"), text, &names);
    assert!(spanish.iter().any(|m| m.0 == "Email" && m.1 == EntityType::Person), "{spanish:?}");
    assert!(spanish.iter().any(|m| m.0 == "Johnson Space Center" && m.1 == EntityType::Org), "{spanish:?}");
}
