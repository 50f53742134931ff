//! The run: inputs read in order, processed a batch at a time across cores, each batch stored in one transaction.
//!
//! A page whose origin the store already holds is skipped before any work, so
//! a rerun after a crash or an interruption continues where the last committed
//! batch ended. A batch's articles are reported stored only once committed.
//! `http://` and `https://` inputs are fetched politely (the `web` module): pages
//! become inputs like files, feeds (told by content type or root element) give
//! their items' pages. Parquet rows skip the pipeline: their record is parsed
//! and stored as it is, and an id the store holds is a duplicate as for pages.

use std::path::PathBuf;
use std::time::Instant;

use newsgraph_fetch::{Fetcher, ValidatorCache};
use newsgraph_model::Article;
use newsgraph_pipeline::{Overrides, Pipeline};
use newsgraph_source::{feed, Input};
use newsgraph_store::{PutResult, Store};
use rayon::prelude::*;

use crate::records::{self, Row, Rows};
use crate::web::WebInputs;
use crate::{Config, DateRange, IngestError, Report, Stored, Summary};

/// One thing the readers produced.
pub(crate) enum Item {
    Input(Input),
    /// A Parquet row: a whole record, to parse and store as it is.
    Record {
        origin: String,
        json: String,
        /// Whether its publication day must be checked against the run's range.
        check_date: bool,
    },
    /// (origin, reason)
    Failed(String, String),
    /// A URL the store already holds: not fetched again.
    AlreadyStored,
    /// A URL the server says has not changed since the last run (HTTP 304).
    NotModified,
    /// A feed whose items were queued in its place (never yielded).
    Expanded,
}

/// What a batch's input is to its worker.
enum Work {
    Page(Input),
    Record { json: String, check_date: bool },
}

/// What a worker made of it.
enum Done {
    Article(Box<Article>),
    Failed(String),
    OutOfRange,
}

/// The inputs of a run, sorted by reader.
#[derive(Default)]
struct Inputs {
    paths: Vec<PathBuf>,
    parquet_files: Vec<PathBuf>,
    /// Folders named: walked by the page readers and for Parquet files alike.
    folders: Vec<PathBuf>,
    feeds: Vec<PathBuf>,
    urls: Vec<String>,
}

impl Inputs {
    fn sort(inputs: &[String]) -> Self {
        let mut sorted = Inputs::default();
        for input in inputs {
            let path = PathBuf::from(input);
            let lower = input.to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                sorted.urls.push(input.clone());
            } else if path.is_file() && feed::is_feed_path(&path) {
                sorted.feeds.push(path);
            } else if records::is_parquet_path(&path) {
                sorted.parquet_files.push(path);
            } else {
                if path.is_dir() {
                    sorted.folders.push(path.clone());
                }
                sorted.paths.push(path);
            }
        }
        sorted
    }
}

/// Whether any input may hold a page to process (anything but a named Parquet file).
fn may_hold_pages(inputs: &[String]) -> bool {
    inputs.iter().any(|input| !records::is_parquet_path(std::path::Path::new(input)))
}

/// Runs an ingest of `config.inputs` into `store`, loading the pipeline first
/// unless every input is a Parquet file (whose records need no processing).
pub fn run(config: &Config, store: &dyn Store, report: &dyn Report) -> Result<Summary, IngestError> {
    let pipeline = if may_hold_pages(&config.inputs) { Some(Pipeline::load(config.layer)?) } else { None };
    ingest(config, store, pipeline.as_ref(), report)
}

/// [`run`] with a pipeline the caller has loaded (its layer, not `config.layer`, decides the stages).
pub fn run_with_pipeline(
    config: &Config,
    store: &dyn Store,
    pipeline: &Pipeline,
    report: &dyn Report,
) -> Result<Summary, IngestError> {
    ingest(config, store, Some(pipeline), report)
}

fn ingest(
    config: &Config,
    store: &dyn Store,
    pipeline: Option<&Pipeline>,
    report: &dyn Report,
) -> Result<Summary, IngestError> {
    ingest_with(config, store, pipeline, report, &Fetcher::new(config.fetch.clone()))
}

