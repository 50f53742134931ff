//! Dictionary forms of inflected names, for looking them up in the knowledge base.
//!
//! Polish and Russian decline names: "w Warszawie", "в Москве", "Путина",
//! "Tuskiem". The gazetteer and the name lists hold the nominative ("Warszawa",
//! "Москва", "Путин", "Tusk"), so [`nominatives`] turns a name key into the
//! nominatives it may stand for by replacing its case ending, one rule per
//! ending, from how each language declines nouns and adjectives. It guesses:
//! the caller keeps a candidate only when the KB or a name list knows it. It
//! does not handle stem changes beyond the commonest ("Polsce" → "Polska",
//! "Pradze" → "Praga"), and other languages get the key back unchanged.
//!
//! Keys are folded ([`crate::text::key`]): Polish "ą", "ę", "ó", "ł" arrive as
//! "a", "e", "o", "l", so "Krakowie" → "krakowie" → "krakow" = "Kraków".

/// (case ending, nominative endings to try), longest endings first: the first
/// matching ending gives the candidates, and shorter endings that also match add theirs.
const POLISH: &[(&str, &[&str])] = &[
    // Plural names of countries: "w Niemczech", "we Włoszech".
    ("czech", &["cy"]),
    ("szech", &["chy"]),
    // Adjectival surnames and names: "Kaczyńskiego", "Kowalskiej", "Wielkiej".
    ("skiego", &["ski"]),
    ("ckiego", &["cki"]),
    ("skiemu", &["ski"]),
    ("skim", &["ski", "ska"]),
    ("skiej", &["ska"]),
    ("ckiej", &["cka"]),
    ("ego", &["y", "i"]),
    ("emu", &["y", "i"]),
    ("iej", &["a"]),
    ("ej", &["a"]),
    // Locative with a softened stem: "Pradze", "Polsce", "Dudzie", "Ameryce".
    ("dze", &["ga"]),
    ("sce", &["ska"]),
    ("dzie", &["da", "d"]),
    ("cie", &["ta", "t"]),
    ("rze", &["ra", "r"]),
    ("ce", &["ka"]),
    // Instrumental and dative: "Tuskiem", "Tuskowi", "Warszawą" ("a" once folded).
    ("iem", &[""]),
    ("em", &[""]),
    ("owi", &[""]),
    ("om", &["", "a"]),
    // Locative and genitive: "Warszawie", "Krakowie", "Wrocławiu", "Gdańsku", "Rosji", "Ukrainy".
    ("ie", &["a", "", "e"]),
    ("iu", &["", "ia"]),
    ("ji", &["ja"]),
    ("ii", &["ia"]),
    ("u", &["", "a"]),
    ("i", &["a", "", "ia"]),
    ("y", &["a", ""]),
    ("a", &["", "o"]),
    ("e", &["a", "o"]),
];

const RUSSIAN: &[(&str, &[&str])] = &[
    // Adjectives and adjectival surnames: "Достоевского", "Единой", "Красной".
    ("ского", &["ский"]),
    ("скому", &["ский"]),
    ("ским", &["ский"]),
    ("ской", &["ская", "ский"]),
    ("ого", &["ый", "ий", "ой"]),
    ("его", &["ий", "ей"]),
    ("ому", &["ый", "ий", "ой"]),
    ("ему", &["ий"]),
    ("ую", &["ая"]),
    ("ой", &["а", "ая"]),
    ("ей", &["я", "ь", "ея", "ей"]),
    ("ым", &["", "ый"]),
    ("им", &["ий"]),
    ("ом", &[""]),
    ("ем", &["й", "ь", ""]),
    // "России", "Германии", "Италии": names in -ия.
    ("ии", &["ия"]),
    ("ию", &["ия"]),
    ("ие", &["ия"]),
    // Nouns: "Москве", "Москвы", "Москву", "Путина", "Путину", "Кремля", "Сибири".
    ("е", &["а", "", "я", "ь"]),
    ("ы", &["а", ""]),
    ("у", &["", "а"]),
    ("ю", &["я", "ь"]),
    ("а", &["", "о"]),
    ("я", &["ь", "й", "е"]),
    ("и", &["а", "ь", "я", "и"]),
];

/// The key itself and then the nominatives an inflected `key` may stand for, for
/// `language` (ISO 639-1). Only the last word of a multi-word key is changed. Keys
/// of fewer than four letters are left alone (too little stem to tell a case ending).
pub fn nominatives(language: &str, key: &str) -> Vec<String> {
    let mut out = vec![key.to_string()];
    let rules = match language {
        "pl" => POLISH,
        "ru" => RUSSIAN,
        _ => return out,
    };
    let (head, last) = match key.rsplit_once(' ') {
        Some((head, last)) => (Some(head), last),
        None => (None, key),
    };
    if last.chars().count() < 4 {
        return out;
    }
    for (ending, replacements) in rules {
        let Some(stem) = last.strip_suffix(ending) else { continue };
        if stem.chars().count() < 2 {
            continue;
        }
        for replacement in *replacements {
            let word = format!("{stem}{replacement}");
            let candidate = match head {
                Some(head) => format!("{head} {word}"),
                None => word,
            };
            if !out.contains(&candidate) {
                out.push(candidate);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(language: &str, key: &str, nominative: &str) -> bool {
        nominatives(language, key).iter().any(|k| k == nominative)
    }

    #[test]
    fn polish_case_endings_reach_the_nominative() {
        for (inflected, nominative) in [
            ("warszawie", "warszawa"),
            ("krakowie", "krakow"),
            ("wroclawiu", "wroclaw"),
            ("gdansku", "gdansk"),
            ("polsce", "polska"),
            ("rosji", "rosja"),
            ("ukrainy", "ukraina"),
            ("niemczech", "niemcy"),
            ("tuskiem", "tusk"),
            ("kaczynskiego", "kaczynski"),
            ("pradze", "praga"),
            ("sejmie", "sejm"),
        ] {
            assert!(
                has("pl", inflected, nominative),
                "{inflected} -> {nominative}: {:?}",
                nominatives("pl", inflected)
            );
        }
    }

    #[test]
    fn russian_case_endings_reach_the_nominative() {
        for (inflected, nominative) in [
            ("москве", "москва"),
            ("москвы", "москва"),
            ("москву", "москва"),
            ("путина", "путин"),
            ("путину", "путин"),
            ("путиным", "путин"),
            ("россии", "россия"),
            ("кремля", "кремль"),
            ("владимира", "владимир"),
            ("сергеем", "сергей"),
            ("единая россия", "единая россия"),
            ("санкт петербурге", "санкт петербург"),
        ] {
            assert!(
                has("ru", inflected, nominative),
                "{inflected} -> {nominative}: {:?}",
                nominatives("ru", inflected)
            );
        }
    }

    #[test]
    fn other_languages_and_short_keys_stay_as_they_are() {
        assert_eq!(nominatives("it", "roma"), ["roma"]);
        assert_eq!(nominatives("pl", "bug"), ["bug"]);
        assert_eq!(nominatives("pl", "warszawie")[0], "warszawie");
    }
}
