//! `newsgraph eval extraction`: AEB, trafilatura-eval and WCXB, scored as
//! `../shared/peers/extraction_eval.py` scores them.
//!
//! - `aeb`: word-4-gram shingle bags per page (tokens are `\w+`), tp/fp/fn
//!   normalised per page, precision and recall macro-averaged, F1 of the averages.
//! - `trafilatura`: whitespace-normalised snippet presence; `with` found = TP,
//!   missed = FN; `without` found = FP; micro F1.
//! - `wcxb`: lowercased `\w+` bag-of-words P/R/F1 per page, macro; per page type;
//!   title / author / date accuracy on article pages that have gold.
//!
//! Speed is pages per second of wall time inside [`Cleaner::clean`] only, one
//! thread, after one warm-up call; reading and gunzipping the files is excluded.
//! `--predictions FILE` writes `{"version", "output": {id: {articleBody, title,
//! author, date, date_from}}}`, which the Python scorer's `score` command reads
//! (`date_from`, where the date was found, is for error analysis; the scorer ignores it).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use newsgraph_extract::Cleaner;
use newsgraph_model::{Article, SourceFormat};
use newsgraph_source::Page;
use serde_json::{json, Value};

use super::{EvalOptions, Prf};

/// One page of a set: its id as the gold names it, and the page.
pub struct Doc {
    pub key: String,
    pub page: Page,
}

/// What the scorers read of an extraction.
#[derive(Debug, Clone, Default)]
pub struct Prediction {
    pub body: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    /// Where the date came from (`jsonld`, `meta`, `time`, `url`, `text`, ...), for error analysis.
    pub date_from: Option<String>,
    /// The later update the page states, apart from `date` (newsgraph's `modified`).
    pub modified: Option<String>,
    /// The page type the clean stage decided (`article`, `product`, ...).
    pub page_type: Option<String>,
}

impl Prediction {
    pub fn of(article: &Article) -> Self {
        Prediction {
            body: article.text.clone(),
            title: article.title.clone(),
            author: (!article.authors.is_empty()).then(|| article.authors.join("; ")),
            date: article.published.as_ref().map(|p| p.value.clone()),
            date_from: article
                .published
                .as_ref()
                .and_then(|p| serde_json::to_value(p.from).ok())
                .and_then(|v| v.as_str().map(str::to_string)),
            modified: article.modified.as_ref().map(|m| m.value.clone()),
            page_type: article.page_type.map(|p| p.kind.as_str().to_string()),
        }
    }
}

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let data = super::data_dir(options)?;
    let root = super::set_dir(&data, "extraction")?;
    let dataset = options.dataset.as_deref().unwrap_or("aeb");
    let set = Dataset::parse(dataset)?;
    let (gold, mut docs) = load(set, &root).with_context(|| format!("cannot load the {dataset} set"))?;
    if let Some(limit) = options.limit {
        docs.truncate(limit);
    }
    if docs.is_empty() {
        bail!("the {dataset} set has no pages");
    }
    let cleaner = Cleaner::new();
    let cpu_before = thread_cpu_time();
    let (predictions, spent, errors) = extract_all(&cleaner, &docs);
    let cpu = thread_cpu_time().zip(cpu_before).map(|(after, before)| after.saturating_sub(before));
    let keys: Vec<&str> = docs.iter().map(|d| d.key.as_str()).collect();
    println!("dataset {dataset}: {} pages, {errors} pages gave an error", docs.len());
    match set {
        Dataset::Aeb => print_aeb(&gold, &keys, &predictions),
        Dataset::Trafilatura => print_traf(&gold, &keys, &predictions),
        Dataset::Wcxb => {
            print_wcxb(&gold, &keys, &predictions);
            super::page_type::print(&gold, &keys, &predictions);
        }
    }
    if set == Dataset::Wcxb {
        let urls = docs.iter().map(|d| (d.key.as_str(), d.page.url.as_deref())).collect();
        super::date_peer::report(&root, &gold, &keys, &predictions, &urls);
    }
    let seconds = spent.as_secs_f64();
    println!(
        "speed: {:.0} pages/s ({:.2} ms/page), clean stage only, one thread, {:.3} s total",
        docs.len() as f64 / seconds.max(1e-9),
        1000.0 * seconds / docs.len() as f64,
        seconds
    );
    if let Some(cpu) = cpu {
        // On a shared machine wall time includes waiting for a core; on-CPU time does not.
        println!(
            "  on-CPU time of the extracting thread: {:.3} s (includes the warm-up page) = {:.0} pages/s",
            cpu.as_secs_f64(),
            docs.len() as f64 / cpu.as_secs_f64().max(1e-9)
        );
    }
    if let Some(path) = std::env::var_os("NEWSGRAPH_PAGE_FEATURES") {
        super::page_type::dump_features(Path::new(&path), &gold, &docs)?;
        println!("page-type features written to {}", Path::new(&path).display());
    }
    if let Some(path) = &options.predictions {
        write_predictions(path, &keys, &predictions)?;
        println!("predictions written to {}", path.display());
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    Aeb,
    Trafilatura,
    Wcxb,
}

