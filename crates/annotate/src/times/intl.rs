//! Time expressions in the languages beside English (de, fr, es, it, pt, nl, pl,
//! ru): month and weekday names from CLDR ([`super::cldr`]), the rest from short
//! hand lists ([`super::languages`]), normalised against the dateline like the
//! English grammar.
//!
//! Matched at each token, longest first: numeric dates, day first ("10.01.2022",
//! "10/01/2022", ISO "2022-01-10"); day-month-year ("10. Januar 2022", "le 10
//! janvier", "10 de enero de 2022", "10 января 2022 года"), with a weekday before
//! it ("Donnerstag, 10. Januar"); month and year ("im Januar 2022"), or a month
//! alone; weekdays with or without "next" / "last" ("am Donnerstag", "jeudi
//! dernier", "el próximo jueves", "в четверг"); day words ("gestern", "demain");
//! a unit with a modifier ("letzte Woche", "el próximo mes", "w przyszłym
//! tygodniu"); "ago" ("vor drei Tagen", "il y a deux jours", "три дня назад");
//! durations ("drei Jahre" → `P3Y`); years after a cue ("seit 2014", "в 2014
//! году"); clock times ("16:30 Uhr", "14h30").
//!
//! Bare weekdays, months and day-months are resolved by the sentence's tense,
//! read from a few auxiliaries per language (future: the next one, past: the
//! last one), else to the nearest one. Prepositions are outside the extent,
//! articles before a modifier inside ("el próximo mes"). Without a dateline the
//! values stay underspecified (`XXXX-01-10`) or empty.
//!
//! It does not resolve seasons, quarters, holidays, "Anfang/Ende" position
//! modifiers, sets ("jeden Montag") or expressions anchored on other events.

use newsgraph_model::{ByteSpan, TimeAnchor, Timex, TimexType};

use super::calendar::{add_months, month_value, week_value, year_value, Day};
use super::cldr::{self, Locale};
use super::languages::{self, Lexicon, Unit};
use super::scan::{self, Tokens};
use crate::offsets::CharCursor;

/// The languages this module reads.
pub(crate) const LANGUAGES: &[&str] = cldr::LANGUAGES;

/// The time expressions of `text` in `language` (one of [`LANGUAGES`]), resolved against
/// `published`; `None` for a language without tables.
pub(crate) fn find_times(
    text: &str,
    published: Option<&str>,
    sentences: &[ByteSpan],
    language: &str,
    tokens: &Tokens<'_>,
) -> Option<Vec<Timex>> {
    let lex = languages::lexicon(language)?;
    let locale = cldr::locale(language)?;
    let words = Words::new(tokens);
    let tenses = tenses(&words, lex, sentences);
    let m = Matcher { w: &words, lex, locale, anchor: published.and_then(Day::parse), tenses };
    let mut index = CharCursor::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match m.at(i) {
            Some(hit) if hit.end > i => {
                let span = tokens.span(i, hit.end);
                out.push(Timex {
                    span: index.span_chars(span),
                    text: span.slice(text).to_string(),
                    kind: hit.kind,
                    value: hit.value,
                    anchor: (hit.relative && m.anchor.is_some()).then_some(TimeAnchor::Published),
                });
                i = hit.end;
            }
            _ => i += 1,
        }
    }
    Some(out)
}

/// What splits a table's phrase into words.
const SEPARATORS: [char; 4] = [' ', '-', '\'', '\u{2019}'];

/// Tokens with a fully lower-cased copy of each word (Unicode, unlike [`Tokens::low`]).
pub(crate) struct Words<'a, 't> {
    pub t: &'t Tokens<'a>,
    low: Vec<String>,
}

impl<'a, 't> Words<'a, 't> {
    pub fn new(t: &'t Tokens<'a>) -> Self {
        let low = (0..t.len()).map(|i| t.raw(i).to_lowercase()).collect();
        Words { t, low }
    }

    pub fn len(&self) -> usize {
        self.low.len()
    }

