//! `newsgraph ingest`: read inputs, run every stage in parallel, store the records.
//!
//! Inputs stream in batches: each batch is processed across cores (rayon) and
//! stored in one SQLite transaction, and only then reported (with `--log`,
//! one `stored` line per article on stdout). An input whose origin the store
//! already holds is skipped before any work, so a rerun after a crash or an
//! interruption continues where the last committed batch ended.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph_model::{Article, Layer};
use newsgraph_pipeline::{Overrides, Pipeline};
use newsgraph_source::Input;
use newsgraph_store::{EmbeddedStore, Store};
use rayon::prelude::*;

use super::{feed, DataDir};
use crate::Stages;

#[derive(clap::Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub data: DataDir,
    /// Run the pipeline up to and including this layer.
    #[arg(long, value_enum, default_value = "all")]
    pub stages: Stages,
    /// Print `stored<TAB>id<TAB>origin` on stdout for each article once it is committed.
    #[arg(long)]
    pub log: bool,
    /// Articles processed and committed together.
    #[arg(long, default_value_t = 64)]
    pub batch: usize,
    /// Files or directories (.html .htm .txt .warc .warc.gz .gz .jsonl); `-` reads stdin.
    #[arg(required = true)]
    pub inputs: Vec<String>,
}

/// What happened to the inputs, for the closing summary.
#[derive(Default)]
struct Summary {
    new: u64,
    duplicate: u64,
    resumed: u64,
    failed: u64,
    words: u64,
    reasons: BTreeMap<String, (u64, String)>,
}

impl Summary {
    fn fail(&mut self, origin: &str, reason: &str) {
        self.failed += 1;
        // Errors often repeat their origin; drop it, then group by the reason's first clause.
        let mut reason = reason.trim();
        while let Some(rest) = reason.strip_prefix(origin).and_then(|r| r.strip_prefix(':')) {
            reason = rest.trim_start();
        }
        let key: String = reason.split([':', '(']).next().unwrap_or(reason).trim().chars().take(80).collect();
        let entry = self.reasons.entry(key).or_insert((0, format!("{origin}: {reason}")));
        entry.0 += 1;
    }
}

pub fn run_ingest(args: &IngestArgs) -> anyhow::Result<bool> {
    let store = EmbeddedStore::open(&args.data.dir)
        .with_context(|| format!("cannot open the store in {}", args.data.dir.display()))?;
    let layer: Layer = args.stages.into();
    let pipeline = Pipeline::load(layer)?;
    let mut paths = Vec::new();
    let mut feeds = Vec::new();
    let mut summary = Summary::default();
    for input in &args.inputs {
        let path = PathBuf::from(input);
        if input.starts_with("http://") || input.starts_with("https://") {
            let reason = "fetching URLs is not supported yet: download the page or feed and ingest the file";
            store.record_failure(input, reason)?;
            summary.fail(input, reason);
        } else if path.is_file() && feed::is_feed_path(&path) {
            feeds.push(path);
        } else {
            paths.push(path);
        }
    }
    let visible = std::io::stderr().is_terminal();
    // Counting first gives the bar a length (and so an ETA); reading is cheap next to the stages.
    let total = if visible && !paths.iter().any(|p| p.as_os_str() == "-") {
        Some(newsgraph_source::read_paths(&paths).count() as u64 + feeds.len() as u64)
    } else {
        None
    };
    let bar = progress_bar(total, visible);
    let started = Instant::now();
    let stdout = std::io::stdout();
    let mut items = feed_items(&feeds)
        .chain(newsgraph_source::read_paths(&paths).map(|item| item.map_err(|e| (e.origin, e.kind.to_string()))))
        .peekable();
    let batch_size = args.batch.max(1);
    while items.peek().is_some() {
        let mut todo: Vec<(String, Input)> = Vec::with_capacity(batch_size);
        for item in items.by_ref().take(batch_size) {
            bar.inc(1);
            match item {
                Ok(input) => {
                    let origin = input.origin();
                    if store.has_origin(&origin)? {
                        summary.resumed += 1;
                    } else {
                        todo.push((origin, input));
                    }
                }
                Err((origin, reason)) => {
                    store.record_failure(&origin, &reason)?;
                    summary.fail(&origin, &reason);
                }
            }
        }
        let processed: Vec<(String, Result<Article, String>)> = todo
            .into_par_iter()
            .map(|(origin, input)| {
                let result = pipeline.process(input, &Overrides::default()).map_err(|e| e.to_string());
                (origin, result)
            })
            .collect();
        let mut articles = Vec::with_capacity(processed.len());
        let mut origins = Vec::with_capacity(processed.len());
        for (origin, result) in processed {
            match result {
                Ok(article) => {
                    summary.words += article.text.split_whitespace().count() as u64;
                    articles.push(article);
                    origins.push(origin);
                }
                Err(reason) => {
                    store.record_failure(&origin, &reason)?;
                    summary.fail(&origin, &reason);
                }
            }
        }
        if articles.is_empty() {
            continue;
        }
        let results = store.put_batch_from(&articles, &origins).context("cannot store the batch")?;
        // Committed: only now may an article be reported stored.
        let mut out = stdout.lock();
        for (result, origin) in results.iter().zip(&origins) {
            if result.new {
                summary.new += 1;
            } else {
                summary.duplicate += 1;
            }
            if args.log {
                writeln!(out, "stored\t{}\t{origin}", result.id).context("cannot write to stdout")?;
            }
        }
        out.flush().context("cannot write to stdout")?;
        bar.set_message(format!("{} new, {} failed", summary.new, summary.failed));
    }
    store.flush().context("cannot commit the search index")?;
    bar.finish_and_clear();
    print_summary(&summary, started.elapsed(), store.count()?);
    Ok(summary.failed == 0)
}

/// The items of feed files: pages, or (origin, reason) for what cannot be read.
fn feed_items(feeds: &[PathBuf]) -> impl Iterator<Item = Result<Input, (String, String)>> + '_ {
    feeds.iter().flat_map(|path| {
        let origin = path.display().to_string();
        let items: Vec<Result<Input, (String, String)>> = match std::fs::read(path) {
            Err(e) => vec![Err((origin, format!("cannot read: {e}")))],
            Ok(bytes) => match feed::read_feed(&origin, &bytes) {
                Err(reason) => vec![Err((origin, reason))],
                Ok(items) => items
                    .into_iter()
                    .enumerate()
                    .map(|(n, item)| item.map_err(|reason| (format!("{origin}#{n}"), reason)))
                    .collect(),
            },
        };
        items
    })
}

fn progress_bar(total: Option<u64>, visible: bool) -> ProgressBar {
    let target = if visible { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
    let bar = ProgressBar::with_draw_target(total, target);
    let template = if total.is_some() {
        "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} {per_sec} ETA {eta} {msg}"
    } else {
        "{spinner} {elapsed_precise} {pos} inputs {per_sec} {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn print_summary(summary: &Summary, elapsed: Duration, stored: u64) {
    let seconds = elapsed.as_secs_f64().max(1e-9);
    let done = summary.new + summary.duplicate;
    eprintln!(
        "ingest: {} new, {} duplicate (id already stored), {} already ingested (skipped), {} failed in {:.1}s \
         ({:.1} articles/s, {:.0} words/s); the store holds {stored} articles",
        summary.new,
        summary.duplicate,
        summary.resumed,
        summary.failed,
        seconds,
        done as f64 / seconds,
        summary.words as f64 / seconds,
    );
    for (reason, (count, example)) in &summary.reasons {
        eprintln!("  failed {count}x: {reason}\n    e.g. {example}");
    }
}
