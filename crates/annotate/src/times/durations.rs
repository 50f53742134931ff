//! Amounts of time: `30 years`, `the past two months`, `a decade`, `two-day`,
//! `8-month-old`, `recent years`, and the dates they reach from the
//! publication date: `two days ago`, `a year earlier`, `three weeks later`.

use newsgraph_model::TimexType;

use super::calendar::{self, Day};
use super::lexicon::{self, Unit};
use super::numbers::number_at;
use super::relative::duration_value;
use super::{Hit, Parser};

/// Adjectives allowed between an amount and its unit ("eight trading days").
const UNIT_ADJECTIVES: &[&str] =
    &["trading", "business", "working", "calendar", "straight", "consecutive", "full", "more", "additional", "long"];

/// Words before an amount that belong to the duration ("the past two months").
const SPAN_WORDS: &[&str] =
    &["past", "last", "next", "coming", "first", "previous", "following", "final", "remaining", "latest", "initial"];

impl Parser<'_, '_> {
    /// An amount at `j`: a number, `a`/`an`, `a couple of`, or a vague `few`/`several` (`None`).
    fn amount_at(&self, j: usize) -> Option<(Option<f64>, usize)> {
        let t = self.t;
        match (t.low(j), t.low(j + 1), t.low(j + 2)) {
            ("a", "couple", "of") => return Some((Some(2.0), j + 3)),
            ("a", "few", _) | ("a", "number", "of") => {
                return Some((None, if t.is(j + 1, "few") { j + 2 } else { j + 3 }))
            }
            ("few" | "several" | "many" | "some", _, _) => return Some((None, j + 1)),
            ("half", "a" | "an", _) => return Some((Some(0.5), j + 2)),
            ("a" | "an", _, _) => return Some((Some(1.0), j + 1)),
            _ => {}
        }
        if t.raw(j).contains([':', '/']) {
            return None;
        }
        let n = number_at(t, j)?;
        let mut value = n.value;
        let mut end = n.end;
        // "2 1/2 years".
        if n.digits && t.is_number(end) {
            if let Some((a, b)) = t.raw(end).split_once('/') {
                if let (Ok(a), Ok(b)) = (a.parse::<f64>(), b.parse::<f64>()) {
                    if b > a && b > 0.0 {
                        value += a / b;
                        end += 1;
                    }
                }
            }
        }
        // "two and a half years".
        if t.is(end, "and") && t.is(end + 1, "a") && t.is(end + 2, "half") {
            value += 0.5;
            end += 3;
        }
        (value <= 1e6).then_some((Some(value), end))
    }

    /// A unit at `k`, possibly after one adjective, and the index after it.
    fn unit_after(&self, k: usize) -> Option<(Unit, bool, usize)> {
        let t = self.t;
        if let Some((u, plural)) = lexicon::unit(t.low(k)) {
            return Some((u, plural, k + 1));
        }
        if t.is_any(k, UNIT_ADJECTIVES) {
            let (u, plural) = lexicon::unit(t.low(k + 1))?;
            return Some((u, plural, k + 2));
        }
        None
    }

