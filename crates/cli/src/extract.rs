//! `newsgraph extract` (records as JSON Lines on stdout), `newsgraph demo` and `newsgraph serve`.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use newsgraph_model::Article;
use newsgraph_pipeline::{error_record, Overrides, Pipeline};
use rayon::prelude::*;

use newsgraph_store::{EmbeddedStore, Store};

use crate::store::{run_ingest, IngestArgs};
use crate::{DemoArgs, ExtractArgs, ServeArgs, Stages};

/// Inputs processed in parallel at a time; output stays in input order.
const BATCH: usize = 64;

/// Runs `extract`; `Ok(false)` when any input failed (every record is still printed).
pub fn run(args: &ExtractArgs) -> anyhow::Result<bool> {
    let pipeline = Pipeline::load(args.stages.into())?;
    let overrides =
        Overrides { url: args.url.clone(), published: args.published.as_ref().map(|p| p.as_str().to_string()) };
    let stdout = std::io::stdout().lock();
    extract_to(&pipeline, &args.paths, &overrides, &mut BufWriter::new(stdout))
}

/// Ingests the bundled examples into the store (as `newsgraph ingest` does,
/// skipping inputs it already holds), then serves the store unless `--no-serve`.
pub fn demo(args: &DemoArgs) -> anyhow::Result<bool> {
    let examples = &args.examples;
    if !examples.is_dir() {
        anyhow::bail!("{} is not a folder: run the demo from the repository root", examples.display());
    }
    let ingest = IngestArgs {
        data: args.data.clone(),
        stages: Stages::All,
        log: false,
        batch: BATCH,
        from: None,
        to: None,
        fetch: Default::default(),
        inputs: vec![examples.display().to_string()],
    };
    let all_ok = run_ingest(&ingest)?;
    if args.no_serve {
        return Ok(all_ok);
    }
    serve(&ServeArgs { data: args.data.clone(), addr: args.addr })?;
    Ok(all_ok)
}

/// `newsgraph serve`: the web app over an existing store.
pub fn serve(args: &ServeArgs) -> anyhow::Result<bool> {
    let store = EmbeddedStore::open(&args.data.dir)
        .with_context(|| format!("cannot open the store in {}", args.data.dir.display()))?;
    for notice in store.notices() {
        eprintln!("newsgraph: {notice}");
    }
    serve_store(store, args.addr)?;
    Ok(true)
}

fn serve_store(store: EmbeddedStore, addr: std::net::SocketAddr) -> anyhow::Result<()> {
    let store: std::sync::Arc<dyn Store> = std::sync::Arc::new(store);
    // Webhook deliveries run beside the server for as long as it does.
    let _webhooks = newsgraph_web::hooks::HookWorker::spawn(
        std::sync::Arc::clone(&store),
        newsgraph_web::hooks::HookConfig::default(),
        |err| eprintln!("newsgraph: webhooks: {err}"),
    )
    .context("cannot start the webhook worker")?;
    newsgraph_web::serve(addr, store, |bound| {
        println!("newsgraph: serving on http://{bound}/ (Ctrl-C to stop)");
    })
    .with_context(|| format!("cannot serve on {addr}"))?;
    Ok(())
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
