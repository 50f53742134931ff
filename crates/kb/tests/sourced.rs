//! The sourced tables (US Congress and executive, S&P 500, Party Facts parties and the
//! curated people): names link to their entry with its Wikidata id and Wikipedia title,
//! and ambiguous names or bare surnames link to nothing.

mod common;

use newsgraph_kb::Linker;
use newsgraph_model::{Article, ByteSpan, EntityType, KbLink, NerSpan};

/// Links `text` after tagging every occurrence of each listed name with its label.
fn link(text: &str, published: Option<&str>, names: &[(&str, EntityType)]) -> Article {
    let linker = Linker::load().unwrap();
    let mut article = Article::from_text("t", text);
    article.language = Some("en".into());
    if let Some(day) = published {
        article.published =
            Some(newsgraph_model::Published { value: day.to_string(), from: newsgraph_model::DateSource::Meta });
    }
    for &(name, label) in names {
        for (start, _) in text.match_indices(name) {
            let end = start + name.len();
            // A shorter name inside a longer listed one is not tagged on its own.
            let inside = names.iter().any(|&(other, _)| {
                other.len() > name.len() && text.match_indices(other).any(|(s, _)| s <= start && end <= s + other.len())
            });
            if !inside {
                article.analysis.ner.push(NerSpan {
                    span: ByteSpan::new(start, end),
                    label,
                    first_token: 0,
                    end_token: 0,
                });
            }
        }
    }
    article.analysis.ner.sort_by_key(|n| n.span.start());
    common::link(&linker, &mut article);
    article
}

/// The KB link of the entity that has a mention with this text.
fn kb_of<'a>(article: &'a Article, mention: &str) -> Option<&'a KbLink> {
    let entity = article.entities.iter().find(|e| e.mentions.iter().any(|m| m.text == mention));
    entity.and_then(|e| e.kb.as_ref()).filter(|kb| kb.wikidata.is_some() || kb.wikipedia.is_some())
}

fn wikipedia<'a>(article: &'a Article, mention: &str) -> Option<&'a str> {
    kb_of(article, mention).and_then(|kb| kb.wikipedia.as_deref())
}

#[test]
fn congress_members_link_by_full_name_and_their_surname_after_it() {
    use EntityType::Person;
    let text = "Senator Tim Scott of South Carolina spoke on Tuesday. Scott said the bill would pass.";
    let a = link(text, Some("2024-03-05"), &[("Tim Scott", Person), ("Scott", Person)]);
    let kb = kb_of(&a, "Tim Scott").expect("Tim Scott links");
    assert_eq!(kb.wikidata.as_deref(), Some("Q561315"));
    assert_eq!(kb.wikipedia.as_deref(), Some("Tim Scott"));
    assert_eq!(wikipedia(&a, "Scott"), Some("Tim Scott"), "the surname after the full name");
}

#[test]
fn a_bare_surname_of_a_congress_member_links_to_nothing() {
    use EntityType::Person;
    // Two senators are named Scott (Tim and Rick): without a full name, no link.
    let a = link("Scott said the bill would pass the Senate in Washington.", Some("2024-03-05"), &[("Scott", Person)]);
    assert_eq!(kb_of(&a, "Scott"), None);
}

#[test]
fn sp500_companies_link_by_name_and_safe_short_form() {
    use EntityType::Org;
    let text = "Exxon Mobil and Apple reported earnings; ExxonMobil shares rose while Target fell.";
    let a = link(text, None, &[("Exxon Mobil", Org), ("ExxonMobil", Org), ("Apple", Org), ("Target", Org)]);
    for name in ["Exxon Mobil", "ExxonMobil"] {
        let entity = a.entities.iter().find(|e| e.mentions.iter().any(|m| m.text == name)).unwrap();
        assert_eq!(entity.name, "ExxonMobil", "{name}");
    }
    assert!(a.entities.iter().any(|e| e.name == "Apple Inc."));
    // "Target" alone is an ordinary English word: not an alias of Target Corporation.
    assert!(!a.entities.iter().any(|e| e.name == "Target Corporation"));
}

#[test]
fn parties_link_by_name_and_by_acronym_only_with_their_country() {
    use EntityType::{Gpe, Org};
    let text = "In Bihar, the Bharatiya Janata Party and the JD(U) agreed. The BJP will lead in India.";
    let a = link(
        text,
        None,
        &[("Bihar", Gpe), ("Bharatiya Janata Party", Org), ("JD(U)", Org), ("BJP", Org), ("India", Gpe)],
    );
    assert_eq!(kb_of(&a, "Bharatiya Janata Party").and_then(|k| k.wikidata.as_deref()), Some("Q10230"));
    assert_eq!(wikipedia(&a, "BJP"), Some("Bharatiya Janata Party"));
    assert_eq!(wikipedia(&a, "JD(U)"), Some("Janata Dal (United)"));
    // Without India or an Indian state named, the acronym alone links to nothing.
    let a = link("The BJP said so on Monday.", None, &[("BJP", Org)]);
    assert_eq!(kb_of(&a, "BJP"), None);
}

#[test]
fn a_party_name_many_countries_share_needs_the_country() {
    use EntityType::{Gpe, Org};
    // "Democratic Party" is a party in some twenty countries of Party Facts.
    let a = link("The Democratic Party met on Monday.", None, &[("Democratic Party", Org)]);
    assert_eq!(kb_of(&a, "Democratic Party"), None);
    let text = "In the United States, the Democratic Party met on Monday.";
    let a = link(text, None, &[("United States", Gpe), ("Democratic Party", Org)]);
    assert_eq!(wikipedia(&a, "Democratic Party"), Some("Democratic Party (United States)"));
}
