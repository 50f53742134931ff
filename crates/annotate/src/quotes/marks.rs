//! Pairs quotation marks into direct-quote spans.
//!
//! Straight, curly and low-9 double marks and guillemets are understood, so the
//! conventions of the languages read are: `"…"`, `“…”`, German `„…“` and `»…«`,
//! Polish `„…”`, French `« … »` (spaces inside are trimmed), `«…»`. A mark's role
//! comes from the characters around it, so `“` closes after a word (`„Ja“, sagte
//! er`) and `»` opens before one. Single marks are not understood (they double as
//! apostrophes), except the German low-9 pair `‚…‘`, whose opening mark is never an
//! apostrophe: `‚` always opens and `‘` only closes it. Nested single quotes stay
//! inside their outer quote. Pairing is local to a paragraph and linear in the
//! number of marks: an unmatched mark is dropped and pairing goes on after it,
//! so one stray mark never costs the rest of the document. A quote left open
//! at a paragraph end continues when the next paragraph opens with a mark (the
//! newspaper convention for multi-paragraph quotes); its pieces share a group.

use newsgraph_model::ByteSpan;

/// One direct-quote piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    /// The span with its marks.
    pub outer: ByteSpan,
    /// The words between the marks, trimmed of spaces and a trailing comma.
    pub inner: ByteSpan,
    /// Pieces of one multi-paragraph quote share a group number.
    pub group: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Angle,
    /// `‚…‘`: roles fixed by the glyph, whatever stands around it.
    LowSingle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    pos: usize,
    len: usize,
    family: Family,
    role: Role,
}

fn glyph(c: char) -> Option<(Family, Role)> {
    match c {
        '"' | '＂' => Some((Family::Double, Role::Either)),
        '“' | '„' | '‟' => Some((Family::Double, Role::Open)),
        '”' => Some((Family::Double, Role::Close)),
        '«' => Some((Family::Angle, Role::Open)),
        '»' => Some((Family::Angle, Role::Close)),
        '‚' => Some((Family::LowSingle, Role::Open)),
        '‘' => Some((Family::LowSingle, Role::Close)),
        _ => None,
    }
}

/// A mark, for the context of another: the double marks, guillemets and apostrophes.
fn is_mark(c: char) -> bool {
    matches!(c, '"' | '＂' | '“' | '„' | '‟' | '”' | '«' | '»' | '\'')
}

/// The role the surrounding characters give a mark, when they are decisive.
fn context_role(before: Option<char>, after: Option<char>) -> Option<Role> {
    let open_left = before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/'));
    let close_right = after.is_none_or(|c| {
        c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–' | '…')
    });
    let solid_right = after.is_some_and(|c| !c.is_whitespace() && !is_mark(c));
    let solid_left = before.is_some_and(|c| !c.is_whitespace() && !is_mark(c));
    match (open_left && solid_right, close_right && solid_left) {
        (true, false) => Some(Role::Open),
        (false, true) => Some(Role::Close),
        _ => None,
    }
}

fn marks_of(paragraph: &str, offset: usize) -> Vec<Mark> {
    let mut out = Vec::new();
    let char_at = |i: usize| paragraph.get(i..).and_then(|s| s.chars().next());
    let bytes = paragraph.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Every mark starts with one of these bytes (ASCII, or the lead byte of U+00AB/BB,
        // U+201C-F and U+FF02): skip the rest without decoding.
        if !matches!(bytes[i], b'"' | b'\'' | b'`' | 0xC2 | 0xE2 | 0xEF) {
            i += 1;
            continue;
        }
        let Some(c) = char_at(i) else { break };
        let before = paragraph.get(..i).and_then(|s| s.chars().next_back());
        let mut next = i + c.len_utf8();
        let mut found = glyph(c).map(|g| (g, c.len_utf8()));
        // Typewriter style: two apostrophes or backticks for one double mark (''so'', ``so'').
        if (c == '\'' || c == '`') && char_at(next) == Some(c) {
            next += 1;
            let own = if c == '`' { Role::Open } else { Role::Either };
            found = Some(((Family::Double, own), 2));
        }
        if let Some(((family, own), len)) = found {
            let after = char_at(next);
            let role = match family {
                Family::LowSingle => own,
                // French `« Oui »,`: a guillemet before closing punctuation closes, whatever precedes it.
                Family::Angle if after.is_some_and(|c| matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '…')) => {
                    Role::Close
                }
                _ => context_role(before, after).unwrap_or(own),
            };
            out.push(Mark { pos: offset + i, len, family, role });
        }
        i = next;
    }
    out
}

