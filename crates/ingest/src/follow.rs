//! Following feeds: polling a list of feed and page URLs on a schedule into one store.
//!
//! A follow list ([`parse_follow_list`]) names one feed or page URL a line,
//! each with its own interval or the default. [`follow`] polls each URL when it
//! is due, through the same path as `newsgraph ingest URL` (the polite fetcher,
//! shared across polls so robots.txt and the per-host rate limit hold between
//! them, replaced after a failed poll and every hour; conditional GETs; pages the store holds are not fetched again; the
//! same pipeline and batches), and flushes the index after every committed
//! batch so searches see new articles at once. A poll whose feed cannot be
//! fetched or read backs off: the interval doubles with each failure in a row,
//! up to [`BACKOFF_CAP`] (or the feed's own interval when longer).
//!
//! Each feed's [`FeedState`] lives in memory and is saved in the store after
//! each poll, so a restarted run resumes the schedule (a poll cut short by a
//! kill is due at once; what it committed stays, what it had not is fetched
//! again). This module parses no command line, serves nothing and prints
//! nothing: problems go to the caller's [`Report`] as notices.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use newsgraph_fetch::Fetcher;
use newsgraph_pipeline::Pipeline;
use newsgraph_store::{dates, EmbeddedStore, FeedState, Store};

use crate::{Config, IngestError, Report, Stored, Summary};

/// The longest back-off after failed polls (unless a feed's own interval is longer).
pub const BACKOFF_CAP: Duration = Duration::from_secs(3600);
/// How long a fetcher (and so its robots.txt rules) is kept before a fresh one.
const FETCHER_LIFETIME: Duration = Duration::from_secs(3600);
/// How often an idle loop looks at the stop flag.
const TICK: Duration = Duration::from_millis(100);

/// One line of a follow list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowSpec {
    pub url: String,
    pub every: Duration,
}

/// A follow list that cannot be read: which line, and why.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: {reason}")]
pub struct FollowListError {
    pub line: usize,
    pub reason: String,
}

/// Parses `15m`, `2s`, `500ms`, `1h`, `1d` (a positive whole number and a unit).
pub fn parse_interval(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let n: u64 = number.parse().map_err(|_| format!("{text:?} is not an interval such as 30s, 15m or 1h"))?;
    let seconds = match unit {
        "ms" => return positive(Duration::from_millis(n), text),
        "s" => n,
        "m" => n.saturating_mul(60),
        "h" => n.saturating_mul(3600),
        "d" => n.saturating_mul(86_400),
        _ => return Err(format!("{text:?} has no unit: write 30s, 15m, 1h or 1d")),
    };
    positive(Duration::from_secs(seconds), text)
}

fn positive(every: Duration, text: &str) -> Result<Duration, String> {
    if every.is_zero() {
        Err(format!("{text:?}: the interval must be more than zero"))
    } else {
        Ok(every)
    }
}

/// Reads a follow list: one `http(s)://` URL a line, optionally followed by
/// `every=DURATION`; `#` starts a comment; blank lines are skipped. A URL
/// listed twice is followed once (its first line counts).
pub fn parse_follow_list(text: &str, default_every: Duration) -> Result<Vec<FollowSpec>, FollowListError> {
    let mut specs: Vec<FollowSpec> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let error = |reason: String| FollowListError { line: i + 1, reason };
        let line = line.split_once('#').map_or(line, |(before, _)| before).trim();
        let mut words = line.split_whitespace();
        let Some(url) = words.next() else { continue };
        let lower = url.to_ascii_lowercase();
        if !lower.starts_with("http://") && !lower.starts_with("https://") {
            return Err(error(format!("{url:?} is not an http:// or https:// URL")));
        }
        let mut every = default_every;
        for word in words {
            match word.strip_prefix("every=") {
                Some(value) => every = parse_interval(value).map_err(error)?,
                None => return Err(error(format!("unknown setting {word:?} (expected every=DURATION)"))),
            }
        }
        if !specs.iter().any(|s| s.url == url) {
            specs.push(FollowSpec { url: url.to_string(), every });
        }
    }
    Ok(specs)
}