/// [`ingest`] fetching URLs with `fetcher` (a follow run keeps one across polls).
pub(crate) fn ingest_with(
    config: &Config,
    store: &dyn Store,
    pipeline: Option<&Pipeline>,
    report: &dyn Report,
    fetcher: &Fetcher,
) -> Result<Summary, IngestError> {
    let inputs = Inputs::sort(&config.inputs);
    let parquet = records::find_files(&inputs.parquet_files, &inputs.folders, &config.dates);
    // Counting first gives a progress bar a length (and so an ETA); reading is cheap next to the stages.
    let total = if report.wants_total() && !inputs.paths.iter().any(|p| p.as_os_str() == "-") {
        let pages = newsgraph_source::read_paths(&inputs.paths).count() as u64;
        Some(pages + records::count_rows(&parquet) + inputs.feeds.len() as u64 + inputs.urls.len() as u64)
    } else {
        None
    };
    report.start(total);
    let cache = ValidatorCache::open(&config.data_dir).unwrap_or_else(|err| {
        // Only an optimisation: without it every URL is fetched in full, and the file is rewritten at the end.
        report.notice(&format!("{err}; fetching everything in full"));
        ValidatorCache::empty(&config.data_dir)
    });
    let mut web = WebInputs::new(fetcher, store, cache, (inputs.feeds, inputs.urls), report);
    let started = Instant::now();
    let mut summary = Summary::default();
    let rows = Rows::new(parquet).map(|row| match row {
        Row::Record { origin, json, check_date } => Item::Record { origin, json, check_date },
        Row::Failed { origin, reason } => Item::Failed(origin, reason),
    });
    let mut items = newsgraph_source::read_paths(&inputs.paths)
        .map(|item| match item {
            Ok(input) => Item::Input(input),
            Err(e) => Item::Failed(e.origin, e.kind.to_string()),
        })
        .chain(rows)
        .chain(web.by_ref())
        .peekable();
    let batch_size = config.batch.max(1);
    while items.peek().is_some() {
        let mut todo: Vec<(String, Work)> = Vec::with_capacity(batch_size);
        for item in items.by_ref().take(batch_size) {
            report.advance();
            match item {
                Item::Input(input) => {
                    let origin = input.origin();
                    if store.has_origin(&origin)? {
                        summary.resumed += 1;
                    } else {
                        todo.push((origin, Work::Page(input)));
                    }
                }
                // No origin check: a file exported again under the same name holds other rows.
                // Ids decide, as the store does for every article.
                Item::Record { origin, json, check_date } => todo.push((origin, Work::Record { json, check_date })),
                Item::Failed(origin, reason) => fail(store, &mut summary, report, &origin, &reason)?,
                Item::AlreadyStored => summary.resumed += 1,
                Item::NotModified => summary.not_modified += 1,
                Item::Expanded => {}
            }
        }
        let processed = process(todo, pipeline, &config.dates);
        let mut articles = Vec::with_capacity(processed.len());
        let mut origins = Vec::with_capacity(processed.len());
        for (origin, done) in processed {
            match done {
                Done::Article(article) => {
                    summary.words += article.text.split_whitespace().count() as u64;
                    if let Some(skipped) = &article.skipped {
                        *summary.clean_only.entry(skipped.language.clone()).or_default() += 1;
                    }
                    let page_type = article.page_type.map_or("untyped", |p| p.kind.as_str());
                    *summary.page_types.entry(page_type.to_string()).or_default() += 1;
                    summary.not_news += u64::from(!article.is_news());
                    articles.push(*article);
                    origins.push(origin);
                }
                Done::Failed(reason) => fail(store, &mut summary, report, &origin, &reason)?,
                Done::OutOfRange => summary.out_of_range += 1,
            }
        }
        if articles.is_empty() {
            continue;
        }
        let results = store.put_batch_from(&articles, &origins).map_err(IngestError::Batch)?;
        // Committed: only now may an article be reported stored.
        let stored: Vec<Stored> = results
            .into_iter()
            .zip(origins)
            .map(|(PutResult { id, new, .. }, origin)| Stored { id, origin, new })
            .collect();
        for article in &stored {
            if article.new {
                summary.new += 1;
            } else {
                summary.duplicate += 1;
            }
        }
        report.stored(&stored).map_err(IngestError::Report)?;
        report.progress(&summary);
    }
    drop(items);
    store.flush().map_err(IngestError::Commit)?;
    // Committed: the validators may now let the next run skip what did not change.
    if let Err(err) = web.finish() {
        report.notice(&format!("{err}; the next run fetches everything in full"));
    }
    summary.elapsed = started.elapsed();
    summary.stored = store.count()?;
    Ok(summary)
}

/// Runs the batch across cores; results in input order.
fn process(todo: Vec<(String, Work)>, pipeline: Option<&Pipeline>, dates: &DateRange) -> Vec<(String, Done)> {
    todo.into_par_iter()
        .map(|(origin, work)| {
            let done = match work {
                Work::Page(input) => match pipeline {
                    Some(pipeline) => match pipeline.process(input, &Overrides::default()) {
                        Ok(article) => Done::Article(Box::new(article)),
                        Err(e) => Done::Failed(e.to_string()),
                    },
                    // Not met: `run` loads a pipeline whenever an input may hold pages.
                    None => Done::Failed("no pipeline loaded for this page".to_string()),
                },
                Work::Record { json, check_date } => match serde_json::from_str::<Article>(&json) {
                    Ok(article) if article.id.as_str().is_empty() => Done::Failed("a record without an id".to_string()),
                    Ok(article) if check_date && !dates.contains_published(article.published_date()) => {
                        Done::OutOfRange
                    }
                    Ok(article) => Done::Article(Box::new(article)),
                    Err(e) => Done::Failed(format!("not a newsgraph record ({e})")),
                },
            };
            (origin, done)
        })
        .collect()
}

/// Records a failure in the store and the summary, and tells the report.
fn fail(
    store: &dyn Store,
    summary: &mut Summary,
    report: &dyn Report,
    origin: &str,
    reason: &str,
) -> Result<(), IngestError> {
    store.record_failure(origin, reason)?;
    summary.fail(origin, reason);
    report.failed(origin, reason).map_err(IngestError::Report)
}
