//! The few clock conversions the fetcher needs: now as RFC 3339, and `Retry-After`.
//!
//! Both go through the workspace's one date type, `newsgraph_model::calendar`.

use std::time::Duration;

use newsgraph_model::calendar::{http_date, now_seconds, timestamp_of, OffsetDateTime};

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn now_rfc3339() -> String {
    timestamp_of(now_seconds())
}

/// How long a `Retry-After` value asks to wait: delay-seconds or an HTTP date.
pub(crate) fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let wait = http_date(value)? - OffsetDateTime::now_utc();
    // A date in the past asks for no wait at all.
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_retry_after() {
        assert!(now_rfc3339().starts_with("20") && now_rfc3339().ends_with('Z'));
        assert_eq!(retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        let later = OffsetDateTime::now_utc() + Duration::from_secs(3600);
        let (weekday, month) = (later.weekday().to_string(), later.month().to_string());
        let later = format!(
            "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
            &weekday[..3],
            later.day(),
            &month[..3],
            later.year(),
            later.hour(),
            later.minute(),
            later.second()
        );
        assert!(retry_after(&later).is_some_and(|d| d > Duration::from_secs(3500)), "{later}");
        assert_eq!(retry_after("soon"), None);
    }
}
