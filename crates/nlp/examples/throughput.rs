//! Words per second of tokenize + NER on one thread.
//!
//! `cargo run --release -p newsgraph-nlp --example throughput -- FILE...` where each
//! file is plain text, or JSON Lines with a `text` field per line.

use std::time::Instant;

fn main() {
    let loading = Instant::now();
    let nlp = match newsgraph_nlp::Nlp::load() {
        Ok(nlp) => nlp,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    eprintln!("loaded in {:.3} s", loading.elapsed().as_secs_f64());
    let seconds: f64 = std::env::var("SECONDS_TO_RUN").ok().and_then(|s| s.parse().ok()).unwrap_or(3.0);
    // TOKENIZE_ONLY=1 times the tokenizer alone (the count printed is then tokens).
    let tokenize_only = std::env::var_os("TOKENIZE_ONLY").is_some();
    let mut texts = Vec::new();
    for path in std::env::args().skip(1) {
        let Ok(content) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        if path.ends_with(".jsonl") {
            for line in content.lines() {
                if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(line) {
                    if let Some(serde_json::Value::String(text)) = map.get("text") {
                        texts.push(text.clone());
                    }
                }
            }
        } else {
            texts.push(content);
        }
    }
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let start = Instant::now();
    let mut entities = 0;
    let mut rounds = 0;
    while rounds == 0 || start.elapsed().as_secs_f64() < seconds {
        for text in &texts {
            if tokenize_only {
                entities += nlp.spacy_tokens(text).len();
            } else {
                entities += nlp.analyze(text).ner.len();
            }
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} texts, {} words x {rounds} rounds in {secs:.2} s: {:.0} words/s ({} entities)",
        texts.len(),
        words,
        (words * rounds) as f64 / secs,
        entities / rounds
    );
}
