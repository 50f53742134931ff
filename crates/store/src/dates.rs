//! Calendar arithmetic for the dates the store filters and groups by.
//!
//! Record dates are ISO 8601 strings (`YYYY-MM-DD[THH:MM[:SS]]`); the index
//! keeps them as seconds since 1970 so ranges and sorting are numeric. No time
//! zones: a date without one is taken as UTC, as the record does.

use std::time::{SystemTime, UNIX_EPOCH};

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

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

/// The day (`YYYY-MM-DD`) of a seconds-since-1970 value.
pub fn day_of(seconds: i64) -> String {
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DDTHH:MM:SSZ` of a seconds-since-1970 value.
pub fn timestamp_of(seconds: i64) -> String {
    let rem = seconds.rem_euclid(86_400);
    format!("{}T{:02}:{:02}:{:02}Z", day_of(seconds), rem / 3600, rem % 3600 / 60, rem % 60)
}

/// The current time as seconds since 1970.
pub fn now_seconds() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
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
