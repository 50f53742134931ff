//! The dates the store filters and groups by, as seconds since 1970.
//!
//! Record dates are ISO 8601 strings (`YYYY-MM-DD[THH:MM[:SS]]`); the index
//! keeps them as seconds since 1970 so ranges and sorting are numeric. No time
//! zones: a date without one is taken as UTC, as the record does, and a zone
//! that is written is not applied (the index sorts by the page's own clock).
//! The calendar itself is the workspace's one date type, `newsgraph_model::calendar`.

pub use newsgraph_model::calendar::{day_of, now_millis, now_seconds, timestamp_of};
use newsgraph_model::calendar::{day_prefix, days_since_epoch};

/// Whether `value` is exactly a real calendar day `YYYY-MM-DD` (the web's date parameters).
pub fn is_day(value: &str) -> bool {
    value.len() == 10 && day_prefix(value).is_some()
}

/// Seconds since 1970 of `YYYY-MM-DD[THH:MM[:SS]]` (a real calendar day); `None` for anything else.
///
/// Lenient after the day, as a filter should be: a time of day that is missing
/// or out of range counts as zero, and whatever follows the seconds is ignored.
pub fn parse_seconds(value: &str) -> Option<i64> {
    let mut seconds = days_since_epoch(day_prefix(value)?) * 86_400;
    if matches!(value.as_bytes().get(10), Some(b'T' | b' ')) {
        let field = |range: std::ops::Range<usize>, below: i64| {
            let part = value.get(range)?;
            part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse::<i64>().ok()).flatten().filter(|n| *n < below)
        };
        seconds += field(11..13, 24).unwrap_or(0) * 3600
            + field(14..16, 60).unwrap_or(0) * 60
            + field(17..19, 61).unwrap_or(0);
    }
    Some(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_dates() {
        assert_eq!(parse_seconds("1970-01-01"), Some(0));
        assert_eq!(parse_seconds("2021-12-30T16:06"), Some(1_640_880_360));
        assert_eq!(day_of(1_640_880_360), "2021-12-30");
        assert_eq!(timestamp_of(1_640_880_360), "2021-12-30T16:06:00Z");
        assert_eq!(parse_seconds("2016-02-29").map(day_of).as_deref(), Some("2016-02-29"));
        assert_eq!(parse_seconds("2021-13-01"), None);
        assert_eq!(parse_seconds("yesterday"), None);
        assert_eq!(parse_seconds("2021-1"), None);
        assert_eq!(parse_seconds("2024-02-30"), None);
        assert_eq!(parse_seconds("2023-02-29"), None);
        assert!(is_day("2024-02-29"));
        assert!(!is_day("2024-02-29T10:00"));
        assert!(!is_day("2024-04-31"));
        assert!(!is_day("2024/04/30"));
        assert_eq!(parse_seconds("2021-12-30T16:06:60"), Some(1_640_880_420));
        assert_eq!(parse_seconds("2021-12-30T25:06"), Some(1_640_822_760));
        assert_eq!(parse_seconds("1969-12-31"), Some(-86_400));
    }
}
