//! The words time expressions are built from: months, weekdays, units, parts
//! of day, seasons, time zones, holidays and tense cues. All lookups take the
//! lowercased token.

use super::calendar::Holiday;

pub(crate) fn month(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Month names that are also everyday words and need date context ("may", "march").
pub(crate) fn ambiguous_month(w: &str) -> bool {
    matches!(w, "may" | "march" | "mar" | "jan" | "sep" | "dec" | "jun" | "jul" | "aug" | "oct" | "nov" | "feb" | "apr")
}

/// ISO weekday (Monday 1) of a weekday name or its abbreviation.
pub(crate) fn weekday(w: &str) -> Option<u32> {
    Some(match w {
        "monday" | "mon" => 1,
        "tuesday" | "tue" | "tues" => 2,
        "wednesday" | "wed" => 3,
        "thursday" | "thu" | "thur" | "thurs" => 4,
        "friday" | "fri" => 5,
        "saturday" | "sat" => 6,
        "sunday" | "sun" => 7,
        _ => return None,
    })
}

/// A full weekday name ("monday", not "mon"): the abbreviations are everyday words too.
pub(crate) fn is_full_weekday(w: &str) -> bool {
    w.ends_with("day") && weekday(w).is_some()
}

/// Plural weekday names ("Mondays"): a recurring day.
pub(crate) fn weekday_plural(w: &str) -> Option<u32> {
    weekday(w.strip_suffix('s')?).filter(|_| w.len() > 6)
}

/// Calendar units of durations and relative dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// TIMEX3 duration designator and multiplier in that designator (a decade is 10 years).
    pub fn designator(self) -> (&'static str, u32, bool) {
        // (letter, multiplier, is a time-of-day unit needing the `T` prefix)
        match self {
            Unit::Second => ("S", 1, true),
            Unit::Minute => ("M", 1, true),
            Unit::Hour => ("H", 1, true),
            Unit::Day => ("D", 1, false),
            Unit::Weekend => ("D", 2, false),
            Unit::Week => ("W", 1, false),
            Unit::Month => ("M", 1, false),
            Unit::Quarter => ("M", 3, false),
            Unit::Year => ("Y", 1, false),
            Unit::Decade => ("Y", 10, false),
            Unit::Century => ("Y", 100, false),
        }
    }
}

/// A unit word and whether it was plural.
pub(crate) fn unit(w: &str) -> Option<(Unit, bool)> {
    let (stem, plural) = match w {
        "centuries" => ("century", true),
        _ => match w.strip_suffix('s') {
            Some(stem) if stem.len() > 2 => (stem, true),
            _ => (w, false),
        },
    };
    let unit = match stem {
        "second" | "sec" => Unit::Second,
        "minute" | "min" => Unit::Minute,
        "hour" | "hr" => Unit::Hour,
        "day" => Unit::Day,
        "weekend" => Unit::Weekend,
        "week" | "wk" => Unit::Week,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" | "yr" => Unit::Year,
        "decade" => Unit::Decade,
        "century" => Unit::Century,
        _ => return None,
    };
    Some((unit, plural))
}

/// TIMEX3 part-of-day code.
pub(crate) fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" | "mornings" => "MO",
        "afternoon" | "afternoons" | "mid-afternoon" => "AF",
        "evening" | "evenings" => "EV",
        "night" | "nights" | "overnight" => "NI",
        _ => return None,
    })
}

/// TIMEX3 season code.
pub(crate) fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

pub(crate) fn timezone(w: &str) -> bool {
    matches!(
        w,
        "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "gmt"
            | "utc"
            | "et"
            | "pt"
            | "bst"
            | "cet"
            | "cest"
    )
}

