//! `newsgraph eval syntax`: the tagger and dependency parser (`newsgraph_nlp::Syntax`)
//! against spaCy's `en_core_web_sm` 3.8 on the same tokens.
//!
//! Each document's text (GUM news: the `text` of `gum_news_entities.jsonl`; UNER
//! EN-EWT dev: the `# text` lines of each `# newdoc`, joined by spaces) is tokenised
//! by `newsgraph_nlp::Nlp::segment` and parsed whole by the port; spaCy (tok2vec,
//! tagger and parser) parses a Doc built from the same words and spaces, via
//! `bench/peers/syntax.py` under `$NEWSGRAPH_PYTHON` (default `python3`), in the same
//! run. Printed: the share of tokens with the same tag, head, label and
//! sentence-start flag, and speed for both (tokens/s and ms per 1,000 tokens, one
//! thread; the port's on-CPU time, best of three rounds; spaCy's wall time of its
//! three pipes alone), plus the port's µs per sentence
//! when each rule-split sentence is parsed on its own. Without Python or spaCy the
//! agreement is skipped with a message. `--dataset gum|uner` runs one set;
//! `--limit N` takes the first N documents. `NEWSGRAPH_EMULATE_TILES=1` measures, on a
//! CPU without AMX, the agreement the bfloat16 tile products would give (their
//! rounding, on f32 kernels: slow). Parity is the measure, not accuracy
//! against the treebanks' own trees (those are UD, not ClearNLP).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::Context;
use newsgraph_model::syntax::{SentenceParser, TokenSyntax};
use newsgraph_model::Token;
use newsgraph_nlp::{Nlp, Syntax};
use serde::Deserialize;

use super::EvalOptions;

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let data = super::data_dir(options)?;
    let ner = super::set_dir(&data, "ner")?;
    let which = options.dataset.as_deref().unwrap_or("all");
    if !matches!(which, "all" | "gum" | "uner") {
        anyhow::bail!("unknown syntax dataset {which:?} (gum, uner)");
    }
    let nlp = Nlp::load()?;
    let syntax = Syntax::load()?;
    if matches!(which, "all" | "gum") {
        let docs = gum_texts(&ner.join("gum_news/gum_news_entities.jsonl"), options.limit)?;
        score("GUM news", &nlp, &syntax, &docs)?;
    }
    if matches!(which, "all" | "uner") {
        let docs = uner_texts(&ner.join("uner_en_ewt/en_ewt-ud-dev.iob2"), options.limit)?;
        score("UNER EN-EWT dev", &nlp, &syntax, &docs)?;
    }
    Ok(())
}

fn gum_texts(path: &Path, limit: Option<usize>) -> anyhow::Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Doc {
        text: String,
    }
    let file = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut docs = Vec::new();
    for line in file.lines().filter(|l| !l.trim().is_empty()).take(limit.unwrap_or(usize::MAX)) {
        let doc: Doc = serde_json::from_str(line).with_context(|| format!("bad line in {}", path.display()))?;
        docs.push(doc.text);
    }
    Ok(docs)
}

/// The documents of an IOB2 file with `# newdoc` and `# text = ...` comments.
fn uner_texts(path: &Path, limit: Option<usize>) -> anyhow::Result<Vec<String>> {
    let file = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut docs: Vec<Vec<&str>> = Vec::new();
    for line in file.lines() {
        if line.starts_with("# newdoc") || docs.is_empty() && line.starts_with("# text") {
            docs.push(Vec::new());
        }
        if let (Some(text), Some(doc)) = (line.strip_prefix("# text = "), docs.last_mut()) {
            doc.push(text);
        }
    }
    let docs = docs.into_iter().filter(|d| !d.is_empty()).map(|d| d.join(" "));
    Ok(docs.take(limit.unwrap_or(usize::MAX)).collect())
}

/// spaCy's analysis of one document.
#[derive(Deserialize)]
struct Reference {
    tags: Vec<String>,
    heads: Vec<usize>,
    deps: Vec<String>,
    sent_starts: Vec<bool>,
}

fn score(name: &str, nlp: &Nlp, syntax: &Syntax, texts: &[String]) -> anyhow::Result<()> {
    let docs: Vec<(&str, Vec<Token>)> = texts.iter().map(|t| (t.as_str(), nlp.segment(t).tokens)).collect();
    let n_tokens: usize = docs.iter().map(|(_, t)| t.len()).sum();
    // Warm up once (page faults, caches), then time the whole set.
    for (text, tokens) in docs.iter().take(3) {
        syntax.parse(text, tokens);
    }
    let parsed: Vec<(Vec<TokenSyntax>, Vec<bool>)> =
        docs.iter().map(|(text, tokens)| syntax.parse_with_sentences(text, tokens)).collect();
    let rust_seconds = best_of(ROUNDS, || {
        for (text, tokens) in &docs {
            syntax.parse_with_sentences(text, tokens);
        }
    });
    // Each rule-split sentence on its own, as the event stage would parse it.
    let mut pieces: Vec<(&str, &[Token])> = Vec::new();
    for (text, tokens) in &docs {
        let mut at = 0;
        for sentence in newsgraph_nlp::sentences::split(text, tokens) {
            let first = at + tokens[at..].iter().take_while(|t| t.span.start() < sentence.start()).count();
            let end = first + tokens[first..].iter().take_while(|t| t.span.start() < sentence.end()).count();
            pieces.push((text, &tokens[first..end]));
            at = end;
        }
    }
    let sentences = pieces.len();
    let sentence_seconds = best_of(ROUNDS, || {
        for (text, tokens) in &pieces {
            syntax.parse(text, tokens);
        }
    });
    println!(
        "Syntax on {name}: {} documents, {n_tokens} tokens, {sentences} sentences (products: {})",
        docs.len(),
        Nlp::matmul_kernel()
    );
    let speed = |seconds: f64| {
        format!(
            "{:>9.0} tokens/s  {:>7.2} ms per 1,000 tokens",
            n_tokens as f64 / seconds,
            seconds * 1e6 / n_tokens as f64
        )
    };
    println!("  port   {}  (whole documents, one thread, on-CPU, best of {ROUNDS})", speed(rust_seconds));
    println!(
        "  port   {:>9.1} µs per sentence ({:.0} tokens/s, each rule-split sentence parsed alone, on-CPU)",
        sentence_seconds * 1e6 / sentences.max(1) as f64,
        n_tokens as f64 / sentence_seconds
    );
    match run_spacy(&docs) {
        Err(why) => println!("  spaCy not run: {why}"),
        Ok((references, seconds)) => {
            println!("  spaCy  {}  (tok2vec + tagger + parser, one thread)", speed(seconds));
            agreement(&docs, &parsed, &references)?;
        }
    }
    Ok(())
}

