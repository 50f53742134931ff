//! robots.txt rules for one origin, as RFC 9309 says to treat each way of getting them.
//!
//! A fetched file decides per URL (Google's matcher, via the `robotstxt` crate);
//! a missing one (4xx) allows everything; an unreachable one (5xx, network
//! failure) disallows everything for this run.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use robotstxt::DefaultMatcher;

/// RFC 9309 §2.5: crawlers must parse at least 500 KiB; more is not read.
pub(crate) const MAX_BYTES: u64 = 500 * 1024;

/// The longest `Crawl-delay` honoured: a larger one would stall a run for little gain.
const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

pub(crate) enum Rules {
    AllowAll,
    Parsed {
        body: String,
        token: String,
        delay: Option<Duration>,
    },
    /// Everything is disallowed; the reason says why (the fetch error of robots.txt).
    Unreachable(String),
}

impl Rules {
    pub fn allow_all() -> Rules {
        Rules::AllowAll
    }

    pub fn unreachable(reason: String) -> Rules {
        Rules::Unreachable(reason)
    }

    pub fn parse(token: &str, body: &[u8]) -> Rules {
        let body = String::from_utf8_lossy(body).into_owned();
        let delay = crawl_delay(&body, token);
        Rules::Parsed { body, token: token.to_string(), delay }
    }

    pub fn allowed(&self, url: &str) -> bool {
        match self {
            Rules::AllowAll => true,
            Rules::Parsed { body, token, .. } => {
                // The matcher is a port of C++ that indexes strings; a panic on some hostile
                // file must not take the run down: such a file restricts nothing, as an unparsable one.
                catch_unwind(AssertUnwindSafe(|| {
                    DefaultMatcher::default().one_agent_allowed_by_robots(body, token, url)
                }))
                .unwrap_or(true)
            }
            Rules::Unreachable(_) => false,
        }
    }

    /// The wait between requests the site asks for, capped.
    pub fn delay(&self) -> Option<Duration> {
        match self {
            Rules::Parsed { delay, .. } => *delay,
            _ => None,
        }
    }
}

/// `Crawl-delay` of the group naming `token`, else of the `*` group (Google ignores it; Bing and
/// Yandex honour it, and it is the site's own statement of what it can bear).
fn crawl_delay(body: &str, token: &str) -> Option<Duration> {
    let (mut mine, mut any) = (None, None);
    let (mut for_me, mut for_all, mut in_agents) = (false, false, false);
    for line in body.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((key, value)) = line.split_once(':') else { continue };
        let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
        match key.as_str() {
            "user-agent" => {
                // Consecutive user-agent lines share one group.
                if !in_agents {
                    (for_me, for_all) = (false, false);
                }
                in_agents = true;
                let agent = value.to_ascii_lowercase();
                for_me |= agent == token.to_ascii_lowercase();
                for_all |= agent == "*";
            }
            _ => {
                in_agents = false;
                if key == "crawl-delay" {
                    let seconds = value.parse::<f64>().ok().filter(|s| s.is_finite() && *s > 0.0);
                    let delay = seconds.map(|s| Duration::from_secs_f64(s.min(MAX_CRAWL_DELAY.as_secs_f64())));
                    if for_me {
                        mine = mine.or(delay);
                    } else if for_all {
                        any = any.or(delay);
                    }
                }
            }
        }
    }
    mine.or(any)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_follow_the_file_and_its_absence() {
        let rules = Rules::parse("newsgraph", b"User-agent: *\nDisallow: /private\nCrawl-delay: 2\n");
        assert!(!rules.allowed("http://a.example/private/x"));
        assert!(rules.allowed("http://a.example/news/x"));
        assert_eq!(rules.delay(), Some(Duration::from_secs(2)));
        let mine = Rules::parse(
            "newsgraph",
            b"User-agent: other\nUser-agent: newsgraph\nDisallow: /\nCrawl-delay: 5\n\nUser-agent: *\nAllow: /\nCrawl-delay: 1\n",
        );
        assert!(!mine.allowed("http://a.example/news/x"));
        assert_eq!(mine.delay(), Some(Duration::from_secs(5)));
        assert!(Rules::allow_all().allowed("http://a.example/anything"));
        assert!(!Rules::unreachable("x".into()).allowed("http://a.example/"));
        let huge = Rules::parse("newsgraph", b"User-agent: *\nCrawl-delay: 100000\n");
        assert_eq!(huge.delay(), Some(MAX_CRAWL_DELAY));
        let junk = Rules::parse("newsgraph", "\u{0}\u{ff}é: ::\nDisallow: /é\n".as_bytes());
        assert!(junk.allowed("http://a.example/x"));
    }
}
