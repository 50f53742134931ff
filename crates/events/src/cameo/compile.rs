//! Compiling a raw PETRARCH verb dictionary into `cameo.tsv` rows: the Rust twin of
//! `models/events/build_cameo.py` (the test in `tests/cameo.rs` checks that both give the
//! committed table). See that script for the format and what is resolved.

use super::{PatternRow, VerbRow};
use crate::types::FastMap;

/// Characters PETRARCH uses to mark the parse tree, dropped from pattern words.
const MARKERS: &[char] = &['(', ')', '{', '}', '$', '+', '%', '^', '<', '>', '[', ']'];

fn clean(word: &str) -> String {
    word.replace(MARKERS, "").trim_matches('_').to_lowercase()
}

fn word_ok(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "'.-".contains(c))
}

/// Text before a `#` comment, without trailing blanks.
fn body(line: &str) -> &str {
    line.split('#').next().unwrap_or("").trim_end()
}

/// Removes every `open ... close` group (the first `close` after each `open`).
fn remove_groups(text: &str, open: char, close: char) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(s) = rest.find(open) {
        match rest[s..].find(close) {
            Some(e) => {
                out.push_str(&rest[..s]);
                rest = &rest[s + e + close.len_utf8()..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// The first `[code]` of a line (`[042:043]` codes 042); `None` when there is none.
fn code_of(text: &str) -> Option<String> {
    let s = text.find('[')?;
    let e = text[s..].find(']')? + s;
    let code = text[s + 1..e].trim().split(':').next().unwrap_or("").trim();
    (!code.is_empty()).then(|| code.to_string())
}

fn split_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(['_', ' ']).filter(|w| !w.is_empty())
}

fn read_synsets(lines: &[&str]) -> FastMap<String, Vec<String>> {
    let mut sets: FastMap<String, Vec<String>> = FastMap::default();
    let mut name: Option<String> = None;
    for line in lines {
        let b = body(line);
        if b.starts_with('&') {
            let n = b.split_whitespace().next().unwrap_or("").to_uppercase();
            sets.insert(n.clone(), Vec::new());
            name = Some(n);
        } else if let (Some(member), Some(n)) = (b.strip_prefix('+'), &name) {
            sets.entry(n.clone()).or_default().push(member.trim().to_string());
        } else if line.trim().is_empty() || b.starts_with("---") {
            name = None;
        }
    }
    sets
}

fn expand(member: &str, sets: &FastMap<String, Vec<String>>, depth: usize) -> Vec<String> {
    let member = member.trim();
    if member.starts_with('&') {
        if depth > 4 {
            return Vec::new();
        }
        let key = member.split_whitespace().next().unwrap_or("").to_uppercase();
        return sets.get(&key).into_iter().flatten().flat_map(|m| expand(m, sets, depth + 1)).collect();
    }
    let words: Vec<String> = split_words(member).map(clean).filter(|w| word_ok(w)).collect();
    if words.is_empty() {
        Vec::new()
    } else {
        vec![words.join("_")]
    }
}

fn slots(text: &str, sets: &FastMap<String, Vec<String>>) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split_whitespace() {
        if raw == "*" || raw == "-" {
            continue;
        }
        if !raw.contains('&') {
            // Words joined by '_' are one phrase: consecutive words, one slot.
            let words: Vec<String> = raw.split('_').map(clean).filter(|w| word_ok(w)).collect();
            if !words.is_empty() {
                out.push(words.join("_"));
            }
            continue;
        }
        for part in raw.split('_') {
            let stripped = part.trim_start_matches(['(', '{', '$', '+', '%', '^']);
            if stripped.starts_with('&') {
                let mut alts = expand(stripped.trim_end_matches([')', '}']), sets, 0);
                alts.sort();
                alts.dedup();
                if !alts.is_empty() {
                    out.push(alts.join("|"));
                }
            } else {
                let w = clean(part);
                if word_ok(&w) {
                    out.push(w);
                }
            }
        }
    }
    out
}

/// Regular forms of a verb, as PETRARCH generates them.
fn inflect(verb: &str) -> Vec<String> {
    let mut forms = vec![verb.to_string()];
    let vowel = |c: char| "aeiou".contains(c);
    let mut chars = verb.chars().rev();
    let (last, before) = (chars.next(), chars.next());
    if let Some(stem) = verb.strip_suffix('e') {
        forms.extend([format!("{verb}s"), format!("{verb}d"), format!("{stem}ing")]);
    } else if last == Some('y') && before.is_some_and(|c| !vowel(c)) {
        let stem = &verb[..verb.len() - 1];
        forms.extend([format!("{stem}ies"), format!("{stem}ied"), format!("{verb}ing")]);
    } else if ["s", "sh", "ch", "x", "z"].iter().any(|s| verb.ends_with(s)) {
        forms.extend([format!("{verb}es"), format!("{verb}ed"), format!("{verb}ing")]);
    } else {
        forms.extend([format!("{verb}s"), format!("{verb}ed"), format!("{verb}ing")]);
    }
    forms
}

fn verb_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_lowercase()) && w.chars().all(|c| c.is_ascii_lowercase() || "'-".contains(c))
}

