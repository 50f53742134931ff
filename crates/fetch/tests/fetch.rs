//! The fetcher against local servers: every politeness rule and every way a server can misbehave.

mod common;

use std::time::{Duration, Instant};

use common::server::{Reply, Server};
use newsgraph_fetch::{Config, FetchError, Fetcher, Outcome, ValidatorCache};

/// Quick settings for tests: short timeout and backoff, no per-host wait.
fn quick() -> Config {
    Config {
        timeout: Duration::from_millis(500),
        backoff: Duration::from_millis(20),
        per_host_interval: Duration::ZERO,
        retries: 2,
        ..Config::default()
    }
}

fn page(text: &str) -> Reply {
    Reply::ok("text/html; charset=utf-8", format!("<html><body><p>{text}</p></body></html>"))
}

fn fetched(outcome: Result<Outcome, FetchError>) -> newsgraph_fetch::Fetched {
    match outcome {
        Ok(Outcome::Fetched(f)) => f,
        other => panic!("expected a page, got {other:?}"),
    }
}

#[test]
fn a_page_is_fetched_with_the_user_agent_and_becomes_an_input() {
    let server = Server::start(|r| if r.path == "/news/1" { page("hello") } else { Reply::status(404) });
    let fetcher = Fetcher::new(quick());
    let f = fetched(fetcher.fetch(&server.url("/news/1"), None));
    assert_eq!(f.status, 200);
    assert_eq!(f.url, server.url("/news/1"));
    assert!(f.fetched_at.ends_with('Z') && f.fetched_at.len() == 20, "{}", f.fetched_at);
    let requests = server.requests();
    // robots.txt first (404: everything allowed), then the page.
    assert_eq!(requests.iter().map(|r| r.path.as_str()).collect::<Vec<_>>(), ["/robots.txt", "/news/1"]);
    let ua = requests[1].header("user-agent").unwrap_or("");
    assert!(ua.starts_with("newsgraph/") && ua.contains("+https://"), "{ua}");
    let fetched_at = f.fetched_at.clone();
    let newsgraph_source::Input::Page(p) = f.into_input() else { panic!("a page") };
    assert_eq!(p.url.as_deref(), Some(server.url("/news/1").as_str()));
    assert_eq!(p.fetched_at.as_deref(), Some(fetched_at.as_str()));
    assert!(String::from_utf8_lossy(&p.bytes).contains("hello"));
}

#[test]
fn a_server_that_never_answers_times_out_after_the_retries() {
    let server = Server::start(|r| if r.path == "/robots.txt" { Reply::status(404) } else { Reply::Hang });
    let fetcher = Fetcher::new(quick());
    let started = Instant::now();
    let err = fetcher.fetch(&server.url("/slow"), None).unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(err, FetchError::Timeout { attempts: 3, .. }), "{err}");
    assert!(err.to_string().starts_with("timed out"), "{err}");
    assert_eq!(server.hits("/slow"), 3);
    // Three half-second timeouts plus short backoffs: bounded, not hanging.
    assert!(elapsed >= Duration::from_millis(1400) && elapsed < Duration::from_secs(10), "{elapsed:?}");
}

#[test]
fn a_500_is_retried_with_backoff_then_fails_once() {
    let server = Server::start(|r| if r.path == "/robots.txt" { Reply::status(404) } else { Reply::status(500) });
    let fetcher = Fetcher::new(Config { backoff: Duration::from_millis(100), ..quick() });
    let started = Instant::now();
    let err = fetcher.fetch(&server.url("/broken"), None).unwrap_err();
    assert!(matches!(err, FetchError::Status { status: 500, attempts: 3 }), "{err}");
    assert_eq!(server.hits("/broken"), 3);
    // Backoff 100 ms then 200 ms.
    assert!(started.elapsed() >= Duration::from_millis(300), "{:?}", started.elapsed());
}

#[test]
fn retry_after_is_honoured_and_a_long_one_is_refused() {
    let hits = std::sync::atomic::AtomicUsize::new(0);
    let server = Server::start(move |r| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/busy" if hits.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 => {
            Reply::status(429).with_header("Retry-After", "1")
        }
        "/busy" => page("finally"),
        _ => Reply::status(503).with_header("Retry-After", "3600"),
    });
    let fetcher = Fetcher::new(quick());
    let started = Instant::now();
    let f = fetched(fetcher.fetch(&server.url("/busy"), None));
    assert!(String::from_utf8_lossy(&f.body).contains("finally"));
    assert!(started.elapsed() >= Duration::from_millis(950), "waited {:?}", started.elapsed());
    let err = fetcher.fetch(&server.url("/down"), None).unwrap_err();
    assert!(matches!(err, FetchError::RetryTooLate { status: 503, seconds: 3600, .. }), "{err}");
    assert_eq!(server.hits("/down"), 1);
}

#[test]
fn an_endless_body_is_cut_at_the_cap_and_a_huge_length_is_refused_unread() {
    let server = Server::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/endless" => Reply::Endless { declared: None },
        _ => Reply::Endless { declared: Some(10 * 1024 * 1024 * 1024) },
    });
    let cap = 1024 * 1024;
    let fetcher = Fetcher::new(Config { max_bytes: cap, ..quick() });
    let err = fetcher.fetch(&server.url("/endless"), None).unwrap_err();
    assert!(matches!(err, FetchError::TooLarge(_)), "{err}");
    assert!(err.to_string().contains("stopped reading at the 1 MiB cap"), "{err}");
    assert_eq!(server.hits("/endless"), 1, "a too-large body is not retried");
    // The client stopped reading: the server got only the cap plus what socket buffers hold.
    std::thread::sleep(Duration::from_millis(200));
    assert!(server.streamed() < 64 * cap, "server streamed {} bytes", server.streamed());

    let err = fetcher.fetch(&server.url("/ten-gigabytes"), None).unwrap_err();
    assert!(err.to_string().contains("Content-Length 10737418240 bytes is over the 1 MiB cap"), "{err}");
}

