//! Tokens and sentences, and the closed word classes the clause analysis needs.
//!
//! The coder tokenizes each sentence itself (linear, no allocation beyond the
//! token list) so that it works whether or not the NLP layer ran; it takes the
//! NLP layer's sentence spans when they exist.

use newsgraph_model::ByteSpan;

/// One word or punctuation mark of a sentence.
#[derive(Debug, Clone)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    /// Lower-cased text (curly apostrophes folded to `'`).
    pub lower: String,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// A word (has a letter or digit), as opposed to punctuation.
    pub word: bool,
}

impl Tok {
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    pub fn is_any(&self, words: &[&str]) -> bool {
        words.contains(&self.lower.as_str())
    }

    pub fn span(&self) -> ByteSpan {
        ByteSpan::new(self.start, self.end)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»')
}

/// Splits `text[range]` into tokens: words (with inner `-`, `.`, `'`), `'s`/`n't` clitics, punctuation.
pub fn tokenize(text: &str, range: ByteSpan, out: &mut Vec<Tok>) {
    let Some(slice) = text.get(range.start..range.end) else { return };
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = range.start + offset;
        if !is_word_char(c) {
            let end = start + c.len_utf8();
            push(text, start, end, out);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let joiner =
                matches!(c, '-' | '.' | '\'' | '’' | '&') && chars.get(j + 1).is_some_and(|&(_, n)| is_word_char(n));
            if !(is_word_char(c) || joiner) {
                break;
            }
            j += 1;
        }
        // "U.S." keeps its final dot: an initialism is dotted letters.
        if chars.get(j).is_some_and(|&(_, c)| c == '.') && is_initialism(&chars[i..j]) {
            j += 1;
        }
        let end = range.start + chars.get(j).map_or(slice.len(), |&(o, _)| o);
        split_clitics(text, start, end, out);
        i = j;
    }
}

fn is_initialism(chars: &[(usize, char)]) -> bool {
    chars.len() >= 3
        && chars.iter().enumerate().all(|(k, &(_, c))| if k % 2 == 0 { c.is_uppercase() } else { c == '.' })
}

fn split_clitics(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let word = &text[start..end];
    let lower = word.to_lowercase().replace('’', "'");
    for suffix in ["'s", "n't", "'ll", "'ve", "'re", "'d"] {
        if lower.len() > suffix.len() + 1 && lower.ends_with(suffix) {
            let cut = end - word_suffix_bytes(word, suffix.chars().count());
            push(text, start, cut, out);
            push(text, cut, end, out);
            return;
        }
    }
    if lower == "cannot" {
        push(text, start, start + 3, out);
        push(text, start + 3, end, out);
        return;
    }
    push(text, start, end, out);
}

fn word_suffix_bytes(word: &str, chars: usize) -> usize {
    word.chars().rev().take(chars).map(char::len_utf8).sum()
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let raw = &text[start..end];
    let lower = raw.to_lowercase().replace('’', "'");
    let lower = if lower == "not" { "not".to_string() } else { lower };
    let cap = raw.chars().next().is_some_and(char::is_uppercase);
    let word = raw.chars().any(char::is_alphanumeric);
    out.push(Tok { start, end, lower, cap, word });
}

/// Sentence spans of `text`: breaks after `.!?` (not after an initial or a title) before an
/// upper-case letter or a quote, and at blank lines.
pub fn split_sentences(text: &str) -> Vec<ByteSpan> {
    let mut spans = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let boundary = if b == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            Some(i)
        } else if matches!(b, b'.' | b'!' | b'?') {
            let mut k = i + 1;
            while k < bytes.len() && (bytes[k] == b'"' || bytes[k] == b'\'' || text[k..].starts_with('”')) {
                k += if text[k..].starts_with('”') { '”'.len_utf8() } else { 1 };
            }
            let next_ok = k >= bytes.len() || bytes[k].is_ascii_whitespace();
            let after = text[k..].trim_start();
            let starts_new = after.chars().next().is_some_and(|c| c.is_uppercase() || is_quote(c) || c.is_numeric());
            if b == b'.' && ends_with_abbreviation(&text[start..i]) {
                None
            } else if next_ok && (starts_new || after.is_empty()) {
                Some(k)
            } else {
                None
            }
        } else {
            None
        };
        if let Some(end) = boundary {
            push_sentence(text, start, end, &mut spans);
            start = end;
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    push_sentence(text, start, text.len(), &mut spans);
    spans
}

fn push_sentence(text: &str, start: usize, end: usize, spans: &mut Vec<ByteSpan>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if start + lead < end - trail {
        spans.push(ByteSpan::new(start + lead, end - trail));
    }
}

fn ends_with_abbreviation(before: &str) -> bool {
    let last = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    let last = last.trim_start_matches(|c: char| !c.is_alphanumeric());
    if last.chars().count() == 1 && last.chars().all(char::is_uppercase) {
        return true;
    }
    if last.contains('.') && last.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return true;
    }
    matches!(
        last,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Gen"
            | "Col"
            | "Lt"
            | "Sgt"
            | "Capt"
            | "Maj"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Prof"
            | "St"
            | "Jan"
            | "Feb"
            | "Aug"
            | "Sept"
            | "Sep"
            | "Oct"
            | "Nov"
            | "Dec"
            | "No"
            | "vs"
            | "Inc"
            | "Corp"
            | "Co"
    )
}