/// Polls `feeds` into `store` until `stop` is set (checked between polls and
/// after each committed batch). `config.inputs` is ignored: each poll reads one
/// URL. Errors of one poll are the feed's state, not the run's; the run stops
/// early only when the store itself fails.
pub fn follow(
    config: &Config,
    store: &EmbeddedStore,
    pipeline: &Pipeline,
    feeds: &[FollowSpec],
    stop: &AtomicBool,
    report: &dyn Report,
) -> Result<(), IngestError> {
    store.set_followed(feeds.iter().map(|f| f.url.clone()).collect());
    let saved = store.feed_states()?;
    let now = dates::now_millis();
    let mut schedule: Vec<(i64, FeedState)> = feeds
        .iter()
        .map(|spec| {
            let every = spec.every.as_secs().max(1);
            match saved.iter().find(|s| s.url == spec.url) {
                // Resume: due when the last run said, unless the interval changed since.
                Some(state) if state.every_seconds == every => {
                    let due = state.next_poll.as_deref().and_then(dates::parse_seconds).map_or(now, |s| s * 1000);
                    (due, state.clone())
                }
                Some(state) => (now, FeedState { every_seconds: every, ..state.clone() }),
                None => (now, FeedState { url: spec.url.clone(), every_seconds: every, ..FeedState::default() }),
            }
        })
        .collect();
    for (due, state) in &mut schedule {
        state.next_poll = Some(dates::timestamp_of(*due / 1000));
        store.save_feed_state(state)?;
    }
    let mut fetcher = (Fetcher::new(config.fetch.clone()), Instant::now());
    while !stop.load(Ordering::SeqCst) {
        let Some(next) = (0..schedule.len()).min_by_key(|&i| schedule[i].0) else {
            std::thread::sleep(TICK);
            continue;
        };
        let wait = schedule[next].0 - dates::now_millis();
        if wait > 0 {
            std::thread::sleep(TICK.min(Duration::from_millis(wait as u64)));
            continue;
        }
        if fetcher.1.elapsed() >= FETCHER_LIFETIME {
            fetcher = (Fetcher::new(config.fetch.clone()), Instant::now());
        }
        let spec = &feeds[next];
        let (due, state) = &mut schedule[next];
        let outcome = poll(config, store, pipeline, &fetcher.0, &spec.url, stop, report)?;
        if outcome.error.is_some() {
            // The fetcher remembers an unreachable robots.txt as "skip the host" for its
            // lifetime; the retry after the back-off must ask again.
            fetcher = (Fetcher::new(config.fetch.clone()), Instant::now());
        }
        let delay = apply(state, &outcome, spec.every);
        *due = dates::now_millis() + delay.as_millis().min(i64::MAX as u128) as i64;
        state.next_poll = Some(dates::timestamp_of(*due / 1000));
        store.save_feed_state(state)?;
    }
    Ok(())
}

/// What one poll of a URL gave.
#[derive(Debug)]
struct Outcome {
    /// Why the feed (or page) itself failed, if it did.
    error: Option<String>,
    new: u64,
    items_failed: u64,
    not_modified: bool,
}

/// Updates a feed's state after a poll and returns the delay to its next one.
fn apply(state: &mut FeedState, outcome: &Outcome, every: Duration) -> Duration {
    state.last_poll = Some(dates::timestamp_of(dates::now_seconds()));
    state.items_stored += outcome.new;
    match &outcome.error {
        Some(error) => {
            state.consecutive_errors = state.consecutive_errors.saturating_add(1);
            state.last_status = Some("error".to_string());
            state.last_error = Some(error.clone());
            backoff(every, state.consecutive_errors)
        }
        None => {
            state.consecutive_errors = 0;
            state.last_status = Some(match (outcome.items_failed, outcome.not_modified) {
                (0, true) => "not modified".to_string(),
                (0, false) => "ok".to_string(),
                (n, _) => format!("ok, {n} items failed"),
            });
            every
        }
    }
}

/// The delay after `errors` failed polls in a row: the interval doubled for each, capped.
fn backoff(every: Duration, errors: u32) -> Duration {
    let cap = BACKOFF_CAP.max(every);
    every.saturating_mul(1u32 << errors.min(20)).min(cap)
}

