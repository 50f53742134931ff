//! Whitespace as layout sees it: runs collapsed to one space, invisible characters
//! dropped, and visible characters counted. Byte-level loops, since every text
//! node and every paragraph of a page passes through here.

/// Non-whitespace characters of `s`, and how many of them are commas (Latin, CJK, Arabic).
pub(super) fn visible_chars(s: &str) -> (u32, u32) {
    let bytes = s.as_bytes();
    let (mut chars, mut commas) = (0u32, 0u32);
    let mut i = 0;
    while i < bytes.len() {
        // ASCII, the bulk of most pages, in blocks of byte counters the compiler vectorises.
        let end = (i + 64).min(bytes.len());
        let block = &bytes[i..end];
        let (mut high, mut space, mut comma) = (0u8, 0u8, 0u8);
        for &b in block {
            high |= b;
            space += u8::from(is_space(b));
            comma += u8::from(b == b',');
        }
        if high < 0x80 {
            chars += (block.len() - usize::from(space)) as u32;
            commas += u32::from(comma);
            i = end;
            continue;
        }
        // A block with other characters: character by character to its end, or just past
        // it, so that `i` stays on a character boundary.
        while i < end {
            let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else { return (chars, commas) };
            i += c.len_utf8();
            if !c.is_whitespace() {
                chars += 1;
                commas += u32::from(matches!(c, ',' | '，' | '、' | '،'));
            }
        }
    }
    (chars, commas)
}

/// ASCII whitespace as `char::is_whitespace` has it (`\x0b` included, unlike `u8::is_ascii_whitespace`).
fn is_space(b: u8) -> bool {
    b == b' ' || b.wrapping_sub(b'\t') < 5
}

/// Collapses runs of whitespace (NBSP included) to one space and trims.
pub fn collapse(s: &str) -> String {
    let mut out = Collapser { out: String::with_capacity(s.len()), space: false };
    out.push(s);
    out.out
}

/// [`collapse`] of a concatenation, appended piece by piece without building it first.
#[derive(Default)]
pub(super) struct Collapser {
    pub(super) out: String,
    /// Whitespace seen since the last visible character.
    pub(super) space: bool,
}

impl Collapser {
    pub(super) fn push(&mut self, s: &str) {
        // Copies runs of visible characters whole; only whitespace and the invisible
        // characters below end a run, and only non-ASCII bytes are decoded.
        let bytes = s.as_bytes();
        let (mut run, mut i) = (0, 0);
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                i += 1;
                if is_space(b) {
                    // One space between visible ASCII characters is already what collapsing
                    // gives: the run goes on, so prose is copied in long runs, not word by word.
                    if b == b' ' && i - 1 > run && bytes.get(i).is_some_and(|&n| n < 0x80 && !is_space(n)) {
                        continue;
                    }
                    self.visible(&s[run..i - 1]);
                    self.space = true;
                    run = i;
                }
                continue;
            }
            let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else { break };
            let at = i;
            i += c.len_utf8();
            if c.is_whitespace() {
                self.visible(&s[run..at]);
                self.space = true;
                run = i;
            } else if matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}') {
                // Soft hyphens and zero-width spaces are invisible: words must stay whole.
                self.visible(&s[run..at]);
                run = i;
            }
        }
        self.visible(s.get(run..).unwrap_or(""));
    }

    fn visible(&mut self, run: &str) {
        if run.is_empty() {
            return;
        }
        if self.space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push_str(run);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The per-character definitions these byte loops must agree with.
    fn collapse_reference(s: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in s.chars() {
            if c.is_whitespace() {
                space = true;
            } else if !matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}') {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
        out
    }

    fn visible_reference(s: &str) -> (u32, u32) {
        let visible = s.chars().filter(|c| !c.is_whitespace());
        let commas = visible.clone().filter(|c| matches!(c, ',' | '，' | '、' | '،')).count();
        (visible.count() as u32, commas as u32)
    }

    #[test]
    fn byte_loops_agree_with_the_char_definitions() {
        let pieces = [
            "", " ", "a", "é", ",", "，", "、", "،", "\u{a0}", "\u{3000}", "\u{ad}", "\u{200b}", "\u{feff}", "\x0b",
            "\r\n", "日本",
        ];
        let mut cases = vec![String::new()];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    cases.push(format!("{a}{b}{c}x{c}{a}"));
                }
            }
        }
        for case in &cases {
            assert_eq!(collapse(case), collapse_reference(case), "{case:?}");
            assert_eq!(visible_chars(case), visible_reference(case), "{case:?}");
            // Pushed in two pieces, the result is that of the whole.
            let cut = case.char_indices().nth(2).map_or(case.len(), |(i, _)| i);
            let mut out = Collapser::default();
            out.push(&case[..cut]);
            out.push(&case[cut..]);
            assert_eq!(out.out, collapse_reference(case), "{case:?}");
        }
    }
}
