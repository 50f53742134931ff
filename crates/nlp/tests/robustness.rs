//! Hostile and unusual input: no panics, sane spans, time linear in length.

use std::time::Instant;

use newsgraph_model::Analysis;
use newsgraph_nlp::Nlp;

fn check_spans(text: &str, analysis: &Analysis) {
    let mut last_end = 0;
    for token in &analysis.tokens {
        assert!(token.span.start() >= last_end && token.span.end() > token.span.start(), "{:?}", token.span);
        assert!(text.get(token.span.start()..token.span.end()).is_some(), "token off a char boundary");
        last_end = token.span.end();
    }
    for entity in &analysis.ner {
        assert!(entity.first_token < entity.end_token && entity.end_token <= analysis.tokens.len());
        assert!(text.get(entity.span.start()..entity.span.end()).is_some());
        assert_eq!(analysis.tokens[entity.first_token].span.start(), entity.span.start());
    }
    for sentence in &analysis.sentences {
        assert!(text.get(sentence.start()..sentence.end()).is_some());
    }
}

#[test]
fn empty_and_blank_text() {
    let nlp = Nlp::load().unwrap();
    for text in ["", " ", "\n\n\n", " \t \u{a0} "] {
        let analysis = nlp.analyze(text);
        assert!(analysis.tokens.is_empty() && analysis.ner.is_empty() && analysis.sentences.is_empty(), "{text:?}");
    }
}

#[test]
fn other_scripts_and_symbols() {
    let nlp = Nlp::load().unwrap();
    let text = "普京与拜登周四通话。 Путин и Байден говорили. بوتين وبايدن 🇺🇦🙂 e\u{301}te\u{301} \u{200b}\u{feff} 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Nausėda";
    let analysis = nlp.analyze(text);
    check_spans(text, &analysis);
    assert!(analysis.tokens.iter().any(|t| t.span.slice(text) == "Nausėda"));
}

#[test]
fn ten_thousand_words_without_punctuation() {
    let nlp = Nlp::load().unwrap();
    let words = ["talks", "between", "Joe", "Biden", "and", "Vladimir", "Putin", "in", "Geneva", "on", "Thursday"];
    let text: Vec<&str> = (0..10_000).map(|i| words[i % words.len()]).collect();
    let text = text.join(" ");
    let analysis = nlp.analyze(&text);
    check_spans(&text, &analysis);
    assert_eq!(analysis.tokens.len(), 10_000);
    assert!(analysis.ner.iter().any(|e| e.span.slice(&text) == "Geneva"));
}

#[test]
fn long_unbroken_chunks_stay_linear() {
    let nlp = Nlp::load().unwrap();
    // Affix rules peel one character at a time: on a huge chunk that would be
    // quadratic. Distinct punctuation-heavy chunks (no cache hits) plus one
    // chunk far over the affix limit per hundred.
    // `salt` keeps every run's chunks new to the tokenizer's per-thread cache.
    let make = |copies: usize, salt: usize| -> String {
        let mut text = String::new();
        for i in 0..copies {
            text.push_str(&format!("(((\"U.S.-{i}\"))),;;''{salt}x "));
            if i % 100 == 0 {
                text.push_str(&"((U.S.-led)),;".repeat(40));
                text.push(' ');
            }
        }
        text
    };
    let time = |copies: usize, salt: usize| {
        let text = make(copies, salt);
        let start = Instant::now();
        let tokens = nlp.spacy_tokens(&text);
        assert!(tokens.len() > copies);
        start.elapsed().as_secs_f64()
    };
    let small = (0..3).map(|salt| time(20_000, salt)).fold(f64::MAX, f64::min);
    let large = (3..6).map(|salt| time(80_000, salt)).fold(f64::MAX, f64::min);
    eprintln!("tokenize: {small:.3}s for 20k chunks, {large:.3}s for 80k");
    // Four times the input: linear is ~4x, quadratic would be ~16x. The
    // slack absorbs a busy machine.
    assert!(large < small * 10.0 + 0.5, "small {small:.3}s large {large:.3}s");
}

#[test]
fn five_megabyte_paragraph() {
    let nlp = Nlp::load().unwrap();
    let sentence = "Russian troops massed near the border with Ukraine on Thursday, officials in Kyiv said, \
                    while NATO Secretary-General Jens Stoltenberg called for talks ";
    // Debug builds run the network unoptimised: a smaller text keeps the test quick there.
    let target = if cfg!(debug_assertions) { 50_000 } else { 5_000_000 };
    let text = sentence.repeat(target / sentence.len() + 1);
    let analysis = nlp.analyze(&text);
    check_spans(&text, &analysis);
    assert!(analysis.tokens.len() > target / 8);
    assert!(analysis.ner.len() > target / sentence.len());
}
