//! Hostile and odd input: no panics, bounded time, consistent records.

use std::time::Instant;

use newsgraph_events::EventCoder;
use newsgraph_model::{Article, Stage};

#[test]
fn odd_text_codes_without_panicking() {
    let coder = EventCoder::load().expect("lexicon loads");
    for text in [
        "",
        " ",
        "\"",
        "“”«»",
        "and and and , , ,",
        "'s 's n't",
        "U.S.",
        "Nausėda — «ne» 好 attacked Россия.",
        "Police. Police! Police? (((Rebels attacked)))",
        "He said: \"We will attack\" and she",
    ] {
        let mut article = Article::from_text("odd", text);
        coder.annotate(&mut article);
        for event in &article.events {
            for m in &event.evidence {
                let slice: String = article.text.chars().skip(m.span.start()).take(m.span.len()).collect();
                assert_eq!(slice, m.text, "{text:?}");
            }
        }
    }
}

#[test]
fn long_articles_take_linear_time() {
    let coder = EventCoder::load().expect("lexicon loads");
    let nlp = newsgraph_nlp::Nlp::load().expect("the nlp model loads");
    let sentence = "Rebels attacked the town of Kiro on Monday, and police arrested 12 protesters. ";
    // The best of three runs, so a busy machine does not decide the test.
    let time = |n: usize| {
        let mut best = f64::MAX;
        let mut events = 0;
        for _ in 0..3 {
            let mut article = Article::from_text("long", sentence.repeat(n));
            // The text layer the nlp stage leaves; its own time is not the coder's.
            article.analysis = nlp.segment(&article.text);
            let started = Instant::now();
            coder.annotate(&mut article);
            best = best.min(started.elapsed().as_secs_f64());
            events = article.events.len();
        }
        (best, events)
    };
    let (small, small_events) = time(500);
    let (large, _) = time(4000);
    assert!(small_events >= 1, "the repeated sentence reports events");
    // Eight times the text may cost at most ~24 times the time (noise, not quadratic growth).
    assert!(large < small * 24.0 + 0.05, "500 sentences: {small:.4}s, 4000 sentences: {large:.4}s");
}

#[test]
fn one_enormous_sentence_is_bounded() {
    let coder = EventCoder::load().expect("lexicon loads");
    let text = "Rebels attacked ".repeat(20_000);
    let mut article = Article::from_text("run-on", text);
    let started = Instant::now();
    coder.annotate(&mut article);
    assert!(started.elapsed().as_secs_f64() < 5.0);
}
