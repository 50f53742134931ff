//! The entries of a live blog: each update with its own time, its place in the text and,
//! when it has one, its headline.
//!
//! The clean stage fills [`Article::live_entries`](crate::Article::live_entries) for
//! pages it types as live blogs (see `newsgraph-extract`); every other record has none,
//! and the field is then left off the wire. This module decides nothing.

use serde::{Deserialize, Serialize};

use crate::{CharSpan, Published};

/// One update of a live blog: `{"published": {"value", "from"}, "headline"?, "start"?, "end"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "crate::wire::LiveEntry")]
pub struct LiveEntry {
    /// When the entry was posted, in the form of the record's `published` (ISO
    /// `YYYY-MM-DD[THH:MM[:SS]]`, local time as the page gives it) and with the evidence
    /// it was read from (`jsonld` for structured data, `time` for a `<time datetime>`).
    pub published: Published,
    /// The entry's own headline, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// Where the entry's text sits in the record's `text`, written as `start` and `end`;
    /// `None` (no keys) when the clean stage dropped the entry's text, so that no span
    /// points at text that is not the entry's.
    #[serde(flatten)]
    pub span: Option<CharSpan>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, DateSource};

    fn entry(span: Option<CharSpan>) -> LiveEntry {
        LiveEntry {
            published: Published { value: "2024-03-01T10:42".into(), from: DateSource::Jsonld },
            headline: Some("Ferries resume".into()),
            span,
        }
    }

    #[test]
    fn entries_are_written_with_inline_spans_and_read_back() {
        let with = entry(Some(CharSpan::new(3, 9)));
        let json = serde_json::to_string(&with).unwrap();
        assert_eq!(
            json,
            r#"{"published":{"value":"2024-03-01T10:42","from":"jsonld"},"headline":"Ferries resume","start":3,"end":9}"#
        );
        assert_eq!(serde_json::from_str::<LiveEntry>(&json).unwrap(), with);
        let without = LiveEntry { headline: None, ..entry(None) };
        let json = serde_json::to_string(&without).unwrap();
        assert_eq!(json, r#"{"published":{"value":"2024-03-01T10:42","from":"jsonld"}}"#);
        assert_eq!(serde_json::from_str::<LiveEntry>(&json).unwrap(), without);
        // Half a span or an inverted one is refused.
        assert!(serde_json::from_str::<LiveEntry>(&json.replace("}}", r#"},"start":3}"#)).is_err());
        assert!(serde_json::from_str::<LiveEntry>(&json.replace("}}", r#"},"start":9,"end":3}"#)).is_err());
    }

    #[test]
    fn records_without_entries_do_not_mention_them() {
        let mut article = Article::from_text("a", "Live: storm");
        assert!(!serde_json::to_string(&article).unwrap().contains("live_entries"));
        article.live_entries = vec![entry(Some(CharSpan::new(0, 4)))];
        let json = serde_json::to_string(&article).unwrap();
        assert!(json.contains(r#""live_entries":[{"published""#), "{json}");
        assert_eq!(serde_json::from_str::<Article>(&json).unwrap(), article);
    }
}
