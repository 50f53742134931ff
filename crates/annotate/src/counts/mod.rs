//! Reported numbers ("some 10,000 troops", "more than 14,000 lives", "dozens of
//! protesters", "a third of the population") with their qualifier, the counted
//! object and a GDELT-style kind (KILL, WOUND, ARREST, KIDNAP, DISPLACED,
//! PROTEST, MILITARY, OTHER).
//!
//! One pass over the tokens of the text (the tokenizer of the times stage).
//! Numbers that are part of a time expression (read from `Article::times`,
//! which runs first), of a name (NER spans, or glued to letters as in
//! "F-16"), percentages, money, ordinals, clock times and ranges' dashes are
//! skipped. The counted object is the head noun after the number, past
//! adjectives ("100,000 Russian forces" → forces). Values are always finite:
//! a number too long to hold exactly is not reported.
//!
//! Articles confidently in German, French, Spanish, Italian, Portuguese, Dutch,
//! Polish or Russian are read by `intl` (each language's number separators
//! from CLDR, its qualifiers and counted nouns); any other article as English.
//!
//! It does not resolve what a bare number refers to across sentences, nor
//! add up several counts of the same thing.

mod intl;
mod lexicon;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_intl;

use newsgraph_model::words::WordRules;
use newsgraph_model::{Article, ByteSpan, Count, CountKind, CountQualifier, Reads, Stage, Timex};

use crate::offsets::CharCursor;
use crate::times::numbers::{number_at, NumberMatch};
use crate::times::scan::Tokens;

/// The counts stage.
#[derive(Debug, Default)]
pub struct Counts {}

impl Counts {
    pub fn new() -> Self {
        Counts {}
    }
}

impl Stage for Counts {
    fn name(&self) -> &'static str {
        "counts"
    }

    fn reads(&self) -> Reads {
        Reads::Only(crate::times::TIME_LANGUAGES)
    }

    fn annotate(&self, article: &mut Article) {
        let names: Vec<ByteSpan> = article.analysis.ner.iter().filter(|n| n.label.is_named()).map(|n| n.span).collect();
        let rules = WordRules::for_language(article.language.as_deref());
        let language = crate::times::other_language(article);
        article.counts = find_counts_in(language, &article.text, &article.times, &names, rules);
    }
}

/// [`find_counts`] for text in `language` (ISO 639-1; `None` or a language without count
/// words: English).
pub fn find_counts_in(
    language: Option<&str>,
    text: &str,
    times: &[Timex],
    names: &[ByteSpan],
    rules: &WordRules,
) -> Vec<Count> {
    if let Some(language) = language {
        let tokens = Tokens::new(text, rules);
        if let Some(found) = intl::find_counts(text, times, names, language, &tokens) {
            return found;
        }
    }
    find_counts(text, times, names, rules)
}

/// Which tokens cannot start a count: those covered by a time expression (`times`,
/// code-point spans) or a name (`names`, byte spans). Both come in text order.
pub(crate) fn blocked_tokens(text: &str, times: &[Timex], names: &[ByteSpan], t: &Tokens<'_>) -> Vec<bool> {
    let mut times_index = CharCursor::new(text);
    let mut blocked = vec![false; t.len()];
    let spans = times.iter().map(|x| times_index.span_bytes(x.span)).chain(names.iter().copied());
    for span in spans {
        let mut k = t.token_at(span.start());
        while k < t.len() && t.toks[k].start < span.end() {
            blocked[k] = true;
            k += 1;
        }
    }
    blocked
}

/// The counts in `text`, skipping numbers inside `times` (code-point spans) and `names` (byte spans);
/// `rules` are the text language's word rules ([`WordRules::for_language`]).
pub fn find_counts(text: &str, times: &[Timex], names: &[ByteSpan], rules: &WordRules) -> Vec<Count> {
    let t = Tokens::new(text, rules);
    let blocked = blocked_tokens(text, times, names, &t);
    collect(text, &t, |i| count_at(&t, i, &blocked))
}

