//! Ingest runs: inputs in, records stored in the embedded store, a summary out.
//!
//! One run reads its inputs (files and folders of pages, WARC and JSON Lines;
//! feed files; page and feed URLs, fetched politely; Parquet output of
//! `newsgraph export --format parquet` or of the Spark job), processes pages
//! in batches across cores (rayon) through a
//! [`Pipeline`](newsgraph_pipeline::Pipeline), stores each batch in one
//! transaction, and returns a [`Summary`]. Parquet rows are not processed
//! again: their `record` column is the record, stored as it is. An input that
//! fails is one line of the summary (and a row of the store's failures); the
//! rest goes in. A rerun skips the pages the store already holds, so an
//! interrupted run continues where its last committed batch ended.
//!
//! [`follow()`] polls a list of feed and page URLs on a schedule into one store
//! (`newsgraph serve --follow`), each poll an ingest run of one URL.
//!
//! This crate prints nothing and draws no progress bar: the caller's [`Report`]
//! hears of progress, failures and committed batches and decides what the user
//! sees (the `newsgraph` binary draws an indicatif bar and writes its `--log`
//! lines). It parses no command line ([`Config`] is plain data) and opens no
//! store: the caller opens one and shows its notices.
//!
//! ```no_run
//! use newsgraph_ingest::{Config, Quiet};
//! let store = newsgraph_store::EmbeddedStore::open("newsgraph-data").unwrap();
//! let config = Config { inputs: vec!["examples".into()], ..Config::default() };
//! let summary = newsgraph_ingest::run(&config, &store, &Quiet).unwrap();
//! eprintln!("{summary}");
//! ```

mod batches;
pub mod follow;
mod records;
mod summary;
mod web;

use std::io;
use std::path::PathBuf;

use newsgraph_model::Layer;
use newsgraph_pipeline::PipelineError;
use newsgraph_store::StoreError;

pub use batches::{run, run_with_pipeline};
pub use follow::{follow, parse_follow_list, parse_interval, FollowSpec};
pub use records::{is_parquet_path, DateRange};
pub use summary::Summary;

/// What one run reads and how; [`Config::default`] gives `newsgraph ingest`'s defaults.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store's data directory, where the fetch validators (`fetch-validators.json`) are kept.
    pub data_dir: PathBuf,
    /// The pipeline runs up to and including this layer (pages only; Parquet records are stored as they are).
    pub layer: Layer,
    /// Inputs processed and committed together.
    pub batch: usize,
    /// How URLs are fetched.
    pub fetch: newsgraph_fetch::Config,
    /// Which Parquet records to load, by publication day; pages are not filtered.
    pub dates: DateRange,
    /// Files, folders, feeds (`.rss .atom .xml`), Parquet files, page and feed URLs; `-` reads stdin.
    pub inputs: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("newsgraph-data"),
            layer: Layer::Events,
            batch: 64,
            fetch: newsgraph_fetch::Config::default(),
            dates: DateRange::default(),
            inputs: Vec::new(),
        }
    }
}

/// One article of a committed batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub id: String,
    /// The input it came from (`path`, `path#record`, the URL, or `file.parquet#row`).
    pub origin: String,
    /// False when the store already held its id (nothing changed).
    pub new: bool,
}

/// What a run tells its caller while it goes; every method does nothing by default.
///
/// Calls come from the thread that called [`run`], in input order: an input's
/// failure is reported when it is met, a batch's articles once they are
/// committed (never before).
pub trait Report {
    /// Whether [`Report::start`] should get the number of inputs: counting reads
    /// every input's name (and every Parquet footer) once more before the run.
    fn wants_total(&self) -> bool {
        false
    }
    /// The run begins; `total` is the number of inputs when asked for and known (stdin is not counted).
    fn start(&self, _total: Option<u64>) {}
    /// One more input was taken up (read, skipped or failed).
    fn advance(&self) {}
    /// A feed was replaced by its `items`: the count of inputs grows by `items` and loses the feed.
    fn expanded(&self, _items: u64) {}
    /// Something the user should hear of that is no input's failure (a cache that could not be read).
    fn notice(&self, _message: &str) {}
    /// An input failed; the store and the summary have recorded it already.
    fn failed(&self, _origin: &str, _reason: &str) -> io::Result<()> {
        Ok(())
    }
    /// A batch was committed: each of its articles is durably stored (or already was).
    fn stored(&self, _batch: &[Stored]) -> io::Result<()> {
        Ok(())
    }
    /// The running totals, after each committed batch.
    fn progress(&self, _summary: &Summary) {}
}

/// A [`Report`] that ignores everything: the [`Summary`] is all the caller wants.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Report for Quiet {}

/// Why a run stopped; a failing input does not stop it (it is in the [`Summary`]).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot store the batch")]
    Batch(#[source] StoreError),
    #[error("cannot commit the search index")]
    Commit(#[source] StoreError),
    /// The [`Report`] could not write (the binary's `--log` lines go to stdout).
    #[error("cannot write the report")]
    Report(#[source] io::Error),
}
