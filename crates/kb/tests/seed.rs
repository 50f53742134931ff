//! The seed article (body paragraphs of `examples/seed-article.txt`) with NER spans
//! as spaCy's small English model gives them, mistakes included ("Kyiv" as a person,
//! "Stoltenberg" as an organisation): every `entities.must` item of the seed's gold
//! record must come out of the linker with its type, merged mentions, links and roles.

mod common;

use newsgraph_kb::Linker;
use newsgraph_model::{Article, ByteSpan, DateSource, Entity, EntityType, NerSpan, Published};

const BODY: &str = include_str!("seed_body.txt");

/// Tags every whole-word occurrence of each string (longest first, no overlaps).
fn tag(text: &str, spans: &[(&str, EntityType)]) -> Vec<NerSpan> {
    let mut sorted: Vec<&(&str, EntityType)> = spans.iter().collect();
    sorted.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    let mut out: Vec<NerSpan> = Vec::new();
    for (s, label) in sorted {
        for (start, _) in text.match_indices(s) {
            let end = start + s.len();
            let before_ok = text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            let free = out.iter().all(|o| o.span.end() <= start || end <= o.span.start());
            if before_ok && after_ok && free {
                out.push(NerSpan { span: ByteSpan::new(start, end), label: *label, first_token: 0, end_token: 0 });
            }
        }
    }
    out.sort_by_key(|n| n.span.start());
    out
}

fn seed_article() -> Article {
    use EntityType::*;
    let mut article = Article::from_text("seed", BODY);
    article.published = Some(Published { value: "2021-12-30T16:06".into(), from: DateSource::Dateline });
    article.analysis.ner = tag(
        BODY,
        &[
            ("U.S.", Gpe),
            ("Joe Biden", Person),
            ("Biden", Person),
            ("Russia", Gpe),
            ("Vladimir Putin", Person),
            ("Putin", Person),
            ("Moscow", Gpe),
            ("Ukraine", Gpe),
            ("Soviet", Norp),
            ("Russian", Norp),
            ("Kremlin", Org),
            ("Kyiv", Person),
            ("Western", Norp),
            ("West", Loc),
            ("NATO", Org),
            ("the United States", Gpe),
            ("Soviet Union", Gpe),
            ("Crimean Peninsula", Loc),
            ("Jens Stoltenberg", Person),
            ("Stoltenberg", Org),
            ("Lithuania", Gpe),
            ("Gitanas Nausea", Person),
            ("Geneva", Gpe),
            ("Switzerland", Gpe),
            ("American", Norp),
            ("White House", Org),
            ("Iran", Gpe),
        ],
    );
    common::link(&Linker::load().unwrap(), &mut article);
    article
}

fn entity<'a>(article: &'a Article, name: &str) -> &'a Entity {
    article
        .entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name:?}; entities: {}", dump(article)))
}

/// Every entity with its type, link, roles and mentions: the message of a failed lookup.
fn dump(article: &Article) -> String {
    let mut out = String::new();
    for e in &article.entities {
        let texts: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
        out.push_str(&format!("\n  {} {:?} {:?} {:?} {:?}", e.name, e.kind, e.kb, e.roles, texts));
    }
    out
}

fn mention_texts(e: &Entity) -> Vec<&str> {
    e.mentions.iter().map(|m| m.text.as_str()).collect()
}

fn has_role(e: &Entity, title: &str, of: &str) -> bool {
    e.roles.iter().any(|r| r.title == title && r.of.as_deref() == Some(of))
}