fn poll(
    config: &Config,
    store: &EmbeddedStore,
    pipeline: &Pipeline,
    fetcher: &Fetcher,
    url: &str,
    stop: &AtomicBool,
    report: &dyn Report,
) -> Result<Outcome, IngestError> {
    let config = Config { inputs: vec![url.to_string()], ..config.clone() };
    let watch = PollReport {
        url,
        store,
        stop,
        inner: report,
        error: Mutex::new(None),
        items_failed: AtomicU64::new(0),
        new: AtomicU64::new(0),
    };
    let summary = match crate::batches::ingest_with(&config, store, Some(pipeline), &watch, fetcher) {
        Ok(summary) => summary,
        // Stopped after a committed batch (see `PollReport::stored`); the rest waits for the next run.
        Err(IngestError::Report(_)) if stop.load(Ordering::SeqCst) => Summary::default(),
        Err(err) => return Err(err),
    };
    let error = watch.error.lock().map(|e| e.clone()).unwrap_or_default();
    Ok(Outcome {
        error,
        new: watch.new.load(Ordering::SeqCst),
        items_failed: watch.items_failed.load(Ordering::SeqCst),
        not_modified: summary.not_modified > 0 && summary.new == 0,
    })
}

/// A poll's [`Report`]: tells the feed's failure from its items', makes each
/// committed batch searchable, and stops the run between batches when asked.
struct PollReport<'a> {
    url: &'a str,
    store: &'a EmbeddedStore,
    stop: &'a AtomicBool,
    inner: &'a dyn Report,
    error: Mutex<Option<String>>,
    items_failed: AtomicU64,
    new: AtomicU64,
}

impl Report for PollReport<'_> {
    fn notice(&self, message: &str) {
        self.inner.notice(message);
    }

    fn failed(&self, origin: &str, reason: &str) -> std::io::Result<()> {
        if origin == self.url {
            if let Ok(mut error) = self.error.lock() {
                *error = Some(reason.to_string());
            }
        } else {
            self.items_failed.fetch_add(1, Ordering::SeqCst);
        }
        self.inner.notice(&format!("{origin}: {reason}"));
        Ok(())
    }

    fn stored(&self, batch: &[Stored]) -> std::io::Result<()> {
        self.new.fetch_add(batch.iter().filter(|s| s.new).count() as u64, Ordering::SeqCst);
        // Searches see the batch now rather than at the end of the poll.
        if let Err(err) = self.store.flush() {
            self.inner.notice(&format!("cannot commit the search index: {err}"));
        }
        if self.stop.load(Ordering::SeqCst) {
            return Err(std::io::Error::new(std::io::ErrorKind::Interrupted, "stopping"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_follow_list() {
        let text = "# news\nhttps://a.example/feed.xml every=10m\n\n  http://b.example/page  # a page\nhttps://a.example/feed.xml every=1s\n";
        let specs = parse_follow_list(text, Duration::from_secs(900)).unwrap();
        assert_eq!(
            specs,
            vec![
                FollowSpec { url: "https://a.example/feed.xml".into(), every: Duration::from_secs(600) },
                FollowSpec { url: "http://b.example/page".into(), every: Duration::from_secs(900) },
            ]
        );
        assert_eq!(parse_follow_list("ftp://x\n", Duration::from_secs(1)).unwrap_err().line, 1);
        assert!(parse_follow_list("https://x every=soon\n", Duration::from_secs(1)).is_err());
        assert!(parse_follow_list("https://x often\n", Duration::from_secs(1)).is_err());
    }

    #[test]
    fn reads_intervals() {
        assert_eq!(parse_interval("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_interval("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_interval("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_interval("1d"), Ok(Duration::from_secs(86_400)));
        assert!(parse_interval("0s").is_err());
        assert!(parse_interval("15").is_err());
        assert!(parse_interval("m").is_err());
    }

    #[test]
    fn failures_back_off_doubling_up_to_the_cap() {
        let every = Duration::from_secs(60);
        assert_eq!(backoff(every, 1), Duration::from_secs(120));
        assert_eq!(backoff(every, 3), Duration::from_secs(480));
        assert_eq!(backoff(every, 30), BACKOFF_CAP);
        assert_eq!(backoff(Duration::from_secs(7200), 2), Duration::from_secs(7200));
        let mut state = FeedState::default();
        let failed = Outcome { error: Some("status 500".into()), new: 0, items_failed: 0, not_modified: false };
        assert_eq!(apply(&mut state, &failed, every), Duration::from_secs(120));
        assert_eq!(apply(&mut state, &failed, every), Duration::from_secs(240));
        assert_eq!((state.consecutive_errors, state.last_error.as_deref()), (2, Some("status 500")));
        let ok = Outcome { error: None, new: 3, items_failed: 1, not_modified: false };
        assert_eq!(apply(&mut state, &ok, every), every);
        assert_eq!(state.consecutive_errors, 0);
        assert_eq!(state.items_stored, 3);
        assert_eq!(state.last_status.as_deref(), Some("ok, 1 items failed"));
    }
}
