//! The time normaliser's calendar: TIMEX3 values, month steps and holidays.
//!
//! Only what resolving news time expressions needs: a [`Day`] in the years a
//! TIMEX3 value can write, weekdays, ISO weeks, month steps, and the few movable
//! holidays news mentions by name. The dates themselves are the workspace's one
//! date type (`time`'s, through `newsgraph_model::calendar`); this module adds
//! only what TIMEX3 needs on top (`2021-W52`, `2021-Q1`, Easter).

pub(crate) use newsgraph_model::calendar::days_in_month;
use newsgraph_model::calendar::{self as model, Date};

/// A calendar day in the years a TIMEX3 value can write (1-9999): `time`'s
/// [`Date`] with that range as its invariant, which [`Day::new`] checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Day(Date);

/// Years a TIMEX3 value can hold in four digits.
pub(crate) fn valid_year(y: i32) -> bool {
    (1..=9999).contains(&y)
}

impl Day {
    /// The day, if it exists ("31 February" does not).
    pub fn new(y: i32, m: u32, d: u32) -> Option<Day> {
        model::date(y, m, d).and_then(Day::checked)
    }

    fn checked(date: Date) -> Option<Day> {
        valid_year(date.year()).then_some(Day(date))
    }

    /// The `YYYY-MM-DD` an ISO date or date-time starts with.
    pub fn parse(s: &str) -> Option<Day> {
        model::day_prefix(s).and_then(Day::checked)
    }

    pub fn y(self) -> i32 {
        self.0.year()
    }

    /// The month, 1-12.
    pub fn m(self) -> u32 {
        u32::from(u8::from(self.0.month()))
    }

    /// The day of the month, 1-31.
    pub fn d(self) -> u32 {
        u32::from(self.0.day())
    }

    pub fn add_days(self, n: i64) -> Option<Day> {
        model::add_days(self.0, n).and_then(Day::checked)
    }

    /// ISO weekday: Monday 1 ... Sunday 7.
    pub fn weekday(self) -> u32 {
        u32::from(self.0.weekday().number_from_monday())
    }

    /// ISO 8601 week-numbering year and week.
    pub fn iso_week(self) -> (i32, u32) {
        let (year, week, _) = self.0.to_iso_week_date();
        (year, u32::from(week))
    }

    /// The quarter (1-4) the day falls in.
    pub fn quarter(self) -> u32 {
        (self.m() - 1) / 3 + 1
    }

    /// The value `YYYY-MM-DD`.
    pub fn value(self) -> String {
        model::day_value(self.0)
    }
}

/// The year and month `n` months after `y-m`.
pub(crate) fn add_months(y: i32, m: u32, n: i64) -> Option<(i32, u32)> {
    let index = i64::from(y) * 12 + i64::from(m) - 1 + n;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = index.rem_euclid(12) as u32 + 1;
    valid_year(year).then_some((year, month))
}

pub(crate) fn year_value(y: i32) -> Option<String> {
    valid_year(y).then(|| format!("{y:04}"))
}

pub(crate) fn month_value(y: i32, m: u32) -> Option<String> {
    (valid_year(y) && (1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}"))
}

pub(crate) fn week_value(day: Day) -> String {
    let (y, w) = day.iso_week();
    format!("{y:04}-W{w:02}")
}

/// The `n`-th (1-based) `weekday` of a month, or the last one when `n` is 0.
fn nth_weekday(y: i32, m: u32, weekday: u32, n: u32) -> Option<Day> {
    if n == 0 {
        let last = Day::new(y, m, days_in_month(y, m))?;
        let back = (i64::from(last.weekday()) - i64::from(weekday)).rem_euclid(7);
        return last.add_days(-back);
    }
    let first = Day::new(y, m, 1)?;
    let ahead = (i64::from(weekday) - i64::from(first.weekday())).rem_euclid(7);
    first.add_days(ahead + 7 * i64::from(n - 1))
}

/// Western Easter Sunday (anonymous Gregorian computus).
fn easter(y: i32) -> Option<Day> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Day::new(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Holidays news dates things by, as a function of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holiday {
    Fixed(u32, u32),
    Thanksgiving,
    LaborDay,
    MemorialDay,
    ElectionDay,
    Easter,
    GoodFriday,
}

impl Holiday {
    pub fn on(self, y: i32) -> Option<Day> {
        match self {
            Holiday::Fixed(m, d) => Day::new(y, m, d),
            Holiday::Thanksgiving => nth_weekday(y, 11, 4, 4),
            Holiday::LaborDay => nth_weekday(y, 9, 1, 1),
            Holiday::MemorialDay => nth_weekday(y, 5, 1, 0),
            // The Tuesday after the first Monday of November.
            Holiday::ElectionDay => nth_weekday(y, 11, 1, 1)?.add_days(1),
            Holiday::Easter => easter(y),
            Holiday::GoodFriday => easter(y)?.add_days(-2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_weekdays() {
        let day = Day::new(2021, 12, 30).unwrap();
        assert_eq!(day.weekday(), 4);
        assert_eq!((day.y(), day.m(), day.d()), (2021, 12, 30));
        assert_eq!(Day::new(2021, 1, 3).map(Day::iso_week), Some((2020, 53)));
        assert_eq!(Day::new(9999, 12, 31).and_then(|d| d.add_days(1)), None);
        assert_eq!(Day::new(1, 1, 1).and_then(|d| d.add_days(-1)), None);
        assert_eq!(Day::parse("2021-12-30T16:06"), Some(day));
        assert_eq!(Day::parse("0000-01-01"), None);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2024, 13), 0);
        assert_eq!(day.add_days(2).map(Day::value), Some("2022-01-01".into()));
        assert_eq!(day.iso_week(), (2021, 52));
        assert_eq!(Day::new(2021, 2, 31), None);
        assert_eq!(Day::new(2024, 2, 29).map(|d| d.weekday()), Some(4));
    }

    #[test]
    fn holidays_and_months() {
        assert_eq!(Holiday::Thanksgiving.on(1999).map(Day::value), Some("1999-11-25".into()));
        assert_eq!(Holiday::ElectionDay.on(1998).map(Day::value), Some("1998-11-03".into()));
        assert_eq!(Holiday::Easter.on(2000).map(Day::value), Some("2000-04-23".into()));
        assert_eq!(add_months(2021, 12, 1), Some((2022, 1)));
        assert_eq!(add_months(2021, 1, -1), Some((2020, 12)));
    }
}
