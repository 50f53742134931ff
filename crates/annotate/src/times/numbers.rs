//! Numbers written in digits or words ("10,000", "1.5 million", "twenty-four",
//! "two hundred and five", "a dozen"), shared by the times and counts stages.
//!
//! Values are always finite: a digit string too long for exact arithmetic
//! (more than 15 digits) is not a number here, so hostile input never yields
//! `inf` or `NaN`.

use super::scan::{TokKind, Tokens};

/// A number found at some token: its value and the token index after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NumberMatch {
    pub value: f64,
    pub end: usize,
    /// Written in digits (possibly with a scale word: "1.5 million").
    pub digits: bool,
}

pub(crate) fn unit_word(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "dozen" => 12,
        _ => return None,
    })
}

pub(crate) fn tens_word(w: &str) -> Option<u32> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

pub(crate) fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "billion" | "bln" | "bn" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Ordinal words and digit ordinals' suffixes: `first` → 1, ..., `thirty-first` is not covered.
pub(crate) fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        _ => return None,
    })
}

/// The value of a digit token such as `10,000` or `1.5`; `None` for clock times,
/// slashed dates and numbers too long to hold exactly.
pub(crate) fn parse_digits(s: &str) -> Option<f64> {
    parse_grouped(s, '.', ',')
}

/// The value of digits written with `decimal` and thousands `group` separators
/// (`1,234.5` in English, `1.234,5` in German); `None` for clock times, slashed
/// dates, malformed groups and numbers too long to hold exactly.
pub(crate) fn parse_grouped(s: &str, decimal: char, group: char) -> Option<f64> {
    if s.contains([':', '/']) {
        return None;
    }
    let (int, frac) = match s.split_once(decimal) {
        Some((i, f)) if !f.contains([decimal, group]) => (i, f),
        Some(_) => return None,
        None => (s, ""),
    };
    let mut groups = int.split(group);
    let first = groups.next()?;
    let mut digits = first.to_string();
    if int.contains(group) && (first.is_empty() || first.len() > 3) {
        return None;
    }
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        digits.push_str(group);
    }
    if digits.is_empty() || digits.len() > 15 || frac.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let text = if frac.is_empty() { digits } else { format!("{digits}.{frac}") };
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A number starting at token `i`, in digits or words, with a trailing scale word.
pub(crate) fn number_at(t: &Tokens<'_>, i: usize) -> Option<NumberMatch> {
    if t.kind(i) == Some(TokKind::Number) {
        let mut value = parse_digits(t.raw(i))?;
        let mut end = i + 1;
        // A dash glued to the number is a range or a compound ("F-16"), not handled as a scale.
        while let Some(scale) = scale_word(t.low(end)) {
            value *= scale;
            end += 1;
        }
        return value.is_finite().then_some(NumberMatch { value, end, digits: true });
    }
    words_at(t, i)
}

/// A number spelt in words: "twenty-four", "two hundred and five", "a dozen", "a million".
fn words_at(t: &Tokens<'_>, i: usize) -> Option<NumberMatch> {
    let mut total = 0.0_f64;
    let mut current = 0.0_f64;
    let mut seen = false;
    let mut j = i;
    // "a hundred", "a million", "a dozen": the article stands for one.
    if t.is_any(j, &["a", "an"]) && (scale_word(t.low(j + 1)).is_some() || t.is(j + 1, "dozen")) {
        current = 1.0;
        seen = true;
        j += 1;
    }
    // Bounded: a number phrase never needs more than a dozen tokens.
    let limit = j + 12;
    while j < limit {
        let w = t.low(j);
        if let Some(u) = unit_word(w) {
            if w == "dozen" {
                current = if current == 0.0 { 12.0 } else { current * 12.0 };
            } else {
                current += f64::from(u);
            }
            seen = true;
            j += 1;
        } else if let Some(tens) = tens_word(w) {
            current += f64::from(tens);
            seen = true;
            j += 1;
            // "twenty-four" or "twenty four".
            let k = if t.is(j, "-") && t.glued(j) && t.glued(j + 1) { j + 1 } else { j };
            if let Some(u) = unit_word(t.low(k)).filter(|&u| (1..10).contains(&u)) {
                current += f64::from(u);
                j = k + 1;
            }
        } else if let Some(scale) = scale_word(w).filter(|_| seen) {
            if scale == 100.0 {
                current = current.max(1.0) * 100.0;
            } else {
                total += current.max(1.0) * scale;
                current = 0.0;
            }
            j += 1;
            // "two hundred and five".
            if t.is(j, "and") && (unit_word(t.low(j + 1)).is_some() || tens_word(t.low(j + 1)).is_some()) {
                j += 1;
            }
        } else {
            break;
        }
    }
    let value = total + current;
    (seen && value.is_finite()).then_some(NumberMatch { value, end: j, digits: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Option<f64> {
        let t = Tokens::new(text, newsgraph_model::words::WordRules::for_language(None));
        number_at(&t, 0).map(|m| m.value)
    }

    #[test]
    fn reads_digits_and_words() {
        assert_eq!(value("10,000 troops"), Some(10_000.0));
        assert_eq!(value("1.5 million"), Some(1_500_000.0));
        assert_eq!(value("twenty-four hours"), Some(24.0));
        assert_eq!(value("two hundred and five"), Some(205.0));
        assert_eq!(value("two million people"), Some(2_000_000.0));
        assert_eq!(value("a dozen"), Some(12.0));
        assert_eq!(value("troops"), None);
    }

    #[test]
    fn refuses_numbers_too_long_to_hold() {
        let long = "9".repeat(400);
        assert_eq!(value(&long), None);
        assert_eq!(parse_digits("1,0000"), None);
        assert_eq!(parse_digits("16:06"), None);
    }
}
