//! Calendar arithmetic for the dates the store filters and groups by.
//!
//! Record dates are ISO 8601 strings (`YYYY-MM-DD[THH:MM[:SS]]`); the index
//! keeps them as seconds since 1970 so ranges and sorting are numeric. No time
//! zones: a date without one is taken as UTC, as the record does. The day
//! arithmetic itself is `newsgraph_model::calendar`.

use newsgraph_model::calendar::days_from_civil;
pub use newsgraph_model::calendar::{day_of, now_seconds, timestamp_of};

fn digits(s: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = s.get(range)?;
    if part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

/// Days in a month of the proleptic Gregorian calendar (0 for a month out of range).
fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `value` is exactly a real calendar day `YYYY-MM-DD` (the web's date parameters).
pub fn is_day(value: &str) -> bool {
    value.len() == 10 && parse_seconds(value).is_some()
}

/// Seconds since 1970 of `YYYY-MM-DD[THH:MM[:SS]]` (a real calendar day); `None` for anything else.
pub fn parse_seconds(value: &str) -> Option<i64> {
    let year = digits(value, 0..4)?;
    if value.as_bytes().get(4) != Some(&b'-') || value.as_bytes().get(7) != Some(&b'-') {
        return None;
    }
    let month = digits(value, 5..7).filter(|m| (1..=12).contains(m))?;
    let day = digits(value, 8..10).filter(|d| (1..=days_in_month(year, month)).contains(d))?;
    let mut seconds = days_from_civil(i64::from(year), month, day) * 86_400;
    if matches!(value.as_bytes().get(10), Some(b'T' | b' ')) {
        let hour = digits(value, 11..13).filter(|h| *h < 24).unwrap_or(0);
        let minute = digits(value, 14..16).filter(|m| *m < 60).unwrap_or(0);
        let second = digits(value, 17..19).filter(|s| *s < 61).unwrap_or(0);
        seconds += i64::from(hour * 3600 + minute * 60 + second);
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
    }
}
