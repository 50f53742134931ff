//! Time expressions (DATE, TIME, DURATION, SET) found in the clean text and
//! normalised to TIMEX3 values.
//!
//! A rule grammar written for newsgraph (no HeidelTime/SUTime rules): the text
//! is tokenized once (`scan`), and at each token a fixed set of matchers
//! (`dates`, `relative`, `durations`) looks a bounded number of tokens
//! ahead; the longest match wins and the scan resumes after it, so the work is
//! linear in the text. Relative expressions ("Thursday", "next month",
//! "January 10") are resolved against the publication date and the tense of
//! their sentence (nearest auxiliary or verb form: `will` → future, `-ed` /
//! `was` → past). Without a publication date they keep underspecified values
//! (`XXXX-01-10`).
//!
//! Extents follow TimeML conventions: determiners and modifiers that are part
//! of the expression are included ("the past three years", "earlier this
//! month", "about two years ago"), prepositions are not ("in 2014").
//!
//! Articles confidently in German, French, Spanish, Italian, Portuguese, Dutch,
//! Polish or Russian are read by `intl` instead: CLDR month and weekday names
//! (`cldr`, `models/times/cldr.tsv`) and short hand lists per language
//! (`languages`). Any other article, or one whose language is unknown or a weak
//! guess, gets the English grammar as before.
//!
//! It does not resolve expressions against other events ("two days after the
//! vote"), nor annotate event durations implied without a unit.

mod calendar;
pub(crate) mod cldr;
mod dates;
mod durations;
pub(crate) mod intl;
pub(crate) mod languages;
pub(crate) mod lexicon;
pub(crate) mod numbers;
mod relative;
pub(crate) mod scan;
#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod tests_intl;

use std::cell::Cell;

use newsgraph_model::words::WordRules;
use newsgraph_model::{Article, ByteSpan, Reads, Stage, TimeAnchor, Timex, TimexType};

use crate::offsets::CharCursor;

use calendar::Day;
use lexicon::Tense;
use scan::Tokens;

/// The time-expression stage.
#[derive(Debug, Default)]
pub struct Times {}

impl Times {
    pub fn new() -> Self {
        Times {}
    }
}

impl Stage for Times {
    fn name(&self) -> &'static str {
        "times"
    }

    fn reads(&self) -> Reads {
        Reads::Only(TIME_LANGUAGES)
    }

    fn annotate(&self, article: &mut Article) {
        let published = article.published_date().map(str::to_string);
        let rules = WordRules::for_language(article.language.as_deref());
        let language = other_language(article);
        article.times =
            find_times_in(language, &article.text, published.as_deref(), &article.analysis.sentences, rules);
    }
}

/// The languages the times and counts stages read (ISO 639-1), English first.
pub const TIME_LANGUAGES: &[&str] = &["en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru"];

/// The article's language when it is a confident guess and one of the languages beside
/// English with time words (`intl`); `None` reads the article as English.
pub(crate) fn other_language(article: &Article) -> Option<&str> {
    article
        .language
        .as_deref()
        .filter(|l| article.language_confidence.unwrap_or(0.0) >= Reads::CONFIDENT && intl::LANGUAGES.contains(l))
}

/// [`find_times`] for text in `language` (ISO 639-1; `None` or a language without time words:
/// English).
pub fn find_times_in(
    language: Option<&str>,
    text: &str,
    published: Option<&str>,
    sentences: &[ByteSpan],
    rules: &WordRules,
) -> Vec<Timex> {
    if let Some(language) = language.filter(|l| intl::LANGUAGES.contains(l)) {
        let tokens = Tokens::new(text, rules);
        if let Some(found) = intl::find_times(text, published, sentences, language, &tokens) {
            return found;
        }
    }
    find_times(text, published, sentences, rules)
}

