//! A fast first guess at the language of a text from its function words.
//!
//! Function words ("the", "und", "les", "que") make up a large share of any
//! running text and differ between languages, so counting them names the
//! language of most news text at once, at a small fraction of the cost of a
//! trigram model. [`by_function_words`] answers only when one language clearly
//! leads; otherwise it returns `None` and the caller asks the full detector.
//! It covers the common Latin-script news languages only.

/// `(word, languages)`: each bit of the mask is an index into [`LANGS`]. Sorted by word.
const WORDS: &[(&str, u8)] = &[
    ("al", ES),
    ("als", DE | NL),
    ("and", EN),
    ("are", EN),
    ("au", FR),
    ("auch", DE),
    ("auf", DE),
    ("aux", FR),
    ("avec", FR),
    ("che", IT),
    ("con", ES | IT),
    ("da", IT | PT),
    ("das", DE),
    ("dass", DE),
    ("del", ES | IT),
    ("della", IT),
    ("dem", DE),
    ("den", DE | NL),
    ("der", DE),
    ("des", DE | FR),
    ("det", NL),
    ("die", DE | NL),
    ("dos", PT),
    ("du", FR),
    ("een", NL),
    ("ein", DE),
    ("eine", DE),
    ("el", ES),
    ("em", PT),
    ("est", FR),
    ("et", FR),
    ("for", EN),
    ("from", EN),
    ("für", DE),
    ("had", EN),
    ("has", EN),
    ("have", EN),
    ("het", NL),
    ("il", FR | IT),
    ("ist", DE),
    ("les", FR),
    ("los", ES),
    ("mit", DE),
    ("na", PT),
    ("nicht", DE),
    ("niet", NL),
    ("não", PT),
    ("o", PT),
    ("of", EN),
    ("op", NL),
    ("para", ES | PT),
    ("per", IT),
    ("pour", FR),
    ("que", ES | FR | PT),
    ("qui", FR),
    ("sich", DE),
    ("sono", IT),
    ("sur", FR),
    ("that", EN),
    ("the", EN),
    ("this", EN),
    ("uma", PT),
    ("und", DE),
    ("une", FR),
    ("van", NL),
    ("was", EN),
    ("were", EN),
    ("which", EN),
    ("with", EN),
    ("y", ES),
    ("zu", DE),
];

const EN: u8 = 1;
const DE: u8 = 1 << 1;
const FR: u8 = 1 << 2;
const ES: u8 = 1 << 3;
const IT: u8 = 1 << 4;
const NL: u8 = 1 << 5;
const PT: u8 = 1 << 6;
const LANGS: [&str; 7] = ["en", "de", "fr", "es", "it", "nl", "pt"];

/// A word of up to 8 bytes as a number that sorts as the word does (big-endian, zero
/// padded; words hold no zero bytes), so the table is searched with integer compares.
const fn pack(word: &[u8]) -> u64 {
    let mut packed = 0u64;
    let mut i = 0;
    while i < 8 {
        packed = (packed << 8) | if i < word.len() { word[i] as u64 } else { 0 };
        i += 1;
    }
    packed
}

/// [`WORDS`], packed, in the same order.
const PACKED: [u64; WORDS.len()] = {
    let mut out = [0u64; WORDS.len()];
    let mut i = 0;
    while i < WORDS.len() {
        assert!(WORDS[i].0.len() <= 8, "function words are packed into 8 bytes");
        out[i] = pack(WORDS[i].0.as_bytes());
        i += 1;
    }
    out
};

/// The index in [`WORDS`] of a lowercased word.
fn find_word(key: &[u8]) -> Option<usize> {
    if key.len() > 8 {
        return None;
    }
    PACKED.binary_search(&pack(key)).ok()
}

/// Fewest words a text needs before its function words are trusted.
const MIN_WORDS: usize = 40;

/// The ISO 639-1 code and a confidence, when one language's function words clearly dominate.
pub fn by_function_words(text: &str) -> Option<(&'static str, f32)> {
    let mut counts = [0u32; LANGS.len()];
    let mut words = 0usize;
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        if word.len() > 5 {
            continue;
        }
        // ASCII words (most of them) lowercase in place on the stack; the rest through Unicode.
        let mut ascii = [0u8; 5];
        let key: &[u8] = if word.is_ascii() {
            ascii[..word.len()].copy_from_slice(word.as_bytes());
            ascii[..word.len()].make_ascii_lowercase();
            &ascii[..word.len()]
        } else {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            lower.as_bytes()
        };
        if let Some(i) = find_word(key) {
            let mask = WORDS[i].1;
            for (bit, count) in counts.iter_mut().enumerate() {
                if mask & (1 << bit) != 0 {
                    *count += 1;
                }
            }
        }
    }
    if words < MIN_WORDS {
        return None;
    }
    let (best, &top) = counts.iter().enumerate().max_by_key(|(_, c)| **c)?;
    let second = counts.iter().enumerate().filter(|(i, _)| *i != best).map(|(_, c)| *c).max().unwrap_or(0);
    // Running text has well over a tenth of its words from such lists; a clear lead
    // over the runner-up rules out close neighbours (Spanish and Portuguese).
    let share = top as f32 / words as f32;
    (share >= 0.12 && top >= 4 * second.max(1)).then(|| (LANGS[best], (1.0 - second as f32 / top as f32).min(0.99)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(WORDS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(PACKED.windows(2).all(|w| w[0] < w[1]));
        for (i, (word, _)) in WORDS.iter().enumerate() {
            assert_eq!(find_word(word.as_bytes()), Some(i));
            // A prefix or an extension of a listed word is not that word.
            let longer = format!("{word}s");
            assert_eq!(find_word(longer.as_bytes()), WORDS.iter().position(|(w, _)| *w == longer));
            let shorter = &word[..word.len() - 1];
            assert_eq!(find_word(shorter.as_bytes()), WORDS.iter().position(|(w, _)| *w == shorter));
        }
    }

    #[test]
    fn names_clear_cases_and_leaves_the_rest() {
        let en = "The council voted on Monday to keep the library open, after residents filled the hall and \
                  spoke for three hours about what the building means to the town and its children. The mayor said \
                  that the vote was close and that the library would have to find new money for the next year of its work.";
        assert_eq!(by_function_words(en).map(|(l, _)| l), Some("en"));
        let de = "Der Gemeinderat hat am Montag beschlossen, die Bibliothek offen zu halten, nachdem die Bürger den Saal \
                  gefüllt und drei Stunden lang darüber gesprochen hatten, was das Gebäude für die Stadt und ihre Kinder \
                  bedeutet. Der Bürgermeister sagte, dass die Abstimmung knapp war und die Bibliothek auch neues Geld \
                  für das nächste Jahr finden muss, denn sonst ist sie nicht mehr zu halten. Es ist nicht \
                  das erste Mal, dass der Rat mit der Stadt über das Geld für die Bibliothek spricht, und auch nicht das letzte.";
        assert_eq!(by_function_words(de).map(|(l, _)| l), Some("de"));
        assert_eq!(by_function_words("short text of a few words"), None);
        let pl = "Rada miejska zdecydowała w poniedziałek, że biblioteka pozostanie otwarta. ".repeat(6);
        assert_eq!(by_function_words(&pl), None);
    }
}
