//! Webhook delivery end to end: a receiver on loopback, synthetic articles in
//! an embedded store, the worker's rounds run by the test.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hmac::{Hmac, Mac};
use newsgraph_model::{Article, DateSource, Published, Source, SourceFormat};
use newsgraph_store::webhooks::HookTarget;
use newsgraph_store::{EmbeddedStore, SearchQuery, Store};
use newsgraph_web::hooks::{agent, run_once, HookConfig};
use sha2::Sha256;

const SECRET: &str = "test-secret-Ünïcode";

/// One POST as the receiver saw it, and the status it answered.
#[derive(Debug, Clone)]
struct Received {
    headers: HashMap<String, String>,
    body: Vec<u8>,
    answered: u16,
}

impl Received {
    fn header(&self, name: &str) -> &str {
        self.headers.get(&name.to_ascii_lowercase()).map_or("", String::as_str)
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }
}

/// A receiver on 127.0.0.1: answers the first `failures` POSTs with 500, the rest with 200.
fn receiver(failures: usize) -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/hook", listener.local_addr().expect("addr"));
    let log: Arc<Mutex<Vec<Received>>> = Arc::default();
    let seen = Arc::clone(&log);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut headers = HashMap::new();
            let mut line = String::new();
            reader.read_line(&mut line).expect("request line");
            loop {
                line.clear();
                if reader.read_line(&mut line).expect("header") == 0 || line.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = line.split_once(':') {
                    headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
                }
            }
            let len: usize = headers.get("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
            let mut body = vec![0; len];
            reader.read_exact(&mut body).expect("body");
            let mut log = seen.lock().expect("log");
            let answered = if log.len() < failures { 500 } else { 200 };
            log.push(Received { headers, body, answered });
            drop(log);
            let reply = format!("HTTP/1.1 {answered} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    (url, log)
}

fn fast() -> HookConfig {
    HookConfig { retry_base: Duration::from_millis(30), timeout: Duration::from_secs(5), ..HookConfig::default() }
}

/// Runs rounds until `done` holds of the log (or 10 s pass), then a few more.
fn run_until(store: &dyn Store, log: &Mutex<Vec<Received>>, done: impl Fn(&[Received]) -> bool) {
    run_rounds(store, log, done, Duration::from_secs(10));
}

/// Runs rounds for a while when nothing should happen: long enough for several retries.
fn run_quiet(store: &dyn Store, log: &Mutex<Vec<Received>>) {
    run_rounds(store, log, |_| false, Duration::from_millis(500));
}

fn run_rounds(store: &dyn Store, log: &Mutex<Vec<Received>>, done: impl Fn(&[Received]) -> bool, limit: Duration) {
    let config = fast();
    let agent = agent(&config);
    let deadline = Instant::now() + limit;
    while !done(&log.lock().expect("log")) && Instant::now() < deadline {
        run_once(store, &agent, &config).expect("round");
        std::thread::sleep(Duration::from_millis(10));
    }
    for _ in 0..3 {
        run_once(store, &agent, &config).expect("round");
    }
}

fn verify(received: &Received) {
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).expect("key");
    mac.update(&received.body);
    let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(received.header("x-newsgraph-signature"), format!("sha256={hex}"));
    assert_eq!(received.header("content-type"), "application/json");
}

fn other_article(id: &str) -> Article {
    let mut a = Article::from_text(id, "The council approved a new budget for the city's schools on Tuesday.");
    a.source =
        Source { url: Some(format!("https://news.example/{id}")), format: SourceFormat::Html, ..Source::default() };
    a.title = Some("Council approves school budget".into());
    a.language = Some("en".into());
    a.published = Some(Published { value: "2024-03-05".into(), from: DateSource::Meta });
    a
}

