//! Pages that are not news keep their text and metadata but skip the news-only stages.

use newsgraph_model::{Article, Layer, PageKind, PageType};
use newsgraph_pipeline::{Overrides, Pipeline, NEWS_ONLY_STAGES};
use newsgraph_source::Input;

const TEXT: &str = "The government in Berlin agreed new rules for the railways on Monday. Minister Anna \
    Weber said the trains must run on time, and protesters attacked the plan in the capital.";

fn process(pipeline: &Pipeline, page_type: Option<PageKind>) -> Article {
    let mut article = Article::from_text("a", TEXT);
    article.page_type = page_type.map(|kind| PageType { kind, confidence: 0.9 });
    pipeline.process(Input::Ready(Box::new(article)), &Overrides::default()).unwrap()
}

#[test]
fn a_product_page_gets_no_events_or_tone_but_keeps_entities() {
    assert_eq!(NEWS_ONLY_STAGES, ["events", "tone"]);
    let pipeline = Pipeline::load(Layer::Events).unwrap();
    let news = process(&pipeline, Some(PageKind::Article));
    assert!(news.tone.is_some(), "an article has a tone");
    assert!(!news.events.is_empty(), "an article has events: {:?}", news.events);

    let product = process(&pipeline, Some(PageKind::Product));
    assert!(!product.is_news());
    assert!(product.tone.is_none(), "{:?}", product.tone);
    assert!(product.events.is_empty(), "{:?}", product.events);
    // The other layers still run: its names are found and no stage is noted as skipped for language.
    assert!(product.entities.iter().any(|e| e.name == "Berlin"), "{:?}", product.entities);
    assert!(product.skipped.is_none());

    let untyped = process(&pipeline, None);
    assert!(untyped.tone.is_some() && !untyped.events.is_empty(), "ready text is taken as news");
}
