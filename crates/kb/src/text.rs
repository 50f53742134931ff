//! Name keys and titles: the string work linking needs (tokens come from the text layer).
//!
//! A *key* is how two spellings of a name are compared: lower case, Latin
//! diacritics folded ("Nausėda" = "nauseda"), periods and apostrophes dropped
//! ("U.S." = "us"), hyphens and runs of spaces made one space, a leading
//! "the" dropped. Keys are built into a caller's buffer so the hot path does
//! not allocate.

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
    } else if let Some(lower) = common_letter_lower(cp) {
        out.push(lower);
    } else if c.is_alphanumeric() {
        out.extend(c.to_lowercase());
    }
}

/// The lower case of a letter of the commonest non-Latin blocks of place names
/// (basic Cyrillic, CJK ideographs, kana, Hangul, Arabic and Hebrew letters),
/// without the Unicode table searches of the general path; `None` elsewhere.
/// Loading a million alternate names spends most of its time on such letters.
fn common_letter_lower(cp: u32) -> Option<char> {
    let lower = match cp {
        0x400..=0x40F => cp + 0x50,
        0x410..=0x42F => cp + 0x20,
        0x430..=0x45F
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7A3
        | 0x3041..=0x3096
        | 0x30A1..=0x30FA
        | 0x620..=0x64A
        | 0x5D0..=0x5EA => cp,
        _ => return None,
    };
    char::from_u32(lower)
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

/// The most letters a short all-caps code ("AI", "IL", "NYC") has: see [`is_code`].
pub const CODE_LETTERS: usize = 3;

/// Whether a name as written is a short all-caps code ("AI", "IL", "U.S.", "NYC"):
/// two or three ASCII capitals, periods aside. Such a name matches only table
/// names written the same way ("UAE", "NYC"), never a name that merely has the
/// same key ("`Ai", "Il", "Mo", "Irã"). Four capitals are left to the ordinary
/// names: an all-caps heading writes "IRAN" and "PERU".
pub fn is_code(written: &str) -> bool {
    let mut letters = 0;
    for c in written.chars() {
        match c {
            'A'..='Z' => letters += 1,
            '.' => {}
            _ => return false,
        }
    }
    (2..=CODE_LETTERS).contains(&letters)
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
    fn fast_letter_path_agrees_with_unicode_tables() {
        for cp in 0..0x11_0000u32 {
            let Some(c) = char::from_u32(cp) else { continue };
            if let Some(lower) = common_letter_lower(cp) {
                assert!(c.is_alphanumeric(), "U+{cp:04X} is not a letter");
                assert_eq!(c.to_lowercase().collect::<String>(), lower.to_string(), "U+{cp:04X}");
            }
        }
        assert_eq!(key("Киев"), "киев");
        assert_eq!(key("ЁЖ Ѐ"), "ёж ѐ");
    }

    #[test]
    fn codes_are_short_capitals() {
        for code in ["AI", "IL", "U.S.", "NYC", "UAE"] {
            assert!(is_code(code), "{code}");
        }
        for name in ["Ai", "`Ai", "A", "IRAN", "Il", "N.Y.C.D.", "A1"] {
            assert!(!is_code(name), "{name}");
        }
    }

    #[test]
    fn edit_distance_stops_at_limit() {
        assert_eq!(edit_distance("nausea", "nauseda", 2), 1);
        assert_eq!(edit_distance("kitten", "sitting", 5), 3);
        assert_eq!(edit_distance("a", "abcdef", 2), 3);
    }
}
