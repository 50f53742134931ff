//! Sentences of the seed page: abbreviations, bylines and quotes.

use newsgraph_nlp::Nlp;

#[test]
fn seed_page_sentences() {
    let nlp = Nlp::load().unwrap();
    let text = include_str!("data/seed-article.txt");
    let analysis = nlp.analyze(text);
    let sentences: Vec<&str> = analysis.sentences.iter().map(|s| s.slice(text)).collect();
    let has = |s: &str| sentences.contains(&s);
    assert!(has("Talks were underway Thursday between U.S. President Joe Biden and Russia's Vladimir Putin amid international fears that Moscow plans a military invasion into Ukraine."), "{sentences:#?}");
    assert!(has("By Stefan J. Bos"), "{sentences:#?}");
    assert!(has("Halting expansion?"), "{sentences:#?}");
    // Every sentence lies inside the text and they do not overlap.
    for pair in analysis.sentences.windows(2) {
        assert!(pair[0].end() <= pair[1].start());
    }
    // Entities keep their labels: the model's view of the seed's main actors.
    let label = |name: &str| analysis.ner.iter().find(|e| e.span.slice(text) == name).map(|e| e.label.label());
    assert_eq!(label("Joe Biden"), Some("PERSON"));
    assert_eq!(label("Vladimir Putin"), Some("PERSON"));
}
