//! spaCy's prefix, suffix and infix rules, evaluated with Python `re` semantics.
//!
//! spaCy joins each rule list into one Python regex and relies on its
//! backtracking order: at each position the first alternative that matches
//! wins, and a suffix search returns the leftmost-starting match. A few
//! alternatives carry lookbehind or lookahead, which the `regex` crate lacks.
//! So the rules are kept in order as segments: runs of plain alternatives
//! become one `regex` (whose leftmost-first semantics equal Python's for
//! them), and each lookaround rule is checked by hand, with its context
//! classes as code-point sets exported from Python.

use regex::Regex;
use serde::Deserialize;

use crate::lexeme::CharSet;
use crate::NlpError;

/// One alternative as `build.py` exported it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct RuleData {
    /// Classes the characters just before the match must be in, left to right.
    lb: Vec<usize>,
    body: String,
    /// Class the character just after the match must (or, with `neg`, must not) be in.
    la: Option<usize>,
    neg: bool,
    /// Longest body match in chars, when bounded.
    width: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AffixKind {
    Prefix,
    Suffix,
    Infix,
}

#[derive(Debug)]
struct LookRule {
    /// The characters a body match can start with: a cheap test that turns away most
    /// positions before the lookbehind classes and the regex are tried.
    first: FirstChars,
    lb: Vec<usize>,
    /// The body anchored at the start of the haystack (and at its end for suffixes).
    body: Regex,
    la: Option<usize>,
    neg: bool,
    width: Option<usize>,
}

#[derive(Debug)]
enum Segment {
    Plain(Regex),
    Look(LookRule),
}

/// An ordered rule list of one kind.
#[derive(Debug)]
pub(crate) struct AffixRules {
    segments: Vec<Segment>,
}

impl AffixRules {
    pub(crate) fn new(kind: AffixKind, rules: &[RuleData]) -> Result<Self, NlpError> {
        let compile = |pattern: String| Regex::new(&pattern).map_err(|e| NlpError::Model(format!("affix rule: {e}")));
        let wrap_plain = |bodies: &[&str]| -> String {
            let joined = bodies.iter().map(|b| format!("(?:{b})")).collect::<Vec<_>>().join("|");
            match kind {
                AffixKind::Prefix => format!("^(?:{joined})"),
                AffixKind::Suffix => format!("(?:{joined})$"),
                AffixKind::Infix => format!("(?:{joined})"),
            }
        };
        let mut segments = Vec::new();
        let mut plain: Vec<&str> = Vec::new();
        for rule in rules {
            if rule.lb.is_empty() && rule.la.is_none() {
                plain.push(&rule.body);
                continue;
            }
            if !plain.is_empty() {
                segments.push(Segment::Plain(compile(wrap_plain(&plain))?));
                plain.clear();
            }
            let body = match kind {
                AffixKind::Suffix => format!("^(?:{})$", rule.body),
                _ => format!("^(?:{})", rule.body),
            };
            segments.push(Segment::Look(LookRule {
                first: FirstChars::of(&rule.body),
                lb: rule.lb.clone(),
                body: compile(body)?,
                la: rule.la,
                neg: rule.neg,
                width: rule.width,
            }));
        }
        if !plain.is_empty() {
            segments.push(Segment::Plain(compile(wrap_plain(&plain))?));
        }
        Ok(AffixRules { segments })
    }

    /// Byte length of the prefix to split off `s`, 0 if none.
    pub(crate) fn prefix_len(&self, s: &str, classes: &[CharSet]) -> usize {
        for segment in &self.segments {
            match segment {
                Segment::Plain(re) => {
                    if let Some(m) = re.find(s) {
                        return m.end();
                    }
                }
                Segment::Look(rule) => {
                    if let Some(end) = rule.match_at(s, 0, classes) {
                        return end;
                    }
                }
            }
        }
        0
    }

