//! The polite web fetcher behind `newsgraph ingest URL`: one page (or feed) per call.
//!
//! [`Fetcher::fetch`] GETs a URL the way a well-behaved crawler does: it obeys
//! the host's `robots.txt` (RFC 9309, fetched once per origin and run, with its
//! `Crawl-delay`), waits its turn under a per-host rate limit, retries timeouts,
//! 5xx and 429 with exponential backoff (honouring `Retry-After`), sends
//! `If-None-Match` / `If-Modified-Since` from [`Validators`] remembered in a
//! [`ValidatorCache`], names itself in its user agent, follows a capped number
//! of redirects (each hop checked against robots.txt and the rate limit), and
//! stops reading a body past a size cap, so a hostile server cannot exhaust
//! memory. A fetched page becomes a [`newsgraph_source::Input`] with its URL and
//! fetch time ([`Fetched::into_input`]).
//!
//! It does not crawl (no link following beyond redirects), render JavaScript,
//! keep cookies, parse feeds or HTML, or run concurrent requests itself: the
//! fetcher is `Sync`, and callers may share it across threads, the rate limit
//! holding per host either way. Plain `http` and `https` only.
//!
//! ```no_run
//! use newsgraph_fetch::{Config, Fetcher, Outcome};
//! let fetcher = Fetcher::new(Config::default());
//! match fetcher.fetch("https://example.com/news/1", None) {
//!     Ok(Outcome::Fetched(page)) => println!("{} bytes", page.body.len()),
//!     Ok(Outcome::NotModified { .. }) => println!("unchanged"),
//!     Err(err) => eprintln!("{err}"),
//! }
//! ```

mod cache;
mod link;
mod robots;
mod time;

use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::sleep;
use std::time::{Duration, Instant};

use newsgraph_model::SourceFormat;
use newsgraph_source::{Input, Page};

pub use cache::{CacheError, ValidatorCache, Validators};
use link::Link;
use robots::Rules;

/// Where people who see the crawler in their logs can read what it is.
pub const PROJECT_URL: &str = env!("CARGO_PKG_REPOSITORY");

/// The token matched against `User-agent:` lines in robots.txt.
pub const ROBOTS_TOKEN: &str = "newsgraph";

/// How the fetcher behaves; [`Config::default`] is polite for unattended runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Sent on every request: the tool, its version and where to read about it.
    pub user_agent: String,
    /// Resolving the host, connecting, and each wait for bytes from the server (headers or body).
    pub timeout: Duration,
    /// The largest body read (after decompression); past it the fetch fails.
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// Extra attempts after a timeout, a 5xx or a 429.
    pub retries: u32,
    /// The wait before the first retry, doubled for each one after.
    pub backoff: Duration,
    /// The longest `Retry-After` (or backoff) waited for; a server asking for more is a failure.
    pub max_wait: Duration,
    /// The least time between two requests to one host (`Crawl-delay` may raise it).
    pub per_host_interval: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            user_agent: format!("{ROBOTS_TOKEN}/{} (+{PROJECT_URL})", env!("CARGO_PKG_VERSION")),
            timeout: Duration::from_secs(30),
            max_bytes: 16 * 1024 * 1024,
            max_redirects: 5,
            retries: 3,
            backoff: Duration::from_secs(1),
            max_wait: Duration::from_secs(120),
            per_host_interval: Duration::from_secs(1),
        }
    }
}

/// A successful fetch: the final response's body and what is known about it.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL asked for.
    pub requested: String,
    /// The URL the body came from, after redirects.
    pub url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// When the response arrived, RFC 3339 UTC (`2026-11-27T23:40:00Z`).
    pub fetched_at: String,
    /// What to send next time for a conditional GET.
    pub validators: Validators,
}

impl Fetched {
    /// Whether the content type announces a feed (RSS, Atom, RDF or generic XML).
    pub fn is_xml(&self) -> bool {
        let ct = self.mime();
        ct.ends_with("+xml") && ct != "application/xhtml+xml" || ct == "application/xml" || ct == "text/xml"
    }