    /// The lower-cased token `i` (`""` past the end).
    pub fn w(&self, i: usize) -> &str {
        self.low.get(i).map_or("", String::as_str)
    }

    pub fn is(&self, i: usize, w: &str) -> bool {
        self.w(i) == w
    }

    /// Index after the words of `phrase` (split at spaces, hyphens and apostrophes) starting at `i`.
    pub fn phrase(&self, i: usize, phrase: &str) -> Option<usize> {
        // Most phrases fail on their first word: a prefix test rules them out
        // before the split (the matcher tries every table at every token).
        let first = self.w(i);
        if first.is_empty() || !phrase.trim_start_matches(SEPARATORS).starts_with(first) {
            return None;
        }
        let mut j = i;
        for (k, part) in phrase.split(SEPARATORS).filter(|p| !p.is_empty()).enumerate() {
            if k > 0 && matches!(self.w(j), "-" | "'" | "\u{2019}") {
                j += 1;
            }
            if !self.is(j, part) {
                return None;
            }
            j += 1;
        }
        (j > i).then_some(j)
    }

    /// The longest of `phrases` at `i`, with its value and end.
    pub fn longest<T: Copy>(&self, i: usize, phrases: &[(&str, T)]) -> Option<(T, usize)> {
        let mut best: Option<(T, usize)> = None;
        for (p, v) in phrases {
            if let Some(end) = self.phrase(i, p) {
                if best.is_none_or(|(_, e)| end > e) {
                    best = Some((*v, end));
                }
            }
        }
        best
    }

    /// Index after an apostrophe glued to token `i - 1` ("l'", "quest'"), else `i`.
    pub fn past_apostrophe(&self, i: usize) -> usize {
        if matches!(self.w(i), "'" | "\u{2019}") && self.t.glued(i) {
            i + 1
        } else {
            i
        }
    }

    /// The value of a number word or a plain integer of up to four digits at `i`.
    pub fn small_number(&self, i: usize, lex: &Lexicon) -> Option<u32> {
        let w = self.w(i);
        if self.t.is_number(i) {
            return (w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok()).flatten();
        }
        lex.numbers.iter().find(|(n, _)| *n == w).map(|(_, v)| *v)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
}

/// The tense of each token's sentence: future if it has a future cue, else past if it has a past cue.
fn tenses(words: &Words<'_, '_>, lex: &Lexicon, given: &[ByteSpan]) -> Vec<Option<Tense>> {
    let mut out = vec![None; words.len()];
    let past_form =
        |w: &str| lex.past.contains(&w) || (w.chars().count() > 3 && lex.past_endings.iter().any(|e| w.ends_with(e)));
    for (from, to) in scan::sentences(words.t, given) {
        // Without a text layer the whole text is one sentence: cut it at full stops too.
        let mut start = from;
        for k in from..=to {
            if k == to || matches!(words.w(k), "." | "!" | "?") {
                let range = start..k;
                let future = range.clone().any(|j| lex.future.contains(&words.w(j)));
                let tense = if future {
                    Some(Tense::Future)
                } else if range.clone().any(|j| words.t.is_word(j) && past_form(words.w(j))) {
                    Some(Tense::Past)
                } else {
                    None
                };
                for slot in out.iter_mut().take(k).skip(start) {
                    *slot = tense;
                }
                start = k + 1;
            }
        }
    }
    out
}

#[derive(Debug)]
struct Hit {
    end: usize,
    kind: TimexType,
    value: Option<String>,
    relative: bool,
}

fn date(end: usize, value: Option<String>, relative: bool) -> Option<Hit> {
    Some(Hit { end, kind: TimexType::Date, value, relative })
}

struct Matcher<'m, 'a, 't> {
    w: &'m Words<'a, 't>,
    lex: &'static Lexicon,
    locale: &'static Locale,
    anchor: Option<Day>,
    tenses: Vec<Option<Tense>>,
}