/// The time expressions of `text`, resolved against `published` (`YYYY-MM-DD...`)
/// and split into sentences by `sentences` (byte spans) when given; `rules` are the
/// text language's word rules ([`WordRules::for_language`]).
pub fn find_times(text: &str, published: Option<&str>, sentences: &[ByteSpan], rules: &WordRules) -> Vec<Timex> {
    let tokens = Tokens::new(text, rules);
    let anchor = published.and_then(Day::parse);
    let tenses = tenses(&tokens, sentences);
    let parser = Parser { t: &tokens, anchor, tenses, last_quarter: Cell::new(None) };
    // Hits come in text order.
    let mut index = CharCursor::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match parser.match_at(i) {
            Some((start, hit)) if hit.end > start => {
                let span = index.span_chars(tokens.span(start, hit.end));
                // Quarters measured back from another ("a year ago", "the year-earlier quarter") are not new references.
                let measured = (start..hit.end).any(|k| tokens.is_any(k, &["ago", "earlier", "later"]));
                if let Some(q) = hit.value.as_deref().and_then(quarter_of).filter(|_| !measured) {
                    parser.last_quarter.set(Some((q.0, q.1, hit.end)));
                }
                out.push(Timex {
                    span,
                    text: tokens.span(start, hit.end).slice(text).to_string(),
                    kind: hit.kind,
                    value: hit.value,
                    anchor: (hit.relative && anchor.is_some()).then_some(TimeAnchor::Published),
                });
                i = hit.end;
            }
            _ => i += 1,
        }
    }
    out
}

/// One matched expression: where it ends (token index), its type and value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit {
    pub end: usize,
    pub kind: TimexType,
    pub value: Option<String>,
    /// Resolved against the anchor (publication date) rather than read whole from the text.
    pub relative: bool,
}

impl Hit {
    fn new(end: usize, kind: TimexType, value: Option<String>, relative: bool) -> Self {
        Hit { end, kind, value, relative }
    }
}

/// The matchers' shared view: tokens, anchor day and the tense at each token.
pub(crate) struct Parser<'a, 't> {
    t: &'t Tokens<'a>,
    anchor: Option<Day>,
    tenses: Vec<Option<Tense>>,
    /// The last quarter named (year, quarter, token index): "a year ago" in quarterly results means that quarter.
    last_quarter: Cell<Option<(i32, u32, usize)>>,
}

/// The year and quarter of a `YYYY-Qn` value.
fn quarter_of(value: &str) -> Option<(i32, u32)> {
    let (y, q) = value.split_once("-Q")?;
    Some((y.parse().ok()?, q.parse().ok().filter(|q| (1..=4).contains(q))?))
}

/// Modifiers of position included in a date's extent ("early next year", "the end of 1990").
const POSITION_PREFIXES: &[&[&str]] = &[
    &["early"],
    &["late"],
    &["mid"],
    &["the", "early"],
    &["the", "late"],
    &["the", "mid"],
    &["earlier"],
    &["later"],
    &["the", "end", "of"],
    &["the", "beginning", "of"],
    &["the", "start", "of"],
    &["the", "middle", "of"],
    &["the", "turn", "of"],
    &["end", "of"],
    &["beginning", "of"],
    &["the", "rest", "of"],
    &["earlier", "in"],
    &["later", "in"],
    &["early", "in"],
    &["late", "in"],
];

