//! What a page's title and contact furniture say about who it is written for: an
//! informational article titles itself as a question, a ranking or a guide ("How to…",
//! "10 best…", "…in 2025"); a service page shows phone numbers and `tel:` links.
//!
//! Word lists are English; other languages simply score zero on the title features.

use crate::html::dom::Element;
use crate::html::tags::Tag;

/// Words that open a question title.
const QUESTION_WORDS: [&str; 14] =
    ["how", "what", "why", "when", "which", "where", "who", "can", "should", "is", "are", "do", "does", "will"];
/// Words of explainer, comparison and review titles.
const EXPLAINER_WORDS: [&str; 11] =
    ["tips", "ways", "guide", "vs", "versus", "explained", "reasons", "ideas", "review", "reviews", "checklist"];

/// `[title_question, title_ranking, title_year, title_explainer]` of a lowercased title.
pub(super) fn title_flags(title: &str) -> [f32; 4] {
    let words: Vec<&str> = title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let flag = |b: bool| f32::from(u8::from(b));
    let question = words.first().is_some_and(|w| QUESTION_WORDS.contains(w)) || title.contains('?');
    let leading_number = match words.as_slice() {
        ["top", n, ..] | [n, ..] => n.bytes().all(|b| b.is_ascii_digit()) && n.len() <= 3,
        [] => false,
    };
    let ranking = leading_number || words.iter().any(|w| *w == "best" || *w == "top");
    let year = words
        .iter()
        .any(|w| w.len() == 4 && (w.starts_with("20") || w.starts_with("19")) && w.bytes().all(|b| b.is_ascii_digit()));
    let explainer = words.iter().any(|w| EXPLAINER_WORDS.contains(w));
    [flag(question), flag(ranking), flag(year), flag(explainer)]
}

/// A link that dials a phone number (`<a href="tel:…">`).
pub(super) fn is_tel_link(tag: Tag, element: &Element) -> bool {
    tag == Tag::A && element.link.as_deref().is_some_and(|l| l.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("tel:")))
}

/// North American phone numbers written out in the text (`(555) 123-4567`, `555-123-4567`).
/// Only the positions of the second dash are visited (`memchr`): most text has few dashes.
pub(super) fn phone_numbers(text: &[u8]) -> u32 {
    let digits = |from: usize, n: usize| text.get(from..from + n).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let clear = |at: Option<usize>| at.and_then(|at| text.get(at)).is_none_or(|b| !b.is_ascii_digit());
    let mut count = 0;
    let mut last_end = 0;
    for dash in memchr::memchr_iter(b'-', text) {
        // `dash` ends `ddd-ddd` or `(ddd) ddd`; four digits follow it.
        if dash < 7 || dash < last_end || !digits(dash + 1, 4) || !clear(Some(dash + 5)) || !digits(dash - 3, 3) {
            continue;
        }
        let before = dash - 3;
        let dashed = text[before - 1] == b'-' && digits(before - 4, 3) && clear((before - 4).checked_sub(1));
        let bracketed = dash >= 9
            && text[before - 1] == b' '
            && text[before - 2] == b')'
            && digits(before - 5, 3)
            && text[before - 6] == b'(';
        if dashed || bracketed {
            count += 1;
            last_end = dash + 5;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_of_explainers_and_rankings() {
        assert_eq!(title_flags("how to fix a leaky tap"), [1.0, 0.0, 0.0, 0.0]);
        assert_eq!(title_flags("10 best laptops of 2025"), [0.0, 1.0, 1.0, 0.0]);
        assert_eq!(title_flags("plumbing vs piping: a guide"), [0.0, 0.0, 0.0, 1.0]);
        assert_eq!(title_flags("cybersecurity consulting services"), [0.0; 4]);
    }

    #[test]
    fn counts_phone_numbers_and_tel_links() {
        assert_eq!(phone_numbers(b"Call (555) 123-4567 or 555-123-4567 today"), 2);
        assert_eq!(phone_numbers(b"id 1234-123-4567 and 2024-01-15"), 0);
        let dom = crate::html::dom::Dom::parse(r#"<a href="tel:+15551234567">call</a><a href='/tel:1'>x</a>"#);
        let tels = dom.nodes.iter().filter(|n| n.element.as_ref().is_some_and(|e| is_tel_link(n.tag, e))).count();
        assert_eq!(tels, 1);
    }
}
