//! Publication dates beside htmldate's, on the same pages, in the `eval extraction` run.
//!
//! Only WCXB carries gold dates (AEB and trafilatura-eval give bodies only), so the
//! comparison runs on WCXB's article pages with a gold `publish_date`: the pages the
//! "date" accuracy of [`super::extraction::print_wcxb`] counts. htmldate is called by
//! `bench/peers/py_htmldate.py` under `$NEWSGRAPH_PYTHON` (default `python3`), once with
//! `original_date=True` (what trafilatura asks it for) and once with its default; when it
//! is not installed, or `NEWSGRAPH_SKIP_PEER` is set, one line says so and the run goes on.
//! It also counts the pages where newsgraph reports a `modified` date apart from
//! `published`, and how often the gold is that date instead.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

use super::extraction::Prediction;

/// The gold day of an article page with a gold date, as `print_wcxb` reads it.
fn gold_day<'a>(gold: &'a HashMap<String, Value>, key: &str) -> Option<&'a str> {
    let g = gold.get(key)?;
    if g.get("page_type").and_then(Value::as_str) != Some("article") {
        return None;
    }
    let date = g.get("publish_date").and_then(Value::as_str).filter(|d| !d.is_empty())?;
    Some(date.get(..10).unwrap_or(date))
}

fn day(date: Option<&str>) -> Option<&str> {
    date.map(|d| d.get(..10).unwrap_or(d))
}

/// Prints newsgraph's and htmldate's date accuracy on WCXB's dated article pages.
/// `root` is the extraction data folder; `urls` the page addresses by key.
pub fn report(
    root: &Path,
    gold: &HashMap<String, Value>,
    keys: &[&str],
    preds: &[Prediction],
    urls: &HashMap<&str, Option<&str>>,
) {
    let dated: Vec<(&str, &str, &Prediction)> =
        keys.iter().zip(preds).filter_map(|(k, p)| gold_day(gold, k).map(|g| (*k, g, p))).collect();
    if dated.is_empty() {
        return;
    }
    let ours = dated.iter().filter(|(_, g, p)| day(p.date.as_deref()) == Some(*g)).count();
    let with_modified: Vec<_> = dated.iter().filter(|(_, _, p)| p.modified.is_some()).collect();
    let gold_is_modified = with_modified.iter().filter(|(_, g, p)| day(p.modified.as_deref()) == Some(*g)).count();
    println!(
        "  dates: {} article pages with gold; `modified` reported apart on {} (gold is the modified day on {})",
        dated.len(),
        with_modified.len(),
        gold_is_modified
    );
    let peer = match run_htmldate(root, &dated, urls) {
        Ok(peer) => peer,
        Err(why) => {
            println!("  htmldate: not run ({why})");
            return;
        }
    };
    let (mut theirs, mut theirs_default, mut only_ours, mut only_theirs) = (0, 0, 0, 0);
    for (key, g, p) in &dated {
        let got =
            |mode: &str| peer.pages.get(*key).and_then(|d| d.get(mode)).and_then(Value::as_str).map(str::to_string);
        let right = day(p.date.as_deref()) == Some(*g);
        let peer_right = day(got("original").as_deref()) == Some(*g);
        theirs += usize::from(peer_right);
        theirs_default += usize::from(day(got("default").as_deref()) == Some(*g));
        only_ours += usize::from(right && !peer_right);
        only_theirs += usize::from(!right && peer_right);
    }
    let n = dated.len() as f64;
    println!(
        "  date accuracy, same {} pages: newsgraph {:.3} ({ours}) vs htmldate {} original_date {:.3} ({theirs}), \
         default {:.3} ({theirs_default}); only newsgraph right {only_ours}, only htmldate right {only_theirs}; \
         htmldate {:.1} s",
        dated.len(),
        ours as f64 / n,
        peer.version,
        theirs as f64 / n,
        theirs_default as f64 / n,
        peer.seconds
    );
}

struct PeerDates {
    version: String,
    seconds: f64,
    pages: serde_json::Map<String, Value>,
}

fn run_htmldate(
    root: &Path,
    dated: &[(&str, &str, &Prediction)],
    urls: &HashMap<&str, Option<&str>>,
) -> Result<PeerDates, String> {
    if std::env::var_os("NEWSGRAPH_SKIP_PEER").is_some() {
        return Err("NEWSGRAPH_SKIP_PEER is set".into());
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("peers/py_htmldate.py");
    // WCXB keys are `split/stem`; the page is `wcxb-dev/split/html/stem.html.gz`.
    let pages: Vec<Value> = dated
        .iter()
        .filter_map(|(key, _, _)| {
            let (split, stem) = key.split_once('/')?;
            let file = root.join("wcxb-dev").join(split).join("html").join(format!("{stem}.html.gz"));
            Some(json!({"key": key, "url": urls.get(key).copied().flatten(), "file": file}))
        })
        .collect();
    let tmp = std::env::temp_dir();
    let manifest = tmp.join(format!("newsgraph-htmldate-{}.json", std::process::id()));
    let out = tmp.join(format!("newsgraph-htmldate-{}.out.json", std::process::id()));
    std::fs::write(&manifest, json!({"pages": pages}).to_string()).map_err(|e| format!("cannot write: {e}"))?;
    let python = std::env::var("NEWSGRAPH_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let status = Command::new(&python).arg(&script).arg(&manifest).arg(&out).status();
    let _ = std::fs::remove_file(&manifest);
    let status = status.map_err(|e| format!("cannot run {python}: {e}"))?;
    if status.code() == Some(3) {
        return Err(format!("htmldate is not installed for {python}; set NEWSGRAPH_PYTHON"));
    }
    if !status.success() {
        return Err(format!("{} failed", script.display()));
    }
    let text = std::fs::read_to_string(&out).map_err(|e| format!("no output: {e}"));
    let _ = std::fs::remove_file(&out);
    let value: Value = serde_json::from_str(&text?).map_err(|e| format!("bad output: {e}"))?;
    Ok(PeerDates {
        version: value.get("version").and_then(Value::as_str).unwrap_or("?").to_string(),
        seconds: value.get("seconds").and_then(Value::as_f64).unwrap_or(0.0),
        pages: value.get("pages").and_then(Value::as_object).cloned().unwrap_or_default(),
    })
}
