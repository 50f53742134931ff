//! Name keys, titles and a fallback tokenizer: the string work linking needs.
//!
//! A *key* is how two spellings of a name are compared: lower case, Latin
//! diacritics folded ("Nausėda" = "nauseda"), periods and apostrophes dropped
//! ("U.S." = "us"), hyphens and runs of spaces made one space, a leading
//! "the" dropped. Keys are built into a caller's buffer so the hot path does
//! not allocate.

use newsgraph_model::{ByteSpan, Token};

/// ASCII folds of U+0100..=U+017F (Latin Extended-A), in code-point order.
const LATIN_EXT_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// ASCII folds of U+00C0..=U+00FF (Latin-1 letters); `*` marks the two symbols.
const LATIN_1: &[u8; 64] = b"aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo*ouuuuyty";

/// Lower-cases and folds one char into `out`; returns false for chars a key skips.
fn push_folded(c: char, out: &mut String) {
    let cp = c as u32;
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
    } else if (0xC0..=0xFF).contains(&cp) {
        let f = LATIN_1[(cp - 0xC0) as usize];
        if f != b'*' {
            out.push(f as char);
            match cp {
                0xC6 | 0xE6 => out.push('e'),
                0xDF => out.push('s'),
                _ => {}
            }
        }
    } else if (0x100..=0x17F).contains(&cp) {
        out.push(LATIN_EXT_A[(cp - 0x100) as usize] as char);
        if cp == 0x152 || cp == 0x153 {
            out.push('e');
        }
    } else if (0x218..=0x21B).contains(&cp) {
        // Romanian comma-below s and t.
        out.push(if cp < 0x21A { 's' } else { 't' });
    } else if c.is_alphanumeric() {
        out.extend(c.to_lowercase());
    }
}

/// Writes the key of `name` into `out` (cleared first).
pub fn key_into(name: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    for c in name.chars() {
        match c {
            '.' | '\'' | '’' | '‘' | '`' | '´' => {}
            c if c.is_whitespace()
                || matches!(c, '-' | '–' | '—' | '‐' | '_' | '/' | ',' | '(' | ')' | '"' | '“' | '”') =>
            {
                pending_space = !out.is_empty();
            }
            c => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                push_folded(c, out);
            }
        }
    }
    if let Some(rest) = out.strip_prefix("the ") {
        *out = rest.to_string();
    }
}

/// The key of `name` as a new string (table loading; not the hot path).
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    key_into(name, &mut out);
    out
}

/// Levenshtein distance over chars, giving up (returning `limit + 1`) past `limit`.
pub fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Words that name an office or an honorific before a person's name ("President", "Gen.").
/// Compared by key, so "Secretary-General" arrives as two words.
pub fn is_title_word(key: &str) -> bool {
    is_honorific(key)
        || matches!(
            key,
            "president"
                | "vice"
                | "prime"
                | "minister"
                | "premier"
                | "chancellor"
                | "secretary"
                | "general"
                | "director"
                | "deputy"
                | "foreign"
                | "defense"
                | "defence"
                | "interior"
                | "finance"
                | "health"
                | "state"
                | "king"
                | "queen"
                | "prince"
                | "crown"
                | "pope"
                | "supreme"
                | "leader"
                | "chairman"
                | "chairwoman"
                | "chair"
                | "governor"
                | "gov"
                | "mayor"
                | "senator"
                | "sen"
                | "rep"
                | "representative"
                | "ambassador"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "chief"
                | "executive"
                | "ceo"
                | "gen"
                | "col"
                | "lt"
                | "maj"
                | "capt"
                | "adm"
                | "sgt"
                | "ayatollah"
                | "sheikh"
        )
}

/// Honorifics that are not offices: dropped from a role title.
pub fn is_honorific(key: &str) -> bool {
    matches!(
        key,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "sir"
            | "dame"
            | "lord"
            | "lady"
            | "former"
            | "acting"
            | "then"
            | "incumbent"
    )
}

/// Splits `text` into word and punctuation tokens when no tokenizer ran before the linker.
///
/// Words are runs of letters, digits, periods inside abbreviations ("U.S.") and
/// inner hyphens/apostrophes; a possessive "'s" is its own token, as spaCy does.
pub fn fallback_tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(i, n)) = chars.peek() {
                let inner = matches!(n, '.' | '-' | '\'' | '’')
                    && text[i + n.len_utf8()..].chars().next().is_some_and(|m| m.is_alphanumeric());
                if n.is_alphanumeric() || inner {
                    end = i + n.len_utf8();
                    chars.next();
                } else if n == '.' && is_abbreviation(&text[start..i]) {
                    end = i + 1;
                    chars.next();
                    break;
                } else {
                    break;
                }
            }
        }
        // A trailing possessive becomes its own token ("Lithuania's" -> "Lithuania" "'s").
        let word = &text[start..end];
        let split = ["'s", "’s"].iter().find_map(|p| word.strip_suffix(p).filter(|w| !w.is_empty()).map(|w| w.len()));
        let space_after = |e: usize| bytes.get(e).is_some_and(|b| b.is_ascii_whitespace());
        if let Some(len) = split {
            tokens.push(Token { span: ByteSpan::new(start, start + len), space_after: false });
            tokens.push(Token { span: ByteSpan::new(start + len, end), space_after: space_after(end) });
        } else {
            tokens.push(Token { span: ByteSpan::new(start, end), space_after: space_after(end) });
        }
    }
    tokens
}

/// "U.S" (about to take its final period), "Gen", "Mr": short words whose period belongs to them.
fn is_abbreviation(word: &str) -> bool {
    word.contains('.')
        || matches!(word, "Mr" | "Mrs" | "Ms" | "Dr" | "Gen" | "Sen" | "Rep" | "Gov" | "Lt" | "Col" | "St" | "Prof")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_spelling_variants() {
        assert_eq!(key("Gitanas Nausėda"), "gitanas nauseda");
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("the  Kremlin"), "kremlin");
        assert_eq!(key("Secretary-General"), "secretary general");
        assert_eq!(key("Élysée"), "elysee");
        assert_eq!(key("Côte d'Ivoire"), "cote divoire");
        assert_eq!(key("Straße"), "strasse");
        assert_eq!(key("Київ"), "київ");
    }

    #[test]
    fn edit_distance_stops_at_limit() {
        assert_eq!(edit_distance("nausea", "nauseda", 2), 1);
        assert_eq!(edit_distance("kitten", "sitting", 5), 3);
        assert_eq!(edit_distance("a", "abcdef", 2), 3);
    }

    #[test]
    fn fallback_tokens_split_possessives_and_keep_abbreviations() {
        let text = "Lithuania's President met U.S. officials.";
        let words: Vec<&str> = fallback_tokens(text).iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(words, ["Lithuania", "'s", "President", "met", "U.S.", "officials", "."]);
    }
}