    /// Durations and the dates they measure out from the anchor.
    pub(super) fn duration(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        // Leading words: "the past", "the first", "another", "an additional", "recent", "coming".
        let mut j = i;
        if t.is(j, "the") {
            j += 1;
        }
        let span_word = t.is_any(j, SPAN_WORDS) || t.is_any(j, &["another", "additional"]);
        if span_word {
            j += 1;
        }
        if t.is_any(j, &["recent", "coming", "few", "several"]) && j > i
            || (j == i && t.is_any(j, &["recent", "coming"]))
        {
            // "recent years", "the coming weeks", "the past few days".
            if let Some((unit, true, e)) = self.unit_after(j + 1) {
                return Some(Hit::new(e, TimexType::Duration, duration_value(None, unit), false));
            }
        }
        if let Some((amount, k)) = self.amount_at(j) {
            // "the first nine months" needs a real number after "the"; "the a" is not English.
            if j > i && t.is_any(j, &["a", "an"]) && !span_word {
                return None;
            }
            if let Some(hit) = self.amount_unit(i, amount, k) {
                return Some(hit);
            }
        }
        // "the past year", "past week", "the next month": one unit of time back or ahead.
        if span_word && t.is_any(j - 1, &["past", "last", "next", "coming", "previous", "following"]) {
            if let Some((unit, false, e)) = self.unit_after(j) {
                if t.is(i, "the") || t.is(i, "past") {
                    return Some(Hit::new(e, TimexType::Duration, duration_value(Some(1.0), unit), false));
                }
            }
        }
        if j == i {
            return self.bare_units(i);
        }
        if t.is(i, "the") && j == i + 1 {
            // "the full year", "the current fiscal year": the year the article reports on.
            let mut j = j;
            while j < i + 3 && t.is_any(j, &["full", "fiscal", "current", "calendar", "entire", "whole"]) {
                j += 1;
            }
            // "the year" as a stretch of time; "the weekend" as the nearest weekend.
            if t.is(j, "year") && !(t.is(j + 1, "-") && t.glued(j + 1)) {
                // "the year ended June 30" is a fiscal year's span; otherwise "for the year" is the current year.
                if t.is_any(j + 1, &["ended", "ending", "through"]) {
                    return Some(Hit::new(j + 1, TimexType::Duration, duration_value(Some(1.0), Unit::Year), false));
                }
                let value = self.anchor.and_then(|a| calendar::year_value(a.y())).unwrap_or_else(|| "XXXX".into());
                return Some(Hit::new(j + 1, TimexType::Date, Some(value), true));
            }
            if t.is(j, "weekend") {
                let past = self.tense_at(i) == Some(lexicon::Tense::Past);
                let back = past && self.anchor.is_some_and(|a| a.weekday() < 6);
                let value = self.anchor.and_then(|a| a.add_days(if back { -7 } else { 0 }));
                let value =
                    value.map_or_else(|| "XXXX-WXX-WE".to_string(), |d| format!("{}-WE", calendar::week_value(d)));
                return Some(Hit::new(j + 1, TimexType::Date, Some(value), true));
            }
        }
        None
    }

    /// Bare plural units: `years`, `decades`, `months` (an unspecified amount).
    fn bare_units(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        if !t.is_any(i, &["years", "months", "weeks", "decades", "centuries"]) {
            return None;
        }
        let (unit, _) = lexicon::unit(t.low(i))?;
        let prev = i.checked_sub(1).map_or("", |p| t.low(p));
        // "for years", "years of war", "decades-long"; not "37 years old" nor "light years".
        let after_number = i > 0 && (t.is_number(i - 1) || number_at(t, i - 1).is_some());
        if after_number || t.is(i + 1, "old") || matches!(prev, "the" | "these" | "those" | "many" | "of" | "light") {
            return None;
        }
        if t.is(i + 1, "-") && t.glued(i + 1) && t.is(i + 2, "long") {
            return Some(Hit::new(i + 3, TimexType::Duration, duration_value(None, unit), false));
        }
        Some(Hit::new(i + 1, TimexType::Duration, duration_value(None, unit), false))
    }

