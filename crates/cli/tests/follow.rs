//! `newsgraph serve --follow`: items published in a feed served by the test
//! appear in search within seconds; a SIGKILL in the middle of a slow batch
//! loses nothing committed, and the restarted service fetches no stored page
//! again, stores no duplicate and brings in the rest. No network: the feed
//! and pages are served on 127.0.0.1 by the test.

mod live;
#[path = "../../fetch/tests/common/server.rs"]
mod server;

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use live::{article, rss, word, Serve};
use newsgraph_store::{EmbeddedStore, Store};
use server::{Reply, Server};

/// What the test server publishes: the feed's items (in order) and how slowly pages are served.
#[derive(Default)]
struct Site {
    items: Mutex<Vec<usize>>,
    page_delay_ms: AtomicU64,
    /// robots.txt requests still to answer with 503 (the host then counts as down).
    robots_down: AtomicU64,
}

fn site_server(site: &Arc<Site>) -> Server {
    let site = Arc::clone(site);
    let addr = Arc::new(Mutex::new(String::new()));
    let addr_in = Arc::clone(&addr);
    let server = Server::start(move |r| {
        let host = addr_in.lock().unwrap().clone();
        match r.path.as_str() {
            "/robots.txt" if site.robots_down.load(Ordering::SeqCst) > 0 => {
                site.robots_down.fetch_sub(1, Ordering::SeqCst);
                Reply::status(503)
            }
            // 404: the fetcher reads a missing robots.txt as allowing everything.
            "/robots.txt" => Reply::status(404),
            "/feed.xml" => {
                let links: Vec<String> =
                    site.items.lock().unwrap().iter().map(|n| format!("http://{host}/news/{n}")).collect();
                Reply::ok("application/rss+xml", rss(&links))
            }
            path => match path.strip_prefix("/news/").and_then(|n| n.parse::<usize>().ok()) {
                Some(n) => {
                    std::thread::sleep(Duration::from_millis(site.page_delay_ms.load(Ordering::SeqCst)));
                    Reply::ok("text/html; charset=utf-8", article(&word(n)))
                }
                None => Reply::status(404),
            },
        }
    });
    *addr.lock().unwrap() = server.addr.to_string();
    server
}

/// (ids, source URLs) of what the store holds, read as a reader would.
fn stored(data: &std::path::Path) -> (Vec<String>, Vec<String>, String) {
    let store = EmbeddedStore::open_read_only(data).unwrap();
    let mut ids = Vec::new();
    let mut urls = Vec::new();
    store
        .for_each(&mut |a| {
            ids.push(a.id.0.clone());
            urls.push(a.source.url.clone().unwrap_or_default());
            Ok(())
        })
        .unwrap();
    (ids, urls, store.integrity_check().unwrap())
}

#[test]
fn followed_items_appear_within_seconds_and_a_kill_loses_and_repeats_nothing() {
    // The host is down at the first poll: the feed backs off and is polled again with robots.txt asked anew.
    let site = Arc::new(Site { robots_down: AtomicU64::new(1), ..Site::default() });
    let server = site_server(&site);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let feeds = tmp.path().join("feeds.txt");
    std::fs::write(&feeds, format!("# the test's feed\n{} every=1s\n", server.url("/feed.xml"))).unwrap();
    let args = [
        "--follow",
        feeds.to_str().unwrap(),
        "--every",
        "1m",
        "--stages",
        "clean",
        "--batch",
        "2",
        "--rate",
        "200",
        "--timeout",
        "5",
        "--retries",
        "0",
    ];
    let mut serve = Serve::start(&data, &args);

    // Published one by one: each is searchable within 10 s of publication.
    for n in 1..=2 {
        site.items.lock().unwrap().push(n);
        let took = serve.wait_found(&word(n), Instant::now(), Duration::from_secs(10));
        eprintln!("item {n} searchable after {took:?}");
        assert!(took.is_some(), "item {n} not found within 10 s");
    }
    let status = serve.get_json("/api/status");
    eprintln!("/api/status: {status:#}");
    assert_eq!(status["writer"]["this_process"], true);
    assert_eq!(status["feeds"][0]["url"], server.url("/feed.xml"));
    assert_eq!(status["feeds"][0]["every_seconds"], 1);
    assert_eq!(status["feeds"][0]["items_stored"], 2);
    assert_eq!(status["feeds"][0]["last_status"], "ok");
    assert_eq!(status["feeds"][0]["consecutive_errors"], 0);
    assert_eq!(server.hits("/robots.txt"), 2, "asked again after the failed poll");
    assert_eq!(status["articles"], 2);
    assert_eq!(status["per_hour"].as_array().unwrap().len(), 24);

    // A slow batch of six: kill the service once the first pair is in, while the next is being served.
    site.page_delay_ms.store(700, Ordering::SeqCst);
    site.items.lock().unwrap().extend(3..=8);
    assert!(serve.wait_found(&word(4), Instant::now(), Duration::from_secs(15)).is_some(), "first slow pair");
    std::thread::sleep(Duration::from_millis(300));
    serve.kill();
    let (ids_before, urls_before, integrity) = stored(&data);
    assert_eq!(integrity, "ok");
    assert!(ids_before.len() >= 4 && ids_before.len() < 8, "stored at the kill: {urls_before:?}");
    let paths_before: Vec<String> =
        urls_before.iter().map(|u| u.rsplit_once(&server.addr.to_string()).unwrap().1.to_string()).collect();
    for path in &paths_before {
        assert_eq!(server.hits(path), 1, "{path} fetched before the kill");
    }

    // Restarted: the rest arrives, nothing stored is fetched again, no duplicates.
    site.page_delay_ms.store(0, Ordering::SeqCst);
    let serve = Serve::start(&data, &args);
    let started = Instant::now();
    for n in 1..=8 {
        assert!(serve.wait_found(&word(n), started, Duration::from_secs(15)).is_some(), "item {n} after the restart");
    }
    drop(serve);
    let (ids, urls, integrity) = stored(&data);
    assert_eq!(integrity, "ok");
    assert_eq!(ids.len(), 8, "{urls:?}");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 8);
    assert_eq!(urls.iter().collect::<HashSet<_>>().len(), 8, "one record per page: {urls:?}");
    for id in &ids_before {
        assert!(ids.contains(id), "{id} was committed before the kill and is gone");
    }
    for path in &paths_before {
        assert_eq!(server.hits(path), 1, "{path} was stored before the kill and fetched again");
    }
}