/// A holiday named by `words` (lowercased tokens starting at the name), and how many tokens it takes.
pub(crate) fn holiday(words: [&str; 3]) -> Option<(Holiday, usize)> {
    let fixed = |m, d| Holiday::Fixed(m, d);
    Some(match words {
        ["christmas", "eve", _] => (fixed(12, 24), 2),
        ["christmas", "day", _] => (fixed(12, 25), 2),
        ["christmas", _, _] => (fixed(12, 25), 1),
        ["new", "year", "day"] => (fixed(1, 1), 3),
        ["halloween", _, _] => (fixed(10, 31), 1),
        ["independence", "day", _] => (fixed(7, 4), 2),
        ["veterans", "day", _] => (fixed(11, 11), 2),
        ["thanksgiving", "day", _] => (Holiday::Thanksgiving, 2),
        ["thanksgiving", _, _] => (Holiday::Thanksgiving, 1),
        ["labor", "day", _] => (Holiday::LaborDay, 2),
        ["memorial", "day", _] => (Holiday::MemorialDay, 2),
        ["election", "day", _] => (Holiday::ElectionDay, 2),
        ["easter", "sunday", _] => (Holiday::Easter, 2),
        ["easter", _, _] => (Holiday::Easter, 1),
        ["good", "friday", _] => (Holiday::GoodFriday, 2),
        _ => return None,
    })
}

/// A word [`holiday`] can start on; keep in step with its table.
pub(crate) fn holiday_start(w: &str) -> bool {
    matches!(
        w,
        "christmas"
            | "new"
            | "halloween"
            | "independence"
            | "veterans"
            | "thanksgiving"
            | "labor"
            | "memorial"
            | "election"
            | "easter"
            | "good"
    )
}

/// The tense a word signals about the sentence it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Present,
    Future,
}

/// Irregular past forms common in news.
fn is_past_word(w: &str) -> bool {
    matches!(
        w,
        "was"
            | "were"
            | "had"
            | "did"
            | "said"
            | "told"
            | "took"
            | "went"
            | "came"
            | "made"
            | "met"
            | "held"
            | "began"
            | "saw"
            | "gave"
            | "left"
            | "fell"
            | "rose"
            | "won"
            | "lost"
            | "sold"
            | "bought"
            | "got"
            | "became"
            | "spoke"
            | "wrote"
            | "ago"
            | "paid"
            | "sent"
            | "led"
            | "built"
            | "found"
            | "brought"
            | "thought"
            | "felt"
            | "kept"
            | "ran"
            | "struck"
            | "shot"
            | "hit"
            | "agreed"
            | "last"
            | "has"
            | "have"
            | "earlier"
            | "previously"
    )
}

fn is_future_word(w: &str) -> bool {
    matches!(w, "will" | "would" | "shall" | "ll" | "expects" | "expect" | "upcoming" | "intends" | "tomorrow" | "soon")
}

/// Words that point ahead only when followed by `to` ("plans to", "was expected to", "is set to").
fn is_future_before_to(w: &str) -> bool {
    matches!(
        w,
        "plan"
            | "plans"
            | "planned"
            | "planning"
            | "expected"
            | "scheduled"
            | "set"
            | "due"
            | "going"
            | "aims"
            | "intends"
            | "hopes"
    )
}

/// Auxiliaries before a participle: "will be named" takes its tense from the auxiliary, not "-ed".
fn is_passive_auxiliary(w: &str) -> bool {
    matches!(w, "be" | "been" | "being" | "is" | "are" | "am" | "was" | "were" | "get" | "gets")
}

fn is_present_word(w: &str) -> bool {
    matches!(w, "is" | "are" | "am" | "says" | "say" | "now" | "today")
}

/// Words ending in `-ed` that are not past verbs often enough to mislead.
fn is_not_past(w: &str) -> bool {
    matches!(w, "need" | "speed" | "indeed" | "red" | "bed" | "seed" | "feed" | "proceed" | "exceed" | "succeed")
}

/// The tense cue the word `w` gives, if any, given the word before it and the word after it.
pub(crate) fn tense_cue(before: &str, w: &str, after: &str) -> Option<Tense> {
    if matches!(w, "scheduled" | "planned" | "slated" | "effective") {
        // "scheduled a news conference Thursday", "effective Feb. 1": arranged for later.
        return Some(Tense::Future);
    }
    if is_future_before_to(w) {
        return (after == "to").then_some(Tense::Future);
    }
    if is_passive_auxiliary(before) && !is_passive_auxiliary(w) {
        return None;
    }
    if is_future_word(w) {
        Some(Tense::Future)
    } else if is_past_word(w) {
        Some(Tense::Past)
    } else if is_present_word(w) {
        Some(Tense::Present)
    } else if w.len() > 4 && w.ends_with("ed") && !is_not_past(w) {
        Some(Tense::Past)
    } else {
        None
    }
}