    /// The media type without parameters, lower case (`text/html`).
    pub fn mime(&self) -> String {
        let ct = self.content_type.as_deref().unwrap_or("");
        ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
    }

    /// The page as a pipeline input: HTML unless the server said plain text.
    ///
    /// The clean stage sniffs the bytes again and refuses binary content, so a
    /// wrong or missing content type costs nothing worse than an error record.
    pub fn into_input(self) -> Input {
        let format = if self.mime() == "text/plain" { SourceFormat::Text } else { SourceFormat::Html };
        Input::Page(Page {
            bytes: self.body,
            path: None,
            url: Some(self.url),
            format,
            content_type: self.content_type,
            fetched_at: Some(self.fetched_at),
            record: None,
            container: None,
        })
    }
}

/// What a fetch gave.
#[derive(Debug, Clone)]
pub enum Outcome {
    Fetched(Fetched),
    /// 304: the server says the copy fetched with these validators is still current.
    NotModified {
        url: String,
    },
}

/// Why a URL could not be fetched. The message does not repeat the URL: callers show it beside it.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("bad URL: {0}")]
    BadUrl(String),
    #[error("disallowed by robots.txt")]
    Disallowed,
    /// RFC 9309 §2.3.1.4: a robots.txt that cannot be fetched (5xx, network) disallows the host.
    #[error("robots.txt unreachable, so the host is skipped for this run (RFC 9309): {0}")]
    RobotsUnreachable(String),
    #[error("timed out: no answer within {seconds:.1}s{}", tries(.attempts))]
    Timeout { seconds: f64, attempts: u32 },
    #[error("HTTP {status}{}", tries(.attempts))]
    Status { status: u16, attempts: u32 },
    #[error("HTTP {status}: the server asked to retry after {seconds}s, longer than the {max}s allowed")]
    RetryTooLate { status: u16, seconds: u64, max: u64 },
    #[error("too large: {0}")]
    TooLarge(String),
    #[error("too many redirects (more than {0})")]
    TooManyRedirects(u32),
    #[error("unsupported content type {0:?} (expected HTML, text or a feed)")]
    ContentType(String),
    #[error("cannot connect: {0}")]
    Connect(String),
    #[error("transfer failed: {0}")]
    Transport(String),
}

/// ` (3 attempts)` after a message, or nothing for a single one.
fn tries(attempts: &u32) -> String {
    if *attempts > 1 {
        format!(" ({attempts} attempts)")
    } else {
        String::new()
    }
}

/// Fetches URLs politely; share one per run (robots.txt and the rate limit are per fetcher).
pub struct Fetcher {
    agent: ureq::Agent,
    config: Config,
    /// When each host (`host:port`) may next be asked.
    next_slot: Mutex<HashMap<String, Instant>>,
    /// robots.txt per origin (`scheme://host:port`), fetched at most once per run.
    robots: Mutex<HashMap<String, Arc<OnceLock<Rules>>>>,
}

/// What one request gave, before redirects and retries are decided.
struct Reply {
    status: u16,
    headers: Headers,
    body: Vec<u8>,
}

/// The few response headers the fetcher uses.
struct Headers {
    content_type: Option<String>,
    location: Option<String>,
    retry_after: Option<String>,
    etag: Option<String>,
    last_modified: Option<String>,
}

/// Why one attempt failed: worth another try or not.
enum AttemptError {
    Timeout,
    Fatal(FetchError),
}

