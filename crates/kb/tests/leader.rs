//! "The Kremlin leader": a title naming the one leader of its country the article names.

mod common;

use newsgraph_kb::Linker;
use newsgraph_model::{Article, ByteSpan, EntityType, NerSpan};

fn linked(text: &str, spans: &[(&str, EntityType)]) -> Article {
    let mut article = Article::from_text("leader", text);
    let mut from = 0;
    for &(name, label) in spans {
        let start = text[from..].find(name).expect("the span is in the text") + from;
        let span = ByteSpan::new(start, start + name.len());
        article.analysis.ner.push(NerSpan { span, label, first_token: 0, end_token: 0 });
        from = start + name.len();
    }
    let linker = Linker::load().expect("the linker loads");
    common::link(&linker, &mut article);
    article
}

#[test]
fn the_kremlin_leader_joins_the_one_russian_leader_named() {
    let text = "Vladimir Putin met envoys on Monday. The Kremlin leader said talks would go on.";
    let article = linked(text, &[("Vladimir Putin", EntityType::Person), ("Kremlin", EntityType::Org)]);
    let putin = article.entities.iter().find(|e| e.name == "Vladimir Putin").expect("Putin");
    assert!(putin.mentions.iter().any(|m| m.text == "Kremlin leader"), "{:?}", putin.mentions);
}

#[test]
fn two_leaders_of_one_country_leave_the_title_alone() {
    let text = "Vladimir Putin and Dmitry Medvedev met. The Russian leader said talks would go on.";
    let spans = [
        ("Vladimir Putin", EntityType::Person),
        ("Dmitry Medvedev", EntityType::Person),
        ("Russian", EntityType::Norp),
    ];
    let article = linked(text, &spans);
    let people = article.entities.iter().filter(|e| e.kind == EntityType::Person);
    assert!(people.flat_map(|e| &e.mentions).all(|m| m.text != "Russian leader"), "{:?}", article.entities);
}

#[test]
fn a_title_before_a_name_or_a_former_leader_adds_nothing() {
    // Putin is the one Russian leader named: only the words around "leader" keep it apart.
    for text in ["Russian leader Vladimir Putin spoke.", "Vladimir Putin spoke, and the former Russian leader agreed."]
    {
        let spans: Vec<(&str, EntityType)> = if text.starts_with("Russian") {
            vec![("Russian", EntityType::Norp), ("Vladimir Putin", EntityType::Person)]
        } else {
            vec![("Vladimir Putin", EntityType::Person), ("Russian", EntityType::Norp)]
        };
        let article = linked(text, &spans);
        let mentions = article.entities.iter().flat_map(|e| &e.mentions);
        assert!(mentions.clone().all(|m| m.text != "Russian leader"), "{text}: {:?}", article.entities);
    }
}
