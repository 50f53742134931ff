//! Where each live-blog entry sits in the clean text.
//!
//! An entry's span starts where its body's first words are found in the text (the
//! words in order, any whitespace between them, so a paragraph break does not hide
//! them) and ends where its last words are found before the next entry starts; when
//! those are gone, at the end of the paragraph its first words end in. A headline found
//! just before the body joins the span. Entries whose first words are not in the text
//! get no span: the clean stage dropped them, and a guess would point at other text.

use newsgraph_model::{ByteSpan, CharIndex, LiveEntry};

use super::Given;

/// Words taken from each end of a body to find it.
const KEY_WORDS: usize = 8;
/// Fewest characters a key must have: shorter ones ("Yes.") match text that is not the entry's.
const KEY_MIN_CHARS: usize = 12;
/// Most bytes between a headline found in the text and its entry's body.
const HEADLINE_GAP: usize = 300;

/// The entries with their spans, in the order given.
pub(super) fn place(given: Vec<Given>, text: &str) -> Vec<LiveEntry> {
    let mut starts: Vec<Option<(usize, usize)>> = Vec::with_capacity(given.len());
    let mut claimed: Vec<usize> = Vec::new();
    // Entries mostly come in text order: each is looked for after the last one found
    // first, which keeps a long live blog linear, then anywhere.
    let mut cursor = 0;
    for entry in &given {
        let words: Vec<&str> = entry.body.split_whitespace().collect();
        let key = &words[..words.len().min(KEY_WORDS)];
        let headline: Vec<&str> = entry.headline.as_deref().unwrap_or("").split_whitespace().collect();
        let search = |words: &[&str]| {
            (key_chars(words) >= KEY_MIN_CHARS)
                .then(|| {
                    find_words(text, words, cursor, text.len(), &claimed)
                        .or_else(|| find_words(text, words, 0, cursor, &claimed))
                })
                .flatten()
        };
        // No body in the text (or none given): the headline alone, when it stands as its own line.
        let found = search(key).or_else(|| search(&headline));
        if let Some((start, _)) = found {
            claimed.push(start);
            cursor = start;
        }
        starts.push(found);
    }
    let mut sorted: Vec<usize> = claimed.clone();
    sorted.sort_unstable();
    let index = CharIndex::new(text);
    given
        .into_iter()
        .zip(starts)
        .map(|(entry, found)| {
            let span = found.map(|(start, key_end)| {
                let limit = sorted.iter().copied().find(|&s| s > start).unwrap_or(text.len());
                let floor = sorted.iter().copied().filter(|&s| s < start).max().unwrap_or(0);
                let end = body_end(text, &entry.body, start, key_end, limit);
                let start = headline_start(text, entry.headline.as_deref(), floor, start).unwrap_or(start);
                index.to_chars(ByteSpan::new(start, end.max(start)))
            });
            LiveEntry { published: entry.published, headline: entry.headline, span }
        })
        .collect()
}

/// Whether the first words of `body` stand in `text` (what [`place`] would find).
pub(super) fn is_in(text: &str, body: &str) -> bool {
    let words: Vec<&str> = body.split_whitespace().take(KEY_WORDS).collect();
    key_chars(&words) >= KEY_MIN_CHARS && find_words(text, &words, 0, text.len(), &[]).is_some()
}

fn key_chars(words: &[&str]) -> usize {
    words.iter().map(|w| w.chars().count()).sum()
}

/// Where the entry ends: after its last words when they lie in `[key_end, limit)`, else at
/// the end of the paragraph its first words end in (never past `limit`).
fn body_end(text: &str, body: &str, start: usize, key_end: usize, limit: usize) -> usize {
    let words: Vec<&str> = body.split_whitespace().collect();
    let tail = &words[words.len().saturating_sub(KEY_WORDS)..];
    if words.len() > KEY_WORDS && key_chars(tail) >= KEY_MIN_CHARS {
        // The last words may overlap the first ones: search from the entry's start.
        let found = find_words(text, tail, start, limit, &[]).filter(|&(_, end)| end >= key_end);
        if let Some((_, end)) = found {
            return end;
        }
    }
    let para_end = text.get(key_end..).and_then(|rest| rest.find("\n\n")).map_or(text.len(), |at| key_end + at);
    para_end.min(limit.max(key_end))
}

/// Where the entry's headline starts, when it stands in `[floor, start)` just before the body.
fn headline_start(text: &str, headline: Option<&str>, floor: usize, start: usize) -> Option<usize> {
    let headline = headline?.trim();
    if headline.is_empty() {
        return None;
    }
    let window = text.get(floor..start)?;
    let at = floor + window.rfind(headline)?;
    (start - (at + headline.len()) <= HEADLINE_GAP).then_some(at)
}

/// The first occurrence in `text[from..to]` of `words` in order, separated only by
/// whitespace and each a whole word of the text, that starts at no offset in `claimed`:
/// `(start, end)` in bytes.
pub(super) fn find_words(
    text: &str,
    words: &[&str],
    from: usize,
    to: usize,
    claimed: &[usize],
) -> Option<(usize, usize)> {
    let (first, rest) = words.split_first()?;
    let hay = text.get(from..to)?;
    for (at, _) in hay.match_indices(first) {
        let start = from + at;
        // A match inside a longer word is no match.
        if text[..start].chars().next_back().is_some_and(char::is_alphanumeric) || claimed.contains(&start) {
            continue;
        }
        let mut end = start + first.len();
        let mut ok = true;
        for word in rest {
            let tail = &text[end..to];
            let trimmed = tail.trim_start();
            if trimmed.len() == tail.len() || !trimmed.starts_with(word) {
                ok = false;
                break;
            }
            end += tail.len() - trimmed.len() + word.len();
        }
        // Nor does one that stops inside a longer word ("1" in "10").
        if ok && !text[end..].chars().next().is_some_and(char::is_alphanumeric) {
            return Some((start, end));
        }
    }
    None
}