impl Fetcher {
    pub fn new(config: Config) -> Fetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .user_agent(config.user_agent.as_str())
            .http_status_as_error(false)
            // Redirects are followed by hand: each hop must pass robots.txt and the rate limit.
            .max_redirects(0)
            .timeout_resolve(Some(config.timeout))
            .timeout_connect(Some(config.timeout))
            .timeout_recv_response(Some(config.timeout))
            .timeout_per_read(Some(config.timeout))
            // A server dribbling one byte per timeout would otherwise hold a call for ever.
            .timeout_per_call(Some(config.timeout.saturating_mul(4)))
            .build()
            .into();
        Fetcher { agent, config, next_slot: Mutex::new(HashMap::new()), robots: Mutex::new(HashMap::new()) }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// GETs `url`, conditionally when `validators` are given.
    pub fn fetch(&self, url: &str, validators: Option<&Validators>) -> Result<Outcome, FetchError> {
        let mut current = parse_url(url)?;
        for _hop in 0..=self.config.max_redirects {
            let cell = self.robots_cell(&current);
            // Other threads asking for the same origin wait here for the one fetch.
            let rules = cell.get_or_init(|| self.fetch_rules(&current.origin()));
            if let Rules::Unreachable(reason) = rules {
                return Err(FetchError::RobotsUnreachable(reason.clone()));
            }
            if !rules.allowed(current.as_str()) {
                return Err(FetchError::Disallowed);
            }
            let reply = self.get_with_retries(&current, validators, rules.delay(), self.config.max_bytes)?;
            match reply.status {
                200..=299 => {
                    let content_type = reply.headers.content_type.clone();
                    let fetched = Fetched {
                        requested: url.to_string(),
                        url: current.as_str().to_string(),
                        status: reply.status,
                        content_type,
                        body: reply.body,
                        fetched_at: time::now_rfc3339(),
                        validators: Validators { etag: reply.headers.etag, last_modified: reply.headers.last_modified },
                    };
                    if !acceptable_type(&fetched.mime()) {
                        return Err(FetchError::ContentType(fetched.mime()));
                    }
                    return Ok(Outcome::Fetched(fetched));
                }
                304 => return Ok(Outcome::NotModified { url: current.as_str().to_string() }),
                301 | 302 | 303 | 307 | 308 => {
                    let Some(location) = reply.headers.location else {
                        return Err(FetchError::Status { status: reply.status, attempts: 1 });
                    };
                    current = current
                        .join(&location)
                        .map_err(|e| FetchError::BadUrl(format!("redirect to {location:?}: {e}")))?;
                }
                status => return Err(FetchError::Status { status, attempts: 1 }),
            }
        }
        Err(FetchError::TooManyRedirects(self.config.max_redirects))
    }

    /// The slot holding the robots.txt rules of the URL's origin, filled on first use.
    fn robots_cell(&self, url: &Link) -> Arc<OnceLock<Rules>> {
        let mut map = self.robots.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Arc::clone(map.entry(url.origin()).or_default())
    }

    fn fetch_rules(&self, origin: &str) -> Rules {
        let robots_url = format!("{origin}/robots.txt");
        let Ok(mut current) = Link::parse(&robots_url) else {
            return Rules::allow_all();
        };
        // RFC 9309: follow at least five redirects; parse at most 500 KiB.
        for _ in 0..5 {
            let reply = match self.get_with_retries(&current, None, None, robots::MAX_BYTES) {
                Ok(reply) => reply,
                // An oversized file: what was read is not kept, so treat it as unavailable (4xx-like).
                Err(FetchError::TooLarge(_)) => return Rules::allow_all(),
                Err(err) => return Rules::unreachable(err.to_string()),
            };
            match reply.status {
                200..=299 => return Rules::parse(ROBOTS_TOKEN, &reply.body),
                301 | 302 | 303 | 307 | 308 => match reply.headers.location.and_then(|l| current.join(&l).ok()) {
                    Some(next) => current = next,
                    None => return Rules::allow_all(),
                },
                // RFC 9309 §2.3.1.3: "unavailable" (4xx) allows everything.
                400..=499 => return Rules::allow_all(),
                // §2.3.1.4: "unreachable" (5xx, network errors) disallows everything.
                status => return Rules::unreachable(format!("HTTP {status}")),
            }
        }
        Rules::allow_all()
    }

