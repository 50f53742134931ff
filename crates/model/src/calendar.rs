//! The workspace's one home for dates and times, on the `time` crate.
//!
//! Every crate that reads, writes or computes a date goes through here: the
//! record's ISO 8601 forms ([`RecordDate`]: `YYYY-MM-DD` or
//! `YYYY-MM-DDTHH:MM[:SS[.f]][Z|±HH:MM]`), the `YYYY-MM-DD` a date string starts
//! with ([`day_prefix`]), day arithmetic ([`add_days`], [`days_since_epoch`]),
//! the timestamps the store and fetcher write ([`day_of`], [`timestamp_of`],
//! [`now_seconds`]) and HTTP dates ([`http_date`]). The types themselves are
//! `time`'s, re-exported ([`Date`], [`Month`], [`Weekday`], ...), so no other
//! crate names `time` in its manifest. Proleptic Gregorian, UTC: a date without
//! a zone is taken as UTC, as the record does. It does not read dates written by
//! people (`30 December 2021`): that is the extractor's `parse_date`.
//!
//! Why `time` rather than jiff: `time` is already compiled into the workspace
//! through tantivy and parquet, so using it adds no dependency and no compile
//! time, and it has what the project needs: validated calendar dates (31
//! February does not exist), ISO weeks and weekdays, and RFC 3339 and RFC 2822
//! parsing (feeds and HTTP dates). jiff's strength, time zone rules, is
//! something the record deliberately does without.
//!
//! ```
//! use newsgraph_model::calendar::{add_days, day_value, RecordDate};
//! let published: RecordDate = "2021-12-30T16:06".parse().unwrap();
//! assert_eq!(published.as_str(), "2021-12-30T16:06");
//! assert_eq!(add_days(published.date(), 2).map(day_value).as_deref(), Some("2022-01-01"));
//! assert!("2021-02-31".parse::<RecordDate>().is_err());
//! ```

use std::fmt;
use std::str::FromStr;

pub use time::{Date, Month, OffsetDateTime, Time, UtcOffset, Weekday};

/// The Julian day number of 1970-01-01, the epoch the store's seconds count from.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

/// The forms [`RecordDate`] accepts, as error messages name them.
pub const RECORD_DATE_FORMS: &str = "YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]";

/// The date `year-month-day`, if it exists (`2021-02-31` does not).
pub fn date(year: i32, month: u32, day: u32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
}

/// The days of month `month` (1-12) in `year`: 28 to 31, or 0 for a month out of range.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let month = u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok());
    month.map_or(0, |month| u32::from(month.length(year)))
}

