//! Places the tagger typed otherwise or missed (`placed`, `missed`): retyped or added
//! only where the text places them.

mod common;

use common::link_spans;
use newsgraph_model::EntityType::{Gpe, Org, Person};

#[test]
fn a_town_typed_org_after_in_is_a_geocoded_place() {
    let found = link_spans(
        None,
        "Pigs died at farms in Tacloban, officials in Manila said.",
        &[("Tacloban", Org), ("Manila", Gpe)],
    );
    let tacloban = found.iter().find(|m| m.0 == "Tacloban").expect("a mention");
    assert_eq!(tacloban.1, Gpe, "{found:?}");
    assert!(tacloban.2.is_some(), "geocoded: {found:?}");
}

#[test]
fn firms_listed_together_stay_organisations() {
    let found =
        link_spans(None, "In this movie Google and Amazon create a new world.", &[("Google", Org), ("Amazon", Org)]);
    assert!(found.iter().any(|m| m.0 == "Google" && m.1 == Org), "{found:?}");
}

#[test]
fn a_surname_of_a_person_in_the_article_stays_a_person() {
    let found = link_spans(
        None,
        "Valeska Paris joined the crew. Paris said she was held.",
        &[("Valeska Paris", Person), ("Paris", Person)],
    );
    assert!(found.iter().filter(|m| m.0 == "Paris").all(|m| m.1 == Person), "{found:?}");
}

#[test]
fn a_country_before_a_kb_organisation_is_a_nested_place() {
    let text = "The U.S. Centers for Disease Control and Prevention confirmed the case.";
    let found = link_spans(None, text, &[("U.S. Centers for Disease Control and Prevention", Org)]);
    assert!(found.iter().any(|m| m.0 == "U.S." && m.1 == Gpe && m.2.is_some()), "{found:?}");
    assert!(found.iter().any(|m| m.1 == Org), "the organisation stays: {found:?}");
}

#[test]
fn an_untagged_name_listed_between_places_is_a_place() {
    let text = "Cases were reported in Kisumu, Bondo and Nakuru last week.";
    let found = link_spans(None, text, &[("Kisumu", Gpe), ("Nakuru", Gpe)]);
    assert!(found.iter().any(|m| m.0 == "Bondo" && m.1 == Gpe && m.2.is_some()), "{found:?}");
    // Nothing is added where no place is near.
    let found = link_spans(None, "Bondo said the weather was fine.", &[]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_county_takes_the_region_written_after_it() {
    use newsgraph_model::{Article, ByteSpan, NerSpan};
    let text = "An HIV outbreak hit southern Indiana. Austin, in Scott County, Indiana, was its epicenter.";
    let linker = newsgraph_kb::Linker::load().expect("the linker loads");
    let mut article = Article::from_text("t", text);
    let mut from = 0;
    for name in ["Indiana", "Austin", "Scott County", "Indiana"] {
        let start = text[from..].find(name).expect("in the text") + from;
        let span = ByteSpan::new(start, start + name.len());
        article.analysis.ner.push(NerSpan { span, label: Gpe, first_token: 0, end_token: 0 });
        from = start + name.len();
    }
    common::link(&linker, &mut article);
    let scott = article.entities.iter().find(|e| e.name == "Scott County").expect("an entity");
    let place = article.places.iter().find(|p| p.entity == scott.id).expect("geocoded");
    assert_eq!(place.adm1.as_deref(), Some("USIN"), "{place:?}");
}
