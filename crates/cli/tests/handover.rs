//! Two processes on one data directory: `ingest` beside a read-only `serve`
//! goes in and the app shows it within seconds; `ingest` beside `serve
//! --follow` (the writer) is refused with exit code 2 and a message naming the
//! server's pid, and the store is left as it was.

mod live;
#[path = "../../fetch/tests/common/server.rs"]
mod server;

use std::process::Command;
use std::time::{Duration, Instant};

use live::{article, rss, word, Serve};
use newsgraph_store::{EmbeddedStore, Store};
use server::{Reply, Server};

fn ingest(data: &std::path::Path, page: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["ingest", "--data", data.to_str().unwrap(), "--stages", "clean"])
        .arg(page)
        .output()
        .expect("run newsgraph ingest")
}

#[test]
fn ingest_beside_a_reader_goes_in_and_beside_the_writer_is_refused_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let pages: Vec<_> = (1..=3)
        .map(|n| {
            let path = tmp.path().join(format!("page{n}.html"));
            std::fs::write(&path, article(&word(n))).unwrap();
            path
        })
        .collect();
    assert!(ingest(&data, &pages[0]).status.success());

    // A reader: ingest writes beside it, and it sees the new article within seconds.
    let mut reader = Serve::start(&data, &[]);
    let status = reader.get_json("/api/status");
    assert_eq!(status["writer"]["this_process"], false);
    assert!(status["writer"]["holder"].is_null(), "{status}");
    assert_eq!(status["feeds"].as_array().unwrap().len(), 0);
    let out = ingest(&data, &pages[1]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let took = reader.wait_found(&word(2), Instant::now(), Duration::from_secs(5));
    eprintln!("the reader saw the ingested article after {took:?}");
    assert!(took.is_some(), "the reader did not see the ingested article");
    // Saving a search writes SQLite only, which a read-only server may.
    let (code, body) = reader.post_json("/api/saved", &serde_json::json!({"name": "zorvex", "q": word(2)}));
    assert_eq!(code, 201, "{body}");
    reader.kill();

    // The writer: a second writer is refused, naming it.
    let server = Server::start(|r| match r.path.as_str() {
        "/feed.xml" => Reply::ok("application/rss+xml", rss(&[])),
        _ => Reply::status(404),
    });
    let feeds = tmp.path().join("feeds.txt");
    std::fs::write(&feeds, format!("{}\n", server.url("/feed.xml"))).unwrap();
    let writer = Serve::start(&data, &["--follow", feeds.to_str().unwrap(), "--stages", "clean"]);
    let status = writer.get_json("/api/status");
    assert_eq!(status["writer"]["this_process"], true);
    let before = EmbeddedStore::open_read_only(&data).unwrap().count().unwrap();
    let out = ingest(&data, &pages[2]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stderr}");
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("being written by another newsgraph process (pid {}: `", writer.child.id())),
        "{stderr}"
    );
    assert!(stderr.contains("serve --data") && stderr.contains("--follow"), "{stderr}");
    assert!(stderr.contains("stop it, or add your inputs to its follow list"), "{stderr}");
    assert!(!stderr.contains("LockBusy"), "{stderr}");
    drop(writer);
    let store = EmbeddedStore::open_read_only(&data).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.count().unwrap(), before);
    assert_eq!(before, 2);
    assert_eq!(store.saved_searches().unwrap().len(), 1);
}