/// Modifiers of amount included in a duration's extent ("more than four hours", "about two years ago").
const AMOUNT_PREFIXES: &[&[&str]] = &[
    &["about"],
    &["around"],
    &["nearly"],
    &["almost"],
    &["roughly"],
    &["approximately"],
    &["over"],
    &["under"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["at", "least"],
    &["at", "most"],
    &["up", "to"],
    &["no", "more", "than"],
    &["as", "many", "as"],
    &["some"],
];

impl Parser<'_, '_> {
    fn tense_at(&self, i: usize) -> Option<Tense> {
        self.tenses.get(i).copied().flatten()
    }

    /// The quarter a comparison with "a year ago" at token `i` refers to, if one was named shortly before.
    fn recent_quarter(&self, i: usize) -> Option<(i32, u32)> {
        self.last_quarter.get().filter(|&(_, _, at)| i.saturating_sub(at) < 300).map(|(y, q, _)| (y, q))
    }

    /// The index after one of `prefixes` starting at `i`.
    fn prefix(&self, i: usize, prefixes: &[&[&str]]) -> Option<usize> {
        let t = self.t;
        // Compare the first word once: most tokens start no prefix.
        let first = t.low(i);
        let found = prefixes
            .iter()
            .find(|p| p.first() == Some(&first) && p.iter().enumerate().skip(1).all(|(k, w)| t.is(i + k, w)))?;
        let mut end = i + found.len();
        // "mid-November", "mid-1990s".
        if t.is(end, "-") && t.glued(end) {
            end += 1;
        }
        Some(end)
    }

    /// The longest expression starting at `i`, with any modifier it takes; returns its start too.
    fn match_at(&self, i: usize) -> Option<(usize, Hit)> {
        let mut best = self.core(i).map(|h| (i, h));
        let w = self.t.low(i);
        if is_position_start(w) {
            self.position_prefixed(i, &mut best);
        }
        if is_amount_start(w) {
            self.amount_prefixed(i, &mut best);
        }
        best
    }

    /// A date or time after a position modifier at `i` ("early next year"), if longer than `best`.
    fn position_prefixed(&self, i: usize, best: &mut Option<(usize, Hit)>) {
        if let Some(j) = self.prefix(i, POSITION_PREFIXES) {
            if let Some(h) = self.core(j).filter(|h| {
                matches!(h.kind, TimexType::Date | TimexType::Time)
                    && !h.value.as_deref().is_some_and(|v| v.ends_with("_REF"))
            }) {
                *best = longer(best.take(), (i, h));
            }
        }
    }

    /// A duration after an amount modifier at `i` ("more than four hours"), if longer than `best`.
    fn amount_prefixed(&self, i: usize, best: &mut Option<(usize, Hit)>) {
        let t = self.t;
        // "over the past three years": the preposition is not part of the span.
        let spatial = t.is_any(i, &["over", "under", "around", "about"]) && t.is(i + 1, "the");
        if let Some(j) = self.prefix(i, AMOUNT_PREFIXES).filter(|_| !spatial) {
            if let Some(h) = self.core(j).filter(|h| {
                matches!(h.kind, TimexType::Duration | TimexType::Time)
                    || (h.end > 0 && t.is_any(h.end - 1, &["ago", "earlier", "later"]))
            }) {
                *best = longer(best.take(), (i, h));
            }
        }
    }

    /// The longest bare expression at `i` (the first matcher wins ties).
    fn core(&self, i: usize) -> Option<Hit> {
        // Every matcher starts on a number or one of a few words: skip the rest.
        if !self.may_start_at(i) {
            return None;
        }
        self.longest_match(i)
    }

    /// Whether any matcher of [`Parser::longest_match`] can start at token `i`.
    fn may_start_at(&self, i: usize) -> bool {
        let t = self.t;
        let w = t.low(i);
        // Capitalized, only months, weekdays and holidays start more than the lowercase word would.
        let named = || {
            lexicon::month(w).is_some()
                || lexicon::weekday(w).is_some()
                || lexicon::weekday_plural(w).is_some()
                || lexicon::holiday_start(w)
        };
        t.is_number(i) || may_start(w) || (t.capitalized(i) && named())
    }

    /// Every matcher at `i`, the longest hit kept.
    fn longest_match(&self, i: usize) -> Option<Hit> {
        let candidates = [
            self.numeric_date(i),
            self.clock(i),
            self.weekday(i),
            self.month_date(i),
            self.holiday(i),
            self.day_word(i),
            self.relative_unit(i),
            self.quarter(i),
            self.year(i),
            self.season(i),
            self.set(i),
            self.year_earlier(i),
            self.duration(i),
            self.reference(i),
        ];
        candidates.into_iter().flatten().fold(None, |best: Option<Hit>, h| match best {
            Some(b) if b.end >= h.end => Some(b),
            _ => Some(h),
        })
    }
}

/// A lowercase word or mark some matcher of [`Parser::core`] can start on (numbers and
/// capitalized words aside); keep in step with the matchers (a test checks it on the
/// seed article and the tests' sentences).
fn may_start(w: &str) -> bool {
    numbers::unit_word(w).is_some()
        || numbers::tens_word(w).is_some()
        || numbers::ordinal_word(w).is_some()
        || lexicon::season(w).is_some()
        || matches!(
            w,
            "the"
                | "a"
                | "an"
                | "this"
                | "these"
                | "last"
                | "past"
                | "next"
                | "coming"
                | "current"
                | "currently"
                | "now"
                | "nowadays"
                | "recently"
                | "lately"
                | "recent"
                | "today"
                | "yesterday"
                | "tomorrow"
                | "tonight"
                | "noon"
                | "midday"
                | "midnight"
                | "fiscal"
                | "fy"
                | "final"
                | "eighteen"
                | "nineteen"
                | "'"
                | "\u{2019}"
                | "year"
                | "years"
                | "months"
                | "weeks"
                | "decades"
                | "centuries"
                | "daily"
                | "nightly"
                | "weekly"
                | "monthly"
                | "yearly"
                | "hourly"
                | "every"
                | "each"
                | "previous"
                | "following"
                | "remaining"
                | "latest"
                | "initial"
                | "another"
                | "additional"
                | "few"
                | "several"
                | "many"
                | "some"
                | "half"
        )
}

/// The first words of [`POSITION_PREFIXES`], matched without walking the table.
fn is_position_start(w: &str) -> bool {
    matches!(w, "early" | "late" | "mid" | "the" | "earlier" | "later" | "end" | "beginning")
}

/// The first words of [`AMOUNT_PREFIXES`].
fn is_amount_start(w: &str) -> bool {
    matches!(
        w,
        "about"
            | "around"
            | "nearly"
            | "almost"
            | "roughly"
            | "approximately"
            | "over"
            | "under"
            | "more"
            | "less"
            | "fewer"
            | "at"
            | "up"
            | "no"
            | "as"
            | "some"
    )
}

fn longer(best: Option<(usize, Hit)>, other: (usize, Hit)) -> Option<(usize, Hit)> {
    match best {
        Some(b) if b.1.end >= other.1.end => Some(b),
        _ => Some(other),
    }
}

/// The tense at each token: that of the nearest tense cue in the same clause.
fn tenses(tokens: &Tokens<'_>, given: &[ByteSpan]) -> Vec<Option<Tense>> {
    let n = tokens.len();
    let mut out = vec![None; n];
    // A token's cue reads only its neighbours, so it is the same in every clause: compute it once.
    let cues: Vec<Option<Tense>> = (0..n).map(|k| cue(tokens, k)).collect();
    let mut left = Vec::new();
    for (from, to) in scan::sentences(tokens, given) {
        // Clauses: semicolons separate independent statements with their own tense.
        let mut start = from;
        for k in from..=to {
            if k == to || tokens.is(k, ";") {
                fill_clause(&cues, start, k, &mut left, &mut out);
                start = k + 1;
            }
        }
    }
    out
}

/// The tense cue of token `k`, if it is a verb-like word that gives one.
fn cue(tokens: &Tokens<'_>, k: usize) -> Option<Tense> {
    let before = k.checked_sub(1).map_or("", |b| tokens.low(b));
    // Capitalized words are names ("United States"), not verbs.
    let verb_like = tokens.is_word(k) && !tokens.capitalized(k);
    verb_like.then(|| lexicon::tense_cue(before, tokens.low(k), tokens.low(k + 1))).flatten()
}

fn fill_clause(
    cues: &[Option<Tense>],
    from: usize,
    to: usize,
    left: &mut Vec<Option<(usize, Tense)>>,
    out: &mut [Option<Tense>],
) {
    let cue = |k: usize| cues.get(k).copied().flatten();
    // Distance to and tense of the nearest cue on the left, then compare with the right.
    left.clear();
    let mut last = None;
    for k in from..to {
        if let Some(t) = cue(k) {
            last = Some((k, t));
        }
        left.push(last);
    }
    let mut next: Option<(usize, Tense)> = None;
    for k in (from..to).rev() {
        if let Some(t) = cue(k) {
            next = Some((k, t));
        }
        let l = left.get(k - from).copied().flatten();
        let best = match (l, next) {
            (Some((lk, lt)), Some((rk, rt))) => Some(if k - lk <= rk - k { lt } else { rt }),
            (Some((_, lt)), None) => Some(lt),
            (None, Some((_, rt))) => Some(rt),
            (None, None) => None,
        };
        if let Some(slot) = out.get_mut(k) {
            *slot = best;
        }
    }
}
