//! Calendar expressions: numeric dates, month-day-year forms, years and
//! decades, weekdays, clock times and named holidays.
//!
//! Each matcher looks at a bounded window of tokens from its start, so the
//! whole scan stays linear.

use newsgraph_model::TimexType;

use super::calendar::{self, Day};
use super::lexicon::{self, Tense};
use super::numbers::{ordinal_word, tens_word, unit_word};
use super::scan::TokKind;
use super::{Hit, Parser};

/// Words before a bare month or year that make it a date ("in May", "since 2014").
const DATE_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "of",
    "during",
    "from",
    "through",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "to",
    "and",
    "or",
    "between",
    "for",
    "on",
    "around",
    "about",
    "fiscal",
    "than",
    "as",
    "within",
    "year",
    "summer",
    "spring",
    "fall",
    "winter",
    "autumn",
    "-",
    "(",
    ",",
    "end",
    "beginning",
    "start",
    "middle",
    "half",
    "quarter",
    "into",
    "circa",
    "c",
    "the",
];

/// Determiners before a year used as a modifier ("his 1996 campaign").
const DETERMINERS: &[&str] = &["a", "an", "its", "his", "her", "their", "our", "that", "this", "whose", "my", "your"];

/// Words that may follow a year without making it a count ("2014 and", "1998 when").
const AFTER_YEAR: &[&str] = &[
    "and",
    "or",
    "to",
    "when",
    "the",
    "a",
    "as",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "but",
    "after",
    "before",
    "that",
    "which",
    "while",
    "through",
    "until",
    "was",
    "were",
    "is",
    "has",
    "had",
    "election",
    "elections",
    "season",
    "census",
    "levels",
    "level",
    "figures",
    "budget",
    "olympics",
    "games",
    "war",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "this",
    "there",
    "its",
    "his",
    "their",
    "where",
    "because",
    "if",
    "under",
    "into",
    "against",
    "among",
];

