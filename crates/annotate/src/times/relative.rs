//! Expressions measured from the publication date: `yesterday`, `last week`,
//! `next month`, `the third quarter`, `this summer`, durations (`30 years`,
//! `the past two months`, `two-day`), `two days ago`, sets (`every Monday`,
//! `annually`) and the vague references `now`, `recently`, `the future`.

use newsgraph_model::TimexType;

use super::calendar::{self, Day};
use super::lexicon::{self, Tense, Unit};
use super::numbers::{number_at, ordinal_word};
use super::{Hit, Parser};

const SEASONS: [&str; 4] = ["WI", "SP", "SU", "FA"];

/// The season code's position in the year, and the season a day falls in.
fn season_index(code: &str) -> usize {
    SEASONS.iter().position(|&s| s == code).unwrap_or(0)
}

fn season_of(day: Day) -> usize {
    match day.m() {
        12 | 1 | 2 => 0,
        3..=5 => 1,
        6..=8 => 2,
        _ => 3,
    }
}

/// A TIMEX3 duration of `amount` units (`None`: an unspecified number, `PXY`).
pub(super) fn duration_value(amount: Option<f64>, unit: Unit) -> Option<String> {
    let (letter, mult, time) = unit.designator();
    let t = if time { "T" } else { "" };
    let Some(amount) = amount else {
        return Some(format!("P{t}X{letter}"));
    };
    let n = amount * f64::from(mult);
    if !(0.0..1e9).contains(&n) {
        return None;
    }
    if n.fract() == 0.0 {
        return Some(format!("P{t}{}{letter}", n as u64));
    }
    // Halves and quarters go down one unit: 2 1/2 years is P2Y6M, 5 1/2 hours PT5H30M.
    let (small, per) = match letter {
        "Y" => ("M", 12.0),
        "M" if !time => ("D", 30.0),
        "W" => ("D", 7.0),
        "D" => ("H", 24.0),
        "H" => ("M", 60.0),
        _ => return Some(format!("P{t}{n}{letter}")),
    };
    let whole = n.trunc() as u64;
    let rest = ((n.fract() * per).round()) as u64;
    let t2 = if letter == "D" { "T" } else { "" };
    if whole == 0 {
        return Some(format!("P{t}{t2}{rest}{small}"));
    }
    Some(format!("P{t}{whole}{letter}{t2}{rest}{small}"))
}