#[test]
fn one_signed_post_per_new_matching_article_with_retries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (url, log) = receiver(1);
    let store = EmbeddedStore::open(dir.path()).expect("open");
    // Stored before the webhook: it must not be delivered.
    store.put_batch(&[common::protest_article("kyivold000000001", "news.example", "2024-03-01")]).expect("put");
    let query = SearchQuery { text: "marched".into(), site: Some("news.example".into()), ..SearchQuery::default() };
    store.save_search("kyiv", &query).expect("save");
    let hooks = store.webhooks().expect("webhooks");
    hooks.add(&HookTarget::SavedSearch { name: "kyiv".into() }, &url, SECRET).expect("add");
    store
        .put_batch(&[
            common::protest_article("kyivnew000000001", "news.example", "2024-03-04"),
            common::protest_article("kyivwire00000001", "wire.example", "2024-03-04"), // another site
            other_article("council000000001"),                                         // other words
            common::protest_article("kyivnew000000002", "news.example", "2024-03-05"),
        ])
        .expect("put");
    store.flush().expect("flush");

    let delivered = |log: &[Received]| log.iter().filter(|r| r.answered == 200).count() >= 2;
    run_until(&store, &log, delivered);
    let received = log.lock().expect("log").clone();
    assert_eq!(received.len(), 3, "one 500, then two deliveries: {received:?}");
    assert_eq!(received[0].answered, 500);
    let ok: Vec<&Received> = received.iter().filter(|r| r.answered == 200).collect();
    let mut ids: Vec<String> = ok.iter().map(|r| r.json()["article"]["id"].as_str().expect("id").to_string()).collect();
    ids.sort();
    assert_eq!(ids, ["kyivnew000000001", "kyivnew000000002"]);
    for r in &received {
        verify(r);
        assert_eq!(r.header("x-newsgraph-event"), "article");
        let json = r.json();
        assert_eq!(json["event"], "article");
        assert_eq!(json["saved_search"], "kyiv");
        assert_eq!(json["article"]["site"], "news.example");
        assert!(json["delivered_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    }
    // The retried delivery kept its id; the two delivered ones differ.
    let retried = received[0].header("x-newsgraph-delivery");
    assert_eq!(retried.len(), 32);
    assert_eq!(ok.iter().filter(|r| r.header("x-newsgraph-delivery") == retried).count(), 1);
    assert_ne!(ok[0].header("x-newsgraph-delivery"), ok[1].header("x-newsgraph-delivery"));
    let listed = &hooks.list().expect("list")[0];
    assert_eq!((listed.delivered, listed.pending, listed.failed), (2, 0, 0));
    assert!(listed.recent.iter().any(|d| d.attempts == 2 && d.state == "delivered"));
    assert!(!serde_json::to_string(listed).expect("json").contains(SECRET));

    // A restart (a new store and worker over the same files) sends nothing twice ...
    drop(store);
    let store = EmbeddedStore::open(dir.path()).expect("reopen");
    run_quiet(&store, &log);
    assert_eq!(log.lock().expect("log").len(), 3, "nothing delivered twice after a restart");
    // ... and goes on with what is new.
    store.put_batch(&[common::protest_article("kyivnew000000003", "news.example", "2024-03-06")]).expect("put");
    store.flush().expect("flush");
    run_until(&store, &log, |log| log.len() >= 4);
    let received = log.lock().expect("log").clone();
    assert_eq!(received.len(), 4);
    assert_eq!(received[3].json()["article"]["id"], "kyivnew000000003");
}

#[test]
fn a_story_alert_fires_once_per_crossing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (url, log) = receiver(0);
    let store = EmbeddedStore::open(dir.path()).expect("open");
    let hooks = store.webhooks().expect("webhooks");
    hooks.add(&HookTarget::StoryAlert { min_articles: 3, window_hours: 24 }, &url, SECRET).expect("add");
    let copy = |n: usize, site: &str| {
        common::protest_article(&format!("story{n:011}"), site, &format!("2024-03-04T{:02}:00:00Z", 8 + n))
    };
    store.put_batch(&[copy(1, "a.example"), copy(2, "b.example")]).expect("put");
    run_quiet(&store, &log);
    assert!(log.lock().expect("log").is_empty(), "two articles are below the threshold");
    store.put_batch(&[copy(3, "c.example")]).expect("put");
    run_until(&store, &log, |log| !log.is_empty());
    store.put_batch(&[copy(4, "d.example")]).expect("put");
    run_quiet(&store, &log);
    let received = log.lock().expect("log").clone();
    assert_eq!(received.len(), 1, "one POST for the crossing, none while it stays above: {received:?}");
    verify(&received[0]);
    assert_eq!(received[0].header("x-newsgraph-event"), "story");
    let story = &received[0].json()["story"];
    assert_eq!(story["new_articles"], 3);
    assert_eq!(story["num_articles"], 3);
    assert_eq!(Some(story["id"].as_i64().expect("id")), store.story_of("story00000000001").expect("story"));
}

#[test]
fn webhooks_are_added_and_listed_without_their_secret() {
    let body =
        r#"{"name":"hooked","q":"marched","webhook":{"url":"http://127.0.0.1:9/hook","secret":"hunter2-secret"}}"#;
    let reply = common::request("POST", "/api/saved", Some("application/json"), body);
    assert_eq!(reply.status, 201, "{}", reply.body);
    let fingerprint = newsgraph_store::webhooks::fingerprint("hunter2-secret");
    assert!(reply.body.contains(&fingerprint), "{}", reply.body);
    // A bad URL is refused before anything is saved.
    let bad = r#"{"name":"badhook","q":"x","webhook":{"url":"file:///etc/passwd","secret":"s"}}"#;
    assert_eq!(common::request("POST", "/api/saved", Some("application/json"), bad).status, 400);
    let saved = common::request("GET", "/api/saved", None, "");
    assert!(!saved.body.contains("badhook") && saved.body.contains("127.0.0.1:9/hook"), "{}", saved.body);
    // A story alert through the form, as a browser without JavaScript sends it.
    let form =
        "saved_search=&url=https%3A%2F%2Fexample.com%2Fstories&secret=form-secret&min_articles=4&window_hours=12";
    let reply = common::request("POST", "/saved/webhooks", Some("application/x-www-form-urlencoded"), form);
    assert_eq!(reply.status, 303);
    let list = common::request("GET", "/api/webhooks", None, "");
    let hooks: serde_json::Value = serde_json::from_str(&list.body).expect("json");
    assert!(hooks.as_array().is_some_and(|h| h.len() >= 2), "{}", list.body);
    assert!(list.body.contains(r#""min_articles":4"#), "{}", list.body);
    let page = common::request("GET", "/saved", None, "");
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&fingerprint) && page.body.contains("Story alert: 4 articles within 12 h"));
    for reply in [&list, &page, &saved] {
        assert!(!reply.body.contains("hunter2-secret") && !reply.body.contains("form-secret"));
    }
}