    /// Byte length of the suffix to split off `s`, 0 if none.
    pub(crate) fn suffix_len(&self, s: &str, classes: &[CharSet]) -> usize {
        let mut best: Option<usize> = None;
        for segment in &self.segments {
            let start = match segment {
                Segment::Plain(re) => re.find(s).map(|m| m.start()),
                Segment::Look(rule) => rule.leftmost_suffix(s, classes),
            };
            // Ties go to the earlier rule, as in Python's alternation.
            if let Some(start) = start {
                if best.is_none_or(|b| start < b) {
                    best = Some(start);
                }
            }
        }
        best.map_or(0, |start| s.len() - start)
    }

    /// Non-overlapping infix matches of `s`, left to right, as Python's `finditer`.
    pub(crate) fn infixes(&self, s: &str, classes: &[CharSet], out: &mut Vec<(usize, usize)>) {
        out.clear();
        let mut cur = 0;
        while cur <= s.len() {
            let mut best: Option<(usize, usize)> = None;
            for segment in &self.segments {
                let limit = best.map_or(s.len(), |b| b.0);
                let found = match segment {
                    Segment::Plain(re) => re.find_at(s, cur).map(|m| (m.start(), m.end())),
                    Segment::Look(rule) => rule.first_match_from(s, cur, limit, classes),
                };
                if let Some(found) = found {
                    if best.is_none_or(|b| found.0 < b.0) {
                        best = Some(found);
                    }
                }
            }
            let Some((start, end)) = best else { break };
            out.push((start, end));
            cur = if end > start {
                end
            } else {
                // An empty match: step over one character, as finditer does.
                end + s[end..].chars().next().map_or(1, char::len_utf8)
            };
        }
    }
}

impl LookRule {
    fn behind_ok(&self, s: &str, at: usize, classes: &[CharSet]) -> bool {
        let mut before = s[..at].chars().rev();
        for &class in self.lb.iter().rev() {
            match (before.next(), classes.get(class)) {
                (Some(c), Some(set)) if set.contains(c) => {}
                _ => return false,
            }
        }
        true
    }

    fn ahead_ok(&self, s: &str, at: usize, classes: &[CharSet]) -> bool {
        let Some(class) = self.la else { return true };
        let inside = s[at..].chars().next().is_some_and(|c| classes.get(class).is_some_and(|set| set.contains(c)));
        inside != self.neg
    }

    /// End of this rule's match starting at byte `at`, if it matches there.
    fn match_at(&self, s: &str, at: usize, classes: &[CharSet]) -> Option<usize> {
        if !self.first.may_start(&s[at..]) || !self.behind_ok(s, at, classes) {
            return None;
        }
        let m = self.body.find(&s[at..])?;
        let end = at + m.end();
        self.ahead_ok(s, end, classes).then_some(end)
    }

    /// The leftmost start from which this (end-anchored) rule matches the rest of `s`.
    fn leftmost_suffix(&self, s: &str, classes: &[CharSet]) -> Option<usize> {
        let first = match self.width {
            // Only the last `width` characters can start a match.
            Some(width) => s.char_indices().rev().nth(width.saturating_sub(1)).map_or(0, |(i, _)| i),
            None => 0,
        };
        let starts = s[first..].char_indices().map(|(i, _)| first + i);
        starts
            .into_iter()
            .find(|&p| self.first.may_start(&s[p..]) && self.behind_ok(s, p, classes) && self.body.is_match(&s[p..]))
    }

