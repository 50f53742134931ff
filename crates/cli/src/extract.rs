//! `newsgraph extract` and `newsgraph demo`: records as JSON Lines on stdout.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use newsgraph_model::{Article, Layer};
use newsgraph_pipeline::{error_record, Overrides, Pipeline};
use rayon::prelude::*;

use crate::ExtractArgs;

/// Inputs processed in parallel at a time; output stays in input order.
const BATCH: usize = 64;

/// Runs `extract`; `Ok(false)` when any input failed (every record is still printed).
pub fn run(args: &ExtractArgs) -> anyhow::Result<bool> {
    let pipeline = Pipeline::load(args.stages.into())?;
    let overrides = Overrides { url: args.url.clone(), published: args.published.clone() };
    let stdout = std::io::stdout().lock();
    extract_to(&pipeline, &args.paths, &overrides, &mut BufWriter::new(stdout))
}

/// Cleans the bundled examples and prints their records.
pub fn demo(examples: &Path) -> anyhow::Result<bool> {
    if !examples.is_dir() {
        anyhow::bail!("{} is not a folder: run the demo from the repository root", examples.display());
    }
    let pipeline = Pipeline::load(Layer::Events)?;
    let stdout = std::io::stdout().lock();
    extract_to(&pipeline, &[examples.to_path_buf()], &Overrides::default(), &mut BufWriter::new(stdout))
}

fn extract_to(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    overrides: &Overrides,
    out: &mut impl Write,
) -> anyhow::Result<bool> {
    let mut all_ok = true;
    let mut inputs = newsgraph_source::read_paths(paths).peekable();
    while inputs.peek().is_some() {
        let batch: Vec<_> = inputs.by_ref().take(BATCH).collect();
        let records: Vec<(Article, bool)> = batch
            .into_par_iter()
            .map(|item| {
                let result = item.map_err(Into::into).and_then(|input| pipeline.process(input, overrides));
                match result {
                    Ok(article) => (article, true),
                    Err(err) => (error_record(&err), false),
                }
            })
            .collect();
        for (record, ok) in records {
            if !ok {
                eprintln!("newsgraph: {}", record.errors.last().map_or("error", |e| e.message.as_str()));
            }
            all_ok &= ok;
            serde_json::to_writer(&mut *out, &record).context("cannot write to stdout")?;
            out.write_all(b"\n").context("cannot write to stdout")?;
        }
    }
    out.flush().context("cannot write to stdout")?;
    Ok(all_ok)
}
