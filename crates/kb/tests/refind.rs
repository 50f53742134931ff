//! Names found again (`refind`): a name the article tagged once is a mention
//! wherever else it is written, an acronym in parentheses joins the name it
//! spells, and a name that runs on into other capitalised words is left alone.

mod common;

use newsgraph_kb::Linker;
use newsgraph_model::{Article, ByteSpan, EntityType, NerSpan};

/// Links `text` with the given NER spans (found in order); returns each entity's
/// type and its mentions' texts.
fn entities(text: &str, names: &[(&str, EntityType)]) -> Vec<(EntityType, Vec<String>)> {
    let linker = Linker::load().expect("the linker loads");
    let mut article = Article::from_text("t", text);
    let mut from = 0;
    for &(name, label) in names {
        let start = text[from..].find(name).expect("the span is in the text") + from;
        let span = ByteSpan::new(start, start + name.len());
        article.analysis.ner.push(NerSpan { span, label, first_token: 0, end_token: 0 });
        from = start + name.len();
    }
    common::link(&linker, &mut article);
    article.entities.iter().map(|e| (e.kind, e.mentions.iter().map(|m| m.text.clone()).collect())).collect()
}

fn holding<'a>(entities: &'a [(EntityType, Vec<String>)], text: &str) -> Vec<&'a (EntityType, Vec<String>)> {
    entities.iter().filter(|(_, ms)| ms.iter().any(|m| m == text)).collect()
}

#[test]
fn a_name_tagged_once_is_found_again_as_the_same_entity() {
    let text = "Scientology officials met the press on Monday. A spokesman said members of \
                Scientology were not involved. Critics say Scientology keeps its records secret.";
    let found = entities(text, &[("Scientology", EntityType::Org)]);
    let scientology = holding(&found, "Scientology");
    assert_eq!(scientology.len(), 1);
    assert_eq!(scientology[0].0, EntityType::Org);
    assert_eq!(scientology[0].1.len(), 3, "{found:?}");
}

#[test]
fn a_parenthesised_acronym_joins_the_name_it_spells() {
    let text = "The shuttle landed at the Kennedy Space Center ( KSC ) in Florida on Friday. \
                Engineers at KSC said the landing went well.";
    let found = entities(text, &[("Kennedy Space Center", EntityType::Fac), ("Florida", EntityType::Gpe)]);
    let ksc = holding(&found, "KSC");
    assert_eq!(ksc.len(), 1, "{found:?}");
    assert!(ksc[0].1.iter().any(|m| m == "Kennedy Space Center"), "{found:?}");
    assert_eq!(ksc[0].1.iter().filter(|m| *m == "KSC").count(), 2, "{found:?}");
}

#[test]
fn a_name_running_on_into_other_capitalised_words_is_not_taken() {
    let text = "The mayor of Toronto spoke on Friday. She told the Toronto Star that Toronto would pay.";
    let found = entities(text, &[("Toronto", EntityType::Gpe)]);
    let toronto = holding(&found, "Toronto");
    assert_eq!(toronto.len(), 1);
    // The first and the last "Toronto", not the one in "Toronto Star".
    assert_eq!(toronto[0].1.len(), 2, "{found:?}");
}

#[test]
fn a_tagged_name_nests_in_an_organisation_name_and_a_longer_name_wins_over_its_part() {
    let text = "Google invited the boy. He was a guest at the Google Science Fair. \
                Environment Canada said the papers were lost. Later Environment Canada \
                spokeswoman Julie Hahn said so again.";
    let found = entities(
        text,
        &[
            ("Google", EntityType::Org),
            ("Google Science Fair", EntityType::Event),
            ("Environment Canada", EntityType::Org),
            ("Canada", EntityType::Gpe),
            ("Julie Hahn", EntityType::Person),
        ],
    );
    let google = holding(&found, "Google");
    assert_eq!(google.len(), 1);
    assert_eq!(google[0].1, vec!["Google", "Google"], "{found:?}");
    let environment = holding(&found, "Environment Canada");
    assert_eq!(environment.len(), 1);
    assert_eq!(environment[0].1.len(), 2, "{found:?}");
}

#[test]
fn two_names_run_together_are_split_but_a_full_name_is_not() {
    let text = "Alvin Yeung of the Civic Party won. The Civic Party New People Party contest was close; \
                the New People Party conceded. Daniel Montalvo left. Daniel said Montalvo was tired.";
    let found = entities(
        text,
        &[
            ("Alvin Yeung", EntityType::Person),
            ("Civic Party", EntityType::Org),
            ("Civic Party New People Party", EntityType::Org),
            ("New People Party", EntityType::Org),
            ("Daniel Montalvo", EntityType::Person),
            ("Daniel", EntityType::Person),
            ("Montalvo", EntityType::Person),
        ],
    );
    assert!(holding(&found, "Civic Party New People Party").is_empty(), "{found:?}");
    assert_eq!(holding(&found, "Civic Party")[0].1.len(), 2, "{found:?}");
    assert_eq!(holding(&found, "New People Party")[0].1.len(), 2, "{found:?}");
    let montalvo = holding(&found, "Daniel Montalvo");
    assert_eq!(montalvo.len(), 1);
    assert_eq!(montalvo[0].1, vec!["Daniel Montalvo", "Daniel", "Montalvo"], "{found:?}");
}

#[test]
fn a_surname_the_article_writes_after_mr_is_not_cut_as_an_ordinary_word() {
    let text = "Professor John Burrows chairs the panel. Prime Minister John Key backed the change. \
                Mr Key said it was time.";
    let found = entities(
        text,
        &[("John Burrows", EntityType::Person), ("John Key", EntityType::Person), ("Key", EntityType::Person)],
    );
    let key = holding(&found, "John Key");
    assert_eq!(key.len(), 1, "{found:?}");
    assert_eq!(key[0].1, vec!["John Key", "Key"], "{found:?}");
    assert_eq!(holding(&found, "John Burrows")[0].1, vec!["John Burrows"], "{found:?}");
}

#[test]
fn an_acronym_completes_a_name_the_model_tagged_only_the_end_of() {
    let text = "The motion came from the deputies of Movimento 5 Stelle ( M5S ) in the regional council. \
                Later M5S said it would vote again.";
    let found = entities(text, &[("Stelle", EntityType::Person)]);
    let m5s = holding(&found, "M5S");
    assert_eq!(m5s.len(), 1, "{found:?}");
    assert_eq!(m5s[0].0, EntityType::Org);
    assert_eq!(m5s[0].1, vec!["Movimento 5 Stelle", "M5S", "M5S"], "{found:?}");
}

/// `retype`'s given-name pairs, which the names found again then follow.
#[test]
fn a_given_name_and_the_name_after_it_tagged_apart_are_one_person() {
    let text = "A former member of the group, Valeska Paris, says she was held on a ship. \
                Paris claims she was kept there for years.";
    let found = entities(text, &[("Valeska", EntityType::Gpe), ("Paris", EntityType::Gpe), ("Paris", EntityType::Gpe)]);
    let person = holding(&found, "Valeska Paris");
    assert_eq!(person.len(), 1, "{found:?}");
    assert_eq!(person[0].0, EntityType::Person);
    assert_eq!(person[0].1, vec!["Valeska Paris", "Paris"], "{found:?}");
    // A place after a place-like given name stays a place ("Victoria" is a state too).
    let places = entities(
        "They flew to Victoria Australia on Monday.",
        &[("Victoria", EntityType::Gpe), ("Australia", EntityType::Gpe)],
    );
    assert!(holding(&places, "Victoria Australia").is_empty(), "{places:?}");
}
