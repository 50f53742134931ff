//! Page-type accuracy on WCXB and the features the page-type model is trained on.
//!
//! [`print()`] compares the clean stage's `page_type` with WCXB's gold type per page:
//! accuracy and the confusion matrix (rows gold, columns predicted). [`dump_features`]
//! writes one JSON line per page (`id`, `domain`, `gold`, `features`), the input of
//! `models/page_type/train.py`; the eval writes it when `NEWSGRAPH_PAGE_FEATURES`
//! names a file. It does not train anything.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

use newsgraph_extract::{Cleaner, PAGE_TYPE_FEATURES};
use serde_json::{json, Value};

use super::extraction::{Doc, Prediction};

fn gold_type<'a>(gold: &'a HashMap<String, Value>, key: &str) -> &'a str {
    gold.get(key).and_then(|g| g.get("page_type")).and_then(Value::as_str).unwrap_or("")
}

/// Prints page-type accuracy and the confusion matrix.
pub fn print(gold: &HashMap<String, Value>, keys: &[&str], preds: &[Prediction]) {
    let mut matrix: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut labels: BTreeSet<String> = BTreeSet::new();
    let (mut right, mut total) = (0usize, 0usize);
    for (key, pred) in keys.iter().zip(preds) {
        let want = gold_type(gold, key);
        if want.is_empty() {
            continue;
        }
        let got = pred.page_type.as_deref().unwrap_or("none");
        total += 1;
        right += usize::from(want == got);
        labels.insert(want.to_string());
        labels.insert(got.to_string());
        *matrix.entry((want.to_string(), got.to_string())).or_default() += 1;
    }
    if total == 0 {
        return;
    }
    println!(
        "  page-type accuracy {:.3} ({right}/{total}; in-sample: the shipped weights were fitted on this set, \
         models/page_type/train.py gives the by-domain cross-validated figure); confusion (rows gold, columns predicted):",
        right as f64 / total as f64
    );
    let short = |l: &str| l.chars().take(6).collect::<String>();
    let header: Vec<String> = labels.iter().map(|l| format!("{:>7}", short(l))).collect();
    println!("    {:>13} {}", "", header.join(""));
    for want in &labels {
        let row: Vec<String> = labels
            .iter()
            .map(|got| format!("{:>7}", matrix.get(&(want.clone(), got.clone())).copied().unwrap_or(0)))
            .collect();
        println!("    {want:>13} {}", row.join(""));
    }
}

/// Writes the page-type features of every page with a gold type, one JSON line each.
pub fn dump_features(path: &Path, gold: &HashMap<String, Value>, docs: &[Doc]) -> anyhow::Result<()> {
    let cleaner = Cleaner::new();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "{}", json!({ "names": PAGE_TYPE_FEATURES.as_slice() }))?;
    for doc in docs {
        let want = gold_type(gold, &doc.key);
        let Ok((_, features)) = cleaner.clean_with_page_features(&doc.page) else { continue };
        if want.is_empty() || features.is_empty() {
            continue;
        }
        // The site groups the cross-validation folds: pages of one site stay together.
        let domain = doc.page.url.as_deref().map(|u| {
            let host = u.split_once("://").map_or(u, |(_, r)| r).split(['/', '?', '#']).next().unwrap_or("");
            host.strip_prefix("www.").unwrap_or(host).to_ascii_lowercase()
        });
        writeln!(out, "{}", json!({ "id": doc.key, "domain": domain, "gold": want, "features": features }))?;
    }
    Ok(())
}