impl Matcher<'_, '_, '_> {
    /// The longest expression starting at `i` (the first matcher wins ties).
    fn at(&self, i: usize) -> Option<Hit> {
        let candidates = [
            self.numeric_date(i),
            self.clock(i),
            self.day_month(i),
            self.weekday(i),
            self.month(i),
            self.day_word(i),
            self.relative_unit(i),
            self.ago(i),
            self.year(i),
            self.duration(i),
        ];
        candidates.into_iter().flatten().fold(None, |best: Option<Hit>, h| match best {
            Some(b) if b.end >= h.end => Some(b),
            _ => Some(h),
        })
    }

    fn tense(&self, i: usize) -> Option<Tense> {
        self.tenses.get(i).copied().flatten()
    }

    /// "10.01.2022", "10/01/2022", "2022-01-10".
    fn numeric_date(&self, i: usize) -> Option<Hit> {
        let w = self.w;
        if !w.t.is_number(i) {
            return None;
        }
        let s = w.w(i);
        let parts: Vec<&str> = s.split(['.', '/']).collect();
        if let [d, m, y] = parts[..] {
            if y.len() != 4 || d.len() > 2 || m.len() > 2 || s.contains('.') && s.contains('/') {
                return None;
            }
            let day = Day::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
            return date(i + 1, Some(day.value()), false);
        }
        // ISO: three numbers joined by glued hyphens.
        let glued = |k: usize| w.t.glued(k);
        if s.len() == 4
            && w.is(i + 1, "-")
            && glued(i + 1)
            && glued(i + 2)
            && w.is(i + 3, "-")
            && glued(i + 3)
            && glued(i + 4)
        {
            let (m, d) = (w.w(i + 2), w.w(i + 4));
            if m.len() == 2 && d.len() == 2 && w.t.is_number(i + 2) && w.t.is_number(i + 4) {
                let day = Day::new(s.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
                return date(i + 5, Some(day.value()), false);
            }
        }
        None
    }

    /// "16:30", "16.30 Uhr", "14h30", "14 h".
    fn clock(&self, i: usize) -> Option<Hit> {
        let w = self.w;
        if !w.t.is_number(i) {
            return None;
        }
        let s = w.w(i);
        let word_after = |k: usize| self.lex.clock_words.contains(&w.w(k));
        let (h, m, end) =
            if let Some((h, m)) = s.split_once(':').or_else(|| s.split_once('.').filter(|_| word_after(i + 1))) {
                (h, m, i + 1)
            } else if s.len() <= 2 && w.is(i + 1, "h") && w.t.glued(i + 1) {
                // French "14h30", "14h".
                if w.t.is_number(i + 2) && w.t.glued(i + 2) && w.w(i + 2).len() == 2 {
                    (s, w.w(i + 2), i + 3)
                } else {
                    (s, "00", i + 2)
                }
            } else if s.len() <= 2 && word_after(i + 1) && w.w(i + 1) != "h" && w.w(i + 1) != "horas" {
                (s, "00", i + 1)
            } else {
                return None;
            };
        // Minutes have two digits ("16.5" is a number, not a time).
        if m.len() != 2 || h.is_empty() || h.len() > 2 {
            return None;
        }
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        if h > 24 || m > 59 {
            return None;
        }
        let end = if end == i + 1 && word_after(end) { end + 1 } else { end };
        let day = self.anchor.map_or_else(|| "XXXX-XX-XX".to_string(), Day::value);
        Some(Hit {
            end,
            kind: TimexType::Time,
            value: Some(format!("{day}T{h:02}:{m:02}")),
            relative: self.anchor.is_some(),
        })
    }

    /// A month name at `i` (CLDR or an extra case), its number, whether abbreviated, and the index after it.
    fn month_name(&self, i: usize) -> Option<(u32, bool, usize)> {
        let w = self.w.w(i);
        if !self.w.t.is_word(i) {
            return None;
        }
        let (m, abbr) = self
            .locale
            .month(w)
            .or_else(|| self.lex.extra_months.iter().find(|(n, _)| *n == w).map(|(_, m)| (*m, false)))?;
        // An abbreviation keeps its period ("Jan.", "janv.").
        let end = if abbr && self.w.is(i + 1, ".") && self.w.t.glued(i + 1) { i + 2 } else { i + 1 };
        Some((m, abbr, end))
    }

    /// A year (four digits) at `i`, past link words, with the words that belong to it ("года", "r").
    fn year_after(&self, i: usize) -> Option<(i32, usize)> {
        let w = self.w;
        let mut j = i;
        if w.is(j, ",") {
            j += 1;
        }
        if self.lex.links.contains(&w.w(j)) {
            j += 1;
        }
        let s = w.w(j);
        if !(w.t.is_number(j) && s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let y: i32 = s.parse().ok()?;
        let end = if self.lex.year_words.contains(&w.w(j + 1)) { j + 2 } else { j + 1 };
        Some((y, end))
    }

    /// "10. Januar 2022", "le 1er janvier", "10 de enero de 2022", "10 января 2022 года".
    fn day_month(&self, i: usize) -> Option<Hit> {
        let w = self.w;
        let s = w.w(i);
        if !w.t.is_number(i) || s.len() > 2 {
            return None;
        }
        let d: u32 = s.parse().ok()?;
        let mut j = i + 1;
        if (w.is(j, ".") || self.lex.day_suffixes.contains(&w.w(j))) && w.t.glued(j) {
            j += 1;
        }
        if self.lex.links.contains(&w.w(j)) {
            j += 1;
        }
        let (m, _, end) = self.month_name(j)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        if let Some((y, end)) = self.year_after(end) {
            return date(end, Day::new(y, m, d).map(Day::value), false);
        }
        let value = match self.anchor {
            Some(a) => self.nearest_year(a, m, d, self.tense(i)).and_then(|y| Day::new(y, m, d)).map(Day::value),
            None => Some(format!("XXXX-{m:02}-{d:02}")),
        };
        date(end, value, true)
    }

    /// The year of the `m`/`d` (day 0: the month) closest to `a` in the direction of `tense`.
    fn nearest_year(&self, a: Day, m: u32, d: u32, tense: Option<Tense>) -> Option<i32> {
        let key = |y: i32, m: u32, d: u32| i64::from(y) * 400 + i64::from(m) * 32 + i64::from(d);
        let here = key(a.y(), a.m(), if d == 0 { 0 } else { a.d() });
        let candidates = [a.y() - 1, a.y(), a.y() + 1];
        candidates
            .into_iter()
            .filter(|&y| match tense {
                Some(Tense::Future) => key(y, m, d) >= here,
                Some(Tense::Past) => key(y, m, d) <= here,
                None => true,
            })
            .min_by_key(|&y| (key(y, m, d) - here).abs())
    }

    /// A weekday with its modifiers, or a weekday before a date ("jeudi 10 janvier").
    fn weekday(&self, i: usize) -> Option<Hit> {
        let w = self.w;
        let (start_mod, j) = self.modifier_before(i);
        let (n, mut end) = self.weekday_name(j)?;
        let mut modifier = start_mod;
        if start_mod.is_none() {
            // "Donnerstag, 10. Januar 2022": the date is the value.
            let k = if w.is(end, ",") { end + 1 } else { end };
            if let Some(hit) = self.day_month(k).or_else(|| self.numeric_date(k)) {
                return Some(hit);
            }
            if let Some((m, e)) = self.lex.after.iter().find_map(|(p, m)| w.phrase(end, p).map(|e| (*m, e))) {
                modifier = Some(m);
                end = e;
            }
        }
        let value = match self.anchor {
            Some(a) => {
                let back = (i64::from(a.weekday()) - i64::from(n)).rem_euclid(7);
                let ahead = (i64::from(n) - i64::from(a.weekday())).rem_euclid(7);
                let offset = match (modifier, self.tense(j)) {
                    (Some(1), _) => {
                        if ahead == 0 {
                            7
                        } else {
                            ahead
                        }
                    }
                    (Some(-1), _) => -(if back == 0 { 7 } else { back }),
                    (_, Some(Tense::Future)) => ahead,
                    (_, Some(Tense::Past)) => -back,
                    _ if back <= 3 => -back,
                    _ => ahead,
                };
                a.add_days(offset).map(Day::value)
            }
            None => Some(format!("XXXX-WXX-{n}")),
        };
        date(end, value, true)
    }

    /// A whole weekday name at `i` (Portuguese "quinta-feira" is three tokens) and the index after it.
    fn weekday_name(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.w;
        if !w.t.is_word(i) {
            return None;
        }
        let first = w.w(i);
        let mut best: Option<(u32, usize)> = None;
        for name in self.locale.weekday_names().filter(|n| n.word.starts_with(first)) {
            if let Some(end) = w.phrase(i, &name.word) {
                if best.is_none_or(|(_, e)| end > e) {
                    best = Some((name.number, end));
                }
            }
        }
        best.or_else(|| self.lex.extra_weekdays.iter().find(|(x, _)| *x == first).map(|(_, n)| (*n, i + 1)))
    }

    /// A modifier before token `i`'s head, with an article before it: its offset and the head's index.
    fn modifier_before(&self, i: usize) -> (Option<i64>, usize) {
        let w = self.w;
        let after_article =
            if self.lex.articles.contains(&w.w(i)) && w.t.is_word(i) { w.past_apostrophe(i + 1) } else { i };
        for j in [after_article, i] {
            if let Some((m, e)) = self.lex.before.iter().find_map(|(p, m)| w.phrase(j, p).map(|e| (*m, e))) {
                return (Some(m), w.past_apostrophe(e));
            }
        }
        (None, i)
    }

    /// "im Januar 2022", "en janvier", "в январе 2022 года".
    fn month(&self, i: usize) -> Option<Hit> {
        let (m, abbr, end) = self.month_name(i)?;
        if let Some((y, end)) = self.year_after(end) {
            return date(end, month_value(y, m), false);
        }
        let w = self.w;
        // Beside German, month names are lower-case: a capitalized one inside a sentence is a name ("Mars", "Мая").
        let prev = i.checked_sub(1).map_or(".", |p| w.w(p));
        if abbr || (self.lex.code != "de" && w.t.capitalized(i) && !matches!(prev, "." | "!" | "?")) {
            return None;
        }
        // "en mars dernier", "marzo pasado": the last or next one.
        let (tense, end) = match self.lex.after.iter().find_map(|(p, m)| w.phrase(end, p).map(|e| (*m, e))) {
            Some((m, e)) if m < 0 => (Some(Tense::Past), e),
            Some((m, e)) if m > 0 => (Some(Tense::Future), e),
            _ => (self.tense(i), end),
        };
        let value = match self.anchor {
            Some(a) => self.nearest_year(a, m, 0, tense).and_then(|y| month_value(y, m)),
            None => Some(format!("XXXX-{m:02}")),
        };
        date(end, value, true)
    }

    /// "gestern", "demain", "aujourd'hui", "pasado mañana".
    fn day_word(&self, i: usize) -> Option<Hit> {
        let w = self.w;
        let (offset, end) = w.longest(i, self.lex.day_words)?;
        let prev = i.checked_sub(1).map_or("", |p| w.w(p));
        // "la mañana", "am Morgen": a time of day. German nouns are capitalized: "Morgen" is the morning.
        if end == i + 1
            && (self.lex.not_day_after.contains(&prev) || (self.lex.code == "de" && w.t.capitalized(i) && offset == 1))
        {
            return None;
        }
        let value = self.anchor.and_then(|a| a.add_days(offset)).map(Day::value);
        date(end, value, true)
    }

    /// A unit at `i`: its kind and the index after it.
    fn unit(&self, i: usize) -> Option<(Unit, usize)> {
        let w = self.w.w(i);
        self.lex.units.iter().find(|(u, _)| *u == w).map(|(_, unit)| (*unit, i + 1))
    }

    /// "letzte Woche", "la semaine dernière", "el próximo mes", "w przyszłym tygodniu", "на прошлой неделе".
    fn relative_unit(&self, i: usize) -> Option<Hit> {
        let w = self.w;
        let (before, j) = self.modifier_before(i);
        let (offset, end) = match before {
            Some(m) => {
                let (unit, end) = self.unit(j)?;
                (self.shift(unit, m), end)
            }
            None => {
                let j = if self.lex.articles.contains(&w.w(i)) { w.past_apostrophe(i + 1) } else { i };
                let (unit, k) = self.unit(j)?;
                let (m, end) = self.lex.after.iter().find_map(|(p, m)| w.phrase(k, p).map(|e| (*m, e)))?;
                (self.shift(unit, m), end)
            }
        };
        if offset.0 == Unit::Hour {
            return None;
        }
        date(end, offset.1, true)
    }

    /// The value `n` units from the dateline.
    fn shift(&self, unit: Unit, n: i64) -> (Unit, Option<String>) {
        let value = self.anchor.and_then(|a| match unit {
            Unit::Hour => None,
            Unit::Day => a.add_days(n).map(Day::value),
            Unit::Week => a.add_days(7 * n).map(week_value),
            Unit::Month => add_months(a.y(), a.m(), n).and_then(|(y, m)| month_value(y, m)),
            Unit::Year => year_value(a.y() + i32::try_from(n).ok()?),
        });
        (unit, value)
    }

    /// An amount before a unit: a number, a number word or an indefinite article; its value and end.
    fn amount(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.w;
        if self.lex.ones.contains(&w.w(i)) {
            return Some((1, i + 1));
        }
        w.small_number(i, self.lex).map(|n| (n, i + 1))
    }

    /// "vor drei Tagen", "il y a deux jours", "hace dos días", "три дня назад", "неделю назад".
    fn ago(&self, i: usize) -> Option<Hit> {
        let w = self.w;
        let (n, unit, end) = if let Some(j) = self.lex.ago_before.iter().find_map(|p| w.phrase(i, p)) {
            let (n, k) = self.amount(j)?;
            let (unit, end) = self.unit(k)?;
            (n, unit, end)
        } else {
            let (n, k) = self.amount(i).unwrap_or((1, i));
            let (unit, k) = self.unit(k)?;
            let end = self.lex.ago_after.iter().find_map(|p| w.phrase(k, p))?;
            (n, unit, end)
        };
        if unit == Unit::Hour {
            return None;
        }
        date(end, self.shift(unit, -i64::from(n)).1, true)
    }

    /// "seit 2014", "в 2014 году", "en 2014".
    fn year(&self, i: usize) -> Option<Hit> {
        let w = self.w;
        let s = w.w(i);
        if !(w.t.is_number(i) && s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let y: i32 = s.parse().ok()?;
        let prev = i.checked_sub(1).map_or("", |p| w.w(p));
        let word_after = self.lex.year_words.contains(&w.w(i + 1));
        if !(1000..=2100).contains(&y) || !(word_after || self.lex.year_cues.contains(&prev)) {
            return None;
        }
        date(if word_after { i + 2 } else { i + 1 }, year_value(y), false)
    }

    /// "drei Jahre", "30 ans", "dos semanas" → `P3Y`, `P30Y`, `P2W`.
    fn duration(&self, i: usize) -> Option<Hit> {
        let (n, k) = self.amount(i)?;
        let (unit, end) = self.unit(k)?;
        let value = match unit {
            Unit::Hour => format!("PT{n}H"),
            Unit::Day => format!("P{n}D"),
            Unit::Week => format!("P{n}W"),
            Unit::Month => format!("P{n}M"),
            Unit::Year => format!("P{n}Y"),
        };
        Some(Hit { end, kind: TimexType::Duration, value: Some(value), relative: false })
    }
}
