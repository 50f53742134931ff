//! `newsgraph ingest`, `search`, `entity`, `stories`, `export` and `webhook`: the store's commands.
//!
//! Ingest turns its flags into a `newsgraph_ingest` run and shows it; the other
//! commands are thin views over the [`newsgraph_store::Store`] trait.

mod hooks;
mod ingest;
mod views;

use std::path::PathBuf;

pub use hooks::{run_webhook, WebhookArgs};
pub use ingest::{run_ingest, FetchArgs, IngestArgs};
pub use views::{run_entity, run_export, run_search, run_stories, EntityArgs, ExportArgs, SearchArgs, StoriesArgs};

/// `--data DIR`, shared by every store command.
#[derive(clap::Args, Clone)]
pub struct DataDir {
    /// The store's data directory.
    #[arg(long = "data", default_value = "newsgraph-data")]
    pub dir: PathBuf,
}
