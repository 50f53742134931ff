//! Names the record's entity types cannot hold: diseases and plural office titles.
//!
//! The record types entities with OntoNotes' eighteen classes, which have no class
//! for a disease or a pathogen, and OntoNotes does not annotate them as names. The
//! NER model calls "COVID-19" an ORG and "Ebola" a place; these rules drop such
//! mentions rather than give them a wrong type:
//! - **a disease**: a name the KB does not know, that has a pathogen's shape (a word
//!   ending in "virus", a "-CoV" part, an influenza subtype "H5N1") or that the text
//!   uses as a disease at least once: after "cases of", "infected with", "outbreak
//!   of", "tested positive for" and the like, or before "outbreak", "pandemic",
//!   "epidemic", "virus", "infection(s)"; before "cases", "patients", "deaths",
//!   "symptoms", "vaccine(s)" only when the name has a digit in it ("COVID-19
//!   cases", never "Apple cases"). The decision holds for the name in the whole
//!   article: every mention with that name key is dropped, whatever the NER
//!   called it. A longer name that contains it ("COVID-19 Task Force") is kept.
//! - **a plural office title**: a place, facility, person or NORP mention whose last
//!   word is the plural of an office ("District Magistrates", "Chief Ministers") and
//!   that has no "of" in it names people by their office, not a place. Organisations
//!   keep such names ("Ottawa Senators", "Board of Governors").
//!
//! Both rules read English words, so they run only on English (or unknown-language)
//! articles. They do not decide anything about common nouns the NER left alone.

use std::collections::HashSet;

use newsgraph_model::EntityType;

use crate::link::{Ctx, Linked};
use crate::text::key;

/// Words before a name that make it a disease ("cases of X"), as keys, last word last.
const DISEASE_BEFORE: &[&[&str]] = &[
    &["cases", "of"],
    &["case", "of"],
    &["infected", "with"],
    &["infection", "with"],
    &["infections", "of"],
    &["outbreak", "of"],
    &["epidemic", "of"],
    &["spread", "of"],
    &["positive", "for"],
    &["negative", "for"],
    &["diagnosed", "with"],
    &["died", "of"],
    &["suffering", "from"],
    &["symptoms", "of"],
    &["vaccine", "against"],
    &["vaccines", "against"],
];

/// Words right after a name that make it a disease ("X outbreak").
const DISEASE_AFTER: &[&str] =
    &["outbreak", "outbreaks", "pandemic", "epidemic", "virus", "infection", "infections", "strain", "variant"];

/// Words after a name that make it a disease only when the name has a digit ("COVID-19 cases").
const DISEASE_AFTER_CODED: &[&str] =
    &["cases", "patients", "deaths", "symptoms", "vaccine", "vaccines", "testing", "tests", "crisis", "lockdown"];

/// Offices whose plural names a group of office holders, singular keys.
const OFFICES: &[&str] = &[
    "ambassador",
    "chancellor",
    "chief",
    "collector",
    "commissioner",
    "councillor",
    "councilor",
    "director",
    "governor",
    "inspector",
    "judge",
    "lawmaker",
    "legislator",
    "magistrate",
    "mayor",
    "minister",
    "officer",
    "official",
    "president",
    "prosecutor",
    "secretary",
    "senator",
    "sheriff",
    "superintendent",
];

/// Whether a written name has a pathogen's shape: "Coronavirus", "Zika virus",
/// "MERS-CoV", "SARS-CoV-2", "H5N1".
fn pathogen_shape(written: &str) -> bool {
    written.split_whitespace().any(|w| {
        let lower = w.to_lowercase();
        lower.ends_with("virus")
            || lower.ends_with("viruses")
            || w.split('-').any(|p| p == "CoV")
            || influenza_subtype(w)
    })
}

/// "H1N1", "H5N8": H, digits, N, digits.
fn influenza_subtype(w: &str) -> bool {
    let Some(rest) = w.strip_prefix('H') else { return false };
    let Some((h, n)) = rest.split_once('N') else { return false };
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit());
    digits(h) && digits(n)
}

/// The singular of a plural office word, if `word` is one ("Magistrates" → "magistrate").
fn plural_office(word: &str) -> bool {
    let lower = key(word);
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let singular = match lower.strip_suffix("ies") {
        Some(stem) => format!("{stem}y"),
        None => match lower.strip_suffix('s') {
            Some(stem) => stem.to_string(),
            None => return false,
        },
    };
    OFFICES.contains(&singular.as_str())
}

impl Ctx<'_> {
    /// Drops the mentions of diseases and plural office titles (see the module doc).
    pub(crate) fn drop_nonnames(&self, mentions: &mut Vec<Linked>) {
        if !self.english {
            return;
        }
        let diseases: HashSet<String> = mentions
            .iter()
            .filter(|m| self.kb.senses_as(&m.key, m.code).is_empty() && self.used_as_disease(m))
            .map(|m| m.key.clone())
            .collect();
        mentions.retain(|m| {
            let disease = diseases.contains(&m.key) && self.kb.senses_as(&m.key, m.code).is_empty();
            !disease && !self.office_plural(m)
        });
    }

    /// Whether this mention reads as a disease: by its shape or the words around it.
    fn used_as_disease(&self, m: &Linked) -> bool {
        if !m.label.is_named() {
            return false;
        }
        let written = m.span.slice(self.text);
        if pathogen_shape(written) {
            return true;
        }
        let before = DISEASE_BEFORE.iter().any(|words| {
            let n = words.len();
            m.first_token >= n && words.iter().enumerate().all(|(i, w)| self.token_key(m.first_token - n + i) == *w)
        });
        let next = self.token_key(m.end_token);
        let coded = written.chars().any(|c| c.is_ascii_digit());
        before || DISEASE_AFTER.contains(&next.as_str()) || (coded && DISEASE_AFTER_CODED.contains(&next.as_str()))
    }

    /// A place-, person- or NORP-typed plural office title without "of" ("District Magistrates").
    fn office_plural(&self, m: &Linked) -> bool {
        let typed = matches!(
            m.label,
            EntityType::Gpe | EntityType::Loc | EntityType::Fac | EntityType::Person | EntityType::Norp
        );
        let words: Vec<&str> = m.span.slice(self.text).split_whitespace().collect();
        typed
            && !words.iter().any(|w| key(w) == "of")
            && words.last().is_some_and(|w| plural_office(w))
            && self.kb.senses_as(&m.key, m.code).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pathogen_shapes() {
        for name in ["Coronavirus", "Zika virus", "MERS-CoV", "SARS-CoV-2", "H5N1"] {
            assert!(pathogen_shape(name), "{name}");
        }
        for name in ["Covington", "F-16", "Hanoi", "HN1", "Virginia"] {
            assert!(!pathogen_shape(name), "{name}");
        }
    }

    #[test]
    fn plural_offices() {
        assert!(plural_office("Magistrates"));
        assert!(plural_office("Secretaries"));
        assert!(plural_office("Ministers"));
        assert!(!plural_office("Minister"), "a singular title is a person's title");
        assert!(!plural_office("ministers"), "lower case is no name");
        assert!(!plural_office("Lakers"));
    }
}
