//! [`Summary`]: what happened to a run's inputs, and its closing lines.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// What happened to the inputs of a run; `Display` gives the closing lines
/// `newsgraph ingest` prints (without the final newline).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Articles stored by this run.
    pub new: u64,
    /// Articles whose id the store already held (nothing changed).
    pub duplicate: u64,
    /// Inputs the store already held, skipped before any work (a rerun, or a page URL stored before).
    pub resumed: u64,
    /// URLs the server said had not changed since the last run (HTTP 304).
    pub not_modified: u64,
    /// Parquet records outside [`crate::Config::dates`].
    pub out_of_range: u64,
    /// Inputs that failed.
    pub failed: u64,
    /// Words of the articles stored (new or duplicate).
    pub words: u64,
    /// Articles in a language the models do not read, by language: stored with clean text and metadata only.
    pub clean_only: BTreeMap<String, u64>,
    /// Articles by the clean stage's page type (`untyped`: ready text), new or duplicate.
    pub page_types: BTreeMap<String, u64>,
    /// Of those, pages that are not news: stored without events, tone or a story.
    pub not_news: u64,
    /// Failures grouped by the first clause of their reason: how many, and one `origin: reason`.
    pub reasons: BTreeMap<String, (u64, String)>,
    /// The run's wall-clock time.
    pub elapsed: Duration,
    /// Articles the store holds at the end of the run.
    pub stored: u64,
}

impl Summary {
    /// Whether every input went in (or was skipped on purpose).
    pub fn all_ok(&self) -> bool {
        self.failed == 0
    }

    pub(crate) fn fail(&mut self, origin: &str, reason: &str) {
        self.failed += 1;
        // Errors often repeat their origin; drop it, then group by the reason's first clause.
        let mut reason = reason.trim();
        while let Some(rest) = reason.strip_prefix(origin).and_then(|r| r.strip_prefix(':')) {
            reason = rest.trim_start();
        }
        let key: String = reason.split([':', '(']).next().unwrap_or(reason).trim().chars().take(80).collect();
        let entry = self.reasons.entry(key).or_insert((0, format!("{origin}: {reason}")));
        entry.0 += 1;
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.elapsed.as_secs_f64().max(1e-9);
        let done = self.new + self.duplicate;
        write!(
            f,
            "ingest: {} new, {} duplicate (id already stored), {} already ingested (skipped), {} failed in {:.1}s \
             ({:.1} articles/s, {:.0} words/s); the store holds {} articles",
            self.new,
            self.duplicate,
            self.resumed,
            self.failed,
            seconds,
            done as f64 / seconds,
            self.words as f64 / seconds,
            self.stored,
        )?;
        if !self.clean_only.is_empty() {
            let languages: Vec<String> = self.clean_only.iter().map(|(l, n)| format!("{l} {n}")).collect();
            let total: u64 = self.clean_only.values().sum();
            write!(
                f,
                "\n  {total} in languages the English models do not read, stored with clean text and metadata only: {}",
                languages.join(", ")
            )?;
        }
        if self.page_types.keys().any(|k| k != "untyped") {
            let types: Vec<String> = self.page_types.iter().map(|(t, n)| format!("{t} {n}")).collect();
            write!(
                f,
                "\n  page types: {}; {} not news (stored without events, tone or a story)",
                types.join(", "),
                self.not_news
            )?;
        }
        if self.not_modified > 0 {
            write!(f, "\n  not modified since the last run (HTTP 304), skipped: {}", self.not_modified)?;
        }
        if self.out_of_range > 0 {
            write!(f, "\n  Parquet records published outside --from/--to, skipped: {}", self.out_of_range)?;
        }
        for (reason, (count, example)) in &self.reasons {
            write!(f, "\n  failed {count}x: {reason}\n    e.g. {example}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_group_by_their_first_clause_without_the_origin() {
        let mut summary = Summary::default();
        summary.fail("a.warc#3", "a.warc#3: bad WARC record: no length");
        summary.fail("b.warc#1", "bad WARC record: truncated");
        summary.fail("c.html", "cannot read: gone (os error 2)");
        assert_eq!(summary.failed, 3);
        assert_eq!(summary.reasons["bad WARC record"], (2, "a.warc#3: bad WARC record: no length".to_string()));
        let text = summary.to_string();
        assert!(text.starts_with("ingest: 0 new, 0 duplicate (id already stored), 0 already ingested"), "{text}");
        assert!(text.contains("\n  failed 1x: cannot read\n    e.g. c.html: cannot read: gone (os error 2)"), "{text}");
        assert!(!text.ends_with('\n'));
        assert!(!text.contains("page types"), "{text}");
    }

    #[test]
    fn page_types_are_counted_when_any_page_is_typed() {
        let mut summary = Summary::default();
        summary.page_types.insert("article".into(), 5);
        summary.page_types.insert("product".into(), 2);
        summary.not_news = 2;
        let text = summary.to_string();
        assert!(text.contains("\n  page types: article 5, product 2; 2 not news"), "{text}");
    }
}