impl Parser<'_, '_> {
    /// The value of `unit` shifted by `offset` from the anchor, at that unit's granularity.
    fn shifted(&self, unit: Unit, offset: i64) -> Option<String> {
        let Some(a) = self.anchor else {
            return Some(
                match unit {
                    Unit::Day => "XXXX-XX-XX",
                    Unit::Week | Unit::Weekend => "XXXX-WXX",
                    Unit::Month => "XXXX-XX",
                    Unit::Quarter => "XXXX-QX",
                    _ => "XXXX",
                }
                .to_string(),
            );
        };
        match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => a.add_days(offset).map(Day::value),
            Unit::Week => a.add_days(offset.checked_mul(7)?).map(calendar::week_value),
            Unit::Weekend => a.add_days(offset.checked_mul(7)?).map(|d| format!("{}-WE", calendar::week_value(d))),
            Unit::Month => calendar::add_months(a.y(), a.m(), offset).and_then(|(y, m)| calendar::month_value(y, m)),
            Unit::Quarter => {
                let (y, m) = calendar::add_months(a.y(), a.m(), offset.checked_mul(3)?)?;
                Some(format!("{y:04}-Q{}", (m - 1) / 3 + 1))
            }
            Unit::Year => calendar::year_value(a.y().checked_add(i32::try_from(offset).ok()?)?),
            Unit::Decade => {
                let y = a.y().checked_add(i32::try_from(offset.checked_mul(10)?).ok()?)?;
                calendar::valid_year(y).then(|| format!("{:03}", y / 10))
            }
            Unit::Century => {
                let y = a.y().checked_add(i32::try_from(offset.checked_mul(100)?).ok()?)?;
                calendar::valid_year(y).then(|| format!("{:02}", y / 100))
            }
        }
    }

    /// `today`, `yesterday`, `tomorrow`, `tonight`, `yesterday afternoon`, `last night`, `this morning`.
    pub(super) fn day_word(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let (offset, pod, e) = match t.low(i) {
            "today" => (0, None, i + 1),
            "yesterday" => (-1, None, i + 1),
            "tomorrow" => (1, None, i + 1),
            "tonight" => (0, Some("NI"), i + 1),
            "last" if t.is(i + 1, "night") => (-1, Some("NI"), i + 2),
            "this" => (0, Some(lexicon::part_of_day(t.low(i + 1)).filter(|_| !t.is(i + 1, "night"))?), i + 2),
            _ => return None,
        };
        let (pod, e) = match pod {
            Some(p) => (Some(p), e),
            None => match lexicon::part_of_day(t.low(e)).filter(|_| !t.low(e).ends_with('s')) {
                Some(p) => (Some(p), e + 1),
                None => (None, e),
            },
        };
        let day = self.shifted(Unit::Day, offset)?;
        Some(match pod {
            Some(p) => Hit::new(e, TimexType::Time, Some(format!("{day}T{p}")), true),
            None => Hit::new(e, TimexType::Date, Some(day), true),
        })
    }

    /// `this year`, `last week`, `next month`, `the previous year`, `last April`, `this summer`,
    /// `this year's third quarter`.
    pub(super) fn relative_unit(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let (offset, j) = match (t.low(i), t.low(i + 1)) {
            ("this", "past") => (-1, i + 2),
            ("this", "coming") => (1, i + 2),
            ("this" | "current", _) => (0, i + 1),
            ("last" | "past", _) => (-1, i + 1),
            ("next" | "coming", _) => (1, i + 1),
            ("the", "previous" | "prior" | "preceding") => (-1, i + 2),
            ("the", "following" | "next") => (1, i + 2),
            ("the", "current" | "present") => (0, i + 2),
            _ => return None,
        };
        let w = t.low(j);
        // "This Week" in title case is a programme's name, not a week.
        if t.capitalized(j) && t.capitalized(i) && lexicon::unit(w).is_some() {
            return None;
        }
        if let Some((unit, false)) = lexicon::unit(w) {
            if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour | Unit::Day) {
                return None;
            }
            // "the past year" and "past week" are spans of time, not the calendar year or week.
            if t.is(i, "past") || (t.is(i, "the") && t.is(i + 1, "next")) {
                return None;
            }
            let value = self.shifted(unit, offset);
            let e = j + 1;
            // "this year's third quarter", "next year's first half".
            if unit == Unit::Year {
                if let Some(k) = t.possessive(e) {
                    if let Some(h) = self.quarter_part(k, value.as_deref().and_then(|v| v.parse().ok())) {
                        return Some(h);
                    }
                }
            }
            return Some(Hit::new(e, TimexType::Date, value, true));
        }
        if let Some((m, e)) = self.month_at(j) {
            let a = self.anchor;
            let y = a.map(|a| match offset {
                -1 if m < a.m() => a.y(),
                -1 => a.y() - 1,
                1 if m > a.m() => a.y(),
                1 => a.y() + 1,
                _ => a.y(),
            });
            let value = match y {
                Some(y) => calendar::month_value(y, m),
                None => Some(format!("XXXX-{m:02}")),
            };
            return Some(Hit::new(e, TimexType::Date, value, true));
        }
        if let Some(code) = lexicon::season(w) {
            let value = match self.anchor {
                Some(a) => {
                    let now = season_of(a);
                    let idx = season_index(code);
                    let y = match offset {
                        -1 if idx < now => a.y(),
                        -1 => a.y() - 1,
                        1 if idx > now => a.y(),
                        1 => a.y() + 1,
                        _ => a.y(),
                    };
                    calendar::year_value(y).map(|y| format!("{y}-{code}"))
                }
                None => Some(format!("XXXX-{code}")),
            };
            return Some(Hit::new(j + 1, TimexType::Date, value, true));
        }
        None
    }

    /// `year-earlier`, `the year-ago quarter`, `the year-earlier third quarter`, `the year-ago period`:
    /// the same period a year before the one just reported (the last quarter named, else last year).
    pub(super) fn year_earlier(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let the = t.is(i, "the");
        let j = if the { i + 1 } else { i };
        if !(t.is(j, "year") && t.is(j + 1, "-") && t.is_any(j + 2, &["earlier", "ago"]) && t.glued(j + 2)) {
            return None;
        }
        let mut e = j + 3;
        if t.is_any(e, &["comparable", "same", "fiscal"]) {
            e += 1;
        }
        let period_end =
            if t.is_any(e, &["quarter", "period"]) { Some(e + 1) } else { self.quarter_part(e, None).map(|h| h.end) };
        let value = match self.recent_quarter(i) {
            Some((y, q)) => Some(format!("{:04}-Q{q}", y - 1)),
            None => self.anchor.and_then(|a| calendar::year_value(a.y() - 1)),
        };
        match period_end {
            Some(end) => Some(Hit::new(end, TimexType::Date, value, true)),
            // A bare "year-earlier" modifies a figure: the article is not part of it.
            None if !the => Some(Hit::new(j + 3, TimexType::Date, value, true)),
            None => None,
        }
    }

    /// `the third quarter`, `third-quarter`, `the fourth quarter of 1989`, `the first half`, `the quarter`.
    pub(super) fn quarter(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let j = if t.is(i, "the") { i + 1 } else { i };
        let year_prefix = self.year_at(j);
        let j = year_prefix.map_or(j, |(_, e)| e);
        if let Some(h) = self.quarter_part(j, year_prefix.map(|(y, _)| y)) {
            // "the third-quarter results": the hyphenated adjective stands without its article.
            if j > i && t.is(i, "the") && (j..h.end).any(|k| t.is(k, "-")) {
                return None;
            }
            return Some(h);
        }
        // "the 1988 quarter", "the 1989 period": that year's instance of the quarter being reported.
        if let Some((y, _)) = year_prefix {
            if !t.is(i, "the") || !t.is_any(j, &["quarter", "period"]) {
                return None;
            }
            let value = match self.recent_quarter(i) {
                Some((_, q)) => calendar::year_value(y).map(|y| format!("{y}-Q{q}")),
                None => calendar::year_value(y),
            };
            return Some(Hit::new(j + 1, TimexType::Date, value, false));
        }
        // "the quarter", "the latest quarter".
        if i == j || !t.is(i, "the") {
            return None;
        }
        let (shift, k) = match t.low(j) {
            "latest" | "recent" | "most" => (Some(-1), j + 1),
            "same" => (Some(-4), j + 1),
            _ => (None, j),
        };
        if !t.is(k, "quarter") {
            return None;
        }
        // "the quarter" in results news is the one just ended.
        let future = self.tense_at(i) == Some(Tense::Future);
        let shift = shift.unwrap_or(if future { 0 } else { -1 });
        Some(Hit::new(k + 1, TimexType::Date, self.shifted(Unit::Quarter, shift), true))
    }

    /// `third quarter [of 1989]`, `third-quarter`, `first half`: the quarter or half named by an ordinal.
    fn quarter_part(&self, j: usize, year: Option<i32>) -> Option<Hit> {
        let t = self.t;
        let j = if t.is(j, "fiscal") { j + 1 } else { j };
        let (n, k) = match self.day_at(j) {
            Some((n, k)) if k == j + 2 => (n, k),
            _ => (ordinal_word(t.low(j)).or_else(|| t.is(j, "final").then_some(4))?, j + 1),
        };
        let k = if t.is(k, "-") && t.glued(k) { k + 1 } else { k };
        let (half, e) = match t.low(k) {
            "quarter" | "qtr" => (false, k + 1),
            "half" => (true, k + 1),
            _ => return None,
        };
        if n == 0 || n > if half { 2 } else { 4 } {
            return None;
        }
        let (year, e, relative) = match (year, self.trailing_of_year(e)) {
            (_, Some((y, e2))) => (Some(y), e2, false),
            (Some(y), None) => (Some(y), e, false),
            (None, None) => {
                // Quarters are reported after they end, so only a past-tense mention of a later quarter is last year's.
                let y = self.anchor.map(|a| {
                    let current = if half { (a.m() - 1) / 6 + 1 } else { a.quarter() };
                    match self.tense_at(j) {
                        Some(Tense::Past) if n > current => a.y() - 1,
                        _ => a.y(),
                    }
                });
                (y, e, true)
            }
        };
        let letter = if half { "H" } else { "Q" };
        let value = match year {
            Some(y) => calendar::year_value(y).map(|y| format!("{y}-{letter}{n}")),
            None => Some(format!("XXXX-{letter}{n}")),
        };
        Some(Hit::new(e, TimexType::Date, value, relative))
    }

    /// `of 1989`, `, 1989`, `1989` after a quarter or season.
    fn trailing_of_year(&self, e: usize) -> Option<(i32, usize)> {
        let k = if self.t.is_any(e, &["of", ","]) { e + 1 } else { e };
        self.year_at(k).filter(|&(_, end)| !self.t.is(end, "-"))
    }

    /// `the summer`, `summer 2004`, `the winter of 1998`.
    pub(super) fn season(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let the = t.is(i, "the");
        let j = if the { i + 1 } else { i };
        let code = lexicon::season(t.low(j))?;
        if let Some((y, e)) = self.trailing_of_year(j + 1) {
            return Some(Hit::new(e, TimexType::Date, calendar::year_value(y).map(|y| format!("{y}-{code}")), false));
        }
        if !the {
            return None;
        }
        let value = match self.anchor {
            Some(a) => {
                let past = self.tense_at(i) == Some(Tense::Past);
                let y = if past && season_index(code) > season_of(a) { a.y() - 1 } else { a.y() };
                calendar::year_value(y).map(|y| format!("{y}-{code}"))
            }
            None => Some(format!("XXXX-{code}")),
        };
        Some(Hit::new(j + 1, TimexType::Date, value, true))
    }

    /// `now`, `currently`, `recently`, `the past`, `the future`, `soon`.
    pub(super) fn reference(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let (value, e) = match (t.low(i), t.low(i + 1)) {
            ("now" | "currently" | "current" | "nowadays", _) => ("PRESENT_REF", i + 1),
            ("these", "days") => ("PRESENT_REF", i + 2),
            ("recently" | "lately", _) => ("PAST_REF", i + 1),
            ("the", "past") => ("PAST_REF", i + 2),
            ("the", "future") => ("FUTURE_REF", i + 2),
            ("the", "near" | "distant") if t.is(i + 2, "future") => ("FUTURE_REF", i + 3),
            _ => return None,
        };
        Some(Hit::new(e, TimexType::Date, Some(value.to_string()), true))
    }

    /// `every Monday`, `each year`, `daily`, `annually`, `twice a week`.
    pub(super) fn set(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let simple = match t.low(i) {
            "daily" | "nightly" => Some(Unit::Day),
            "weekly" => Some(Unit::Week),
            "monthly" => Some(Unit::Month),
            "yearly" => Some(Unit::Year),
            "hourly" => Some(Unit::Hour),
            _ => None,
        };
        if let Some(unit) = simple {
            return Some(Hit::new(i + 1, TimexType::Set, duration_value(Some(1.0), unit), false));
        }
        if !t.is_any(i, &["every", "each"]) {
            return None;
        }
        let j = if t.is(i + 1, "other") { i + 2 } else { i + 1 };
        let every_other = j == i + 2;
        if let Some(wd) = lexicon::weekday(t.low(j)).filter(|_| t.capitalized(j)) {
            return Some(Hit::new(j + 1, TimexType::Set, Some(format!("XXXX-WXX-{wd}")), false));
        }
        if let Some((m, e)) = self.month_at(j) {
            return Some(Hit::new(e, TimexType::Set, Some(format!("XXXX-{m:02}")), false));
        }
        let (amount, k) = match number_at(t, j) {
            Some(n) => (n.value, n.end),
            None => (if every_other { 2.0 } else { 1.0 }, j),
        };
        let (unit, _) = lexicon::unit(t.low(k))?;
        Some(Hit::new(k + 1, TimexType::Set, duration_value(Some(amount), unit), false))
    }

    /// `a year` / `per year` after a number ("5% a year"), `twice a week`. TimeML leaves most
    /// such rates unannotated, so the stage does not call this; kept for callers that want rates.
    #[allow(dead_code)]
    pub(super) fn rate(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        if !t.is_any(i, &["a", "per"]) || i == 0 {
            return None;
        }
        let prev = t.low(i - 1);
        let after_quantity = t.is_number(i - 1)
            || matches!(prev, "%" | "percent" | "once" | "twice" | "times" | "million" | "billion" | "dollars");
        if !after_quantity {
            return None;
        }
        match lexicon::unit(t.low(i + 1)) {
            Some((unit, false)) if !matches!(unit, Unit::Weekend | Unit::Decade | Unit::Century) => {
                Some(Hit::new(i + 2, TimexType::Set, duration_value(Some(1.0), unit), false))
            }
            _ => None,
        }
    }
}