/// The real calendar day a date string starts with: `YYYY-MM-DD`, four digits,
/// dashes, two digits each; whatever follows is not read.
pub fn day_prefix(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    date(digits(&b[0..4])? as i32, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// The value of a run of ASCII digits (at most 9, so it fits).
fn digits(b: &[u8]) -> Option<u32> {
    (!b.is_empty() && b.len() <= 9 && b.iter().all(u8::is_ascii_digit))
        .then(|| b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

/// Days since 1970-01-01 (negative before).
pub fn days_since_epoch(date: Date) -> i64 {
    i64::from(date.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY
}

/// The date `days` days after 1970-01-01, if `time` can hold it (years ±9999).
pub fn date_of_days(days: i64) -> Option<Date> {
    let julian = i32::try_from(days.checked_add(UNIX_EPOCH_JULIAN_DAY)?).ok()?;
    Date::from_julian_day(julian).ok()
}

/// The date `days` days after `date` (before it when negative); `None` past year ±9999.
pub fn add_days(date: Date, days: i64) -> Option<Date> {
    date_of_days(days_since_epoch(date).checked_add(days)?)
}

/// `YYYY-MM-DD`, the record's form of a day.
pub fn day_value(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// The day of a seconds-since-1970 value, clamped to the years `time` holds.
fn date_of_seconds(seconds: i64) -> Date {
    let days = seconds.div_euclid(86_400);
    date_of_days(days).unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// `YYYY-MM-DD` of a seconds-since-1970 value.
pub fn day_of(seconds: i64) -> String {
    day_value(date_of_seconds(seconds))
}

/// `YYYY-MM-DDTHH:MM:SSZ` of a seconds-since-1970 value.
pub fn timestamp_of(seconds: i64) -> String {
    let rem = seconds.rem_euclid(86_400);
    format!("{}T{:02}:{:02}:{:02}Z", day_of(seconds), rem / 3600, rem % 3600 / 60, rem % 60)
}

/// The current time as seconds since 1970.
pub fn now_seconds() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// The current time as milliseconds since 1970 (schedules and retry times).
pub fn now_millis() -> i64 {
    i64::try_from(OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// An HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`, the IMF-fixdate of RFC 9110,
/// read as RFC 2822). The obsolete RFC 850 and asctime forms are not read.
pub fn http_date(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text.trim(), &time::format_description::well_known::Rfc2822).ok()
}

/// A date or date-time in one of the record's ISO 8601 forms, validated, with
/// the text it was read from kept as written (the record stores that text, so
/// `2021-12-30T16:06` stays `2021-12-30T16:06`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordDate {
    text: String,
    date: Date,
    time: Option<Time>,
    offset: Option<UtcOffset>,
}

/// Why a string is not a [`RecordDate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not one of the accepted forms.
    Form(String),
    /// The right form, but no such day or time (`2021-02-31`, `25:00`).
    NoSuch(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Form(text) => write!(f, "expected {RECORD_DATE_FORMS}, got {text:?}"),
            DateError::NoSuch(text) => {
                write!(f, "{text:?} is not a real date or time (expected {RECORD_DATE_FORMS})")
            }
        }
    }
}

impl std::error::Error for DateError {}

impl RecordDate {
    /// Reads `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]`.
    pub fn parse(text: &str) -> Result<RecordDate, DateError> {
        let form = || DateError::Form(text.to_string());
        let no_such = || DateError::NoSuch(text.to_string());
        let b = text.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(form());
        }
        let (y, m, d) = (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]));
        let (Some(y), Some(m), Some(d)) = (y, m, d) else { return Err(form()) };
        let date = date(y as i32, m, d).ok_or_else(no_such)?;
        let mut parsed = RecordDate { text: text.to_string(), date, time: None, offset: None };
        let Some(rest) = text[10..].strip_prefix('T') else {
            return if b.len() == 10 { Ok(parsed) } else { Err(form()) };
        };
        let (clock, zone) = match rest.find(['Z', '+', '-']) {
            Some(at) => rest.split_at(at),
            None => (rest, ""),
        };
        parsed.time = Some(clock_time(clock).ok_or_else(form)?.ok_or_else(no_such)?);
        parsed.offset = match zone {
            "" => None,
            "Z" => Some(UtcOffset::UTC),
            _ => Some(offset(zone).ok_or_else(form)?.ok_or_else(no_such)?),
        };
        Ok(parsed)
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text as written, owned.
    pub fn into_string(self) -> String {
        self.text
    }

    /// The calendar day.
    pub fn date(&self) -> Date {
        self.date
    }

    /// The time of day, when one is written.
    pub fn time(&self) -> Option<Time> {
        self.time
    }

    /// The UTC offset, when one is written (`Z` is zero).
    pub fn offset(&self) -> Option<UtcOffset> {
        self.offset
    }
}

/// `HH:MM[:SS[.fraction]]`: `None` when not that form, `Some(None)` when it is
/// but names no time of day (`24:00`, `12:60`).
fn clock_time(text: &str) -> Option<Option<Time>> {
    let (clock, fraction) = match text.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (text, None),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2) || (fraction.is_some() && parts.len() < 3)
    {
        return None;
    }
    let mut fields = parts.iter().map(|p| digits(p.as_bytes()));
    let (hour, minute) = (fields.next()??, fields.next()??);
    let second = fields.next().unwrap_or(Some(0))?;
    let nanos = match fraction {
        None => 0,
        Some(f) if (1..=9).contains(&f.len()) => digits(f.as_bytes())? * 10u32.pow(9 - f.len() as u32),
        Some(_) => return None,
    };
    let narrow = |n: u32| u8::try_from(n).ok();
    Some(
        narrow(hour)
            .zip(narrow(minute))
            .zip(narrow(second))
            .and_then(|((h, m), s)| Time::from_hms_nano(h, m, s, nanos).ok()),
    )
}

/// `±HH:MM`: `None` when not that form, `Some(None)` when it is but out of range.
fn offset(text: &str) -> Option<Option<UtcOffset>> {
    let b = text.as_bytes();
    if b.len() != 6 || b[3] != b':' {
        return None;
    }
    let sign = match b[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (hours, minutes) = (digits(&b[1..3])? as i8, digits(&b[4..6])? as i8);
    Some(UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok())
}

impl FromStr for RecordDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<RecordDate, DateError> {
        RecordDate::parse(text)
    }
}

impl fmt::Display for RecordDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_dates_round_trip() {
        assert_eq!(date(1970, 1, 1).map(days_since_epoch), Some(0));
        assert_eq!(day_prefix("2021-12-30T16:06").map(days_since_epoch), Some(18_991));
        assert_eq!(timestamp_of(1_640_880_360), "2021-12-30T16:06:00Z");
        assert_eq!(timestamp_of(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(day_of(-1), "1969-12-31");
        assert_eq!(day_of(i64::MAX), "9999-12-31");
        for days in [-800_000, -1, 0, 59, 60, 11_016, 2_932_896] {
            let d = date_of_days(days).unwrap();
            assert_eq!(days_since_epoch(d), days, "{d}");
            assert_eq!(date(d.year(), u8::from(d.month()).into(), d.day().into()), Some(d));
        }
        assert_eq!(date_of_days(i64::MAX), None);
        let day = date(2021, 12, 30).unwrap();
        assert_eq!(add_days(day, 2).map(day_value).as_deref(), Some("2022-01-01"));
        assert_eq!(add_days(day, i64::MIN), None);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2021, 13), 0);
    }

    #[test]
    fn day_prefixes() {
        assert_eq!(day_prefix("2021-12-30T16:06:00+01:00"), date(2021, 12, 30));
        assert_eq!(day_prefix("2024-02-29"), date(2024, 2, 29));
        assert_eq!(day_prefix("2023-02-29"), None);
        assert_eq!(day_prefix("2021/12/30"), None);
        assert_eq!(day_prefix("2021-1-30"), None);
        assert_eq!(day_prefix("XXXX-12-30"), None);
        assert_eq!(day_prefix("2021-W52"), None);
        assert_eq!(day_prefix("2021-12-3é"), None);
    }

    #[test]
    fn record_dates_keep_their_text_and_reject_what_is_not_a_date() {
        for ok in [
            "2021-12-30",
            "2021-12-30T16:06",
            "2021-12-30T16:06:59",
            "2021-12-30T16:06:00Z",
            "2021-12-30T16:06:00+01:00",
            "2021-12-30T16:06-05:30",
            "2021-12-30T16:06:00.250Z",
            "2024-02-29",
        ] {
            let parsed = RecordDate::parse(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert_eq!((parsed.as_str(), parsed.to_string()), (ok, ok.to_string()));
            assert_eq!(parsed.date().year(), if ok.starts_with("2024") { 2024 } else { 2021 });
        }
        let t = RecordDate::parse("2021-12-30T16:06:00.250+01:00").unwrap();
        assert_eq!(t.time(), Time::from_hms_milli(16, 6, 0, 250).ok());
        assert_eq!(t.offset(), UtcOffset::from_hms(1, 0, 0).ok());
        assert_eq!(RecordDate::parse("2021-12-30").unwrap().time(), None);
        for form in [
            "2024",
            "yesterday",
            "2021-1",
            "2021-1-05",
            "2021-12-30T",
            "2021-12-30T16",
            "2021-12-30 16:06",
            "2021-12-30T16:6",
            "2021-12-30T16:06:00.Z",
            "2021-12-30T16:06+0100",
            "2021-12-30T16:06Zjunk",
            "2021-12-30x",
            "２０２１-12-30",
        ] {
            assert_eq!(RecordDate::parse(form), Err(DateError::Form(form.into())), "{form}");
        }
        for no_such in ["2021-02-31", "2023-02-29", "2021-13-01", "2021-00-10", "2021-12-30T24:00", "2021-12-30T12:60"]
        {
            assert_eq!(RecordDate::parse(no_such), Err(DateError::NoSuch(no_such.into())), "{no_such}");
        }
        let message = RecordDate::parse("2024").unwrap_err().to_string();
        assert!(message.contains("YYYY-MM-DD") && message.contains("\"2024\""), "{message}");
    }

    #[test]
    fn http_dates() {
        let when = http_date("Wed, 21 Oct 2015 07:28:00 GMT").map(OffsetDateTime::unix_timestamp);
        assert_eq!(when.map(timestamp_of).as_deref(), Some("2015-10-21T07:28:00Z"));
        assert_eq!(http_date("Wed, 21 Oct 2015 07:28:00 +0200").map(|t| t.unix_timestamp()), when.map(|w| w - 7200));
        assert_eq!(http_date("soon"), None);
    }
}
