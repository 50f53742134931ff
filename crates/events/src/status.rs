//! When and whether: an event's status (actual, future, hypothetical, negated,
//! historical) and its date, and PLOVER's reading of stated intentions.

use newsgraph_model::{ByteSpan, EventStatus, EventType};

use crate::text::Tok;
use crate::types::Found;
use crate::vocab::class;

/// A word before `g` in the sentence that makes what follows feared or supposed.
pub fn has_cue(toks: &[Tok], g: usize) -> bool {
    toks[..g].iter().any(|t| t.has(class::HYPOTHETICAL_CUE))
}

pub fn status_of(toks: &[Tok], g: usize, negated: bool, hypothetical: bool, future: bool) -> EventStatus {
    let cue = has_cue(toks, g);
    if negated {
        EventStatus::Negated
    } else if hypothetical || cue {
        EventStatus::Hypothetical
    } else if future {
        EventStatus::Future
    } else {
        EventStatus::Actual
    }
}

/// The event's date: the nearest time expression in the sentence (from the time layer,
/// else a bare year after "in"), and whether it came from the text.
pub fn date_of(
    times: &[(ByteSpan, String, bool)],
    text: &str,
    toks: &[Tok],
    evidence: ByteSpan,
    published: Option<&str>,
) -> (Option<String>, bool) {
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else { return (None, false) };
    let sentence = ByteSpan::new(first.start, last.end);
    let distance = |span: &ByteSpan| {
        if span.end() <= evidence.start() {
            evidence.start() - span.end()
        } else {
            span.start().saturating_sub(evidence.end())
        }
    };
    // `times` is sorted by start: only the sentence's slice is looked at.
    let from = times.partition_point(|(span, _, _)| span.start() < sentence.start());
    let best = times[from..]
        .iter()
        .take_while(|(span, _, _)| span.start() < sentence.end())
        .filter(|(span, _, iso)| *iso && span.end() <= sentence.end())
        .min_by_key(|(span, _, _)| distance(span));
    if let Some((_, value, _)) = best {
        return (Some(value.clone()), true);
    }
    if times.is_empty() {
        for w in toks.windows(2) {
            if w[0].is("in")
                && w[1].lower.len() == 4
                && w[1].lower.parse::<u32>().is_ok_and(|y| (1900..2100).contains(&y))
            {
                return (Some(text[w[1].start..w[1].end].to_string()), true);
            }
        }
    }
    let _ = published;
    (None, false)
}

/// Future when the date is after publication; historical when before the article's week.
pub fn refine_status(status: EventStatus, date: Option<&str>, from_text: bool, published: Option<&str>) -> EventStatus {
    let (Some(date), Some(published), true) = (date, published, from_text) else { return status };
    let (first, last) = period(date);
    let Some(pub_day) = day_number(published) else { return status };
    match status {
        EventStatus::Actual if last.is_some_and(|l| l < pub_day - 7) => EventStatus::Historical,
        EventStatus::Actual if first.is_some_and(|f| f > pub_day) => EventStatus::Future,
        other => other,
    }
}

/// First and last day (as day numbers) of a TIMEX3 date value `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn period(value: &str) -> (Option<i64>, Option<i64>) {
    let parts: Vec<&str> = value.get(..10.min(value.len())).unwrap_or("").split('-').collect();
    let year: Option<i64> = parts.first().and_then(|y| y.parse().ok());
    let month: Option<i64> = parts.get(1).and_then(|m| m.parse().ok());
    let day: Option<i64> = parts.get(2).and_then(|d| d.parse().ok());
    let Some(y) = year else { return (None, None) };
    match (month, day) {
        (Some(m), Some(d)) => (Some(days(y, m, d)), Some(days(y, m, d))),
        (Some(m), None) => (Some(days(y, m, 1)), Some(days(y, m, 31))),
        _ => (Some(days(y, 1, 1)), Some(days(y, 12, 31))),
    }
}

fn day_number(date: &str) -> Option<i64> {
    period(date).0
}

/// A monotone day count (not calendar-exact at month ends; only used for comparisons).
fn days(y: i64, m: i64, d: i64) -> i64 {
    y * 372 + (m - 1) * 31 + (d - 1)
}

/// A commitment is itself the event: cooperation promised is AGREE, conflict promised THREATEN
/// (PLOVER's reading; the promised act keeps its type as the mode).
pub fn as_statement_of_intent(f: &mut Found) {
    let promised = match f.kind {
        EventType::Consult
        | EventType::Support
        | EventType::Cooperate
        | EventType::Aid
        | EventType::Concede
        | EventType::Retreat => EventType::Agree,
        EventType::Sanction | EventType::Coerce | EventType::Assault | EventType::Protest | EventType::Mobilize => {
            EventType::Threaten
        }
        _ => return,
    };
    f.mode = Some(f.kind.label().to_lowercase());
    f.kind = promised;
    f.cameo = if promised == EventType::Agree { "030".into() } else { "130".into() };
    f.status = EventStatus::Actual;
}