    /// One GET with retries on timeouts, 5xx and 429; the last reply or error is returned.
    fn get_with_retries(
        &self,
        url: &Link,
        validators: Option<&Validators>,
        crawl_delay: Option<Duration>,
        max_bytes: u64,
    ) -> Result<Reply, FetchError> {
        let attempts = self.config.retries + 1;
        for attempt in 1..=attempts {
            self.wait_turn(url, crawl_delay);
            let wait = match self.attempt(url, validators, max_bytes) {
                Ok(reply) if reply.status == 429 || reply.status >= 500 => {
                    if attempt == attempts {
                        return Err(FetchError::Status { status: reply.status, attempts });
                    }
                    let backoff = self.backoff(attempt);
                    match reply.headers.retry_after.as_deref().and_then(time::retry_after) {
                        Some(asked) if asked > self.config.max_wait => {
                            return Err(FetchError::RetryTooLate {
                                status: reply.status,
                                seconds: asked.as_secs(),
                                max: self.config.max_wait.as_secs(),
                            })
                        }
                        Some(asked) => asked.max(backoff),
                        None => backoff,
                    }
                }
                Ok(reply) => return Ok(reply),
                Err(AttemptError::Fatal(err)) => return Err(err),
                Err(AttemptError::Timeout) => {
                    if attempt == attempts {
                        return Err(FetchError::Timeout { seconds: self.config.timeout.as_secs_f64(), attempts });
                    }
                    self.backoff(attempt)
                }
            };
            sleep(wait);
        }
        // `attempts` is at least one, so the loop always returns; this keeps the compiler content.
        Err(FetchError::Timeout { seconds: self.config.timeout.as_secs_f64(), attempts })
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32.checked_shl(attempt.saturating_sub(1)).unwrap_or(u32::MAX);
        self.config.backoff.saturating_mul(factor).min(self.config.max_wait)
    }

    /// Sleeps until this host may be asked again, and books the next slot.
    fn wait_turn(&self, url: &Link, crawl_delay: Option<Duration>) {
        let host = url.host_key();
        let interval = crawl_delay.map_or(self.config.per_host_interval, |d| d.max(self.config.per_host_interval));
        let now = Instant::now();
        let start = {
            let mut slots = self.next_slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let slot = slots.entry(host).or_insert(now);
            let start = (*slot).max(now);
            *slot = start + interval;
            start
        };
        if start > now {
            sleep(start - now);
        }
    }

    /// One request; the body is read (up to `max_bytes`) only for a 2xx answer.
    fn attempt(&self, url: &Link, validators: Option<&Validators>, max_bytes: u64) -> Result<Reply, AttemptError> {
        let mut request = self.agent.get(url.as_str());
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header("If-None-Match", etag.as_str());
            }
            if let Some(date) = &v.last_modified {
                request = request.header("If-Modified-Since", date.as_str());
            }
        }
        let mut response = request.call().map_err(attempt_error)?;
        let status = response.status().as_u16();
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let headers = Headers {
            content_type: header("content-type"),
            location: header("location"),
            retry_after: header("retry-after"),
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let mut body = Vec::new();
        if (200..300).contains(&status) {
            let declared = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
            if let Some(length) = declared.filter(|&l| l > max_bytes) {
                return Err(AttemptError::Fatal(FetchError::TooLarge(format!(
                    "Content-Length {length} bytes is over the {} cap",
                    size(max_bytes)
                ))));
            }
            // One byte past the cap tells an oversized body from one exactly at it.
            let reader = response.body_mut().as_reader().take(max_bytes.saturating_add(1));
            read_capped(reader, &mut body, declared)?;
            if body.len() as u64 > max_bytes {
                return Err(AttemptError::Fatal(FetchError::TooLarge(format!(
                    "stopped reading at the {} cap",
                    size(max_bytes)
                ))));
            }
        }
        Ok(Reply { status, headers, body })
    }
}

