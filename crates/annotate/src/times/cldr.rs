//! Month and weekday names and number separators of the languages beside English,
//! read from `models/times/cldr.tsv` (CLDR data, built by `models/times/build.py`
//! from the PyPI package babel).
//!
//! Holds every name form CLDR has (wide and abbreviated, format and stand-alone:
//! Russian "января" and "январь", Polish "stycznia" and "styczeń"), lower-cased and
//! without a trailing period, with a flag for abbreviated-only forms. It does not
//! hold the grammatical cases CLDR lacks (Russian prepositional "январе", Polish
//! locative "styczniu"): those are in the hand lists of [`super::intl`].

use std::sync::OnceLock;

const TABLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/times/cldr.tsv"));

/// The languages of the table.
pub(crate) const LANGUAGES: &[&str] = &["de", "fr", "es", "it", "pt", "nl", "pl", "ru"];

/// One name: its lower-case form, its number (month 1-12, ISO weekday 1-7) and whether it is an abbreviation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Name {
    pub word: String,
    pub number: u32,
    pub abbreviated: bool,
}

/// The CLDR data of one language.
#[derive(Debug, Default)]
pub(crate) struct Locale {
    pub months: Vec<Name>,
    pub weekdays: Vec<Name>,
    pub decimal: Option<char>,
    pub group: Option<char>,
}

impl Locale {
    /// The month named by the lower-case word `w`, and whether `w` is an abbreviation.
    pub fn month(&self, w: &str) -> Option<(u32, bool)> {
        self.months.iter().find(|n| n.word == w).map(|n| (n.number, n.abbreviated))
    }

    /// Weekday names, whole ones first (Portuguese "quinta-feira" is several tokens: see [`super::intl`]).
    pub fn weekday_names(&self) -> impl Iterator<Item = &Name> {
        self.weekdays.iter().filter(|n| !n.abbreviated)
    }

    /// The grouping separator is a kind of space (French, Polish, Russian "14 000").
    pub fn groups_with_space(&self) -> bool {
        self.group.is_some_and(char::is_whitespace)
    }
}

/// The table of `language` (ISO 639-1), if it has one.
pub(crate) fn locale(language: &str) -> Option<&'static Locale> {
    static LOADED: OnceLock<Vec<Locale>> = OnceLock::new();
    let index = LANGUAGES.iter().position(|l| *l == language)?;
    LOADED.get_or_init(load).get(index)
}

fn load() -> Vec<Locale> {
    let mut out: Vec<Locale> = LANGUAGES.iter().map(|_| Locale::default()).collect();
    for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(lang), Some(field), Some(index), Some(name), Some(abbr)) =
            (cols.next(), cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let Some(locale) = LANGUAGES.iter().position(|l| *l == lang).and_then(|i| out.get_mut(i)) else { continue };
        let Ok(number) = index.parse::<u32>() else { continue };
        let entry = Name { word: name.to_string(), number, abbreviated: abbr == "1" };
        match field {
            "month" => locale.months.push(entry),
            "weekday" => locale.weekdays.push(entry),
            "decimal" => locale.decimal = code_point(name),
            "group" => locale.group = code_point(name),
            _ => {}
        }
    }
    out
}

/// The character written `U+XXXX`.
fn code_point(s: &str) -> Option<char> {
    s.strip_prefix("U+").and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_every_language_with_all_names() {
        for lang in LANGUAGES {
            let l = locale(lang).expect(lang);
            for m in 1..=12 {
                assert!(l.months.iter().any(|n| n.number == m && !n.abbreviated), "{lang} month {m}");
            }
            for d in 1..=7 {
                assert!(l.weekdays.iter().any(|n| n.number == d && !n.abbreviated), "{lang} weekday {d}");
            }
            assert_eq!(l.decimal, Some(','), "{lang}");
        }
        let ru = locale("ru").expect("ru");
        assert_eq!(ru.month("января"), Some((1, false)));
        assert_eq!(ru.month("январь"), Some((1, false)));
        assert_eq!(locale("de").and_then(|l| l.month("jan")), Some((1, true)));
        assert!(locale("fr").is_some_and(Locale::groups_with_space));
        assert!(!locale("de").is_some_and(Locale::groups_with_space));
        assert!(locale("en").is_none());
    }
}