impl Dataset {
    pub fn parse(name: &str) -> anyhow::Result<Self> {
        Ok(match name {
            "aeb" => Dataset::Aeb,
            "trafilatura" | "traf" | "trafilatura-eval" => Dataset::Trafilatura,
            "wcxb" | "wcxb-dev" => Dataset::Wcxb,
            other => bail!("unknown extraction set {other:?} (expected aeb, trafilatura or wcxb)"),
        })
    }
}

/// Runs the cleaner over every page, timing only the clean call.
pub fn extract_all(cleaner: &Cleaner, docs: &[Doc]) -> (Vec<Prediction>, Duration, usize) {
    if let Some(first) = docs.first() {
        let _ = cleaner.clean(&first.page);
    }
    let mut spent = Duration::ZERO;
    let mut errors = 0;
    let mut out = Vec::with_capacity(docs.len());
    for doc in docs {
        let started = Instant::now();
        let result = cleaner.clean(&doc.page);
        spent += started.elapsed();
        match result {
            Ok(article) => out.push(Prediction::of(&article)),
            Err(err) => {
                errors += 1;
                if errors <= 10 {
                    eprintln!("  error on {}: {err}", doc.key);
                }
                out.push(Prediction::default());
            }
        }
    }
    (out, spent, errors)
}

/// Time this thread has spent on a CPU, to tell work from waiting (cheap enough to
/// read per article).
#[cfg(unix)]
pub fn thread_cpu_time() -> Option<Duration> {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec, which `now` is.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } != 0 {
        return None;
    }
    Some(Duration::new(u64::try_from(now.tv_sec).ok()?, u32::try_from(now.tv_nsec).ok()?))
}

#[cfg(not(unix))]
pub fn thread_cpu_time() -> Option<Duration> {
    None
}

fn gunzip(path: &Path) -> anyhow::Result<Vec<u8>> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot gunzip {}", path.display()))?;
    Ok(bytes)
}

fn html_page(bytes: Vec<u8>, url: Option<String>) -> Page {
    Page { bytes, url, format: SourceFormat::Html, ..Page::default() }
}

fn read_json(path: &Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("bad JSON in {}", path.display()))
}

