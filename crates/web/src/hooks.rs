//! The webhook delivery worker that `newsgraph serve` runs beside the web app.
//!
//! Every [`HookConfig::interval`] it asks the store to queue an event for each
//! new article that matches a webhook's saved search and for each story that
//! crossed a story alert's threshold ([`Webhooks::queue_new`]), then POSTs the
//! due deliveries: the event's JSON with `delivered_at` added, with the headers
//! `Content-Type: application/json`, `X-Newsgraph-Event`, `X-Newsgraph-Delivery`
//! (the delivery's id, the same on every retry, for receivers to deduplicate)
//! and `X-Newsgraph-Signature: sha256=<hex>`, the HMAC-SHA256 of the exact body
//! with the webhook's secret ([`sign`]).
//!
//! A connection error, a timeout, a 5xx or a 429 is retried with exponential
//! back-off ([`HookConfig::retry_base`] doubled each time, capped at
//! [`HookConfig::retry_cap`]) up to [`HookConfig::max_attempts`]; any other
//! status below 200 or from 300 up fails the delivery at once (redirects are
//! not followed). The queue lives in SQLite, so a restart resumes it.
//!
//! The worker is one thread of its own: it never holds up a page. It sends
//! to whatever URL a webhook names, loopback included; that is why adding a
//! webhook is no more open than the server's address.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use hmac::{Hmac, Mac};
use newsgraph_store::webhooks::{Attempt, Delivery, Webhooks};
use newsgraph_store::{dates, Store, StoreError};
use sha2::Sha256;

/// How the worker paces itself; [`Default`] suits a server, tests shorten it.
#[derive(Debug, Clone)]
pub struct HookConfig {
    /// Pause between rounds of queueing and sending.
    pub interval: Duration,
    /// The wait before the first retry; each later one waits twice the one before.
    pub retry_base: Duration,
    pub retry_cap: Duration,
    /// Attempts in all before a delivery is given up as failed.
    pub max_attempts: u32,
    /// Limit on one POST, connecting included.
    pub timeout: Duration,
    /// Deliveries sent per round at most.
    pub batch: usize,
}

impl Default for HookConfig {
    fn default() -> Self {
        HookConfig {
            interval: Duration::from_secs(2),
            retry_base: Duration::from_secs(1),
            retry_cap: Duration::from_secs(600),
            max_attempts: 8,
            timeout: Duration::from_secs(10),
            batch: 100,
        }
    }
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    pub queued: usize,
    pub delivered: usize,
    pub retried: usize,
    pub failed: usize,
}

/// `sha256=<hex>`: the HMAC-SHA256 of `body` keyed with `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    // HMAC takes a key of any length, so `new_from_slice` cannot fail here.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    format!("sha256={}", newsgraph_store::webhooks::hex(&digest))
}

/// A client for deliveries: no redirects, statuses as values, `timeout` on everything.
pub fn agent(config: &HookConfig) -> ureq::Agent {
    ureq::Agent::config_builder()
        .user_agent(concat!("newsgraph-webhooks/", env!("CARGO_PKG_VERSION")))
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(config.timeout))
        .build()
        .into()
}

/// One round: queue what is new, then send what is due. Store errors end the
/// round; a failed POST is logged on its delivery and the round goes on.
pub fn run_once(store: &dyn Store, agent: &ureq::Agent, config: &HookConfig) -> Result<Round, StoreError> {
    let Some(hooks) = store.webhooks() else { return Ok(Round::default()) };
    let mut round = Round { queued: hooks.queue_new()?, ..Round::default() };
    for delivery in hooks.due(config.batch)? {
        match send(&hooks, agent, config, &delivery)? {
            Attempt::Delivered => round.delivered += 1,
            Attempt::RetryAt(_) => round.retried += 1,
            Attempt::Failed => round.failed += 1,
        }
    }
    Ok(round)
}

fn send(
    hooks: &Webhooks,
    agent: &ureq::Agent,
    config: &HookConfig,
    delivery: &Delivery,
) -> Result<Attempt, StoreError> {
    let mut payload = delivery.payload.clone();
    if let Some(object) = payload.as_object_mut() {
        object.insert("delivered_at".into(), dates::timestamp_of(dates::now_seconds()).into());
    }
    let body = payload.to_string();
    let response = agent
        .post(&delivery.url)
        .header("Content-Type", "application/json")
        .header("X-Newsgraph-Event", &delivery.event)
        .header("X-Newsgraph-Delivery", &delivery.id)
        .header("X-Newsgraph-Signature", sign(delivery.secret.as_bytes(), body.as_bytes()))
        .send(body.as_bytes());
    let (retryable, status) = match response {
        Ok(response) => {
            let code = response.status().as_u16();
            if (200..300).contains(&code) {
                hooks.record(&delivery.id, Attempt::Delivered, &code.to_string())?;
                return Ok(Attempt::Delivered);
            }
            (code == 429 || code >= 500, code.to_string())
        }
        // A malformed URL will not mend; everything else (refused, reset, timed out) may.
        Err(ureq::Error::BadUri(uri)) => (false, format!("bad URL {uri}")),
        Err(err) => (true, err.to_string()),
    };
    let attempts = delivery.attempts + 1;
    let attempt = if retryable && attempts < config.max_attempts {
        let wait = config.retry_base.saturating_mul(1 << (attempts - 1).min(20)).min(config.retry_cap);
        Attempt::RetryAt(dates::now_millis() + wait.as_millis() as i64)
    } else {
        Attempt::Failed
    };
    hooks.record(&delivery.id, attempt, &status)?;
    Ok(attempt)
}

/// The running worker; dropping it stops the thread (after its current POST).
pub struct HookWorker {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl HookWorker {
    /// Starts the worker over `store`; `report` hears of rounds that failed (a
    /// store error), since a library prints nothing itself.
    pub fn spawn(
        store: Arc<dyn Store>,
        config: HookConfig,
        report: impl Fn(&StoreError) + Send + 'static,
    ) -> std::io::Result<HookWorker> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let thread = std::thread::Builder::new().name("webhooks".into()).spawn(move || {
            let agent = agent(&config);
            while !stopping.load(Ordering::Relaxed) {
                if let Err(err) = run_once(store.as_ref(), &agent, &config) {
                    report(&err);
                }
                let until = Instant::now() + config.interval;
                while !stopping.load(Ordering::Relaxed) && Instant::now() < until {
                    std::thread::sleep(Duration::from_millis(20).min(config.interval));
                }
            }
        })?;
        Ok(HookWorker { stop, thread: Some(thread) })
    }
}

impl Drop for HookWorker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sign;

    #[test]
    fn signs_as_rfc_4231_test_case_2() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assert_eq!(
            sign(b"Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
