//! `KbLink.wikipedia` is written only when present, and records without it still read.

use newsgraph_model::KbLink;

#[test]
fn wikipedia_is_serialized_only_when_present() {
    let bare = KbLink { wikidata: Some("Q1065".into()), ..KbLink::default() };
    let json = serde_json::to_string(&bare).unwrap();
    assert!(!json.contains("wikipedia"), "{json}");
    let titled = KbLink { wikipedia: Some("Janata Dal (United)".into()), ..bare.clone() };
    let json = serde_json::to_string(&titled).unwrap();
    assert!(json.contains(r#""wikipedia":"Janata Dal (United)""#), "{json}");
    // A record written before the field existed reads as "no title".
    let old: KbLink = serde_json::from_str(r#"{"wikidata":"Q1065","geonames":null,"country":null}"#).unwrap();
    assert_eq!(old, bare);
}