/// The gold (keyed as the Python scorer keys it) and the pages, in key order.
pub fn load(set: Dataset, root: &Path) -> anyhow::Result<(HashMap<String, Value>, Vec<Doc>)> {
    let mut gold = HashMap::new();
    let mut docs = Vec::new();
    match set {
        Dataset::Aeb => {
            let dir = root.join("aeb");
            let Value::Object(map) = read_json(&dir.join("ground-truth.json"))? else {
                bail!("AEB gold is not an object")
            };
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            for key in keys {
                let bytes = gunzip(&dir.join("html").join(format!("{key}.html.gz")))?;
                let url = map[key].get("url").and_then(Value::as_str).map(str::to_string);
                docs.push(Doc { key: key.clone(), page: html_page(bytes, url) });
            }
            gold.extend(map);
        }
        Dataset::Trafilatura => {
            let dir = root.join("trafilatura-eval");
            let Value::Object(map) = read_json(&dir.join("evaldata.json"))? else {
                bail!("trafilatura gold is not an object")
            };
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            for url in keys {
                let file = map[url].get("file").and_then(Value::as_str).unwrap_or_default();
                let path = ["cache", "eval"]
                    .iter()
                    .flat_map(|d| [dir.join(d).join(file), dir.join(d).join(format!("{file}.gz"))])
                    .find(|p| p.is_file())
                    .with_context(|| format!("page {file} not found"))?;
                let bytes =
                    if path.extension().is_some_and(|e| e == "gz") { gunzip(&path)? } else { std::fs::read(&path)? };
                docs.push(Doc { key: url.clone(), page: html_page(bytes, Some(url.clone())) });
            }
            gold.extend(map);
        }
        Dataset::Wcxb => {
            let dir = root.join("wcxb-dev");
            for split in ["dev", "test"] {
                let truth = dir.join(split).join("ground-truth");
                if !truth.is_dir() {
                    continue;
                }
                let mut files: Vec<_> = std::fs::read_dir(&truth)?
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "json"))
                    .collect();
                files.sort();
                for file in files {
                    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
                    let d = read_json(&file)?;
                    let g = d.get("ground_truth").cloned().unwrap_or(Value::Null);
                    let page_type = match d.pointer("/_internal/page_type") {
                        Some(Value::Object(o)) => {
                            o.get("primary").and_then(Value::as_str).unwrap_or("article").to_string()
                        }
                        Some(Value::String(s)) if !s.is_empty() => s.clone(),
                        _ => "article".to_string(),
                    };
                    let page_type = if page_type == "category" { "collection".to_string() } else { page_type };
                    let key = format!("{split}/{stem}");
                    let url = d.get("url").and_then(Value::as_str).map(str::to_string);
                    gold.insert(
                        key.clone(),
                        json!({
                            "main_content": g.get("main_content").and_then(Value::as_str).unwrap_or(""),
                            "title": g.get("title"), "author": g.get("author"),
                            "publish_date": g.get("publish_date"), "page_type": page_type,
                        }),
                    );
                    let bytes = gunzip(&dir.join(split).join("html").join(format!("{stem}.html.gz")))?;
                    docs.push(Doc { key, page: html_page(bytes, url) });
                }
            }
        }
    }
    Ok((gold, docs))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `re.findall(r"\w+", text)`.
pub fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).collect()
}

/// Counter of word 4-gram shingles; a text of fewer than 4 words is one short shingle.
fn shingles(text: &str) -> HashMap<Vec<&str>, i64> {
    let toks = words(text);
    let mut out = HashMap::new();
    let n = 4;
    for i in 0..toks.len().saturating_sub(n - 1).max(1) {
        let s = toks[i.min(toks.len())..(i + n).min(toks.len())].to_vec();
        if !s.is_empty() {
            *out.entry(s).or_insert(0) += 1;
        }
    }
    out
}

/// Per-page `(tp, fp, fn)` normalised to sum 1.
pub fn aeb_page(gold: &str, pred: &str) -> (f64, f64, f64) {
    let (t, p) = (shingles(gold), shingles(pred));
    let (mut tp, mut fp, mut fn_) = (0i64, 0i64, 0i64);
    for key in t.keys().chain(p.keys().filter(|k| !t.contains_key(*k))) {
        let (a, b) = (t.get(key).copied().unwrap_or(0), p.get(key).copied().unwrap_or(0));
        tp += a.min(b);
        fp += (b - a).max(0);
        fn_ += (a - b).max(0);
    }
    let s = (tp + fp + fn_) as f64;
    if s == 0.0 {
        (0.0, 0.0, 0.0)
    } else {
        (tp as f64 / s, fp as f64 / s, fn_ as f64 / s)
    }
}

