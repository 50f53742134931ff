//! An organisation named with and without its country (`prefixed`): one entity,
//! unless two countries' organisations share the short name.

mod common;

use newsgraph_kb::Linker;
use newsgraph_model::{Article, ByteSpan, EntityType, NerSpan};

fn entities(text: &str, names: &[&str]) -> Vec<Vec<String>> {
    let linker = Linker::load().expect("the linker loads");
    let mut article = Article::from_text("t", text);
    let mut from = 0;
    for name in names {
        let start = text[from..].find(name).expect("the span is in the text") + from;
        let span = ByteSpan::new(start, start + name.len());
        article.analysis.ner.push(NerSpan { span, label: EntityType::Org, first_token: 0, end_token: 0 });
        from = start + name.len();
    }
    common::link(&linker, &mut article);
    article.entities.iter().map(|e| e.mentions.iter().map(|m| m.text.clone()).collect()).collect()
}

#[test]
fn the_short_name_joins_the_one_country_prefixed_name() {
    let text = "The United Kingdom Home Office sent the forms. A Home Office spokesman said the \
                Home Office would reply.";
    let found = entities(text, &["United Kingdom Home Office", "Home Office", "Home Office"]);
    let office: Vec<_> = found.iter().filter(|ms| ms.iter().any(|m| m == "Home Office")).collect();
    assert_eq!(office.len(), 1, "{found:?}");
    assert_eq!(office[0].len(), 3, "{found:?}");
}

#[test]
fn two_countries_with_one_short_name_keep_it_apart() {
    let text = "The United Kingdom Home Office and the Irish Home Office met. The Home Office said little.";
    let found = entities(text, &["United Kingdom Home Office", "Irish Home Office", "Home Office"]);
    let short: Vec<_> = found.iter().filter(|ms| ms.iter().any(|m| m == "Home Office")).collect();
    assert_eq!(short.len(), 1, "{found:?}");
    assert_eq!(short[0], &vec!["Home Office".to_string()], "{found:?}");
}
