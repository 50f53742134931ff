//! `newsgraph ingest`: the command line's arguments and what the user sees of a run.
//!
//! The run itself (readers, fetching, batches through the pipeline, storing)
//! is [`newsgraph_ingest`]'s; this module turns the flags into its
//! [`Config`], draws the progress bar on a terminal, writes the `--log` lines
//! on stdout and prints the closing summary on stderr.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph_ingest::{Config, DateRange, IngestError, Report, Stored, Summary};
use newsgraph_model::calendar::RecordDate;
use newsgraph_store::EmbeddedStore;

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
    /// First publication day of the Parquet records to load (YYYY-MM-DD); `date=` folders outside are not read.
    #[arg(long, value_parser = RecordDate::parse)]
    pub from: Option<RecordDate>,
    /// Last publication day of the Parquet records to load (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = RecordDate::parse)]
    pub to: Option<RecordDate>,
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// Files, directories (.html .htm .txt .warc .warc.gz .gz .jsonl), feeds (.rss .atom .xml),
    /// newsgraph Parquet output (.parquet files, or folders of them: records stored as they are),
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
    pub(crate) fn config(&self) -> newsgraph_fetch::Config {
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

impl IngestArgs {
    fn config(&self) -> anyhow::Result<Config> {
        let dates = DateRange::new(self.from.as_ref(), self.to.as_ref());
        if let (Some(from), Some(to)) = (&self.from, &self.to) {
            if dates.from > dates.to {
                anyhow::bail!("--from {} is after --to {}: no day is selected", from.as_str(), to.as_str());
            }
        }
        Ok(Config {
            data_dir: self.data.dir.clone(),
            layer: self.stages.into(),
            batch: self.batch,
            fetch: self.fetch.config(),
            dates,
            inputs: self.inputs.clone(),
        })
    }
}

pub fn run_ingest(args: &IngestArgs) -> anyhow::Result<bool> {
    let config = args.config()?;
    let store = EmbeddedStore::open(&args.data.dir)
        .with_context(|| format!("cannot open the store in {}", args.data.dir.display()))?;
    for notice in store.notices() {
        eprintln!("newsgraph: {notice}");
    }
    let terminal = Terminal::new(args.log);
    let result = newsgraph_ingest::run(&config, &store, &terminal);
    terminal.bar.finish_and_clear();
    let summary = result.map_err(|err| match err {
        IngestError::Report(io) => anyhow::Error::new(io).context("cannot write to stdout"),
        other => other.into(),
    })?;
    eprintln!("{summary}");
    Ok(summary.all_ok())
}

/// The terminal's view of a run: a progress bar on stderr when it is a terminal, `--log` lines on stdout.
struct Terminal {
    bar: ProgressBar,
    visible: bool,
    log: bool,
}

impl Terminal {
    fn new(log: bool) -> Self {
        let visible = std::io::stderr().is_terminal();
        let target = if visible { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
        Terminal { bar: ProgressBar::with_draw_target(None, target), visible, log }
    }
}

impl Report for Terminal {
    fn wants_total(&self) -> bool {
        self.visible
    }

    fn start(&self, total: Option<u64>) {
        let template = match total {
            Some(total) => {
                self.bar.set_length(total);
                "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} {per_sec} ETA {eta} {msg}"
            }
            None => "{spinner} {elapsed_precise} {pos} inputs {per_sec} {msg}",
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style.progress_chars("=> "));
        }
        self.bar.enable_steady_tick(Duration::from_millis(200));
    }

    fn advance(&self) {
        self.bar.inc(1);
    }

    fn expanded(&self, items: u64) {
        self.bar.inc_length(items);
        self.bar.dec_length(1);
    }

    fn notice(&self, message: &str) {
        self.bar.suspend(|| eprintln!("newsgraph: {message}"));
    }

    fn failed(&self, origin: &str, reason: &str) -> std::io::Result<()> {
        if self.log {
            // Tabs and newlines inside the reason would break the line format.
            let reason = reason.replace(['\t', '\n', '\r'], " ");
            writeln!(std::io::stdout().lock(), "failed\t{origin}\t{reason}")?;
        }
        Ok(())
    }

    fn stored(&self, batch: &[Stored]) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        if self.log {
            for article in batch {
                writeln!(out, "stored\t{}\t{}", article.id, article.origin)?;
            }
        }
        out.flush()
    }

    fn progress(&self, summary: &Summary) {
        self.bar.set_message(format!("{} new, {} failed", summary.new, summary.failed));
    }
}