/// Macro precision and recall over pages, as the AEB scorer averages them.
pub fn aeb_prf(triples: &[(f64, f64, f64)]) -> Prf {
    let prec = |&(tp, fp, fn_): &(f64, f64, f64)| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fp == 0.0 {
            0.0
        } else {
            tp / (tp + fp)
        }
    };
    let rec = |&(tp, fp, fn_): &(f64, f64, f64)| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fn_ == 0.0 {
            0.0
        } else {
            tp / (tp + fn_)
        }
    };
    let ps: Vec<f64> = triples.iter().filter(|t| t.0 + t.1 > 0.0).map(prec).collect();
    let rs: Vec<f64> = triples.iter().filter(|t| t.0 + t.2 > 0.0).map(rec).collect();
    let mean = |v: &[f64]| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    Prf::from_pr(mean(&ps), mean(&rs))
}

fn gold_str<'a>(gold: &'a HashMap<String, Value>, key: &str, field: &str) -> &'a str {
    gold.get(key).and_then(|g| g.get(field)).and_then(Value::as_str).unwrap_or("")
}

fn worst_count() -> usize {
    std::env::var("NEWSGRAPH_EVAL_WORST").ok().and_then(|v| v.parse().ok()).unwrap_or(0)
}

pub fn print_aeb(gold: &HashMap<String, Value>, keys: &[&str], preds: &[Prediction]) {
    let mut triples = Vec::with_capacity(keys.len());
    let mut exact = 0usize;
    let mut per_page = Vec::new();
    for (key, pred) in keys.iter().zip(preds) {
        let truth = gold_str(gold, key, "articleBody");
        let t = aeb_page(truth, &pred.body);
        triples.push(t);
        exact += usize::from(words(truth) == words(&pred.body));
        per_page.push((Prf::from_pr(prf_p(t), prf_r(t)).f1, *key));
    }
    let prf = aeb_prf(&triples);
    println!("AEB shingle {prf}  accuracy {:.3}", exact as f64 / keys.len().max(1) as f64);
    print_worst(per_page);
}

fn prf_p((tp, fp, _): (f64, f64, f64)) -> f64 {
    if tp + fp > 0.0 {
        tp / (tp + fp)
    } else {
        0.0
    }
}

fn prf_r((tp, _, fn_): (f64, f64, f64)) -> f64 {
    if tp + fn_ > 0.0 {
        tp / (tp + fn_)
    } else {
        0.0
    }
}

fn print_worst(mut per_page: Vec<(f64, &str)>) {
    let n = worst_count();
    if n == 0 {
        return;
    }
    per_page.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (f1, key) in per_page.iter().take(n) {
        println!("  worst {f1:.3} {key}");
    }
}

pub fn normalise_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One trafilatura-eval page: how many of its `with` snippets the body contains
/// (true positives, then misses) and how many of its `without` snippets (false
/// positives, then true negatives).
#[derive(Debug, Clone, Copy, Default)]
pub struct SnippetCounts {
    pub tp: usize,
    pub fn_: usize,
    pub fp: usize,
    pub tn: usize,
}

