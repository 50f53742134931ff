//! Sentences that must not yield an event (or not the one a loose reading would give),
//! and their positive twins, so each rule is pinned from both sides. The entity layer is
//! played by hand-made entities, as in the seed test.

use newsgraph_events::EventCoder;
use newsgraph_model::{Article, CharSpan, Entity, EntityId, EntityType, Event, EventType, Mention, Stage};

/// Codes `text` with one entity per `(surface, type)` (its first occurrence).
fn code(text: &str, names: &[(&str, EntityType)]) -> Article {
    let mut article = Article::from_text("t", text);
    for (n, (surface, kind)) in names.iter().enumerate() {
        let at = text.find(surface).expect("surface in text");
        let start = text[..at].chars().count();
        article.entities.push(Entity {
            id: EntityId::nth(n),
            name: surface.to_string(),
            kind: *kind,
            kb: None,
            roles: Vec::new(),
            mentions: vec![Mention {
                span: CharSpan::new(start, start + surface.chars().count()),
                text: surface.to_string(),
            }],
        });
    }
    EventCoder::load().expect("lexicon loads").annotate(&mut article);
    article
}

fn named<'a>(article: &'a Article, ids: &[EntityId]) -> Vec<&'a str> {
    ids.iter().filter_map(|id| article.entities.iter().find(|e| &e.id == id)).map(|e| e.name.as_str()).collect()
}

fn of_kind(article: &Article, kind: EventType) -> Vec<&Event> {
    article.events.iter().filter(|e| e.kind == kind).collect()
}

#[test]
fn a_finite_verb_without_an_actor_codes_nothing_but_a_passive_does() {
    let active = code("Someone in a pickup truck attacked Kenya on Monday.", &[("Kenya", EntityType::Gpe)]);
    assert!(of_kind(&active, EventType::Assault).is_empty(), "{:?}", active.events);
    let passive = code("Kenya was attacked on Monday.", &[("Kenya", EntityType::Gpe)]);
    let assault = of_kind(&passive, EventType::Assault);
    assert_eq!(assault.len(), 1, "{:?}", passive.events);
    assert_eq!(named(&passive, &assault[0].targets), vec!["Kenya"]);
}

#[test]
fn an_anti_prefix_names_the_target_not_the_owner() {
    let article = code("Thousands joined an anti-Moldova parade in the capital.", &[("Moldova", EntityType::Gpe)]);
    for e in &article.events {
        assert!(named(&article, &e.actors) != vec!["Moldova"], "Moldova is what the parade opposes: {e:?}");
    }
}

#[test]
fn a_relative_clause_is_background_not_news() {
    let text = "Ruto, who visited Uganda in May, praised the teachers.";
    let article = code(text, &[("Ruto", EntityType::Person), ("Uganda", EntityType::Gpe)]);
    assert!(of_kind(&article, EventType::Consult).is_empty(), "{:?}", article.events);
    let main = code("Ruto visited Uganda in May.", &[("Ruto", EntityType::Person), ("Uganda", EntityType::Gpe)]);
    assert_eq!(of_kind(&main, EventType::Consult).len(), 1, "{:?}", main.events);
}

#[test]
fn capitalised_us_is_the_country_not_the_pronoun() {
    let text = "The US on Thursday rejected a proposal by Iran.";
    let article = code(text, &[("US", EntityType::Gpe), ("Iran", EntityType::Gpe)]);
    let reject = of_kind(&article, EventType::Reject);
    assert_eq!(reject.len(), 1, "{:?}", article.events);
    assert_eq!(named(&article, &reject[0].actors), vec!["US"]);
}

#[test]
fn cooperation_takes_a_partner() {
    let alone = code("Kenya cooperated on Monday.", &[("Kenya", EntityType::Gpe)]);
    assert!(of_kind(&alone, EventType::Cooperate).is_empty(), "{:?}", alone.events);
    let pair =
        code("Kenya cooperated with Uganda on Monday.", &[("Kenya", EntityType::Gpe), ("Uganda", EntityType::Gpe)]);
    let coop = of_kind(&pair, EventType::Cooperate);
    assert_eq!(coop.len(), 1, "{:?}", pair.events);
    assert_eq!(named(&pair, &coop[0].targets), vec!["Uganda"]);
}
