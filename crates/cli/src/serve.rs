//! `newsgraph serve`: the web app over a store, as a reader or as the writer that follows feeds.
//!
//! Without `--follow` the server opens the store read-only, so `newsgraph
//! ingest` can write it meanwhile (the app sees each committed batch within
//! about a second); it writes only its bookkeeping (saved searches) to SQLite.
//! With `--follow FEEDS.txt` it is the store's one writer and a follow run
//! ([`newsgraph_ingest::follow()`]) polls the listed URLs on a thread beside the
//! app; Ctrl-C stops both, the follow run after the batch at hand. Either way a
//! webhook worker delivers the saved searches' webhooks.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use newsgraph_ingest::{Config, Report};
use newsgraph_pipeline::Pipeline;
use newsgraph_store::{EmbeddedStore, Store, StoreError};

use crate::ServeArgs;

/// How long Ctrl-C waits for the follow run to finish its batch.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// Runs `newsgraph serve` until Ctrl-C.
pub fn run(args: &ServeArgs) -> anyhow::Result<bool> {
    serve(args)?;
    Ok(true)
}

pub fn serve(args: &ServeArgs) -> anyhow::Result<()> {
    match &args.follow {
        Some(list) => serve_following(args, list),
        None => serve_store(Arc::new(open_reader(&args.data.dir)?), args.addr),
    }
}

fn cannot_open(dir: &Path) -> String {
    format!("cannot open the store in {}", dir.display())
}

/// The store read-only, created first when there is none, and its index rebuilt
/// first when older code made it and no writer is at work.
fn open_reader(dir: &Path) -> anyhow::Result<EmbeddedStore> {
    if !dir.join("records.sqlite").exists() {
        drop(EmbeddedStore::open(dir).with_context(|| cannot_open(dir))?);
    }
    let store = EmbeddedStore::open_read_only(dir).with_context(|| cannot_open(dir))?;
    if !store.index_outdated() {
        print_notices(&store);
        return Ok(store);
    }
    drop(store);
    match EmbeddedStore::open(dir) {
        Ok(writer) => print_notices(&writer),
        // Someone writes: read the old index as it is; that writer rebuilds it.
        Err(StoreError::Busy { .. }) => {}
        Err(err) => return Err(anyhow::Error::new(err).context(cannot_open(dir))),
    }
    let store = EmbeddedStore::open_read_only(dir).with_context(|| cannot_open(dir))?;
    print_notices(&store);
    Ok(store)
}

fn print_notices(store: &EmbeddedStore) {
    for notice in store.notices() {
        eprintln!("newsgraph: {notice}");
    }
}

fn serve_store(store: Arc<dyn Store>, addr: std::net::SocketAddr) -> anyhow::Result<()> {
    // Webhook deliveries run beside the server for as long as it does (their queue is SQLite's,
    // so a reader delivers too).
    let _webhooks = newsgraph_web::hooks::HookWorker::spawn(
        Arc::clone(&store),
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

fn serve_following(args: &ServeArgs, list: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(list).with_context(|| format!("cannot read {}", list.display()))?;
    let feeds = newsgraph_ingest::parse_follow_list(&text, args.every).with_context(|| list.display().to_string())?;
    let dir = &args.data.dir;
    let store = Arc::new(EmbeddedStore::open(dir).with_context(|| cannot_open(dir))?);
    print_notices(&store);
    let config = Config {
        data_dir: dir.clone(),
        layer: args.stages.into(),
        batch: args.batch.max(1),
        fetch: args.fetch.config(),
        ..Config::default()
    };
    let stop = Arc::new(AtomicBool::new(false));
    let follower = {
        let (store, stop) = (Arc::clone(&store), Arc::clone(&stop));
        std::thread::spawn(move || {
            let result = Pipeline::load(config.layer)
                .map_err(newsgraph_ingest::IngestError::from)
                .and_then(|pipeline| newsgraph_ingest::follow(&config, &store, &pipeline, &feeds, &stop, &Notices));
            if let Err(err) = result {
                // The app keeps serving what is stored; the user must hear that following stopped.
                eprintln!("newsgraph: following stopped: {:#}", anyhow::Error::new(err));
            }
        })
    };
    let served = serve_store(store, args.addr);
    stop.store(true, Ordering::SeqCst);
    let deadline = Instant::now() + STOP_GRACE;
    while !follower.is_finished() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    if follower.is_finished() {
        let _ = follower.join();
    } else {
        // What it committed is safe; an uncommitted batch is fetched again next time.
        eprintln!("newsgraph: the follow run did not stop in time; leaving it");
    }
    served
}

/// A follow run's notices (feed and item failures, cache trouble), one line each on stderr.
struct Notices;

impl Report for Notices {
    fn notice(&self, message: &str) {
        eprintln!("newsgraph: follow: {message}");
    }
}