impl SnippetCounts {
    /// Scores one page's extracted body against its gold snippets.
    pub fn of(gold: &HashMap<String, Value>, key: &str, body: &str) -> Self {
        let body = normalise_ws(body);
        let snippets = |field: &str| -> Vec<String> {
            gold.get(key)
                .and_then(|g| g.get(field))
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(normalise_ws).collect())
                .unwrap_or_default()
        };
        let (with, without) = (snippets("with"), snippets("without"));
        let found = with.iter().filter(|w| body.contains(w.as_str())).count();
        let leaked = without.iter().filter(|w| body.contains(w.as_str())).count();
        SnippetCounts { tp: found, fn_: with.len() - found, fp: leaked, tn: without.len() - leaked }
    }

    pub fn add(&mut self, other: SnippetCounts) {
        self.tp += other.tp;
        self.fn_ += other.fn_;
        self.fp += other.fp;
        self.tn += other.tn;
    }

    /// Micro F1 over the snippets, as `extraction_eval.py` computes it.
    pub fn f1(&self) -> f64 {
        let denominator = 2 * self.tp + self.fp + self.fn_;
        if denominator == 0 {
            0.0
        } else {
            2.0 * self.tp as f64 / denominator as f64
        }
    }
}

pub fn print_traf(gold: &HashMap<String, Value>, keys: &[&str], preds: &[Prediction]) {
    let mut total = SnippetCounts::default();
    let mut per_page = Vec::new();
    for (key, pred) in keys.iter().zip(preds) {
        let page = SnippetCounts::of(gold, key, &pred.body);
        total.add(page);
        let snippets = page.tp + page.fn_ + page.fp + page.tn;
        let page_f = if snippets == 0 { 1.0 } else { (page.tp + page.tn) as f64 / snippets as f64 };
        per_page.push((page_f, *key));
    }
    let SnippetCounts { tp, fn_, fp, tn } = total;
    let prf = Prf::from_counts(tp as f64, (tp + fp) as f64, (tp + fn_) as f64);
    let f1 = total.f1();
    let accuracy = (tp + tn) as f64 / (tp + fp + fn_ + tn).max(1) as f64;
    println!(
        "trafilatura-eval snippets P {:.3}  R {:.3}  F1 {f1:.3}  accuracy {accuracy:.3}  (tp {tp} fp {fp} fn {fn_} tn {tn})",
        prf.precision, prf.recall
    );
    print_worst(per_page);
}

/// Lowercased `\w+` tokens, as WCXB's evaluate.py counts words.
fn lower_words(text: &str) -> Vec<String> {
    words(&text.to_lowercase()).into_iter().map(str::to_string).collect()
}

/// WCXB per-page bag-of-words precision, recall, F1.
pub fn word_prf(pred: &str, gold: &str) -> (f64, f64, f64) {
    let (p, r) = (lower_words(pred), lower_words(gold));
    if r.is_empty() {
        return if p.is_empty() { (1.0, 1.0, 1.0) } else { (0.0, 0.0, 0.0) };
    }
    if p.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for w in &r {
        *counts.entry(w.as_str()).or_insert(0) += 1;
    }
    let mut overlap = 0i64;
    for w in &p {
        if let Some(c) = counts.get_mut(w.as_str()) {
            if *c > 0 {
                *c -= 1;
                overlap += 1;
            }
        }
    }
    let (pp, rr) = (overlap as f64 / p.len() as f64, overlap as f64 / r.len() as f64);
    let f = if pp + rr > 0.0 { 2.0 * pp * rr / (pp + rr) } else { 0.0 };
    (pp, rr, f)
}

