//! Scores through the repo's scorer (`newsgraph_bench::eval::extraction`), so
//! every tool is judged by the very functions `newsgraph eval extraction` uses.
//!
//! [`body_f1`] is the headline body F1 for the summary table; [`print_scores`]
//! prints the full lines (P/R/F1, accuracy, metadata) as the eval prints them.

use std::collections::HashMap;

use newsgraph_bench::eval::extraction::{
    aeb_page, aeb_prf, print_aeb, print_traf, print_wcxb, word_prf, Dataset, Prediction, SnippetCounts,
};
use serde_json::Value;

fn gold_str<'a>(gold: &'a HashMap<String, Value>, key: &str, field: &str) -> &'a str {
    gold.get(key).and_then(|g| g.get(field)).and_then(Value::as_str).unwrap_or("")
}

/// The set's body F1: AEB shingle F1 of macro P/R, trafilatura-eval snippet
/// micro F1, WCXB mean per-page word F1.
pub fn body_f1(set: Dataset, gold: &HashMap<String, Value>, keys: &[&str], preds: &[Prediction]) -> f64 {
    let pairs = keys.iter().zip(preds);
    match set {
        Dataset::Aeb => {
            let triples: Vec<_> = pairs.map(|(k, p)| aeb_page(gold_str(gold, k, "articleBody"), &p.body)).collect();
            aeb_prf(&triples).f1
        }
        Dataset::Trafilatura => {
            let mut total = SnippetCounts::default();
            for (key, pred) in pairs {
                total.add(SnippetCounts::of(gold, key, &pred.body));
            }
            total.f1()
        }
        Dataset::Wcxb => {
            let sum: f64 = pairs.map(|(k, p)| word_prf(&p.body, gold_str(gold, k, "main_content")).2).sum();
            sum / keys.len().max(1) as f64
        }
    }
}

/// The repo scorer's own report lines for the set.
pub fn print_scores(set: Dataset, gold: &HashMap<String, Value>, keys: &[&str], preds: &[Prediction]) {
    match set {
        Dataset::Aeb => print_aeb(gold, keys, preds),
        Dataset::Trafilatura => print_traf(gold, keys, preds),
        Dataset::Wcxb => print_wcxb(gold, keys, preds),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pred(body: &str) -> Prediction {
        Prediction { body: body.to_string(), ..Prediction::default() }
    }

    #[test]
    fn body_f1_follows_each_sets_metric() {
        let gold: HashMap<String, Value> = [
            ("a".to_string(), json!({"articleBody": "one two three four five", "with": ["two  three"], "without": ["five"], "main_content": "one two"})),
        ]
        .into_iter()
        .collect();
        let keys = ["a"];
        assert!((body_f1(Dataset::Aeb, &gold, &keys, &[pred("one two three four five")]) - 1.0).abs() < 1e-9);
        assert_eq!(body_f1(Dataset::Aeb, &gold, &keys, &[pred("")]), 0.0);
        // Snippet found (tp 1) and the unwanted one found too (fp 1): F1 = 2/3.
        let f = body_f1(Dataset::Trafilatura, &gold, &keys, &[pred("one two three four five")]);
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
        // Words: pred {one two three}, gold {one two}: P 2/3, R 1, F1 0.8.
        let f = body_f1(Dataset::Wcxb, &gold, &keys, &[pred("One two three")]);
        assert!((f - 0.8).abs() < 1e-9);
    }
}
