//! The read form of the record types that carry a [`CharSpan`].
//!
//! On the wire a span is two plain keys, `"start"` and `"end"`, in the
//! middle of its owner's fields. Writing embeds the span with
//! `#[serde(flatten)]`, which keeps the bytes and the key order. Reading a
//! flattened field, though, makes serde buffer every unknown key of the
//! owner, about a fifth slower on whole records; so each owner is read
//! through its twin here (the same fields, with `start` and `end` as
//! numbers) and converted with `try_from`, which also refuses `start > end`.
//!
//! A field added to an owner must be added to its twin: the `TryFrom`
//! impls build the owner field by field, so forgetting is a compile error.

use serde::Deserialize;

use crate::{CharSpan, CountKind, CountQualifier, EntityId, QuoteKind, TimeAnchor, TimexType};

fn span(start: usize, end: usize) -> Result<CharSpan, String> {
    CharSpan::checked(start, end).ok_or_else(|| format!("span start {start} after end {end}"))
}

#[derive(Deserialize)]
pub(crate) struct Mention {
    start: usize,
    end: usize,
    text: String,
}

impl TryFrom<Mention> for crate::Mention {
    type Error = String;

    fn try_from(m: Mention) -> Result<Self, String> {
        Ok(crate::Mention { span: span(m.start, m.end)?, text: m.text })
    }
}

#[derive(Deserialize)]
pub(crate) struct Quote {
    kind: QuoteKind,
    start: usize,
    end: usize,
    text: String,
    cue: Option<crate::Mention>,
    speaker: Option<EntityId>,
    speaker_mention: Option<crate::Mention>,
}

impl TryFrom<Quote> for crate::Quote {
    type Error = String;

    fn try_from(q: Quote) -> Result<Self, String> {
        Ok(crate::Quote {
            kind: q.kind,
            span: span(q.start, q.end)?,
            text: q.text,
            cue: q.cue,
            speaker: q.speaker,
            speaker_mention: q.speaker_mention,
        })
    }
}

#[derive(Deserialize)]
pub(crate) struct Timex {
    start: usize,
    end: usize,
    text: String,
    #[serde(rename = "type")]
    kind: TimexType,
    value: Option<String>,
    anchor: Option<TimeAnchor>,
}

impl TryFrom<Timex> for crate::Timex {
    type Error = String;

    fn try_from(t: Timex) -> Result<Self, String> {
        Ok(crate::Timex { span: span(t.start, t.end)?, text: t.text, kind: t.kind, value: t.value, anchor: t.anchor })
    }
}

#[derive(Deserialize)]
pub(crate) struct Count {
    start: usize,
    end: usize,
    text: String,
    value: f64,
    qualifier: CountQualifier,
    object: Option<String>,
    kind: CountKind,
}

impl TryFrom<Count> for crate::Count {
    type Error = String;

    fn try_from(c: Count) -> Result<Self, String> {
        Ok(crate::Count {
            span: span(c.start, c.end)?,
            text: c.text,
            value: c.value,
            qualifier: c.qualifier,
            object: c.object,
            kind: c.kind,
        })
    }
}

#[derive(Deserialize)]
pub(crate) struct Theme {
    code: String,
    start: usize,
    end: usize,
}

impl TryFrom<Theme> for crate::Theme {
    type Error = String;

    fn try_from(t: Theme) -> Result<Self, String> {
        Ok(crate::Theme { code: t.code, span: span(t.start, t.end)? })
    }
}

#[derive(Deserialize)]
pub(crate) struct LiveEntry {
    published: crate::Published,
    #[serde(default)]
    headline: Option<String>,
    #[serde(default)]
    start: Option<usize>,
    #[serde(default)]
    end: Option<usize>,
}

impl TryFrom<LiveEntry> for crate::LiveEntry {
    type Error = String;

    fn try_from(e: LiveEntry) -> Result<Self, String> {
        let span = match (e.start, e.end) {
            (Some(start), Some(end)) => Some(span(start, end)?),
            (None, None) => None,
            _ => return Err("a live entry's span needs both start and end".into()),
        };
        Ok(crate::LiveEntry { published: e.published, headline: e.headline, span })
    }
}