pub fn print_wcxb(gold: &HashMap<String, Value>, keys: &[&str], preds: &[Prediction]) {
    let mut sums = (0.0, 0.0, 0.0);
    let mut by_type: std::collections::BTreeMap<String, (f64, usize)> = Default::default();
    let mut meta = [(0usize, 0usize); 3];
    let mut per_page = Vec::new();
    for (key, pred) in keys.iter().zip(preds) {
        let (p, r, f) = word_prf(&pred.body, gold_str(gold, key, "main_content"));
        sums = (sums.0 + p, sums.1 + r, sums.2 + f);
        let page_type = gold_str(gold, key, "page_type").to_string();
        let slot = by_type.entry(page_type.clone()).or_default();
        slot.0 += f;
        slot.1 += 1;
        if page_type != "article" {
            continue;
        }
        per_page.push((f, *key));
        let title = gold_str(gold, key, "title");
        if !title.is_empty() {
            meta[0].1 += 1;
            meta[0].0 += usize::from(lower_words(pred.title.as_deref().unwrap_or("")) == lower_words(title));
        }
        let author = gold_str(gold, key, "author");
        if !author.is_empty() {
            meta[1].1 += 1;
            let predicted: std::collections::HashSet<String> =
                lower_words(pred.author.as_deref().unwrap_or("")).into_iter().collect();
            let wanted: std::collections::HashSet<String> = lower_words(author).into_iter().collect();
            meta[1].0 += usize::from(!predicted.is_empty() && wanted.is_subset(&predicted));
        }
        let date = gold_str(gold, key, "publish_date");
        if !date.is_empty() {
            meta[2].1 += 1;
            let got = pred.date.as_deref().map(|d| d.get(..10).unwrap_or(d));
            meta[2].0 += usize::from(got == date.get(..10).or(Some(date)));
        }
    }
    let n = keys.len().max(1) as f64;
    println!("WCXB bag-of-words (all pages) P {:.3}  R {:.3}  F1 {:.3}", sums.0 / n, sums.1 / n, sums.2 / n);
    let types: Vec<String> = by_type.iter().map(|(t, (s, c))| format!("{t} {:.3} ({c})", s / *c as f64)).collect();
    println!("  F1 by page type: {}", types.join(", "));
    let acc =
        |(a, b): (usize, usize)| if b > 0 { format!("{:.3} ({a}/{b})", a as f64 / b as f64) } else { "-".to_string() };
    println!(
        "  article pages metadata accuracy: title {}  author {}  date {}",
        acc(meta[0]),
        acc(meta[1]),
        acc(meta[2])
    );
    print_worst(per_page);
}

fn write_predictions(path: &Path, keys: &[&str], preds: &[Prediction]) -> anyhow::Result<()> {
    let mut output = serde_json::Map::new();
    for (key, pred) in keys.iter().zip(preds) {
        output.insert(
            key.to_string(),
            json!({"articleBody": pred.body, "title": pred.title, "author": pred.author, "date": pred.date,
                "date_from": pred.date_from, "modified": pred.modified, "page_type": pred.page_type}),
        );
    }
    let doc = json!({"version": format!("newsgraph {}", env!("CARGO_PKG_VERSION")), "output": output});
    std::fs::write(path, serde_json::to_string(&doc)?).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_scores_match_the_reference_definition() {
        assert_eq!(aeb_page("a b c d e", "a b c d e"), (1.0, 0.0, 0.0));
        let (tp, fp, fn_) = aeb_page("a b c d e", "a b c d");
        assert!((tp - 0.5).abs() < 1e-9 && fp == 0.0 && (fn_ - 0.5).abs() < 1e-9);
        // Short texts are one short shingle; empty text has none.
        assert_eq!(aeb_page("a b", "a b"), (1.0, 0.0, 0.0));
        assert_eq!(aeb_page("", ""), (0.0, 0.0, 0.0));
        let prf = aeb_prf(&[(1.0, 0.0, 0.0), (0.5, 0.0, 0.5)]);
        assert!((prf.precision - 1.0).abs() < 1e-9 && (prf.recall - 0.75).abs() < 1e-9);
    }

    #[test]
    fn word_f1_is_a_bag_of_lowercased_words() {
        let (p, r, f) = word_prf("The cat the", "the Cat sat");
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 2.0 / 3.0).abs() < 1e-9 && (f - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(word_prf("", ""), (1.0, 1.0, 1.0));
        assert_eq!(words("don't stop_now 3.5"), vec!["don", "t", "stop_now", "3", "5"]);
    }
}
