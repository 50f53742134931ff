//! `newsgraph ingest`: read inputs, run every stage in parallel, store the records.
//!
//! Inputs stream in batches: each batch is processed across cores (rayon) and
//! stored in one SQLite transaction, and only then reported (with `--log`,
//! one `stored` line per article on stdout). An input whose origin the store
//! already holds is skipped before any work, so a rerun after a crash or an
//! interruption continues where the last committed batch ended.
//!
//! `http://` and `https://` inputs are fetched politely ([`web`]): pages become
//! inputs like files, feeds (told by content type or root element) give their
//! items' pages. Every failure, of a file, a record or a URL, is one line of
//! the summary, and the rest of the batch goes in.

mod web;

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph_fetch::{Fetcher, ValidatorCache};
use newsgraph_model::{Article, Layer};
use newsgraph_pipeline::{Overrides, Pipeline};
use newsgraph_source::{feed, Input};
use newsgraph_store::{EmbeddedStore, Store};
use rayon::prelude::*;

use super::DataDir;
use crate::Stages;

#[derive(clap::Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub data: DataDir,
    /// Run the pipeline up to and including this layer.
    #[arg(long, value_enum, default_value = "all")]
    pub stages: Stages,
    /// Print `stored<TAB>id<TAB>origin` on stdout for each article once it is committed,
    /// and `failed<TAB>origin<TAB>reason` for each input that failed.
    #[arg(long)]
    pub log: bool,
    /// Articles processed and committed together.
    #[arg(long, default_value_t = 64)]
    pub batch: usize,
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// Files, directories (.html .htm .txt .warc .warc.gz .gz .jsonl), feeds (.rss .atom .xml),
    /// or page and feed URLs (http:// https://); `-` reads stdin.
    #[arg(required = true)]
    pub inputs: Vec<String>,
}

/// How URLs are fetched (newsgraph-fetch's settings).
#[derive(clap::Args, Clone)]
pub struct FetchArgs {
    /// Most requests per second to one host when fetching URLs (robots.txt `Crawl-delay` may lower it).
    #[arg(long, default_value_t = FetchArgs::default().rate, value_parser = positive)]
    pub rate: f64,
    /// Seconds to wait for a connection, and for each read, when fetching.
    #[arg(long, default_value_t = FetchArgs::default().timeout, value_parser = positive)]
    pub timeout: f64,
    /// Extra attempts after a timeout, a 5xx or a 429 (with exponential backoff).
    #[arg(long, default_value_t = FetchArgs::default().retries)]
    pub retries: u32,
    /// Seconds before the first retry, doubled for each one after (a `Retry-After` may ask more).
    #[arg(long, default_value_t = FetchArgs::default().backoff, value_parser = positive)]
    pub backoff: f64,
    /// The largest page or feed fetched, in bytes; past it the URL fails.
    #[arg(long, default_value_t = FetchArgs::default().max_bytes)]
    pub max_bytes: u64,
    /// The User-Agent sent when fetching (default: newsgraph, its version and the project's URL);
    /// crawl operators often add a contact address here.
    #[arg(long)]
    pub user_agent: Option<String>,
}

impl Default for FetchArgs {
    /// newsgraph-fetch's defaults, which are also the flags' defaults.
    fn default() -> Self {
        let config = newsgraph_fetch::Config::default();
        FetchArgs {
            rate: 1.0 / config.per_host_interval.as_secs_f64(),
            timeout: config.timeout.as_secs_f64(),
            retries: config.retries,
            backoff: config.backoff.as_secs_f64(),
            max_bytes: config.max_bytes,
            user_agent: None,
        }
    }
}

fn positive(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() => Ok(v),
        _ => Err(format!("expected a positive number, got {value:?}")),
    }
}

impl FetchArgs {
    fn config(&self) -> newsgraph_fetch::Config {
        let defaults = newsgraph_fetch::Config::default();
        newsgraph_fetch::Config {
            timeout: Duration::from_secs_f64(self.timeout),
            max_bytes: self.max_bytes,
            retries: self.retries,
            backoff: Duration::from_secs_f64(self.backoff),
            per_host_interval: Duration::from_secs_f64(1.0 / self.rate),
            user_agent: self.user_agent.clone().unwrap_or(defaults.user_agent),
            ..defaults
        }
    }
}

/// One thing the readers produced.
enum Item {
    Input(Input),
    /// (origin, reason)
    Failed(String, String),
    /// A URL the store already holds: not fetched again.
    AlreadyStored,
    /// A URL the server says has not changed since the last run (HTTP 304).
    NotModified,
    /// A feed whose items were queued in its place (never yielded).
    Expanded,
}