/// Reads a body into `body`, growing the buffer as bytes arrive (never to a declared length up front).
fn read_capped(mut reader: impl Read, body: &mut Vec<u8>, declared: Option<u64>) -> Result<(), AttemptError> {
    // A declared length under the cap is only a hint: small pages get one allocation.
    if let Some(length) = declared {
        body.reserve(length.min(1 << 20) as usize);
    }
    reader.read_to_end(body).map(|_| ()).map_err(|err| match err.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => AttemptError::Timeout,
        _ => match err.into_inner().and_then(|inner| inner.downcast::<ureq::Error>().ok()) {
            Some(inner) => attempt_error(*inner),
            None => AttemptError::Fatal(FetchError::Transport("the body could not be read".into())),
        },
    })
}

fn attempt_error(err: ureq::Error) -> AttemptError {
    match err {
        ureq::Error::Timeout(_) => AttemptError::Timeout,
        ureq::Error::Io(io) if matches!(io.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock) => {
            AttemptError::Timeout
        }
        ureq::Error::Io(io)
            if matches!(io.kind(), std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::AddrNotAvailable) =>
        {
            AttemptError::Fatal(FetchError::Connect(io.to_string()))
        }
        ureq::Error::HostNotFound => AttemptError::Fatal(FetchError::Connect("host not found".into())),
        ureq::Error::ConnectionFailed => AttemptError::Fatal(FetchError::Connect("connection failed".into())),
        ureq::Error::BadUri(uri) => AttemptError::Fatal(FetchError::BadUrl(uri)),
        other => AttemptError::Fatal(FetchError::Transport(other.to_string())),
    }
}

fn parse_url(url: &str) -> Result<Link, FetchError> {
    Link::parse(url).map_err(FetchError::BadUrl)
}

/// Media types worth handing on: HTML, text, XML feeds; and none at all (sniffed later).
fn acceptable_type(mime: &str) -> bool {
    mime.is_empty()
        || mime.starts_with("text/")
        || mime.ends_with("+xml")
        || mime == "application/xml"
        || mime == "application/octet-stream"
}

/// A byte count for messages: `16 MiB`, `512 KiB` or `100 bytes`.
fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes & ((1 << 20) - 1) == 0 {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes & ((1 << 10) - 1) == 0 {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well_and_types_are_sorted() {
        assert_eq!(size(16 << 20), "16 MiB");
        assert_eq!(size(512 << 10), "512 KiB");
        assert_eq!(size(1000), "1000 bytes");
        assert!(acceptable_type("text/html"));
        assert!(acceptable_type("application/rss+xml"));
        assert!(acceptable_type(""));
        assert!(!acceptable_type("application/pdf"));
        assert!(!acceptable_type("image/png"));
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let fetcher = Fetcher::new(Config {
            backoff: Duration::from_millis(100),
            max_wait: Duration::from_secs(1),
            ..Config::default()
        });
        assert_eq!(fetcher.backoff(1), Duration::from_millis(100));
        assert_eq!(fetcher.backoff(2), Duration::from_millis(200));
        assert_eq!(fetcher.backoff(3), Duration::from_millis(400));
        assert_eq!(fetcher.backoff(40), Duration::from_secs(1));
    }

    #[test]
    fn only_web_urls_are_fetched() {
        assert!(matches!(parse_url("ftp://example.com/x"), Err(FetchError::BadUrl(_))));
        assert!(matches!(parse_url("not a url"), Err(FetchError::BadUrl(_))));
        assert!(parse_url("https://example.com/x").is_ok());
    }

    #[test]
    fn the_user_agent_names_the_tool_its_version_and_a_url() {
        let ua = Config::default().user_agent;
        assert!(ua.starts_with("newsgraph/"), "{ua}");
        assert!(ua.contains(env!("CARGO_PKG_VERSION")) && ua.contains("https://"), "{ua}");
    }
}