/// The verb form and pattern rows of a raw PETRARCH verb dictionary (as `build_cameo.py`).
pub fn compile_petrarch(text: &str) -> (Vec<VerbRow>, Vec<PatternRow>) {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("---")).unwrap_or(lines.len());
    let sets = read_synsets(&lines);
    let (mut verbs, mut patterns): (Vec<VerbRow>, Vec<PatternRow>) = (Vec::new(), Vec::new());
    let (mut block, mut block_code, mut in_set): (Option<usize>, Option<String>, bool) = (None, None, false);
    for line in &lines[start..] {
        let b = body(line);
        if line.trim().is_empty() {
            in_set = false;
        }
        if b.starts_with('&') {
            // A synonym set defined between blocks: its '+' members are no verbs.
            in_set = true;
        }
        if b.trim().is_empty() || b.starts_with('&') || (b.starts_with('+') && (in_set || block.is_none())) {
            continue;
        }
        if b.starts_with("---") {
            block = Some(block.map_or(0, |n| n + 1));
            block_code = code_of(b);
        } else if let Some(pattern) = b.strip_prefix('-') {
            let (Some(code), Some(n)) = (code_of(b), block) else { continue };
            let pattern = remove_groups(pattern, '[', ']');
            let (pre, post) = pattern.split_once('*').unwrap_or(("", &pattern));
            let (pre, post) = (slots(pre, &sets), slots(post, &sets));
            if !pre.is_empty() || !post.is_empty() {
                let side = |s: Vec<String>| if s.is_empty() { "-".to_string() } else { s.join(" ") };
                patterns.push((n, code, side(pre), side(post)));
            }
        } else if let Some(n) = block.filter(|_| !b.starts_with('<')) {
            let own = code_of(b);
            let head = remove_groups(b, '[', ']');
            let irregular =
                head.find('{').and_then(|s| head[s + 1..].find('}').map(|e| head[s + 1..s + 1 + e].to_string()));
            let phrase = remove_groups(&head, '{', '}');
            let phrase = phrase.trim().trim_start_matches('+');
            let words: Vec<String> = split_words(phrase).map(str::to_lowercase).collect();
            if words.is_empty() || !words.iter().all(|w| verb_word(w)) {
                // A phrase whose verb is not its first word ('KLM_NOP_+RST'): skipped.
                continue;
            }
            let rest = &words[1..];
            let with_rest = |f: String| if rest.is_empty() { f } else { format!("{f} {}", rest.join(" ")) };
            let mut forms: Vec<String> = inflect(&words[0]).into_iter().map(with_rest).collect();
            for f in irregular.iter().flat_map(|s| s.split_whitespace()) {
                let f = f.trim_start_matches('+').to_lowercase().replace('_', " ");
                if f.starts_with(|c: char| c.is_ascii_lowercase())
                    && f.chars().all(|c| c.is_ascii_lowercase() || "' -".contains(c))
                {
                    forms.push(if f.contains(' ') { f } else { with_rest(f) });
                }
            }
            let code = own.or_else(|| block_code.clone()).filter(|c| c != "---").unwrap_or_else(|| "-".into());
            verbs.extend(forms.into_iter().map(|f| (f, n, code.clone())));
        }
    }
    verbs.sort();
    verbs.dedup();
    (verbs, patterns)
}