/// What happened to the inputs, for the closing summary.
#[derive(Default)]
struct Summary {
    new: u64,
    duplicate: u64,
    resumed: u64,
    not_modified: u64,
    failed: u64,
    words: u64,
    /// Articles in a language the models do not read: stored with clean text and metadata only.
    clean_only: BTreeMap<String, u64>,
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
    for notice in store.notices() {
        eprintln!("newsgraph: {notice}");
    }
    let layer: Layer = args.stages.into();
    let pipeline = Pipeline::load(layer)?;
    let mut paths = Vec::new();
    let mut feeds = Vec::new();
    let mut urls = Vec::new();
    let mut summary = Summary::default();
    for input in &args.inputs {
        let path = PathBuf::from(input);
        let lower = input.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            urls.push(input.clone());
        } else if path.is_file() && feed::is_feed_path(&path) {
            feeds.push(path);
        } else {
            paths.push(path);
        }
    }
    let visible = std::io::stderr().is_terminal();
    // Counting first gives the bar a length (and so an ETA); reading is cheap next to the stages.
    let total = if visible && !paths.iter().any(|p| p.as_os_str() == "-") {
        Some(newsgraph_source::read_paths(&paths).count() as u64 + feeds.len() as u64 + urls.len() as u64)
    } else {
        None
    };
    let bar = progress_bar(total, visible);
    let cache = ValidatorCache::open(&args.data.dir).unwrap_or_else(|err| {
        // Only an optimisation: without it every URL is fetched in full, and the file is rewritten at the end.
        bar.println(format!("newsgraph: {err}; fetching everything in full"));
        ValidatorCache::empty(&args.data.dir)
    });
    let mut web = web::WebInputs::new(Fetcher::new(args.fetch.config()), &store, cache, (feeds, urls), bar.clone());
    let started = Instant::now();
    let stdout = std::io::stdout();
    let mut items = newsgraph_source::read_paths(&paths)
        .map(|item| match item {
            Ok(input) => Item::Input(input),
            Err(e) => Item::Failed(e.origin, e.kind.to_string()),
        })
        .chain(web.by_ref())
        .peekable();
    let batch_size = args.batch.max(1);
    while items.peek().is_some() {
        let mut todo: Vec<(String, Input)> = Vec::with_capacity(batch_size);
        for item in items.by_ref().take(batch_size) {
            bar.inc(1);
            match item {
                Item::Input(input) => {
                    let origin = input.origin();
                    if store.has_origin(&origin)? {
                        summary.resumed += 1;
                    } else {
                        todo.push((origin, input));
                    }
                }
                Item::Failed(origin, reason) => {
                    fail(&store, &mut summary, args.log, &origin, &reason)?;
                }
                Item::AlreadyStored => summary.resumed += 1,
                Item::NotModified => summary.not_modified += 1,
                Item::Expanded => {}
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
                    if let Some(skipped) = &article.skipped {
                        *summary.clean_only.entry(skipped.language.clone()).or_default() += 1;
                    }
                    articles.push(article);
                    origins.push(origin);
                }
                Err(reason) => {
                    fail(&store, &mut summary, args.log, &origin, &reason)?;
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
    drop(items);
    store.flush().context("cannot commit the search index")?;
    // Committed: the validators may now let the next run skip what did not change.
    if let Err(err) = web.finish() {
        eprintln!("newsgraph: {err}; the next run fetches everything in full");
    }
    bar.finish_and_clear();
    print_summary(&summary, started.elapsed(), store.count()?);
    Ok(summary.failed == 0)
}

/// Records a failure in the store and the summary (and on stdout with `--log`).
fn fail(store: &EmbeddedStore, summary: &mut Summary, log: bool, origin: &str, reason: &str) -> anyhow::Result<()> {
    store.record_failure(origin, reason)?;
    summary.fail(origin, reason);
    if log {
        // Tabs and newlines inside the reason would break the line format.
        let reason = reason.replace(['\t', '\n', '\r'], " ");
        writeln!(std::io::stdout().lock(), "failed\t{origin}\t{reason}").context("cannot write to stdout")?;
    }
    Ok(())
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
    if !summary.clean_only.is_empty() {
        let languages: Vec<String> = summary.clean_only.iter().map(|(l, n)| format!("{l} {n}")).collect();
        let total: u64 = summary.clean_only.values().sum();
        eprintln!(
            "  {total} in languages the English models do not read, stored with clean text and metadata only: {}",
            languages.join(", ")
        );
    }
    if summary.not_modified > 0 {
        eprintln!("  not modified since the last run (HTTP 304), skipped: {}", summary.not_modified);
    }
    for (reason, (count, example)) in &summary.reasons {
        eprintln!("  failed {count}x: {reason}\n    e.g. {example}");
    }
}