    /// The first match starting in `[from, limit]`.
    fn first_match_from(&self, s: &str, from: usize, limit: usize, classes: &[CharSet]) -> Option<(usize, usize)> {
        let mut p = from;
        while p <= limit && p < s.len() {
            if let Some(end) = self.match_at(s, p, classes) {
                return Some((p, end));
            }
            p += s[p..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }
}

/// The characters a pattern's matches can start with (a superset), or `Any` when
/// that cannot be told: the pattern may match the empty string, or failed to parse
/// here (then `Regex::new` reports it).
#[derive(Debug)]
enum FirstChars {
    Any,
    Set {
        /// Bit c: ASCII character c may start a match.
        ascii: u128,
        /// Non-ASCII ranges that may start one.
        other: Vec<(char, char)>,
    },
}

impl FirstChars {
    fn of(pattern: &str) -> Self {
        let Ok(hir) = regex_syntax::Parser::new().parse(pattern) else { return FirstChars::Any };
        match first_of(&hir) {
            (Some(class), false) => {
                let mut ascii = 0u128;
                let mut other = Vec::new();
                for range in class.ranges() {
                    for c in range.start()..=range.end().min('\x7f') {
                        ascii |= 1 << (c as u32);
                    }
                    if range.end() > '\x7f' {
                        other.push((range.start().max('\u{80}'), range.end()));
                    }
                }
                FirstChars::Set { ascii, other }
            }
            _ => FirstChars::Any,
        }
    }

    /// Whether a match may start at the beginning of `rest`.
    fn may_start(&self, rest: &str) -> bool {
        let FirstChars::Set { ascii, other } = self else { return true };
        match rest.chars().next() {
            Some(c) if c.is_ascii() => ascii & (1 << (c as u32)) != 0,
            Some(c) => other.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)),
            None => false,
        }
    }
}

/// The first characters of `hir`'s matches (`None`: any) and whether it can match empty.
fn first_of(hir: &regex_syntax::hir::Hir) -> (Option<regex_syntax::hir::ClassUnicode>, bool) {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange, HirKind};
    let union = |a: Option<ClassUnicode>, b: Option<ClassUnicode>| match (a, b) {
        (Some(mut a), Some(b)) => {
            a.union(&b);
            Some(a)
        }
        _ => None,
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (Some(ClassUnicode::empty()), true),
        HirKind::Literal(literal) => match std::str::from_utf8(&literal.0).ok().and_then(|s| s.chars().next()) {
            Some(c) => (Some(ClassUnicode::new([ClassUnicodeRange::new(c, c)])), false),
            None => (None, literal.0.is_empty()),
        },
        HirKind::Class(regex_syntax::hir::Class::Unicode(class)) => (Some(class.clone()), false),
        HirKind::Class(regex_syntax::hir::Class::Bytes(_)) => (None, false),
        HirKind::Repetition(repetition) => {
            let (first, empty) = first_of(&repetition.sub);
            (first, empty || repetition.min == 0)
        }
        HirKind::Capture(capture) => first_of(&capture.sub),
        HirKind::Concat(parts) => {
            let mut first = Some(ClassUnicode::empty());
            for part in parts {
                let (part_first, empty) = first_of(part);
                first = union(first, part_first);
                if !empty {
                    return (first, false);
                }
            }
            (first, true)
        }
        HirKind::Alternation(options) => {
            let mut first = Some(ClassUnicode::empty());
            let mut any_empty = false;
            for option in options {
                let (option_first, empty) = first_of(option);
                first = union(first, option_first);
                any_empty |= empty;
            }
            (first, any_empty)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_chars_cover_every_alternative_and_refuse_empty_patterns() {
        let dashes = FirstChars::of("(?:-|–|—|--|~)");
        for start in ["-", "–x", "—", "~"] {
            assert!(dashes.may_start(start), "{start}");
        }
        for start in ["a", "", ".", "é"] {
            assert!(!dashes.may_start(start), "{start}");
        }
        let class = FirstChars::of("[+\\-\\*^]");
        assert!(class.may_start("*") && class.may_start("^") && !class.may_start("/"));
        // An optional first part: the next part can start a match too.
        let optional = FirstChars::of("(?:US)?\\$");
        assert!(optional.may_start("US$") && optional.may_start("$") && !optional.may_start("S"));
        // Case-insensitive letters, non-ASCII included.
        let folded = FirstChars::of("(?i)é");
        assert!(folded.may_start("É") && !folded.may_start("e"));
        assert!(matches!(FirstChars::of("a*"), FirstChars::Any));
        assert!(matches!(FirstChars::of("(unclosed"), FirstChars::Any));
    }
}