#[test]
fn robots_txt_is_obeyed_with_its_crawl_delay() {
    let server = Server::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::ok("text/plain", "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n"),
        _ => page("public"),
    });
    let fetcher = Fetcher::new(quick());
    let err = fetcher.fetch(&server.url("/private/memo"), None).unwrap_err();
    assert!(matches!(err, FetchError::Disallowed), "{err}");
    assert_eq!(server.hits("/private/memo"), 0, "a disallowed page is never requested");
    let started = Instant::now();
    fetched(fetcher.fetch(&server.url("/news/a"), None));
    fetched(fetcher.fetch(&server.url("/news/b"), None));
    // robots.txt is read once per origin; the second page waited out the crawl delay.
    assert_eq!(server.hits("/robots.txt"), 1);
    assert!(started.elapsed() >= Duration::from_millis(280), "{:?}", started.elapsed());
}

#[test]
fn an_unreachable_robots_txt_disallows_the_host() {
    let server = Server::start(|r| if r.path == "/robots.txt" { Reply::status(503) } else { page("x") });
    let fetcher = Fetcher::new(quick());
    let err = fetcher.fetch(&server.url("/a"), None).unwrap_err();
    assert!(
        err.to_string().starts_with("robots.txt unreachable") && err.to_string().ends_with("HTTP 503 (3 attempts)"),
        "{err}"
    );
    assert_eq!(server.hits("/a"), 0);
}

#[test]
fn the_per_host_rate_limit_spaces_requests() {
    let server = Server::start(|r| if r.path == "/robots.txt" { Reply::status(404) } else { page("x") });
    let fetcher = Fetcher::new(Config { per_host_interval: Duration::from_millis(200), ..quick() });
    let started = Instant::now();
    for n in 0..3 {
        fetched(fetcher.fetch(&server.url(&format!("/p{n}")), None));
    }
    // robots.txt + 3 pages = 4 requests, 3 gaps of 200 ms.
    assert!(started.elapsed() >= Duration::from_millis(580), "{:?}", started.elapsed());
}

#[test]
fn conditional_get_gives_not_modified_with_validators_remembered_across_runs() {
    let server = Server::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ if r.header("if-none-match") == Some("\"v1\"") => Reply::status(304),
        _ => page("feed").with_header("ETag", "\"v1\"").with_header("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"),
    });
    let data = tempfile::tempdir().unwrap();
    let url = server.url("/feed");
    {
        let mut cache = ValidatorCache::open(data.path()).unwrap();
        let f = fetched(Fetcher::new(quick()).fetch(&url, cache.get(&url)));
        assert_eq!(f.validators.etag.as_deref(), Some("\"v1\""));
        cache.remember(&url, f.validators);
        cache.save().unwrap();
    }
    // A second run: a new fetcher and the cache read back from the data directory.
    let cache = ValidatorCache::open(data.path()).unwrap();
    let outcome = Fetcher::new(quick()).fetch(&url, cache.get(&url)).unwrap();
    assert!(matches!(outcome, Outcome::NotModified { .. }), "{outcome:?}");
    let last = server.requests().into_iter().rfind(|r| r.path == "/feed").unwrap();
    assert_eq!(last.header("if-modified-since"), Some("Wed, 21 Oct 2015 07:28:00 GMT"));
}

#[test]
fn redirects_are_followed_and_capped() {
    let server = Server::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::ok("text/plain", "User-agent: *\nDisallow: /secret\n"),
        "/old" => Reply::status(301).with_header("Location", "/new"),
        "/new" => page("moved"),
        "/to-secret" => Reply::status(302).with_header("Location", "/secret"),
        path => {
            // /loopN redirects to /loopN+1 for ever.
            let n: u32 = path.trim_start_matches("/loop").parse().unwrap_or(0);
            Reply::status(302).with_header("Location", &format!("/loop{}", n + 1))
        }
    });
    let fetcher = Fetcher::new(Config { max_redirects: 3, ..quick() });
    let f = fetched(fetcher.fetch(&server.url("/old"), None));
    assert_eq!(f.url, server.url("/new"));
    assert_eq!(f.requested, server.url("/old"));
    let err = fetcher.fetch(&server.url("/loop0"), None).unwrap_err();
    assert!(matches!(err, FetchError::TooManyRedirects(3)), "{err}");
    assert_eq!(server.hits("/loop4"), 0);
    // Every hop passes robots.txt.
    let err = fetcher.fetch(&server.url("/to-secret"), None).unwrap_err();
    assert!(matches!(err, FetchError::Disallowed), "{err}");
    assert_eq!(server.hits("/secret"), 0);
}

#[test]
fn binary_content_and_refused_connections_are_clear_errors() {
    let server = Server::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::ok("application/pdf", b"%PDF-1.4".to_vec()),
    });
    let fetcher = Fetcher::new(quick());
    let err = fetcher.fetch(&server.url("/doc.pdf"), None).unwrap_err();
    assert!(err.to_string().contains("unsupported content type \"application/pdf\""), "{err}");
    // A port nobody listens on (bound, then dropped).
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let err = fetcher.fetch(&format!("http://127.0.0.1:{port}/x"), None).unwrap_err();
    assert!(err.to_string().contains("unreachable") || err.to_string().starts_with("cannot connect"), "{err}");
}
