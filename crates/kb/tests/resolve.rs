//! Within-article resolution ([`newsgraph_kb`]'s `resolve` rules) on a page in the
//! shape of issue 21's report: a politician named in full, then by surname, inside
//! organisation names ("Marsh White House", "Marsh Organization"), with possessives,
//! tagged as an English model tags such a page (nested names as ORG, the possessive
//! "Marsh’s" left on the span). Every mention of her must be one PERSON entity.

mod common;

use newsgraph_kb::Linker;
use newsgraph_model::{Article, ByteSpan, EntityType, NerSpan};

const PAGE: &str = "Protesters gathered outside the statehouse on Saturday. Governor Helen Marsh \
praised them. Marsh said the rules were too strict. Aides in the Marsh White House \
declined to comment. Marsh’s critics said the Marsh Organization still owns the hotel. \
Marsh’s 2016 campaign promised the same. The Marsh administration did not reply. \
Helen later spoke to Kearney Mills Bank, and KMB said the loan stood. Iodine levels \
fell; the Wall said the iodine and the wall were fine.";

fn tagged() -> Article {
    use EntityType::*;
    let spans: &[(&str, EntityType)] = &[
        ("Helen Marsh", Person),
        ("Marsh", Person),
        ("Marsh White House", Org),
        ("Marsh’s", Person),
        ("Marsh Organization", Org),
        ("Marsh’s 2016", Org),
        ("Marsh administration", Norp),
        ("Helen", Person),
        ("Kearney Mills Bank", Org),
        ("KMB", Org),
        ("Iodine", Person),
        ("Wall", Person),
    ];
    let mut article = Article::from_text("resolve", PAGE);
    let mut from = 0;
    for &(name, label) in spans {
        let start = PAGE[from..].find(name).expect("the span is in the page") + from;
        let span = ByteSpan::new(start, start + name.len());
        article.analysis.ner.push(NerSpan { span, label, first_token: 0, end_token: 0 });
        from = start + name.len();
    }
    article
}

#[test]
fn one_person_entity_with_every_mention() {
    let linker = Linker::load().expect("the linker loads");
    let mut article = tagged();
    common::link(&linker, &mut article);
    for e in &article.entities {
        let texts: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
        eprintln!("{:?} {:?}: {texts:?}", e.kind, e.name);
    }
    let marsh: Vec<_> = article.entities.iter().filter(|e| e.mentions.iter().any(|m| m.text == "Marsh")).collect();
    assert_eq!(marsh.len(), 1, "one entity holds every bare \"Marsh\"");
    let person = marsh[0];
    assert_eq!(person.kind, EntityType::Person);
    assert_eq!(person.name, "Helen Marsh");
    // Full name, surname, possessives, the given name and the names nested in the
    // organisations' names: every "Marsh" of the page but the administration's.
    let administration = article.entities.iter().find(|e| e.name == "Marsh administration").expect("administration");
    assert_eq!(administration.kind, EntityType::Org, "an administration is an organisation");
    let starts: Vec<usize> = person.mentions.iter().map(|m| m.span.start()).collect();
    let every: Vec<usize> = PAGE.match_indices("Marsh").map(|(b, _)| PAGE[..b].chars().count()).collect();
    let covered =
        every.iter().filter(|&&s| person.mentions.iter().any(|m| m.span.start() <= s && s < m.span.end())).count();
    assert!(covered >= every.len() - 1, "{covered} of {} \"Marsh\" in the person's mentions: {starts:?}", every.len());
    assert!(person.mentions.iter().any(|m| m.text == "Helen"), "the given name joins the full name");
    // Mentions of one entity never overlap.
    for pair in person.mentions.windows(2) {
        assert!(pair[0].span.end() <= pair[1].span.start(), "overlapping mentions {:?}", pair);
    }
    // "White House" inside "Marsh White House" is no city.
    assert!(article.entities.iter().all(|e| e.kind != EntityType::Gpe), "no place on this page");
    // No organisation made of the possessive and a year, and the acronym joins its bank.
    assert!(article.entities.iter().all(|e| !e.name.starts_with("Marsh’s")), "no entity named \"Marsh’s ...\"");
    // A capitalised common word alone is no person.
    assert!(article.entities.iter().all(|e| e.name != "Iodine" && e.name != "Wall"), "no PERSON \"Iodine\"/\"Wall\"");
    let bank = article.entities.iter().find(|e| e.name == "Kearney Mills Bank").expect("the bank");
    assert!(bank.mentions.iter().any(|m| m.text == "KMB"), "the acronym joins its organisation");
}
