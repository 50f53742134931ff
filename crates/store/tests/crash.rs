//! Crash safety: an ingest in a child process is killed with SIGKILL at random
//! moments 20 times; every article it reported stored must be there and intact,
//! SQLite must pass its integrity check, the index must agree with SQLite, and a
//! rerun must finish the job.
//!
//! The child is this test binary itself, re-run on the ignored `crash_child` test.

mod common;

use std::collections::BTreeSet;
use std::io::BufRead;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{article, filler, Spec};
use newsgraph_model::{Article, EntityType, EventType};
use newsgraph_store::{origin_of, EmbeddedStore, Store};

const ARTICLES: usize = 1500;
const BATCH: usize = 12;
const KILLS: usize = 20;

fn synthetic(i: usize) -> Article {
    let text = format!("Report {i} from the harbour. {}", filler(i as u64 + 1, 5 + i % 7));
    let mut a = article(&Spec {
        id: &format!("c{i:05}"),
        url: &format!("https://site{}.example.com/story/{i}", i % 9),
        title: &format!("Harbour report {i}"),
        text: &text,
        published: &format!("2024-0{}-1{}T08:00", 1 + i % 9, i % 10),
        entities: &[("Harbour Board", EntityType::Org, None, Some("NL")), ("Delft", EntityType::Gpe, None, Some("NL"))],
        event: Some(EventType::Cooperate),
        quote: None,
    });
    a.source.path = Some(format!("crash-input.jsonl#{i}"));
    a
}

/// The child: stores every article not yet stored, reporting each after its commit.
#[test]
#[ignore = "run by crash_test_kill_9 as a child process"]
fn crash_child() {
    let Ok(dir) = std::env::var("NEWSGRAPH_CRASH_DIR") else { return };
    let store = EmbeddedStore::open(&dir).unwrap();
    let mut pending: Vec<Article> = Vec::new();
    for i in 0..ARTICLES {
        let a = synthetic(i);
        if !store.has_origin(&origin_of(&a)).unwrap() {
            pending.push(a);
        }
    }
    for batch in pending.chunks(BATCH) {
        let results = store.put_batch(batch).unwrap();
        let mut out = std::io::stdout().lock();
        for r in results {
            use std::io::Write;
            writeln!(out, "stored\t{}", r.id).unwrap();
        }
        std::io::Write::flush(&mut out).unwrap();
    }
    store.flush().unwrap();
}

fn spawn_child(dir: &std::path::Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "crash_child", "--nocapture", "--test-threads=1"])
        .env("NEWSGRAPH_CRASH_DIR", dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Complete `stored` lines the child printed (a line cut by the kill is not a report).
fn reported(child: &mut std::process::Child) -> std::thread::JoinHandle<Vec<String>> {
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        let mut reader = std::io::BufReader::new(stdout);
        let mut ids = Vec::new();
        let mut line = Vec::new();
        while reader.read_until(b'\n', &mut line).unwrap_or(0) > 0 {
            if line.ends_with(b"\n") {
                if let Some(id) = std::str::from_utf8(&line).ok().and_then(|l| l.trim_end().strip_prefix("stored\t")) {
                    ids.push(id.to_string());
                }
            }
            line.clear();
        }
        ids
    })
}

#[test]
fn crash_test_kill_9() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let mut seed = started.elapsed().as_nanos() as u64 | 1;
    let mut random = move |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    let mut acknowledged: BTreeSet<String> = BTreeSet::new();
    for _ in 0..KILLS {
        let mut child = spawn_child(dir.path());
        let lines = reported(&mut child);
        std::thread::sleep(Duration::from_millis(30 + random(350)));
        child.kill().unwrap();
        child.wait().unwrap();
        acknowledged.extend(lines.join().unwrap());
    }
    eprintln!("{} articles acknowledged before the last kill", acknowledged.len());

    {
        let store = EmbeddedStore::open_read_only(dir.path()).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok");
        for id in &acknowledged {
            let i: usize = id[1..].parse().unwrap();
            assert_eq!(store.get(id).unwrap().as_ref(), Some(&synthetic(i)), "{id} lost or damaged");
        }
    }
    // Opening for writing catches the index up; then it must hold exactly SQLite's articles.
    {
        let store = EmbeddedStore::open(dir.path()).unwrap();
        let stored: BTreeSet<String> = (0..ARTICLES)
            .map(synthetic)
            .filter(|a| store.get(a.id.as_str()).unwrap().is_some())
            .map(|a| a.id.0)
            .collect();
        assert!(acknowledged.is_subset(&stored));
        let indexed: Vec<String> = store.indexed_ids().unwrap();
        assert_eq!(indexed.len(), stored.len(), "no duplicate or missing index documents");
        assert_eq!(indexed.into_iter().collect::<BTreeSet<_>>(), stored);
    }

    // A rerun finishes the job.
    let mut child = spawn_child(dir.path());
    let lines = reported(&mut child);
    assert!(child.wait().unwrap().success());
    lines.join().unwrap();
    let store = EmbeddedStore::open_read_only(dir.path()).unwrap();
    assert_eq!(store.count().unwrap(), ARTICLES as u64);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let indexed: BTreeSet<String> = store.indexed_ids().unwrap().into_iter().collect();
    assert_eq!(indexed.len(), ARTICLES);
    eprintln!("crash test took {:.1}s", started.elapsed().as_secs_f64());
}