pub const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "'s",
    "'ve", "'re", "'d",
];
pub const FUTURE_MODALS: &[&str] = &["will", "shall", "'ll"];
pub const HYPOTHETICAL_MODALS: &[&str] = &["would", "could", "might", "may", "should", "must", "can", "ca"];
/// Reporting verbs: a "will" under one of these is a stated intention.
pub const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "announced",
    "announces",
    "told",
    "stated",
    "declared",
    "declares",
    "added",
    "confirmed",
    "reiterated",
    "insisted",
    "indicated",
    "quoted",
    "reported",
    "promised",
    "pledged",
    "vowed",
    "warned",
];
pub const NEGATIONS: &[&str] = &["not", "n't", "never", "no"];

/// Words that close a clause when the subject is searched to the left of a verb.
pub const CLAUSE_OPENERS: &[&str] = &[
    ";", ":", "but", "while", "although", "though", "because", "if", "unless", "when", "whereas", "after", "before",
    "since", "that", "whether", "so", "(", ")", "–", "—",
];

/// Prepositions that end a verb's direct object and open a place or time phrase.
pub const PLACE_PREPOSITIONS: &[&str] = &["in", "at", "near", "outside", "inside", "across", "around", "throughout"];

/// Prepositions that introduce the target of an event ("talks with X", "attack on X").
pub const TARGET_PREPOSITIONS: &[&str] =
    &["with", "to", "against", "on", "into", "toward", "towards", "for", "from", "of", "upon", "over"];

/// Determiners and possessives: a trigger word after one of these is a noun, not a verb.
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "'s", "any",
    "no", "new", "further", "such",
];

pub const PRONOUNS_PERSON: &[&str] = &["he", "she", "him", "his", "her"];
pub const PRONOUNS_THING: &[&str] = &["it", "its"];
pub const PRONOUNS_GROUP: &[&str] = &["they", "them", "their"];
pub const PRONOUNS_SPEAKER: &[&str] = &["we", "i", "us", "our", "my"];

/// Verbs that govern an infinitive without being events themselves, with the status they lend it.
pub fn governing_status(lower: &str) -> Option<Governing> {
    let lemma = lower.trim_end_matches("ed").trim_end_matches('s');
    match lemma {
        "plan" | "plann" | "intend" | "aim" | "prepare" | "prepar" | "schedul" | "schedule" | "due" | "set"
        | "going" | "about" | "expect" | "poised" | "poise" => Some(Governing::Future),
        "want" | "wish" | "hope" | "try" | "tri" | "trie" | "attempt" | "seek" | "sought" | "seem" | "appear"
        | "likely" | "able" | "ready" | "willing" | "fail" | "need" | "fear" | "believ" | "believe" | "consider"
        | "willingness" | "readiness" | "ability" | "intention" | "desire" | "effort" | "bid" | "call" => {
            Some(Governing::Hypothetical)
        }
        "continue" | "continu" | "begin" | "began" | "start" | "decide" | "decid" | "move" | "mov" | "vow" => {
            Some(Governing::Neutral)
        }
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Governing {
    Future,
    Hypothetical,
    Neutral,
}

/// Words before an event in its sentence that make it feared, supposed or conditional.
pub const HYPOTHETICAL_CUES: &[&str] = &[
    "fear",
    "fears",
    "feared",
    "fearing",
    "if",
    "unless",
    "whether",
    "possibility",
    "possible",
    "potential",
    "possibly",
    "perhaps",
    "risk",
    "worried",
    "worry",
    "worries",
    "concern",
    "concerns",
    "allegedly",
    "rumoured",
    "rumored",
    "speculation",
    "could",
    "would",
    "might",
    "may",
    "suspected",
    "suspect",
    "warned",
    "warn",
    "warns",
    "threat",
    "threats",
    "prevent",
    "preventing",
    "avoid",
    "deter",
    "accusations",
    "accused",
    "claims",
    "denied",
    "deny",
    "denies",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_initialisms_possessives_and_negation() {
        let text = "U.S.-led NATO's forces didn't attack Russia-Ukraine lines, Putin said.";
        let mut toks = Vec::new();
        tokenize(text, ByteSpan::new(0, text.len()), &mut toks);
        let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            words,
            [
                "u.s.",
                "-",
                "led",
                "nato",
                "'s",
                "forces",
                "did",
                "n't",
                "attack",
                "russia-ukraine",
                "lines",
                ",",
                "putin",
                "said",
                "."
            ]
        );
    }

    #[test]
    fn splits_sentences_but_not_after_initials() {
        let text = "U.S. President Joe Biden spoke. Mr. Putin listened!\n\nNext paragraph";
        let spans = split_sentences(text);
        let parts: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        assert_eq!(parts, ["U.S. President Joe Biden spoke.", "Mr. Putin listened!", "Next paragraph"]);
    }
}