    /// The unit after an amount, with the `ago` / `earlier` / `later` / `-old` that may follow.
    fn amount_unit(&self, i: usize, amount: Option<f64>, k: usize) -> Option<Hit> {
        let t = self.t;
        // "two-day", "30-year-old": hyphen compounds are durations used as adjectives.
        if t.is(k, "-") && t.glued(k) && t.glued(k + 1) {
            let (unit, plural) = lexicon::unit(t.low(k + 1))?;
            if plural || amount.is_none() {
                return None;
            }
            let mut e = k + 2;
            if t.is(e, "-") && t.glued(e) && t.is(e + 1, "old") {
                // Ages ("a 6-year-old boy") are not time expressions in TimeML.
                return None;
            }
            if t.is(e, "-") && t.glued(e) && t.is(e + 1, "long") {
                e += 2;
            }
            if t.is(i, "the") {
                // "the two-week talks": the article belongs to the noun, not the duration.
                return None;
            }
            return Some(Hit::new(e, TimexType::Duration, duration_value(amount, unit), false));
        }
        let (unit, plural, e) = self.unit_after(k)?;
        // "a year-earlier loss": a unit glued to another word is part of a compound adjective.
        if t.is(e, "-") && t.glued(e) && !t.is(e + 1, "old") {
            return None;
        }
        // "$1.76 a year", "358,000 a month", "twice a week": a rate, which TimeML leaves unannotated.
        if !plural && t.is_any(i, &["a", "an", "per"]) && i > 0 {
            let prev = t.low(i - 1);
            if t.is_number(i - 1)
                || matches!(prev, "%" | "percent" | "once" | "twice" | "times" | "million" | "billion")
            {
                return None;
            }
        }
        // "a second group": "second" after an article is an ordinal.
        if unit == Unit::Second && !plural && !t.is_number(k - 1) {
            return None;
        }
        // "the 1988 second quarter", "1988 quarter": a singular unit after a year is no duration
        // (a singular after a small number, "two day", is a transcript's duration).
        let year_like = amount.is_some_and(|a| a >= 1000.0);
        if amount.is_some_and(|a| a > 1.0) && !plural && (year_like || matches!(unit, Unit::Quarter | Unit::Second)) {
            return None;
        }
        // "a years" is not a duration; "one day" can be an adverb ("one day, she ...") but is kept.
        if amount == Some(1.0) && plural && t.is_any(i, &["a", "an"]) {
            return None;
        }
        match (t.low(e), t.low(e + 1)) {
            ("ago" | "earlier", _) if !t.is(i, "the") => {
                let value = match self.recent_quarter(i) {
                    // "a year ago" beside "the third quarter": the same quarter a year before.
                    Some((y, q)) if amount == Some(1.0) && unit == Unit::Year => Some(format!("{:04}-Q{q}", y - 1)),
                    _ => self.measured(amount, unit, -1),
                };
                return Some(Hit::new(e + 1, TimexType::Date, value, true));
            }
            ("later", _) | ("from", "now") | ("hence", _) if !t.is(i, "the") => {
                let end = if t.is(e, "from") { e + 2 } else { e + 1 };
                let value = self.measured(amount, unit, 1);
                return Some(Hit::new(end, TimexType::Date, value, true));
            }
            _ => {}
        }
        if t.is(e, "-") && t.glued(e) && t.is(e + 1, "old") || t.is(e, "old") {
            return None;
        }
        Some(Hit::new(e, TimexType::Duration, duration_value(amount, unit), false))
    }

    /// The date `amount` units before (`sign` -1) or after (`sign` 1) the anchor, at the unit's granularity.
    fn measured(&self, amount: Option<f64>, unit: Unit, sign: i64) -> Option<String> {
        let Some(amount) = amount else {
            return Some(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string());
        };
        let Some(a) = self.anchor else {
            return Some("XXXX-XX-XX".to_string());
        };
        let n = (amount.round() as i64).checked_mul(sign)?;
        match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => a.add_days(n).map(Day::value),
            Unit::Week | Unit::Weekend => a.add_days(n.checked_mul(7)?).map(calendar::week_value),
            Unit::Month => calendar::add_months(a.y(), a.m(), n).and_then(|(y, m)| calendar::month_value(y, m)),
            Unit::Quarter => {
                let (y, m) = calendar::add_months(a.y(), a.m(), n.checked_mul(3)?)?;
                Some(format!("{y:04}-Q{}", (m - 1) / 3 + 1))
            }
            Unit::Year | Unit::Decade | Unit::Century => {
                let (_, mult, _) = unit.designator();
                let years = n.checked_mul(i64::from(mult))?;
                calendar::year_value(a.y().checked_add(i32::try_from(years).ok()?)?)
            }
        }
    }
}
