//! National teams: countries that play a match in a sports report are teams.

mod common;

use newsgraph_kb::Linker;
use newsgraph_model::{Article, ByteSpan, EntityType, NerSpan};

/// Links `text` after tagging every listed name (each occurrence) with `label`.
fn link(text: &str, names: &[(&str, EntityType)]) -> Article {
    let linker = Linker::load().unwrap();
    let mut article = Article::from_text("t", text);
    for &(name, label) in names {
        for (start, _) in text.match_indices(name) {
            article.analysis.ner.push(NerSpan {
                span: ByteSpan::new(start, start + name.len()),
                label,
                first_token: 0,
                end_token: 0,
            });
        }
    }
    article.analysis.ner.sort_by_key(|n| n.span.start());
    common::link(&linker, &mut article);
    article
}

/// (mention text, entity kind, entity name) of every mention, in text order.
fn mentions(article: &Article) -> Vec<(String, EntityType, String)> {
    let mut out: Vec<(usize, String, EntityType, String)> = article
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (m.span.start(), m.text.clone(), e.kind, e.name.clone())))
        .collect();
    out.sort();
    out.into_iter().map(|(_, t, k, n)| (t, k, n)).collect()
}

#[test]
fn countries_in_a_match_report_are_their_teams() {
    let text = "Chile defeated Norway 2 – 1 in the group stage of the tournament. Chile had more of the ball, \
                and the Norwegians scored late from a penalty. The match was played in Spain, where the final \
                will be held. Standings of group B: CHILE first.";
    let article = link(
        text,
        &[
            ("Chile", EntityType::Gpe),
            ("Norway", EntityType::Gpe),
            ("Spain", EntityType::Gpe),
            ("Norwegians", EntityType::Norp),
        ],
    );
    let got = mentions(&article);
    let team = |name: &str| got.iter().filter(|(t, k, _)| t == name && *k == EntityType::Org).count();
    assert_eq!(team("Chile"), 2, "{got:?}");
    assert_eq!(team("Norway"), 1, "{got:?}");
    assert_eq!(team("Norwegians"), 1, "the Norwegians are Norway's side: {got:?}");
    assert_eq!(team("CHILE"), 1, "an untagged name of a side is found: {got:?}");
    assert!(got.iter().any(|(t, k, _)| t == "Spain" && *k == EntityType::Gpe), "the venue stays a place: {got:?}");
    let chile = article.entities.iter().find(|e| e.name == "Chile national team").expect("a team entity");
    assert_eq!(chile.kb.as_ref().and_then(|k| k.country.as_deref()), Some("CL"));
    assert!(
        !article.places.iter().any(|p| p.country.as_deref() == Some("CL")),
        "a team is not on the map: {:?}",
        article.places
    );
}

#[test]
fn a_summit_with_goals_and_penalties_is_not_a_match() {
    let text = "Chile hosted Norway at the summit. The final goal of the talks is a penalty for polluters, \
                and Chile beat Norway to the first draw of the fund; a coach took the delegates home.";
    let got = mentions(&link(text, &[("Chile", EntityType::Gpe), ("Norway", EntityType::Gpe)]));
    assert!(got.iter().all(|(_, k, _)| *k == EntityType::Gpe), "everyday words are no sports report: {got:?}");
}

#[test]
fn states_at_war_are_not_teams() {
    let text = "Chile defeated Norway in the border war, and Chile faced Norway again at sea. \
                Officials said the match of forces was uneven.";
    let got = mentions(&link(text, &[("Chile", EntityType::Gpe), ("Norway", EntityType::Gpe)]));
    assert!(got.iter().all(|(_, k, _)| *k == EntityType::Gpe), "no sports report, no teams: {got:?}");
}

#[test]
fn a_score_run_into_a_name_is_trimmed() {
    let text =
        "Group A: Chile 3 – 0 Norway. The referee sent off a striker, and the match ended in the stadium's dusk.";
    let got = mentions(&link(text, &[("Chile 3", EntityType::Org), ("Norway", EntityType::Gpe)]));
    assert!(got.iter().any(|(t, k, _)| t == "Chile" && *k == EntityType::Org), "{got:?}");
}
