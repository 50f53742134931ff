//! `newsgraph ingest` on bad input from the web and from files: each bad input is one
//! clear failure in the summary and the rest of the batch goes in. No network: the
//! servers run on 127.0.0.1 inside the test.

#[path = "../../fetch/tests/common/server.rs"]
mod server;

use std::path::Path;
use std::process::Command;

use server::{Reply, Server};

fn newsgraph(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(args).output().expect("run newsgraph")
}

/// Settings that keep the test quick: short timeout and backoff, one retry, a 1 MiB cap.
const QUICK: [&str; 10] =
    ["--timeout", "1", "--retries", "1", "--backoff", "0.05", "--rate", "200", "--max-bytes", "1048576"];

fn article(title: &str) -> String {
    let body: String = (0..6)
        .map(|i| {
            format!(
                "<p>The {title} story continued on Monday in Porto as officials met for the {i}th time. \
                 Ana Costa, the mayor, said the plan had been difficult but useful for everyone involved.</p>"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head>\
         <body><nav>Home | World</nav><article><h1>{title}</h1>{body}</article></body></html>"
    )
}

fn warc_response(url: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{url}>\r\nWARC-Target-URI: {url}\r\n\
         WARC-Date: 2022-01-10T09:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// Two good records around one whose header is corrupt.
fn write_warc(path: &Path) {
    let mut warc = warc_response("http://archive.example/one", &article("Ferry timetable changes"));
    warc.extend_from_slice(b"WARC/1.1\r\nWARC-Type: response\r\nthis header line has no colon\r\n\r\njunk\r\n\r\n");
    warc.extend(warc_response("http://archive.example/two", &article("Library reopens after repairs")));
    std::fs::write(path, warc).unwrap();
}

fn stored(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|l| l.starts_with("stored\t"))
        .map(|l| l.rsplit('\t').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn each_bad_input_is_one_clear_failure_and_the_rest_goes_in() {
    let server = Server::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::ok("text/plain", "User-agent: *\nDisallow: /private/\n"),
        "/news/good" => Reply::ok("text/html; charset=utf-8", article("Harbour bridge opens")),
        "/news/slow" => Reply::Hang,
        "/news/broken" => Reply::status(500),
        "/news/endless" => Reply::Endless { declared: None },
        "/news/ten-gb" => Reply::Endless { declared: Some(10 * 1024 * 1024 * 1024) },
        "/news/feed.xml" => Reply::ok("text/html", article("Not a feed at all")),
        _ => Reply::ok("text/html", article("Private page")),
    });
    let tmp = tempfile::tempdir().unwrap();
    let warc = tmp.path().join("crawl.warc");
    write_warc(&warc);
    let data = tmp.path().join("data");
    let urls: Vec<String> = ["good", "slow", "broken", "endless", "ten-gb", "feed.xml"]
        .iter()
        .map(|p| server.url(&format!("/news/{p}")))
        .collect();
    let private = server.url("/private/memo");
    let mut args = vec!["ingest", "--data", data.to_str().unwrap(), "--log"];
    args.extend(QUICK);
    args.push(warc.to_str().unwrap());
    args.extend(urls.iter().map(String::as_str));
    args.push(&private);
    let out = newsgraph(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);

    let mut got = stored(&out.stdout);
    got.sort();
    let warc_name = warc.display().to_string();
    let mut want = vec![format!("{warc_name}#1"), format!("{warc_name}#3"), urls[0].clone()];
    want.sort();
    assert_eq!(got, want, "stderr: {stderr}");
    assert!(stderr.contains("3 new"), "{stderr}");
    assert!(stderr.contains("7 failed") && stderr.contains("failed 2x: too large"), "{stderr}");
    assert!(stderr.contains("the store holds 3 articles"), "{stderr}");
    assert!(!out.status.success(), "failures give a non-zero exit");
    // One failure per bad input, each naming what failed and why.
    let failed: Vec<(String, String)> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("failed\t"))
        .filter_map(|l| l.split_once('\t'))
        .map(|(o, r)| (o.to_string(), r.to_string()))
        .collect();
    assert_eq!(failed.len(), 7, "{failed:#?}");
    for (origin, reason) in [
        (format!("{warc_name}#2"), "bad WARC record"),
        (urls[1].clone(), "timed out"),
        (urls[2].clone(), "HTTP 500 (2 attempts)"),
        (urls[3].clone(), "stopped reading at the 1 MiB cap"),
        (urls[4].clone(), "Content-Length 10737418240 bytes is over the 1 MiB cap"),
        (urls[5].clone(), "not an RSS or Atom feed"),
        (private.clone(), "disallowed by robots.txt"),
    ] {
        assert!(
            failed.iter().any(|(o, r)| *o == origin && r.contains(reason)),
            "no failure for {origin} ({reason}) in {failed:#?}"
        );
    }
    // Retried once, as asked; a disallowed page is never requested; the endless body was cut short.
    assert_eq!(server.hits("/news/broken"), 2);
    assert_eq!(server.hits("/news/slow"), 2);
    assert_eq!(server.hits("/private/memo"), 0);
    assert_eq!(server.hits("/robots.txt"), 1);
    assert!(server.streamed() < 64 * 1024 * 1024, "the server streamed {} bytes", server.streamed());
}

fn rss(items: &[String]) -> String {
    let items: String = items
        .iter()
        .map(|link| format!("<item><title>Item</title><link>{link}</link><description>Short.</description></item>"))
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local</title>{items}</channel></rss>")
}

#[test]
fn a_feed_url_gives_its_pages_and_is_not_modified_on_the_second_run() {
    // The handler needs the server's own address for the feeds' links; it is set once bound.
    let base = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let base_in_handler = std::sync::Arc::clone(&base);
    let server = Server::start(move |r| {
        let base = base_in_handler.get().cloned().unwrap_or_default();
        match r.path.as_str() {
            "/robots.txt" => Reply::status(404),
            "/feed" if r.header("if-none-match") == Some("\"v1\"") => Reply::status(304),
            "/feed" => Reply::ok("application/rss+xml", rss(&[format!("{base}/a"), format!("{base}/b")]))
                .with_header("ETag", "\"v1\""),
            "/partial.rss" if r.header("if-none-match").is_some() => Reply::status(304),
            "/partial.rss" => {
                Reply::ok("text/xml", rss(&[format!("{base}/c"), format!("{base}/gone")])).with_header("ETag", "\"p1\"")
            }
            "/a" => Reply::ok("text/html", article("Tram line extended")),
            "/b" => Reply::ok("text/html", article("School term starts early")),
            "/c" => Reply::ok("text/html", article("Market hall restored")),
            _ => Reply::status(404),
        }
    });
    base.set(format!("http://{}", server.addr)).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (feed, partial) = (server.url("/feed"), server.url("/partial.rss"));
    let mut args = vec!["ingest", "--data", data.to_str().unwrap(), "--log"];
    args.extend(QUICK);
    args.extend([feed.as_str(), partial.as_str()]);

    let first = newsgraph(&args);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert_eq!(stored(&first.stdout), [server.url("/a"), server.url("/b"), server.url("/c")], "{stderr}");
    assert!(stderr.contains("1 failed") && stderr.contains("HTTP 404"), "{stderr}");
    assert!(data.join("fetch-validators.json").is_file());

    let second = newsgraph(&args);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("0 new"), "{stderr}");
    // The complete feed: asked with its ETag, answered 304, its items not even looked at.
    assert!(stderr.contains("not modified since the last run (HTTP 304), skipped: 1"), "{stderr}");
    let feed_requests: Vec<_> = server.requests().into_iter().filter(|r| r.path == "/feed").collect();
    assert_eq!(feed_requests.len(), 2);
    assert_eq!(feed_requests[0].header("if-none-match"), None);
    assert_eq!(feed_requests[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!((server.hits("/a"), server.hits("/b")), (1, 1));
    // The feed with a failed item kept no validators: fetched in full again, its stored item
    // skipped without a request, the failed one tried again.
    assert!(server.requests().iter().filter(|r| r.path == "/partial.rss").all(|r| r.header("if-none-match").is_none()));
    assert_eq!(server.hits("/partial.rss"), 2);
    assert_eq!(server.hits("/c"), 1);
    assert!(stderr.contains("1 already ingested") && stderr.contains("1 failed"), "{stderr}");
    assert!(server.hits("/gone") >= 2);
}
