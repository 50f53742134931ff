//! Codes one sentence per input line (no entity layer) and prints the record as JSON.
use newsgraph_events::EventCoder;
use newsgraph_model::{Article, Stage};
use std::io::BufRead;
fn main() {
    let coder = EventCoder::load().unwrap();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let mut a = Article::from_text("x", line);
        coder.annotate(&mut a);
        println!("{}", serde_json::to_string(&a).unwrap());
    }
}
