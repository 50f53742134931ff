//! One place, one GeoNames id, whatever the language or script of its name
//! (GeoNames alternate names in all scripts, CLDR country names).

mod common;

use newsgraph_kb::Linker;
use newsgraph_model::{Article, ByteSpan, EntityType, NerSpan};

/// The GeoNames id each name geocodes to, with no context.
fn ids(linker: &Linker, names: &[&str]) -> Vec<Option<u32>> {
    names.iter().map(|n| linker.geocode(n, &[]).and_then(|g| g.geonames)).collect()
}

#[test]
fn a_city_named_in_several_languages_gets_one_geonames_id() {
    let linker = Linker::load().unwrap();
    let cases: [(u32, &[&str]); 3] = [
        (703_448, &["Kyiv", "Kiev", "Kiew", "Kijów", "Kijow", "Киев", "Київ", "Kijev", "Kiëf"]),
        (2_867_714, &["Munich", "München", "Muenchen", "Monachium", "Monaco di Baviera", "Мюнхен"]),
        // Not "Colonia": Spanish and Italian for Cologne, and a department of Uruguay.
        (2_886_242, &["Cologne", "Köln", "Koeln", "Kolonia", "Keulen", "Кёльн", "Кельн"]),
    ];
    for (id, names) in cases {
        let got = ids(&linker, names);
        assert!(got.iter().all(|&g| g == Some(id)), "{names:?} -> {got:?}, expected {id}");
    }
}

#[test]
fn a_country_named_in_the_nine_languages_is_one_country() {
    let linker = Linker::load().unwrap();
    let names =
        ["Germany", "Deutschland", "Allemagne", "Alemania", "Germania", "Alemanha", "Duitsland", "Niemcy", "Германия"];
    for name in names {
        let place = linker.geocode(name, &[]);
        assert_eq!(place.as_ref().and_then(|p| p.country.as_deref()), Some("DE"), "{name}");
        assert_eq!(place.and_then(|p| p.geonames), Some(2_921_044), "{name}");
    }
    let ukraine: Vec<_> = ["Ukraine", "Ucrania", "Ukraina", "Oekraïne", "Украина"]
        .iter()
        .map(|n| linker.geocode(n, &[]).and_then(|p| p.country))
        .collect();
    assert!(ukraine.iter().all(|c| c.as_deref() == Some("UA")), "{ukraine:?}");
}

#[test]
fn the_same_place_named_three_ways_in_one_article_is_one_place() {
    let linker = Linker::load().unwrap();
    let text = "Reports from Kyiv said the convoy left Kiew at dawn and reached Киев by noon.";
    let mut article = Article::from_text("t", text);
    article.analysis.ner = ["Kyiv", "Kiew", "Киев"]
        .iter()
        .filter_map(|n| text.find(n).map(|s| (s, n.len())))
        .map(|(s, len)| NerSpan {
            span: ByteSpan::new(s, s + len),
            label: EntityType::Gpe,
            first_token: 0,
            end_token: 0,
        })
        .collect();
    common::link(&linker, &mut article);
    let ids: Vec<Option<u32>> = article.places.iter().map(|p| p.geonames).collect();
    assert_eq!(ids, vec![Some(703_448)], "{:?}", article.entities);
    assert_eq!(article.entities.iter().find(|e| e.name == "Kyiv").map(|e| e.mentions.len()), Some(3));
}

#[test]
fn a_minor_town_is_found_when_the_text_places_it() {
    let linker = Linker::load().unwrap();
    // Pirbright, Surrey (about 2,000 people): only a cities500 town has the name, but
    // a name alone is not enough for a town that small ("Earth", Texas).
    assert_eq!(linker.geocode("Pirbright", &[]), None);
    // Alone, London is the capital; "London, Kentucky" is the town of 8,000 in Kentucky.
    assert_eq!(linker.geocode("London", &["US"]).and_then(|g| g.geonames), Some(2_643_743));
    let text = "The storm hit London, Kentucky, on Friday.";
    let mut article = Article::from_text("t", text);
    article.analysis.ner = ["London", "Kentucky"]
        .iter()
        .filter_map(|n| text.find(n).map(|s| (s, n.len())))
        .map(|(s, len)| NerSpan {
            span: ByteSpan::new(s, s + len),
            label: EntityType::Gpe,
            first_token: 0,
            end_token: 0,
        })
        .collect();
    common::link(&linker, &mut article);
    let london = article.entities.iter().find(|e| e.mentions[0].text == "London").unwrap();
    let place = article.places.iter().find(|p| p.entity == london.id).unwrap();
    assert_eq!((place.country.as_deref(), place.adm1.as_deref()), (Some("US"), Some("USKY")), "{place:?}");
}