/// Trims spaces around a quote's words and the comma that belongs to the
/// reporting sentence (`"We will win," he said`).
fn inner_span(text: &str, start: usize, end: usize) -> ByteSpan {
    let slice = text.get(start..end).unwrap_or("");
    let trimmed_start = slice.len() - slice.trim_start().len();
    let mut inner = slice.trim();
    if let Some(stripped) = inner.strip_suffix(',') {
        inner = stripped.trim_end();
    }
    ByteSpan::new(start + trimmed_start, start + trimmed_start + inner.len())
}

/// A short quoted name between two capitalized words is a nickname
/// (`Dwayne "The Rock" Johnson`), not speech.
fn is_nickname(text: &str, outer: ByteSpan, inner: ByteSpan) -> bool {
    let words: Vec<&str> = inner.slice(text).split_whitespace().collect();
    if words.is_empty() || words.len() > 3 || !words.iter().all(|w| w.starts_with(char::is_uppercase)) {
        return false;
    }
    let before = text[..outer.start()].trim_end_matches(' ');
    let after = text[outer.end()..].strip_prefix(' ').unwrap_or("");
    let prev_word = before.rsplit(' ').next().unwrap_or("");
    let capital_before = before.len() < outer.start() && prev_word.starts_with(char::is_uppercase);
    capital_before && after.starts_with(char::is_uppercase)
}