/// The counts `count_at` finds, tried at each token of `t` left to right; a
/// count's tokens are not tried again. English and the other languages share it.
fn collect(text: &str, t: &Tokens<'_>, mut count_at: impl FnMut(usize) -> Option<Found>) -> Vec<Count> {
    let mut index = CharCursor::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match count_at(i) {
            Some(found) => {
                let span = t.span(found.start, found.end);
                out.push(Count {
                    span: index.span_chars(span),
                    text: span.slice(text).to_string(),
                    value: found.value,
                    qualifier: found.qualifier,
                    object: found.object,
                    kind: found.kind,
                });
                i = found.end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// A count a finder found at a token: its token range and what it says.
struct Found {
    start: usize,
    end: usize,
    value: f64,
    qualifier: CountQualifier,
    object: Option<String>,
    kind: CountKind,
}

/// A qualifier phrase at `i` and the index after it.
fn qualifier_at(t: &Tokens<'_>, i: usize) -> Option<(CountQualifier, usize)> {
    let first = t.low(i);
    if !lexicon::is_qualifier_start(first) {
        return None;
    }
    lexicon::QUALIFIERS
        .iter()
        .find(|(words, _)| starts_phrase(t, i, first, words))
        .map(|(words, q)| (*q, i + words.len()))
}

/// The tokens from `i`, whose first is `first` (lowercased), spell `words`.
fn starts_phrase(t: &Tokens<'_>, i: usize, first: &str, words: &[&str]) -> bool {
    words.first() == Some(&first) && words.iter().enumerate().skip(1).all(|(k, w)| t.is(i + k, w))
}

/// The amount at `j`: a number, a vague amount ("dozens of") or a fraction ("a third of").
fn amount_at(t: &Tokens<'_>, j: usize) -> Option<(f64, usize, bool)> {
    let first = t.low(j);
    let vague = || lexicon::VAGUE.iter().find(|(words, _)| starts_phrase(t, j, first, words));
    if let Some((words, value)) = lexicon::is_vague_start(first).then(vague).flatten() {
        let end = j + words.len();
        return t.is(end, "of").then_some((*value, end, true));
    }
    // "a third", "two-thirds", "half of".
    let (numerator, k) = match (t.low(j), t.low(j + 1)) {
        ("a" | "one", w) if lexicon::fraction(w).is_some() && w != "half" => (1.0, j + 1),
        (w, "-") if crate::times::numbers::unit_word(w).is_some() && t.glued(j + 1) => {
            (f64::from(crate::times::numbers::unit_word(w).unwrap_or(1)), j + 2)
        }
        ("half", "of") => return Some((0.5, j + 1, false)),
        _ => (0.0, j),
    };
    if k > j {
        let denominator = lexicon::fraction(t.low(k))?;
        // "a quarter" of a year is a time, caught before this; here it must be "of" something or stand alone.
        return Some((numerator / denominator, k + 1, false));
    }
    let NumberMatch { value, end, digits } = number_at(t, j)?;
    let single_word_one = !digits && end == j + 1 && t.is(j, "one");
    if single_word_one || t.is_any(j, &["zero"]) {
        return None;
    }
    Some((value, end, false))
}

fn count_at(t: &Tokens<'_>, i: usize, blocked: &[bool]) -> Option<Found> {
    let (qualifier, j) = match qualifier_at(t, i) {
        Some((q, j)) => (Some(q), j),
        None => (None, i),
    };
    if blocked.get(j).copied().unwrap_or(true) {
        return None;
    }
    // Numbers glued to letters are names or codes ("F-16", "G7", "COVID-19").
    if j > 0 && t.glued(j) && (t.is_word(j - 1) || (t.is(j - 1, "-") && j > 1 && t.glued(j - 1) && t.is_word(j - 2))) {
        return None;
    }
    let prev = j.checked_sub(1).map_or("", |p| t.low(p));
    if lexicon::is_money(prev) || prev == "#" || prev == "no" {
        return None;
    }
    let (value, end, vague) = amount_at(t, j)?;
    if !value.is_finite() || blocked.get(end.saturating_sub(1)).copied().unwrap_or(false) {
        return None;
    }
    let next = t.low(end);
    // Percentages, money, ordinals ("10th"), ranges and scores ("2-1"), compounds ("6-month-old").
    if matches!(next, "%" | "percent" | "per" | "st" | "nd" | "rd" | "th") && (next != "per" || t.is(end + 1, "cent"))
        || lexicon::is_money(next)
        || matches!(next, "gmt" | "utc" | "est" | "edt" | "pst" | "pdt" | "cet")
        || (next == "-" && t.glued(end))
    {
        return None;
    }
    let qualifier = match (qualifier, vague) {
        (Some(q), _) => q,
        (None, true) => CountQualifier::About,
        (None, false) => CountQualifier::Exact,
    };
    let (object, object_end) = object_at(t, end);
    let last = object_end.max(end);
    let kind = kind_of(t, i, last, object.as_deref());
    Some(Found { start: i, end: last, value, qualifier, object, kind })
}

/// The head noun of the phrase after a number: the last of up to four content words.
fn object_at(t: &Tokens<'_>, k: usize) -> (Option<String>, usize) {
    let mut k = k;
    if t.is(k, "of") {
        k += 1;
        if t.is_any(k, &["the", "its", "their", "his", "her", "these", "those", "them", "our"]) {
            k += 1;
        }
    }
    let mut head: Option<usize> = None;
    let mut j = k;
    while j < k + 4 && t.is_word(j) {
        // A line break ends the phrase: tables and lists put a label on the next line.
        let gap_start = j.checked_sub(1).and_then(|p| t.toks.get(p)).map_or(0, |p| p.end);
        if j > 0 && t.text.get(gap_start..t.toks[j].start).is_some_and(|gap| gap.contains('\n')) {
            break;
        }
        let low = t.low(j);
        let after_noun = head.is_some();
        // A participle or adverb after the noun starts the predicate ("people killed", "forces reportedly").
        if lexicon::is_stop(low) || (after_noun && (low.ends_with("ed") || low.ends_with("ly") || low.ends_with("ing")))
        {
            break;
        }
        head = Some(j);
        j += 1;
        // A plural noun closes the phrase: what follows is its verb ("two leaders attempts", "presidents held").
        let plural = low.len() > 3 && low.ends_with('s') && !low.ends_with("ss") && !low.ends_with("us");
        if plural && !t.capitalized(j - 1) {
            break;
        }
        // Possessives end the phrase ("10,000 people's").
        if t.possessive(j).is_some() {
            break;
        }
    }
    match head {
        Some(h) => (Some(t.raw(h).to_string()), h + 1),
        None => (None, k),
    }
}

/// The kind of a count from its object, else from cue words close before or after it.
fn kind_of(t: &Tokens<'_>, start: usize, end: usize, object: Option<&str>) -> CountKind {
    let object = object.map(str::to_ascii_lowercase);
    if let Some(kind) = object.as_deref().and_then(lexicon::kind_of_object) {
        return kind;
    }
    let lives = object.as_deref() == Some("lives");
    // The nearest cue within four words on either side, not across sentence punctuation; ties go to the verb before.
    let mut back = None;
    for k in (start.saturating_sub(4)..start).rev() {
        if t.is_any(k, &[".", ";", "!", "?"]) {
            break;
        }
        if lives && lexicon::takes_lives(t.low(k)) {
            return CountKind::Kill;
        }
        if let Some(kind) = lexicon::kind_of_cue(t.low(k)) {
            back = Some((start - k, kind));
            break;
        }
    }
    let mut ahead = None;
    for k in end..end + 4 {
        if k >= t.len() || t.is_any(k, &[".", ";", "!", "?"]) {
            break;
        }
        if let Some(kind) = lexicon::kind_of_cue(t.low(k)) {
            ahead = Some((k + 1 - end, kind));
            break;
        }
    }
    let cue = match (back, ahead) {
        (Some((db, kb)), Some((da, ka))) => Some(if db <= da { kb } else { ka }),
        (b, a) => b.or(a).map(|(_, k)| k),
    };
    match (cue, object.as_deref()) {
        (Some(kind), Some(o)) if is_person_noun(o) || kind != CountKind::Kill => kind,
        (Some(kind), None) => kind,
        _ => CountKind::Other,
    }
}

/// Nouns for people, which a preceding verb like "killing" can count.
fn is_person_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "persons"
            | "civilians"
            | "children"
            | "men"
            | "women"
            | "residents"
            | "villagers"
            | "workers"
            | "students"
            | "migrants"
            | "fighters"
            | "militants"
            | "rebels"
            | "police"
            | "officers"
            | "policemen"
            | "journalists"
            | "members"
            | "passengers"
            | "lives"
            | "others"
            | "palestinians"
            | "israelis"
    )
}