/// Rounds of each timing; the fastest counts (the others met a busy core or cold caches).
const ROUNDS: usize = 3;

/// The least on-CPU time of this thread (wall time where that cannot be read) over
/// `rounds` runs of `work`: on a shared machine wall time includes waiting for a core.
fn best_of(rounds: usize, mut work: impl FnMut()) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..rounds {
        let (cpu, wall) = (super::extraction::thread_cpu_time(), Instant::now());
        work();
        let seconds = match (super::extraction::thread_cpu_time(), cpu) {
            (Some(after), Some(before)) => after.saturating_sub(before).as_secs_f64(),
            _ => wall.elapsed().as_secs_f64(),
        };
        best = best.min(seconds);
    }
    best
}

fn agreement(
    docs: &[(&str, Vec<Token>)],
    parsed: &[(Vec<TokenSyntax>, Vec<bool>)],
    references: &[Reference],
) -> anyhow::Result<()> {
    let (mut total, mut tags, mut heads, mut labels, mut starts, mut same_docs) = (0, 0, 0, 0, 0, 0);
    for (((_, tokens), (ours, our_starts)), theirs) in docs.iter().zip(parsed).zip(references) {
        if theirs.tags.len() != tokens.len() {
            anyhow::bail!("spaCy returned {} tokens for a document of {}", theirs.tags.len(), tokens.len());
        }
        let before = (tags, heads, labels);
        for (i, ours) in ours.iter().enumerate() {
            tags += usize::from(ours.tag.as_str() == theirs.tags[i]);
            heads += usize::from(ours.head as usize == theirs.heads[i]);
            labels += usize::from(ours.dep.as_str() == theirs.deps[i]);
            starts += usize::from(our_starts[i] == theirs.sent_starts[i]);
        }
        let n = tokens.len();
        same_docs += usize::from((tags, heads, labels) == (before.0 + n, before.1 + n, before.2 + n));
        total += n;
    }
    let share = |k: usize| 100.0 * k as f64 / total.max(1) as f64;
    println!(
        "  agreement with spaCy: tags {:.2}%  heads {:.2}%  labels {:.2}%  sentence starts {:.2}%  ({same_docs} of {} documents identical)",
        share(tags),
        share(heads),
        share(labels),
        share(starts),
        docs.len()
    );
    println!(
        "  tokens that differ: tags {}  heads {}  labels {}  sentence starts {}  (of {total})",
        total - tags,
        total - heads,
        total - labels,
        total - starts
    );
    Ok(())
}

/// Runs `bench/peers/syntax.py` on the documents' words; its results and seconds.
fn run_spacy(docs: &[(&str, Vec<Token>)]) -> Result<(Vec<Reference>, f64), String> {
    if std::env::var_os("NEWSGRAPH_SKIP_PEER").is_some() {
        return Err("NEWSGRAPH_SKIP_PEER is set".into());
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("peers/syntax.py");
    let input = std::env::temp_dir().join(format!("newsgraph-syntax-{}.jsonl", std::process::id()));
    let lines: Vec<String> = docs
        .iter()
        .map(|(text, tokens)| {
            let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
            let spaces: Vec<bool> = tokens.iter().map(|t| t.space_after).collect();
            serde_json::json!({"words": words, "spaces": spaces}).to_string()
        })
        .collect();
    std::fs::write(&input, lines.join("\n")).map_err(|e| format!("cannot write the peer's input: {e}"))?;
    let python = std::env::var("NEWSGRAPH_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let output = Command::new(&python).arg(&script).arg(&input).env("OMP_NUM_THREADS", "1").output();
    let _ = std::fs::remove_file(&input);
    let output = output.map_err(|e| format!("cannot run {python}: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr.lines().last().unwrap_or("the peer failed").to_string());
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut lines: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    let timing: serde_json::Value =
        lines.pop().and_then(|l| serde_json::from_str(l).ok()).ok_or("no timing line from the peer")?;
    let seconds = timing.get("seconds").and_then(|s| s.as_f64()).ok_or("no seconds in the peer's timing")?;
    let references = lines
        .iter()
        .map(|l| serde_json::from_str(l).map_err(|e| format!("bad peer output: {e}")))
        .collect::<Result<Vec<Reference>, _>>()?;
    if references.len() != docs.len() {
        return Err(format!("the peer parsed {} of {} documents", references.len(), docs.len()));
    }
    Ok((references, seconds))
}
