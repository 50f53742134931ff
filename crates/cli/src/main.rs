//! The `newsgraph` binary: parses the command line and wires the library crates.
//!
//! All the work lives in the `newsgraph-*` crates; this crate only decides what
//! the user sees (output streams, messages, exit codes).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use newsgraph_bench::eval::EvalCommand;
use newsgraph_model::calendar::RecordDate;
use newsgraph_model::Layer;

mod extract;
mod serve;
mod store;

#[derive(Parser)]
#[command(name = "newsgraph", version, about = "Turn news pages into structured, evidence-linked records.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print one JSON record per article (JSON Lines on stdout).
    Extract(ExtractArgs),
    /// Bring pages into the store (resumable; a progress bar on a terminal).
    Ingest(store::IngestArgs),
    /// Search the store, with filters; ranked.
    Search(store::SearchArgs),
    /// An entity's mentions over time, roles and quotes.
    Entity(store::EntityArgs),
    /// The largest stories, or one story's articles and timeline.
    Stories(store::StoriesArgs),
    /// Export the store as JSON Lines, GDELT GKG 2.1 TSV or Parquet.
    Export(store::ExportArgs),
    /// Score a stage against the shared evaluation sets.
    Eval(EvalCommand),
    /// Serve the store as a web app and JSON API (loopback by default).
    Serve(ServeArgs),
    /// Webhooks for saved searches and fast-growing stories (`serve` delivers them).
    Webhook(store::WebhookArgs),
    /// Ingest the bundled examples into a store and serve them.
    Demo(DemoArgs),
}

#[derive(clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: store::DataDir,
    /// The address to listen on; a non-loopback address exposes the store to the network.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Poll the feed and page URLs listed in this file (one a line, `#` comments,
    /// optional `every=10m`) and ingest what is new while serving; the server is
    /// then the store's only writer. Without it the server only reads, and
    /// `newsgraph ingest` may write the same store beside it.
    #[arg(long, value_name = "FEEDS.txt")]
    pub follow: Option<PathBuf>,
    /// How often a followed URL is polled unless its line says (`30s`, `15m`, `1h`).
    #[arg(long, default_value = "15m", value_parser = newsgraph_ingest::parse_interval)]
    pub every: std::time::Duration,
    /// Run the pipeline up to and including this layer on followed pages.
    #[arg(long, value_enum, default_value = "all")]
    pub stages: Stages,
    /// Followed articles processed and committed together.
    #[arg(long, default_value_t = 8)]
    pub batch: usize,
    #[command(flatten)]
    pub fetch: store::FetchArgs,
}

#[derive(clap::Args)]
pub struct DemoArgs {
    /// The examples folder.
    #[arg(long, default_value = "examples")]
    pub examples: PathBuf,
    #[command(flatten)]
    pub data: store::DataDir,
    /// The address to serve on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Only ingest and print a summary; do not start the server.
    #[arg(long)]
    pub no_serve: bool,
}

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Run the pipeline up to and including this layer.
    #[arg(long, value_enum, default_value = "all")]
    stages: Stages,
    /// The page's URL (for the id and metadata), applied to every input.
    #[arg(long)]
    url: Option<String>,
    /// The publication date (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]`), applied to every input.
    #[arg(long, value_parser = RecordDate::parse)]
    published: Option<RecordDate>,
    /// Files or directories (.html .htm .txt .warc .warc.gz .gz .jsonl); `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Stages {
    Clean,
    Entities,
    Said,
    Events,
    All,
}

impl From<Stages> for Layer {
    fn from(stages: Stages) -> Layer {
        match stages {
            Stages::Clean => Layer::Clean,
            Stages::Entities => Layer::Entities,
            Stages::Said => Layer::Said,
            Stages::Events | Stages::All => Layer::Events,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Demo(args) => extract::demo(&args),
        Command::Ingest(args) => store::run_ingest(&args),
        Command::Search(args) => store::run_search(&args),
        Command::Entity(args) => store::run_entity(&args),
        Command::Stories(args) => store::run_stories(&args),
        Command::Export(args) => store::run_export(&args),
        Command::Webhook(args) => store::run_webhook(&args),
        Command::Eval(command) => command.run().map(|()| true),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("newsgraph: {err:#}");
            ExitCode::from(2)
        }
    }
}
