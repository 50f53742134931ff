//! The knowledge-based name finder of Italian, Polish and Russian articles: names
//! from capitalisation, typed by the gazetteer and name lists, inflected forms
//! included; the English model's names are not used there, and other languages are
//! not touched.

mod common;

use common::link_spans as link;
use newsgraph_model::EntityType;

fn has(got: &[(String, EntityType, Option<u32>)], text: &str, kind: EntityType) -> bool {
    got.iter().any(|m| m.0 == text && m.1 == kind)
}

fn place_of(got: &[(String, EntityType, Option<u32>)], text: &str) -> Option<u32> {
    got.iter().find(|m| m.0 == text).and_then(|m| m.2)
}

const ROME: u32 = 3_169_070;
const MOSCOW: u32 = 524_901;
const LONDON: u32 = 2_643_743;

#[test]
fn italian_people_and_places_come_from_the_knowledge_base() {
    let got = link(Some("it"), "Il presidente Sergio Mattarella ha incontrato giovedì a Roma.", &[]);
    assert!(has(&got, "Sergio Mattarella", EntityType::Person), "{got:?}");
    assert_eq!(place_of(&got, "Roma"), Some(ROME), "{got:?}");
    // The sentence's first word is an article, not a name.
    assert!(!got.iter().any(|m| m.0.starts_with("Il")), "{got:?}");
    assert_eq!(got.len(), 2, "{got:?}");
}

#[test]
fn russian_names_are_found_through_their_case_endings() {
    let got = link(Some("ru"), "Президент Владимир Путин встретился в четверг в Москве.", &[]);
    assert!(has(&got, "Владимир Путин", EntityType::Person), "{got:?}");
    // "Москве" is the locative of "Москва": the same place.
    assert_eq!(place_of(&got, "Москве"), Some(MOSCOW), "{got:?}");
    assert!(!got.iter().any(|m| m.0 == "Президент"), "{got:?}");
    let got = link(Some("ru"), "Делегация России прибыла из Москвы вместе с Сергеем Лавровым.", &[]);
    assert!(has(&got, "России", EntityType::Gpe), "{got:?}");
    assert_eq!(place_of(&got, "Москвы"), Some(MOSCOW), "{got:?}");
    assert!(has(&got, "Сергеем Лавровым", EntityType::Person), "{got:?}");
}

#[test]
fn a_surname_alone_after_the_full_name_is_the_same_person() {
    // "Подольски" is in no name list: it is a person because "Лукаш Подольски" was one.
    let text = "Ветеран Лукаш Подольски принял решение. Об этом написал Подольски в Instagram.";
    let got = link(Some("ru"), text, &[]);
    assert!(has(&got, "Лукаш Подольски", EntityType::Person), "{got:?}");
    assert!(has(&got, "Подольски", EntityType::Person), "{got:?}");
    // Before the full name, a surname no table knows stays unnamed.
    let got = link(Some("ru"), "Об этом написал Подольски. Ветеран Лукаш Подольски принял решение.", &[]);
    assert_eq!(got.iter().filter(|m| m.1 == EntityType::Person).count(), 1, "{got:?}");
}

#[test]
fn polish_inflected_names_and_organisations() {
    let text = "Premier Donald Tusk spotkał się w Warszawie z prezydentem Andrzejem Dudą i posłami Sejmu.";
    let got = link(Some("pl"), text, &[]);
    assert!(has(&got, "Donald Tusk", EntityType::Person), "{got:?}");
    // (The geocoder reads "Warszawa" as the city's county, which has no GeoNames id.)
    assert!(has(&got, "Warszawie", EntityType::Gpe), "{got:?}");
    assert!(has(&got, "Andrzejem Dudą", EntityType::Person), "{got:?}");
    assert!(has(&got, "Sejmu", EntityType::Org), "{got:?}");
    let got = link(Some("pl"), "Ambasador przyleciał do Londynu, a potem był w Londynie.", &[]);
    assert_eq!(place_of(&got, "Londynu"), Some(LONDON), "{got:?}");
    assert_eq!(place_of(&got, "Londynie"), Some(LONDON), "{got:?}");
    // A long run of capitals opening with a given name is a heading, not a person.
    let got = link(Some("it"), "Ha letto Maria Regina Della Pace Nel Mondo Moderno Oggi ieri.", &[]);
    assert!(!got.iter().any(|m| m.1 == EntityType::Person), "{got:?}");
    let got = link(Some("it"), "Secondo il Partito Democratico la legge non passerà.", &[]);
    assert!(has(&got, "Partito Democratico", EntityType::Org), "{got:?}");
}

#[test]
fn the_english_models_names_are_replaced_and_other_languages_untouched() {
    let text = "Il presidente Sergio Mattarella ha incontrato giovedì a Roma.";
    // What the English model leaves on Italian text: a wrong span and a wrong type.
    let model = [("giovedì", EntityType::Person), ("Roma", EntityType::Org)];
    let italian = link(Some("it"), text, &model);
    assert!(!italian.iter().any(|m| m.0 == "giovedì"), "{italian:?}");
    assert_eq!(place_of(&italian, "Roma"), Some(ROME), "{italian:?}");
    // An English (or unknown-language) article: the model's spans alone, no finder.
    let english = link(None, text, &model);
    assert!(has(&english, "giovedì", EntityType::Person), "{english:?}");
    let english = link(None, "Secondo il Partito Democratico la legge non passerà a Roma.", &[]);
    assert!(english.is_empty(), "{english:?}");
    let italian = link(Some("it"), "Secondo il Partito Democratico la legge non passerà a Roma.", &[]);
    assert_eq!(italian.len(), 2, "{italian:?}");
}
