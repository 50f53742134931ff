//! Stages run only on articles in a language their models read.

use newsgraph_model::Layer;
use newsgraph_pipeline::{Overrides, Pipeline};
use newsgraph_source::{Input, Page};

fn process(pipeline: &Pipeline, text: &str) -> newsgraph_model::Article {
    let page = Page { bytes: text.as_bytes().to_vec(), ..Page::default() };
    pipeline.process(Input::Page(page), &Overrides::default()).unwrap()
}

#[test]
fn each_stage_runs_on_the_languages_it_reads_and_notes_the_others() {
    let pipeline = Pipeline::load(Layer::Events).unwrap();
    let german = "Die Bundesregierung in Berlin hat am Montag neue Regeln für die Bahn beschlossen. \
                  Der Minister sagte, die Züge sollen pünktlicher werden, und die Länder müssen nun \
                  über die Finanzierung entscheiden. Kritik kam von den Verbänden der Fahrgäste, die \
                  seit Jahren mehr Geld für das Netz fordern.";
    let article = process(&pipeline, german);
    assert_eq!(article.language.as_deref(), Some("de"));
    // German has a named-entity model: Berlin is found and placed; events read English only.
    let berlin = article.entities.iter().find(|e| e.name == "Berlin");
    assert!(berlin.is_some_and(|e| e.kb.as_ref().and_then(|k| k.geonames) == Some(2950159)), "{:?}", article.entities);
    let skipped = article.skipped.as_ref().expect("the skipped stages are noted");
    assert_eq!(skipped.language, "de");
    assert_eq!(skipped.stages, ["events"], "{skipped:?}");
    // The quote finder reads German: the minister's report, without an entity to resolve.
    assert!(!skipped.stages.contains(&"quotes"), "{skipped:?}");
    let report = article.quotes.iter().find(|q| q.cue.as_ref().is_some_and(|c| c.text == "sagte"));
    assert!(
        report.is_some_and(|q| q.text.starts_with("die Züge sollen") && q.speaker.is_none()),
        "{:?}",
        article.quotes
    );
    // The JSON keeps its old note, written from the typed one.
    let note = article.errors.iter().find(|e| e.stage == "language").expect("an errors entry for JSON readers");
    assert_eq!(note.message, skipped.to_string());
    assert!(note.message.starts_with("not run on an article in \"de\", a language"), "{}", note.message);

    // No Italian named-entity model ships: the knowledge base's finder reads its names
    // (Rome, placed); events read English only.
    let italian = "Il governo di Roma ha approvato lunedì nuove regole per le ferrovie. Il ministro ha \
                   detto che i treni devono essere puntuali, e le regioni ora devono decidere come \
                   pagare. Le associazioni dei passeggeri chiedono da anni più fondi per la rete.";
    let article = process(&pipeline, italian);
    assert_eq!(article.language.as_deref(), Some("it"));
    let skipped = article.skipped.as_ref().expect("the skipped stages are noted");
    assert_eq!(skipped.stages, ["events"], "{skipped:?}");
    assert!(article.analysis.ner.is_empty(), "{:?}", article.analysis.ner);
    let rome = article.entities.iter().find(|e| e.name == "Rome");
    assert!(rome.is_some_and(|e| e.kb.as_ref().and_then(|k| k.geonames) == Some(3169070)), "{:?}", article.entities);
    assert_eq!(article.entities.len(), 1, "{:?}", article.entities);
    assert!(!article.times.is_empty(), "{:?}", article.times);

    let english = "The government in Berlin agreed new rules for the railways on Monday. \
                   Minister Anna Weber said the trains must run on time, and the states now have to \
                   decide how to pay for it. Passenger groups, which have asked for more money for \
                   the network for years, criticised the plan.";
    let article = process(&pipeline, english);
    assert_eq!(article.language.as_deref(), Some("en"));
    assert!(article.entities.iter().any(|e| e.name == "Berlin"), "{:?}", article.entities);
    assert_eq!(article.skipped, None);
    assert!(!article.errors.iter().any(|e| e.stage == "language"), "{:?}", article.errors);
}