#[test]
fn people_merge_link_and_get_roles() {
    let article = seed_article();
    let biden = entity(&article, "Joe Biden");
    assert_eq!(biden.kind, EntityType::Person);
    assert_eq!(biden.kb.as_ref().and_then(|k| k.country.as_deref()), Some("US"));
    assert!(has_role(biden, "President", "US"), "{:?}", biden.roles);
    assert!(mention_texts(biden).contains(&"Biden"));

    let putin = entity(&article, "Vladimir Putin");
    assert_eq!(putin.kb.as_ref().and_then(|k| k.wikidata.as_deref()), Some("Q7747"));
    assert!(has_role(putin, "President", "RU"));
    let texts = mention_texts(putin);
    assert!(texts.contains(&"Vladimir Putin") && texts.contains(&"Putin"), "{texts:?}");
    assert_eq!(article.entities.iter().filter(|e| e.name.contains("Putin")).count(), 1);

    let stoltenberg = entity(&article, "Jens Stoltenberg");
    assert_eq!(stoltenberg.kind, EntityType::Person);
    assert!(has_role(stoltenberg, "Secretary General", "NATO"), "{:?}", stoltenberg.roles);
    assert!(mention_texts(stoltenberg).contains(&"Stoltenberg"), "ORG-tagged surname joins the person");

    let nauseda = entity(&article, "Gitanas Nausėda");
    assert_eq!(nauseda.kb.as_ref().and_then(|k| k.country.as_deref()), Some("LT"));
    assert!(has_role(nauseda, "President", "LT"));
    assert_eq!(mention_texts(nauseda), ["Gitanas Nausea"]);
}

#[test]
fn countries_places_and_organisations_link() {
    let article = seed_article();
    let place = |e: &Entity| article.places.iter().find(|p| p.entity == e.id).cloned();

    let nato = entity(&article, "NATO");
    assert_eq!(nato.kind, EntityType::Org);

    for (name, iso, fips) in [
        ("Ukraine", "UA", "UP"),
        ("Russia", "RU", "RS"),
        ("United States", "US", "US"),
        ("Lithuania", "LT", "LH"),
        ("Iran", "IR", "IR"),
    ] {
        let e = entity(&article, name);
        assert_eq!(e.kind, EntityType::Gpe, "{name}");
        let p = place(e).unwrap_or_else(|| panic!("{name} not geocoded"));
        assert_eq!((p.country.as_deref(), p.fips.as_deref()), (Some(iso), Some(fips)), "{name}");
    }
    let russia = entity(&article, "Russia");
    assert!(mention_texts(russia).contains(&"Moscow"), "Moscow as an actor is Russia: {}", dump(&article));
    let us = entity(&article, "United States");
    assert!(mention_texts(us).contains(&"U.S.") && mention_texts(us).contains(&"United States"));

    let kyiv = entity(&article, "Kyiv");
    assert_eq!(kyiv.kind, EntityType::Gpe, "PERSON-tagged Kyiv is corrected by the KB");
    assert_eq!(kyiv.kb.as_ref().and_then(|k| k.geonames), Some(703_448));

    let crimea = entity(&article, "Crimea");
    assert_eq!(crimea.kind, EntityType::Loc);
    assert_eq!(place(crimea).and_then(|p| p.country), Some("UA".to_string()));

    let geneva = entity(&article, "Geneva");
    let p = place(geneva).unwrap();
    assert_eq!((p.geonames, p.country.as_deref()), (Some(2_660_646), Some("CH")));

    let kremlin = article.entities.iter().find(|e| e.mentions.iter().any(|m| m.text == "Kremlin")).unwrap();
    assert_eq!((kremlin.name.as_str(), kremlin.kind), ("Government of Russia", EntityType::Org));
    let white_house = article.entities.iter().find(|e| e.mentions.iter().any(|m| m.text == "White House")).unwrap();
    assert_eq!(white_house.name, "Government of the United States");

    let russian = article.entities.iter().find(|e| e.mentions.iter().any(|m| m.text == "Russian")).unwrap();
    assert_eq!(russian.kind, EntityType::Norp);
    assert_eq!(russian.kb.as_ref().and_then(|k| k.country.as_deref()), Some("RU"));
}

#[test]
fn mention_offsets_are_code_points_into_the_text() {
    let article = seed_article();
    for e in &article.entities {
        for m in &e.mentions {
            let slice: String = article.text.chars().skip(m.span.start()).take(m.span.len()).collect();
            assert_eq!(slice, m.text);
        }
    }
    let ids: Vec<&str> = article.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.first(), Some(&"e1"));
}
