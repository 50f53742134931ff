//! Speaker phrases around a cue, and their resolution to entities.
//!
//! A speaker phrase is found by position alone (no parser): the words before a
//! verb back to a clause boundary (`Lithuania's President Gitanas Nausėda has
//! described`), the words after an inverted verb (`said a spokesman`), or the
//! subject that opens the sentence for a participle (`..., saying`).
//! Resolution tries, in order: an entity mention overlapping the phrase (so
//! "White House officials" resolves to the White House when the entity layer
//! has it), then for a pronoun the nearest earlier compatible mention outside
//! quoted speech.

use newsgraph_model::{ByteSpan, EntityType};

use super::lexicon::{Lexicon, Pronoun};
use super::text::Tok;

/// A half-open token range.
pub type Range = (usize, usize);

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "one", "another", "some", "many", "two", "three", "several",
    "other", "these", "those", "this", "both", "most", "few", "all", "top", "senior", "former", "u.s.",
];

/// The speaker phrase ending just before token `cue` (auxiliaries and adverbs
/// skipped), never reaching before `floor`.
pub fn before(lex: Lexicon, tokens: &[Tok<'_>], floor: usize, cue: usize) -> Option<Range> {
    before_with(lex, tokens, floor, cue, true)
}

fn before_with(lex: Lexicon, tokens: &[Tok<'_>], floor: usize, cue: usize, skip_time: bool) -> Option<Range> {
    let mut i = cue;
    while i > floor && tokens[i - 1].is_word() && lex.is_auxiliary(&tokens[i - 1].lower) {
        i -= 1;
    }
    // Step over an apposition or a parenthesis between the name and its verb:
    // "Erin Murphy, a former aide, said", "Rep. Trey Gowdy (R-S.C.) said".
    for _ in 0..2 {
        match i.checked_sub(1).map(|p| tokens[p].low()) {
            Some(",") if i - 1 > floor => match apposition_start(lex, tokens, floor, i - 1) {
                Some(open) => i = open,
                // "El presidente del Gobierno, Pedro Sánchez, dijo": the name is the speaker.
                None if !lex.is_english() => return name_in_apposition(tokens, floor, i - 1),
                None => return None,
            },
            Some(")") => i = parenthesis_start(tokens, floor, i - 1)?,
            _ => break,
        }
    }
    let end = i;
    while i > floor {
        let t = &tokens[i - 1];
        // An auxiliary inside the run means a clause, not a name ("Trump has record low support").
        let clause_word =
            lex.is_phrase_boundary(&t.lower) || lex.is_auxiliary(&t.lower) || is_verb_use(lex, tokens, i - 1);
        if !t.is_word() || t.quote.is_some() || clause_word || end - i >= 12 {
            break;
        }
        i -= 1;
    }
    if i == end {
        return None;
    }
    // "Trump at the time said", "Obama on Tuesday said": step over a time adjunct to the subject.
    let time_word = |t: &Tok<'_>| {
        matches!(
            t.low(),
            "time"
                | "week"
                | "month"
                | "year"
                | "day"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "weekend"
                | "interview"
                | "statement"
                | "point"
                | "past"
        ) || crate::times::lexicon::is_full_weekday(&t.lower)
    };
    let after_preposition =
        i > floor + 1 && matches!(tokens[i - 1].low(), "at" | "on" | "in" | "during" | "last" | "this");
    if skip_time && after_preposition && time_word(&tokens[end - 1]) && end - i <= 3 {
        if let Some(subject) = before_with(lex, tokens, floor, i - 1, false) {
            return Some(subject);
        }
    }
    // A long run is usually a clause tail plus the subject: keep the last words,
    // starting at a determiner or a capitalized word.
    let mut start = i;
    if end - start > 6 {
        start = end - 6;
        while start < end - 1 && !starts_phrase(lex, &tokens[start]) {
            start += 1;
        }
    }
    Some((start, end))
}

/// Token `k` is a reporting verb used as a verb ("Western leaders fear Russia
/// plans"): lowercase, after a name, a plural or a pronoun rather than a determiner.
fn is_verb_use(lex: Lexicon, tokens: &[Tok<'_>], k: usize) -> bool {
    let t = &tokens[k];
    if t.capitalized || lex.cue(&t.lower).is_none() || k == 0 {
        return false;
    }
    let prev = &tokens[k - 1];
    prev.is_word() && !lex.is_determiner(prev.low(), DETERMINERS) && ends_like_subject(lex, tokens, (k - 1, k))
}

/// The comma that opens an apposition closed by the comma at `close`, when
/// the words between read like one ("a former aide", "56", "who ran ...").
fn apposition_start(lex: Lexicon, tokens: &[Tok<'_>], floor: usize, close: usize) -> Option<usize> {
    let lowest = floor.max(close.saturating_sub(25));
    let open = (lowest..close).rev().find(|&k| tokens[k].is(",") || tokens[k].quote.is_some())?;
    if tokens[open].quote.is_some() || open == floor || close - open < 2 {
        return None;
    }
    let first = &tokens[open + 1];
    let reads_as_apposition = lex.is_determiner(first.low(), DETERMINERS)
        || matches!(first.low(), "who" | "whose" | "which" | "speaking" | "citing" | "according")
        || first.lower.starts_with(|c: char| c.is_ascii_digit())
        || !first.capitalized;
    let verb_inside = tokens[open + 1..close]
        .iter()
        .any(|t| t.quote.is_some() || (lex.cue(&t.lower).is_some() && !t.capitalized && t.lower != "who"));
    (reads_as_apposition && !verb_inside).then_some(open)
}

/// The capitalized words between the comma closed at `close` and the comma before
/// them, one to four ("…, Pedro Sánchez,").
fn name_in_apposition(tokens: &[Tok<'_>], floor: usize, close: usize) -> Option<Range> {
    let lowest = floor.max(close.saturating_sub(5));
    let open = (lowest..close).rev().find(|&k| !(tokens[k].is_word() && tokens[k].capitalized))?;
    (tokens[open].is(",") && open + 1 < close).then_some((open + 1, close))
}

/// The opening parenthesis of the parenthesis closed at `close`.
fn parenthesis_start(tokens: &[Tok<'_>], floor: usize, close: usize) -> Option<usize> {
    let lowest = floor.max(close.saturating_sub(12));
    (lowest..close).rev().find(|&k| tokens[k].is("("))
}

fn starts_phrase(lex: Lexicon, t: &Tok<'_>) -> bool {
    t.capitalized || lex.is_determiner(t.low(), DETERMINERS) || lex.pronoun(&t.lower).is_some()
}

/// The speaker phrase starting at token `from` (`said Sen. Warren, ...`): words up to
/// punctuation or a boundary word, at most eight.
pub fn after(lex: Lexicon, tokens: &[Tok<'_>], from: usize, ceiling: usize) -> Option<Range> {
    let mut i = from;
    while i < ceiling && i - from < 8 {
        let t = &tokens[i];
        if !t.is_word() || t.quote.is_some() || (i > from && lex.is_phrase_boundary(&t.lower)) {
            break;
        }
        // "заявил он журналистам", "sagte er vor Journalisten": a pronoun is the whole phrase.
        if i == from && !lex.is_english() && lex.pronoun(&t.lower).is_some() {
            return Some((from, from + 1));
        }
        if lex.cue(&t.lower).is_some() && i > from {
            break;
        }
        i += 1;
    }
    (i > from).then_some((from, i))
}

/// The phrase opening the sentence (`President Putin has ..., saying`): its
/// first capitalized run or pronoun, with a leading determiner.
pub fn sentence_subject(lex: Lexicon, tokens: &[Tok<'_>], sentence: Range) -> Option<Range> {
    let (mut i, end) = sentence;
    // Skip an opening adverbial ("However, ...", "In Tuesday's debate, ...").
    if tokens[i].is_word() && lex.is_phrase_boundary(&tokens[i].lower) {
        let first_comma = (i..end.min(i + 20)).find(|&k| tokens[k].is(","))?;
        i = first_comma + 1;
    }
    let start = i;
    while i < end && i - start < 6 {
        let t = &tokens[i];
        let ok = t.is_word()
            && (t.capitalized
                || (i == start && lex.is_determiner(t.low(), DETERMINERS))
                || t.lower.ends_with("'s")
                || t.lower.ends_with("’s"));
        if !ok {
            break;
        }
        i += 1;
    }
    if i == start {
        return None;
    }
    Some((start, i))
}

/// The phrase could name a source: a pronoun, or a phrase with at least one
/// content word, not led by a verb-like lowercase word.
pub fn looks_like_source(lex: Lexicon, tokens: &[Tok<'_>], range: Range) -> bool {
    let (start, end) = range;
    if end <= start || end > tokens.len() {
        return false;
    }
    let words = &tokens[start..end];
    if words.len() == 1 && lex.pronoun(&words[0].lower).is_some() {
        return true;
    }
    let first = words[0].low();
    if !lex.is_english() {
        // No English word-shape tests: a phrase with a content word, not led by a boundary word.
        return !lex.is_phrase_boundary(first)
            && words.iter().any(|w| {
                w.is_word()
                    && w.lower.chars().any(char::is_alphabetic)
                    && !lex.is_function_word(&w.lower)
                    && lex.pronoun(&w.lower).is_none()
            });
    }
    if matches!(
        first,
        "that"
            | "this"
            | "there"
            | "it"
            | "what"
            | "needless"
            | "so"
            | "which"
            | "yes"
            | "well"
            | "now"
            | "perhaps"
            | "maybe"
    ) {
        return false;
    }
    // A lowercase verb form or adverb does not open a noun phrase ("simply", "having"),
    // nor does a preposition; an adverb does not end one ("a swiftly").
    if !words[0].capitalized && (first.ends_with("ly") || first.ends_with("ing")) || lex.is_phrase_boundary(first) {
        return false;
    }
    let last = &words[words.len() - 1];
    if !last.capitalized && last.lower.ends_with("ly") {
        return false;
    }
    words.iter().any(|w| w.is_word() && w.lower.chars().any(char::is_alphabetic) && !lex.is_function_word(&w.lower))
}

/// One entity mention of the entity layer, in bytes.
#[derive(Debug, Clone, Copy)]
pub struct EntityMention {
    pub span: ByteSpan,
    pub entity: usize,
    pub kind: EntityType,
}

fn rank(kind: EntityType) -> u8 {
    match kind {
        EntityType::Person => 4,
        EntityType::Org => 3,
        EntityType::Norp => 2,
        EntityType::Gpe => 1,
        _ => 0,
    }
}

/// The phrase ends like a subject of a bare present-tense verb: a name, a
/// pronoun or a plural ("Democrats support", not "record low support").
pub fn ends_like_subject(lex: Lexicon, tokens: &[Tok<'_>], range: Range) -> bool {
    let last = &tokens[range.1 - 1];
    last.capitalized || lex.pronoun(&last.lower).is_some() || (last.lower.ends_with('s') && !last.lower.ends_with("ss"))
}

/// The entity the speaker phrase names: the best-ranked mention inside it,
/// rightmost on ties (the head of "Lithuania's President Nausėda").
pub fn overlapping(mentions: &[EntityMention], span: ByteSpan) -> Option<usize> {
    let first = mentions.partition_point(|m| m.span.end() <= span.start());
    mentions[first..]
        .iter()
        .take_while(|m| m.span.start() < span.end())
        .filter(|m| m.span.end() > span.start() && rank(m.kind) > 0)
        .max_by_key(|m| (rank(m.kind), m.span.start()))
        .map(|m| m.entity)
}

/// The entity a pronoun at byte `at` refers to: the nearest earlier mention of a
/// compatible type that is not inside quoted speech.
pub fn antecedent(
    mentions: &[EntityMention],
    pronoun: Pronoun,
    at: usize,
    inside_quote: impl Fn(ByteSpan) -> bool,
) -> Option<usize> {
    let compatible = |kind: EntityType| match pronoun {
        Pronoun::Personal => kind == EntityType::Person,
        Pronoun::Neuter => matches!(kind, EntityType::Org | EntityType::Gpe | EntityType::Norp),
        Pronoun::Plural => matches!(kind, EntityType::Org | EntityType::Gpe | EntityType::Norp),
        Pronoun::Deictic => false,
    };
    let before = mentions.partition_point(|m| m.span.end() <= at);
    mentions[..before].iter().rev().take(200).find(|m| compatible(m.kind) && !inside_quote(m.span)).map(|m| m.entity)
}
