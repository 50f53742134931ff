//! `newsgraph eval`: one module per stage, each scoring against its shared set.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

pub mod coref;
pub mod date_peer;
pub mod events;
pub mod events_errors;
pub mod extraction;
pub mod geo;
pub mod geo_errors;
pub mod links;
pub mod ner;
pub mod ner_lang;
pub mod page_type;
pub mod pipeline;
pub mod quotes;
pub mod syntax;
pub mod times;

/// The stages `newsgraph eval` scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalStage {
    Extraction,
    Ner,
    /// Within-article entity resolution against GUM's coreference.
    Coref,
    Geo,
    Quotes,
    Times,
    Events,
    /// The tagger and dependency parser against spaCy on the same tokens.
    Syntax,
    /// Speed of the whole pipeline, stage by stage.
    Pipeline,
}

/// `newsgraph eval STAGE [options]`.
#[derive(Debug, Clone, clap::Args)]
pub struct EvalCommand {
    #[arg(value_enum)]
    pub stage: EvalStage,
    #[command(flatten)]
    pub options: EvalOptions,
}

impl EvalCommand {
    pub fn run(&self) -> anyhow::Result<()> {
        let options = &self.options;
        match self.stage {
            EvalStage::Extraction => extraction::run(options),
            EvalStage::Ner => ner::run(options),
            EvalStage::Coref => coref::run(options),
            EvalStage::Geo => geo::run(options),
            EvalStage::Quotes => quotes::run(options),
            EvalStage::Times => times::run(options),
            EvalStage::Events => events::run(options),
            EvalStage::Syntax => syntax::run(options),
            EvalStage::Pipeline => pipeline::run(options),
        }
    }
}

/// Options every evaluation takes.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct EvalOptions {
    /// The shared data directory (`../shared/data` by default).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Which set of the stage's benchmarks (`aeb`, `trafilatura`, `wcxb`, ...).
    #[arg(long)]
    pub dataset: Option<String>,
    /// The language of the sets to score (`ner`: `de`, `fr`, `es`, `it`, `pt`, `nl`,
    /// `pl`, `ru` or `all` for the multilingual sets; `en`, the default, for the English ones).
    #[arg(long)]
    pub lang: Option<String>,
    /// Score only the first N items (quick checks).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Write per-item predictions here (JSON) for the peers' scorers.
    #[arg(long)]
    pub predictions: Option<PathBuf>,
    /// `events`: the dependency parser the event coder reads trees from: `rust` (the
    /// default, as the pipeline: the port of en_core_web_sm's parser) or `none` (clause
    /// rules alone, for comparison).
    #[arg(long)]
    pub parser: Option<String>,
    /// `events --dataset plover`: list each sentence's misses with a cause, and count the
    /// causes (`events_errors`); `geo`: list each missed toponym with a cause (`geo_errors`).
    #[arg(long)]
    pub errors: bool,
}

/// The shared data directory: `--data`, `$NEWSGRAPH_DATA`, or `../shared/data` above the working directory.
pub fn data_dir(options: &EvalOptions) -> anyhow::Result<PathBuf> {
    if let Some(dir) = options.data.clone().or_else(|| std::env::var_os("NEWSGRAPH_DATA").map(PathBuf::from)) {
        if dir.is_dir() {
            return Ok(dir);
        }
        bail!("data directory {} does not exist", dir.display());
    }
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    for dir in cwd.ancestors() {
        let candidate = dir.join("../shared/data");
        if candidate.is_dir() {
            return Ok(candidate);
        }
        let candidate = dir.join("shared/data");
        if candidate.is_dir() {
            return Ok(candidate);
        }
    }
    bail!("no shared data found: pass --data DIR (the folder holding extraction/, ner/, geo/, ...)")
}

/// A set's folder under the data directory, with a clear error when it is missing.
pub fn set_dir(data: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let dir = data.join(name);
    if !dir.is_dir() {
        bail!("evaluation set {} not found", dir.display());
    }
    Ok(dir)
}

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn from_counts(true_positives: f64, predicted: f64, gold: f64) -> Self {
        let precision = if predicted > 0.0 { true_positives / predicted } else { 0.0 };
        let recall = if gold > 0.0 { true_positives / gold } else { 0.0 };
        Prf::from_pr(precision, recall)
    }

    pub fn from_pr(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Prf { precision, recall, f1 }
    }
}

impl std::fmt::Display for Prf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "P {:.3}  R {:.3}  F1 {:.3}", self.precision, self.recall, self.f1)
    }
}