impl Parser<'_, '_> {
    /// A month name at `i` (with an optional glued full stop), and the index after it.
    pub(super) fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t;
        let m = lexicon::month(t.low(i))?;
        if !t.capitalized(i) {
            return None;
        }
        // Only abbreviations take a full stop ("Jan."); "in April." ends a sentence.
        let abbreviated = t.low(i).len() <= 4 && !matches!(t.low(i), "may" | "june" | "july");
        let next = if abbreviated && t.is(i + 1, ".") && t.glued(i + 1) { i + 2 } else { i + 1 };
        Some((m, next))
    }

    /// A day of the month at `i` ("10", "10th"), and the index after it.
    pub(super) fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t;
        if t.kind(i) != Some(TokKind::Number) || t.raw(i).len() > 2 {
            return None;
        }
        let d: u32 = t.raw(i).parse().ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let next = if t.is_any(i + 1, &["st", "nd", "rd", "th"]) && t.glued(i + 1) { i + 2 } else { i + 1 };
        Some((d, next))
    }

    /// A four-digit year at `i` (or `'98`), and the index after it.
    pub(super) fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.t;
        if t.is_any(i, &["'", "\u{2019}"]) && t.is_number(i + 1) && t.raw(i + 1).len() == 2 && t.glued(i + 1) {
            let yy: i32 = t.raw(i + 1).parse().ok()?;
            let century = self.anchor.map_or(1900, |a| a.y() / 100 * 100);
            let y =
                if century + yy > self.anchor.map_or(2100, |a| a.y() + 10) { century - 100 + yy } else { century + yy };
            return Some((y, i + 2));
        }
        if let Some(spelled) = self.spelled_year_at(i) {
            return Some(spelled);
        }
        if t.kind(i) != Some(TokKind::Number) || t.raw(i).len() != 4 {
            return None;
        }
        let y: i32 = t.raw(i).parse().ok()?;
        (1000..=2999).contains(&y).then_some((y, i + 1))
    }

    /// A year said in words, as broadcast transcripts write them: "nineteen ninety-six".
    fn spelled_year_at(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.t;
        let century = match t.low(i) {
            "eighteen" => 1800,
            "nineteen" => 1900,
            _ => return None,
        };
        let tens = i32::try_from(tens_word(t.low(i + 1))?).ok()?;
        let mut e = i + 2;
        let mut unit = 0;
        if t.is(e, "-") && t.glued(e) {
            unit = unit_word(t.low(e + 1)).filter(|u| (1..10).contains(u)).and_then(|u| i32::try_from(u).ok())?;
            e += 2;
        }
        Some((century + tens + unit, e))
    }

    /// An optional `, YEAR` / `YEAR` / `of YEAR` after a date part.
    fn trailing_year(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.t;
        let j = if t.is(i, ",") || t.is(i, "of") { i + 1 } else { i };
        self.year_at(j).filter(|&(_, e)| !(t.is(e, "-") || t.is(e, "%")))
    }

    /// The year an underspecified month (and day) most likely falls in, from the anchor and tense.
    pub(super) fn year_for(&self, i: usize, m: u32, d: Option<u32>) -> Option<i32> {
        let anchor = self.anchor?;
        let y = anchor.y();
        // Months from the anchor's month to the named one, with the day breaking ties.
        let diff = i64::from(m) - i64::from(anchor.m());
        let after = (m, d.unwrap_or(anchor.d())) > (anchor.m(), anchor.d());
        // A date within a couple of months of the dateline is this year's whatever the tense:
        // news tense cues are too noisy to move such dates a whole year.
        if diff.abs() <= 2 {
            return Some(y);
        }
        Some(match self.tense_at(i) {
            Some(Tense::Future) if !after => y + 1,
            Some(Tense::Past) if after => y - 1,
            Some(Tense::Future | Tense::Past) => y,
            // Without a cue, the nearer occurrence: a January named in December is next year's.
            _ if diff > 6 => y - 1,
            _ if diff < -6 => y + 1,
            _ => y,
        })
    }

    fn date_value(&self, i: usize, y: Option<i32>, m: u32, d: Option<u32>) -> (Option<String>, bool) {
        let relative = y.is_none();
        let year = y.or_else(|| self.year_for(i, m, d));
        let value = match (year, d) {
            (Some(y), Some(d)) => Day::new(y, m, d).map(Day::value),
            (Some(y), None) => calendar::month_value(y, m),
            (None, Some(d)) => (d <= calendar::days_in_month(2000, m)).then(|| format!("XXXX-{m:02}-{d:02}")),
            (None, None) => Some(format!("XXXX-{m:02}")),
        };
        (value, relative)
    }

    /// `January 10`, `Jan. 10, 2022`, `10 January 2022`, `the 10th of January`, `January 2022`, `January`.
    pub(super) fn month_date(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        // Day first: "10 January 2022", "the 10th of January".
        let (first, j) = if t.is(i, "the") { (None, i + 1) } else { (Some(i), i) };
        if let Some((d, k)) = self.day_at(j) {
            let k2 = if t.is(k, "of") { k + 1 } else { k };
            if first.is_none() && k2 == k {
                return None;
            }
            let (m, e) = self.month_at(k2)?;
            let (y, e) = match self.trailing_year(e) {
                Some((y, e)) => (Some(y), e),
                None => (None, e),
            };
            let (value, relative) = self.date_value(i, y, m, Some(d));
            return Some(Hit::new(e, TimexType::Date, value, relative));
        }
        first?;
        let (m, e) = self.month_at(i)?;
        if let Some((d, e2)) = self.day_at(e).filter(|&(_, e2)| !t.is_any(e2, &["%", "percent"])) {
            // Not "March 5,000" nor "May 10 percent".
            let (y, e3) = match self.trailing_year(e2) {
                Some((y, e3)) => (Some(y), e3),
                None => (None, e2),
            };
            let (value, relative) = self.date_value(i, y, m, Some(d));
            return Some(Hit::new(e3, TimexType::Date, value, relative));
        }
        if let Some((y, e2)) = self.trailing_year(e) {
            return Some(Hit::new(e2, TimexType::Date, calendar::month_value(y, m), false));
        }
        // "July last year", "January this year".
        let shift = match t.low(e) {
            "last" => Some(-1),
            "this" => Some(0),
            "next" => Some(1),
            _ => None,
        };
        if let Some(shift) = shift.filter(|_| t.is(e + 1, "year")) {
            let value = match self.anchor {
                Some(a) => calendar::month_value(a.y() + shift, m),
                None => Some(format!("XXXX-{m:02}")),
            };
            return Some(Hit::new(e + 2, TimexType::Date, value, true));
        }
        // A month alone: ambiguous words ("May", "March") need a date word before them.
        if lexicon::ambiguous_month(t.low(i)) || t.low(i) == "may" || t.low(i) == "march" {
            let prev = i.checked_sub(1).map_or("", |p| t.low(p));
            if !DATE_PREPOSITIONS.contains(&prev) || prev == "-" || prev == "," {
                return None;
            }
        }
        if e > i + 1 && !lexicon::ambiguous_month(t.low(i)) && t.low(i).len() <= 4 {
            // "Jan." alone is too odd to be a month reference.
            return None;
        }
        let (value, relative) = self.date_value(i, None, m, None);
        Some(Hit::new(e, TimexType::Date, value, relative))
    }

    /// `2021-12-30`, `12/30/2021`, `12/30/21`.
    pub(super) fn numeric_date(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        if !t.is_number(i) {
            return None;
        }
        let raw = t.raw(i);
        if raw.contains('/') {
            let parts: Vec<&str> = raw.split('/').collect();
            if parts.len() != 3 {
                return None;
            }
            let m: u32 = parts[0].parse().ok()?;
            let d: u32 = parts[1].parse().ok()?;
            let y: i32 = match parts[2].len() {
                4 => parts[2].parse().ok()?,
                2 => 1900 + parts[2].parse::<i32>().ok()? + if parts[2] < "50" { 100 } else { 0 },
                _ => return None,
            };
            let day = Day::new(y, m, d)?;
            return Some(Hit::new(i + 1, TimexType::Date, Some(day.value()), false));
        }
        // ISO: four digits, dash, two digits, dash, two digits, all glued.
        if raw.len() == 4 && t.is(i + 1, "-") && t.glued(i + 1) && t.glued(i + 2) && t.raw(i + 2).len() == 2 {
            let y: i32 = raw.parse().ok()?;
            let m: u32 = t.raw(i + 2).parse().ok()?;
            if t.is(i + 3, "-") && t.glued(i + 3) && t.glued(i + 4) && t.raw(i + 4).len() == 2 {
                let d: u32 = t.raw(i + 4).parse().ok()?;
                let day = Day::new(y, m, d)?;
                return Some(Hit::new(i + 5, TimexType::Date, Some(day.value()), false));
            }
            return None;
        }
        None
    }

    /// `2014`, `fiscal 1989`, `the 1990s`, `the '80s`, `the 20th century`.
    pub(super) fn year(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let the = t.is(i, "the");
        let j = if the || t.is_any(i, &["fiscal", "fy"]) { i + 1 } else { i };
        if let Some((y, e)) = self.year_at(j) {
            // Decades: "1990s", "'80s".
            if t.is(e, "s") && t.glued(e) {
                // The decade with its unspecified year digit, as TimeBank/AQUAINT write it ("199X").
                let value = (y % 10 == 0).then(|| format!("{:03}X", y / 10));
                return Some(Hit::new(e + 1, TimexType::Date, value, false));
            }
            if the {
                return None;
            }
            let spelled = e > j + 1;
            if !spelled && (t.raw(j).len() != 4 || !self.looks_like_year(j, e)) {
                return None;
            }
            return Some(Hit::new(e, TimexType::Date, calendar::year_value(y), false));
        }
        // "the 20th century", "the nineteenth century".
        if the {
            let (n, e) = match self.day_at(j) {
                Some((n, e)) if e == j + 2 => (n, e),
                _ => (ordinal_word(t.low(j))?, j + 1),
            };
            if t.is_any(e, &["century"]) && (1..=30).contains(&n) {
                return Some(Hit::new(e + 1, TimexType::Date, Some(format!("{:02}", n - 1)), false));
            }
        }
        None
    }

    /// A bare four-digit number is a year unless it reads as a count, a price or part of a name.
    fn looks_like_year(&self, i: usize, e: usize) -> bool {
        let t = self.t;
        let prev = i.checked_sub(1).map_or("", |p| t.low(p));
        if matches!(prev, "$" | "#" | "no" | "number" | "\u{20ac}" | "\u{a3}") || t.is_any(e, &["%", "-", "/"]) {
            return false;
        }
        if i > 0 && t.glued(i) && t.is_word(i - 1) {
            return false;
        }
        if t.is_any(e, &["percent", "per"]) {
            return false;
        }
        if DATE_PREPOSITIONS.contains(&prev)
            || DETERMINERS.contains(&prev)
            || t.possessive(i.saturating_sub(2)) == Some(i)
        {
            // "in 2014", and "its 1988 recapitalization": a determiner makes the year a modifier.
            return true;
        }
        // A lowercase noun right after the number makes it a count ("2000 soldiers").
        !(t.is_word(e) && !t.capitalized(e) && !AFTER_YEAR.contains(&t.low(e)))
    }

    /// The day a weekday refers to: `rel` -1 last, 1 next, 0 this; else from the sentence tense.
    pub(super) fn weekday_day(&self, i: usize, wd: u32, rel: Option<i32>) -> Option<Day> {
        let anchor = self.anchor?;
        let diff = i64::from(wd) - i64::from(anchor.weekday());
        let back = (-diff).rem_euclid(7); // days back to the most recent such day (0 = today)
        let ahead = diff.rem_euclid(7); // days ahead to the next such day (0 = today)
        let offset = match (rel, self.tense_at(i)) {
            (Some(-1), _) => -(if back == 0 { 7 } else { back }),
            (Some(1), _) => {
                if ahead == 0 {
                    7
                } else {
                    ahead
                }
            }
            (Some(-2), _) => -back,
            (Some(_), _) => diff,
            (None, Some(Tense::Past)) => -back,
            (None, Some(Tense::Future)) => {
                if ahead == 0 {
                    7
                } else {
                    ahead
                }
            }
            // Unmarked weekdays in news are mostly the days just gone.
            (None, _) => {
                if back <= 5 {
                    -back
                } else {
                    ahead
                }
            }
        };
        anchor.add_days(offset)
    }

    /// `Thursday`, `last Friday`, `Friday, Oct. 23`, `Friday morning`, `Mondays` (a set).
    pub(super) fn weekday(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let (rel, j) = match (t.low(i), t.low(i + 1)) {
            ("last" | "past", _) => (Some(-1), i + 1),
            ("this" | "the", "past" | "previous" | "prior") => (Some(-1), i + 2),
            ("next" | "coming", _) => (Some(1), i + 1),
            ("this" | "the", "coming" | "following") => (Some(1), i + 2),
            ("this", _) => (Some(0), i + 1),
            _ => (None, i),
        };
        if !t.capitalized(j) {
            return None;
        }
        if let Some(wd) = lexicon::weekday_plural(t.low(j)).filter(|_| rel.is_none()) {
            return Some(Hit::new(j + 1, TimexType::Set, Some(format!("XXXX-WXX-{wd}")), false));
        }
        let wd = lexicon::weekday(t.low(j)).filter(|_| t.low(j).len() > 4)?;
        let mut e = j + 1;
        // "Friday, Oct. 23" / "Friday Oct. 13": the explicit date wins.
        let k = if t.is(e, ",") { e + 1 } else { e };
        if let Some(date) = self.month_date(k).filter(|h| h.end > k + 1 || t.is_number(k + 1)) {
            return Some(Hit { end: date.end, ..date });
        }
        // "Wednesday's ruling": a possessive weekday names something that already happened.
        let rel = rel.or_else(|| t.possessive(j + 1).map(|_| -2));
        let day = self.weekday_day(i, wd, rel);
        let base = day.map_or_else(|| format!("XXXX-WXX-{wd}"), Day::value);
        if let Some(pod) = lexicon::part_of_day(t.low(e)) {
            e += 1;
            if t.low(e - 1).ends_with('s') {
                return Some(Hit::new(e, TimexType::Set, Some(format!("XXXX-WXX-{wd}T{pod}")), false));
            }
            // Afternoons and evenings are TIMEs of that day; "Friday night" and "Friday morning" are
            // dated to the day, as TimeBank and AQUAINT mostly do (a night straddles two dates).
            if matches!(pod, "AF" | "EV") && day.is_some() {
                return Some(Hit::new(e, TimexType::Time, Some(format!("{base}T{pod}")), true));
            }
        }
        Some(Hit::new(e, TimexType::Date, Some(base), true))
    }

    /// `4 p.m.`, `10:35 a.m. EST Nov. 9`, `16:06`, `noon Saturday`, `midnight`.
    pub(super) fn clock(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        // "high noon" is an idiom, not a time.
        if t.is_any(i, &["noon"]) && i > 0 && t.is(i - 1, "high") {
            return None;
        }
        let (hour, minute, mut e) = match t.low(i) {
            "noon" | "midday" => (12, 0, i + 1),
            "midnight" => (24, 0, i + 1),
            _ if t.is_number(i) => {
                let raw = t.raw(i);
                let (h, m) = match raw.split_once(':') {
                    Some((h, m)) if m.len() == 2 && h.len() <= 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
                    Some(_) => return None,
                    None if raw.len() <= 2 => (raw.parse::<u32>().ok()?, 0),
                    None => return None,
                };
                if m > 59 || h > 24 {
                    return None;
                }
                let next = t.low(i + 1);
                let am = matches!(next, "a.m." | "a.m" | "am");
                let pm = matches!(next, "p.m." | "p.m" | "pm");
                if am || pm {
                    if !(1..=12).contains(&h) {
                        return None;
                    }
                    let h = match (pm, h) {
                        (true, 12) => 12,
                        (true, h) => h + 12,
                        (false, 12) => 0,
                        (false, h) => h,
                    };
                    (h, m, i + 2)
                } else if t.is(i + 1, "o") && t.is_any(i + 2, &["'", "\u{2019}"]) && t.is(i + 3, "clock") {
                    (h, m, i + 4)
                } else if raw.contains(':') && h < 24 {
                    (h, m, i + 1)
                } else {
                    return None;
                }
            }
            _ => return None,
        };
        if lexicon::timezone(t.low(e)) {
            e += 1;
        }
        let mut day = self.anchor;
        let mut relative = true;
        let k = if t.is_any(e, &[",", "on"]) { e + 1 } else { e };
        if let Some(h) = self.day_reference(k) {
            if let Some(d) = h.value.as_deref().and_then(Day::parse) {
                day = Some(d);
                relative = h.relative;
                e = h.end;
            }
        }
        let base = day.map_or_else(|| "XXXX-XX-XX".to_string(), Day::value);
        Some(Hit::new(e, TimexType::Time, Some(format!("{base}T{hour:02}:{minute:02}")), relative))
    }

    /// A day named after a clock time: `today`, `yesterday`, `Wednesday`, `Nov. 9`.
    fn day_reference(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let offset = match t.low(i) {
            "today" => Some(0),
            "yesterday" => Some(-1),
            "tomorrow" => Some(1),
            _ => None,
        };
        if let Some(off) = offset {
            let value = self.anchor.and_then(|a| a.add_days(off)).map(Day::value);
            return Some(Hit::new(i + 1, TimexType::Date, value, true));
        }
        if lexicon::weekday(t.low(i)).is_some() {
            return self.weekday(i).filter(|h| h.kind == TimexType::Date);
        }
        self.month_date(i).filter(|h| h.end > i + 1)
    }

    /// `Christmas`, `Thanksgiving Day`, `Election Day`, `New Year's Day`.
    pub(super) fn holiday(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        if !t.capitalized(i) {
            return None;
        }
        // "New Year's Day": skip the possessive so the table sees three words.
        let (words, extra) = match t.possessive(i + 2) {
            Some(_) if t.is(i, "new") && t.is(i + 1, "year") => ([t.low(i), t.low(i + 1), t.low(i + 4)], 2),
            _ => ([t.low(i), t.low(i + 1), t.low(i + 2)], 0),
        };
        let (holiday, len) = lexicon::holiday(words)?;
        let e = i + len + extra;
        let (y, e) = match self.trailing_year(e) {
            Some((y, e)) => (Some(y), e),
            None => (None, e),
        };
        let year = y.or_else(|| {
            let day = holiday.on(self.anchor?.y())?;
            self.year_for(i, day.m(), Some(day.d()))
        });
        let value = match year {
            Some(y) => holiday.on(y).map(Day::value),
            None => None,
        };
        Some(Hit::new(e, TimexType::Date, value, y.is_none()))
    }
}