/// Every direct-quote piece of `text`, in order, non-overlapping.
pub fn pair(text: &str) -> Vec<QuoteSpan> {
    let mut out: Vec<QuoteSpan> = Vec::new();
    let mut group = 0;
    // A quote left open at the end of the previous paragraph: (its family, its group).
    let mut carried: Option<(Family, usize)> = None;
    let mut offset = 0;
    for line in text.split('\n') {
        let line_start = offset;
        offset += line.len() + 1;
        if line.trim().is_empty() {
            continue;
        }
        let marks = marks_of(line, line_start);
        let first_mark_at_start =
            marks.first().is_some_and(|m| line[..m.pos - line_start].trim().is_empty() && m.role != Role::Close);
        let continues = carried.filter(|(family, _)| first_mark_at_start && marks[0].family == *family);
        let mut open: Option<(Mark, usize)> = None;
        let mut rest = &marks[..];
        if let Some((_, g)) = continues {
            if let Some((first, tail)) = marks.split_first() {
                open = Some((*first, g));
                rest = tail;
            }
        }
        for &mark in rest {
            match open {
                Some((o, g)) if o.family == mark.family => {
                    if mark.role == Role::Open {
                        // The earlier mark was stray: drop it and start afresh here.
                        group += 1;
                        open = Some((mark, group));
                    } else {
                        let inner = inner_span(text, o.pos + o.len, mark.pos);
                        let outer = ByteSpan::new(o.pos, mark.pos + mark.len);
                        if !inner.is_empty() && !is_nickname(text, outer, inner) {
                            out.push(QuoteSpan { outer, inner, group: g });
                        }
                        open = None;
                    }
                }
                // A mark of the other family inside a quote is a nested quote: it stays content.
                Some(_) => {}
                None => {
                    if mark.role != Role::Close {
                        group += 1;
                        open = Some((mark, group));
                    }
                }
            }
        }
        carried = None;
        if let Some((o, g)) = open {
            // Open at the paragraph end: keep the piece only if the next paragraph continues it.
            let next = text[offset.min(text.len())..].trim_start();
            let (first, after_mark) = if let Some(rest) = next.strip_prefix("''") {
                (Some((Family::Double, Role::Either)), rest)
            } else if let Some(rest) = next.strip_prefix("``") {
                (Some((Family::Double, Role::Open)), rest)
            } else {
                let mut cs = next.chars();
                (cs.next().and_then(glyph), cs.as_str())
            };
            let next_opens = first.is_some_and(|(family, own)| {
                family == o.family
                    && own != Role::Close
                    && after_mark.chars().next().is_some_and(|c| !c.is_whitespace())
            });
            if next_opens {
                let end = line_start + line.len();
                let inner = inner_span(text, o.pos + o.len, end);
                if !inner.is_empty() {
                    out.push(QuoteSpan { outer: ByteSpan::new(o.pos, end), inner, group: g });
                }
                carried = Some((o.family, g));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<&str> {
        pair(text).iter().map(|q| q.inner.slice(text)).collect()
    }

    #[test]
    fn pairs_straight_curly_and_guillemets() {
        assert_eq!(contents(r#"He said "yes, we will," then left."#), ["yes, we will"]);
        assert_eq!(contents("She said “no” and «non»."), ["no", "non"]);
    }

    #[test]
    fn pairs_each_languages_marks() {
        // German: low-9 opening, U+201C closing; guillemets pointing inwards; single low-9.
        assert_eq!(contents("„Wir schaffen das“, sagte sie. »Nein«, sagte er."), ["Wir schaffen das", "Nein"]);
        assert_eq!(contents("Er nannte es ‚absurd‘ und ging."), ["absurd"]);
        assert_eq!(contents("„Das ist ‚absurd‘“, sagte er."), ["Das ist ‚absurd‘"]);
        // French with inner (non-breaking) spaces; Polish low-9 with U+201D.
        assert_eq!(contents("« Nous partons », a-t-il dit. «\u{a0}Oui\u{a0}»."), ["Nous partons", "Oui"]);
        assert_eq!(contents("„Nie zgadzam się” – powiedział."), ["Nie zgadzam się"]);
        // Russian guillemets with „…“ nested inside.
        assert_eq!(contents("«Он сказал „нет“», — заявил он."), ["Он сказал „нет“"]);
        // An English ‘ never opens a quote, so double quotes after it still pair.
        assert_eq!(contents("‘Tis the season, \"he said\" ‘twice"), ["he said"]);
    }

    #[test]
    fn typewriter_double_apostrophes_are_marks() {
        assert_eq!(
            contents("''It's more tinkering,'' said Alan Cole. ``Yes,'' he added."),
            ["It's more tinkering", "Yes"]
        );
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(contents("«He told me “go” twice»"), ["He told me “go” twice"]);
    }

    #[test]
    fn recovers_after_a_stray_mark() {
        let text = "A stray \" mark here. Then \"a real quote\" follows.\n\n\"Another one,\" he said.";
        assert_eq!(contents(text), ["a real quote", "Another one"]);
    }

    #[test]
    fn multi_paragraph_quote_shares_a_group() {
        let text = "He said: \"First part.\n\n\"Second part.\"\n\nNot quoted.";
        let q = pair(text);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].inner.slice(text), "First part.");
        assert_eq!(q[1].inner.slice(text), "Second part.");
        assert_eq!(q[0].group, q[1].group);
    }

    #[test]
    fn unclosed_quote_without_continuation_is_dropped() {
        assert!(contents("He said \"never closed.\n\nNext paragraph.").is_empty());
    }

    #[test]
    fn nicknames_are_not_quotes() {
        assert!(contents("Dwayne \"The Rock\" Johnson arrived.").is_empty());
    }

    #[test]
    fn ten_thousand_marks_do_not_blow_up() {
        let text = "\"".repeat(10_000);
        let started = std::time::Instant::now();
        assert!(contents(&text).is_empty());
        let text = "“a” ".repeat(10_000);
        assert_eq!(contents(&text).len(), 10_000);
        assert!(started.elapsed().as_secs() < 2);
    }
}
