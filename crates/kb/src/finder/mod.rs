//! A knowledge-based name finder for languages without an NER model of their own.
//!
//! No openly licensed training data exists for Italian, Polish and Russian news,
//! so the nlp stage reads those articles with the English model, which finds few
//! of their names. In an article confidently in one of them, this finder reads
//! the capitalised words instead, and the English model's names are dropped
//! (kept beside the finder's, they lowered F1 on all three dev sets). In these
//! languages only names, and a sentence's first word, are capitalised. A run of
//! capitalised words or acronyms, joined by name particles ("Leonardo da
//! Vinci"), is a candidate; it becomes a mention only when the knowledge base or
//! the name lists of `models/names` type it, in this order:
//! - an organisation: a party of that country in Party Facts (native or short
//!   name), an organisation of the KB, an organisation noun of the language in
//!   the name ("Partito …", "Uniwersytet …", "… банк", inflected forms too) or an
//!   English one in a longer name ("… Council", "FC …"), or an acronym the KB
//!   does not know as a place ("PiS" is not an acronym, "ФСБ" is);
//! - a multi-word place as written ("Regno Unito", "Nowy Jork");
//! - a person: two or more words opening with a given name of the language
//!   (faker's lists, and in Latin script the given names of the English reading
//!   that are not English words), or with a Russian patronymic or a known surname
//!   of the language in them;
//! - a place: a country, region or town of 15,000+ people (GeoNames alternate
//!   names in every script, CLDR names of the language), also through the
//!   nominative of an inflected Polish or Russian name ([`crate::inflect`]:
//!   "w Warszawie", "в Москве"), which then becomes the mention's key so that it
//!   links and geocodes;
//! - a person again: one word that is a given name or a known surname;
//! - a smaller town: one word naming a town of under 15,000 people;
//! - in Russian, any other run of two or three capitalised words is a person
//!   ([`Finder`] says why).
//!
//! A sentence's first word counts only with such evidence of its own, and never
//! when it is a function word of the language ("Il", "La", "В"). Nothing is typed
//! from the words around a name, and a single capitalised word no table knows
//! stays unnamed. Dutch has a model of its own and no finder: adding the
//! finder's places to it raised F1 on the half of the dev set the rules were
//! tuned on but lowered it on the other half.

use newsgraph_model::{ByteSpan, EntityType};

use crate::geocode;
use crate::inflect::nominatives;
use crate::link::{Ctx, Linked};
use crate::retype::ORG_WORDS;
use crate::tables::{NativeKind, PlaceKind, Sense};
use crate::text::{is_code, key};

mod languages;

pub(crate) use languages::finder_for;
use languages::Finder;

/// The most words of a person's name the finder types ("Ursula von der Leyen" has four).
const MAX_PERSON_WORDS: usize = 5;

/// A capitalised word as a name's word: "Roma", "Путина", "Udvar-Hazy", "O'Brien".
fn capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && word.chars().any(char::is_lowercase)
}

/// Letters in capitals only, two to six of them: "NATO", "PiS" is not, "ФСБ" is.
fn acronym(word: &str) -> bool {
    let n = word.chars().count();
    let roman = word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'));
    (2..=6).contains(&n) && word.chars().all(char::is_uppercase) && !roman
}

/// Whether the token before opens a sentence or a quotation: the next word is capitalised by rule.
fn opens_sentence(before: Option<&str>) -> bool {
    match before {
        None => true,
        Some(w) => {
            matches!(w, "." | "!" | "?" | "…" | ":" | ";" | "\"" | "«" | "„" | "“" | "(" | "—" | "–" | "-" | "'")
                || (w.ends_with('.') && w.chars().count() > 1)
        }
    }
}

/// How a candidate name was typed, and the key it links by.
struct Typed {
    label: EntityType,
    key: String,
}

impl Ctx<'_> {
    /// A given name of the language (or, in Latin script, of the English reading's table).
    fn given(&self, finder: &Finder, word: &str) -> bool {
        let k = key(word);
        (finder.latin && self.kb.given_names.get(word) == Some(&false))
            || nominatives(finder.language, &k).iter().any(|n| self.kb.is_native(finder.language, n, NativeKind::Given))
    }

    fn native(&self, finder: &Finder, word: &str, kind: NativeKind) -> bool {
        nominatives(finder.language, &key(word)).iter().any(|n| self.kb.is_native(finder.language, n, kind))
    }

    /// A Russian patronymic: in the list, or by its suffix ("Владимирович", "Ильич",
    /// "Сергеевна"), which no other kind of Russian name ends with so regularly.
    fn patronymic(&self, finder: &Finder, word: &str) -> bool {
        finder.language == "ru"
            && nominatives(finder.language, &key(word))
                .iter()
                .any(|n| self.kb.is_native(finder.language, n, NativeKind::Patronymic) || patronymic_shape(n))
    }

    /// The first of the name's nominatives the gazetteer knows as a country or a place of 15,000+.
    fn place_key(&self, finder: &Finder, k: &str, inflected: bool) -> Option<String> {
        let forms = if inflected { nominatives(finder.language, k) } else { vec![k.to_string()] };
        forms.into_iter().find(|n| !geocode::candidates(self.kb, n, false, self.names).is_empty())
    }

    /// The type of a candidate name of `words` (its tokens' texts), if the tables give it one.
    fn type_name(&self, finder: &Finder, words: &[&str]) -> Option<Typed> {
        let whole = key(&words.join(" "));
        if whole.is_empty() {
            return None;
        }
        let org = |k: String| Typed { label: EntityType::Org, key: k };
        if words.len() == 1 && acronym(words[0]) {
            let senses = self.kb.senses_as(&whole, is_code(words[0]));
            if senses.iter().any(|s| matches!(s, Sense::Country(_) | Sense::Place(_))) {
                return Some(Typed { label: EntityType::Gpe, key: whole });
            }
            return Some(org(whole));
        }
        if nominatives(finder.language, &whole).iter().any(|n| self.kb.is_native(finder.language, n, NativeKind::Party))
            || self.kb.senses(&whole).iter().any(|s| matches!(s, Sense::Org(_)))
            || words.iter().any(|w| finder.is_org_head(&key(w)) || (words.len() > 1 && ORG_WORDS.contains(w)))
        {
            return Some(org(whole));
        }
        // A multi-word place as written ("Regno Unito", "Den Haag") before the person rules.
        if words.len() > 1 {
            if let Some(k) = self.place_key(finder, &whole, false) {
                return Some(Typed { label: place_label(self, &k), key: k });
            }
        }
        let person = Typed { label: EntityType::Person, key: whole.clone() };
        let last = words[words.len() - 1];
        // A person's name is a few words; a longer run of capitals is a title or a heading.
        if (2..=MAX_PERSON_WORDS).contains(&words.len())
            && (self.given(finder, words[0])
                || words.iter().any(|w| self.patronymic(finder, w))
                || self.native(finder, last, NativeKind::Surname))
        {
            return Some(person);
        }
        if let Some(k) = self.place_key(finder, &whole, true) {
            return Some(Typed { label: place_label(self, &k), key: k });
        }
        if words.len() == 1 && (self.given(finder, words[0]) || self.native(finder, last, NativeKind::Surname)) {
            return Some(person);
        }
        if words.len() == 1 {
            // A capitalised word inside a sentence that names a town somewhere (the rules
            // above leave small towns out, as they do for English): most often that town.
            if let Some(n) =
                nominatives(finder.language, &whole).into_iter().find(|n| !self.kb.minor_places(n).is_empty())
            {
                return Some(Typed { label: EntityType::Gpe, key: n });
            }
        }
        if finder.runs_are_people && (2..=3).contains(&words.len()) && !words.iter().any(|w| finder.is_particle(w)) {
            return Some(person);
        }
        None
    }

    /// The finder's names over the words no kept span covers; marks their tokens covered.
    pub(crate) fn find_names(&self, finder: &Finder, covered: &mut [bool], mentions: &mut Vec<Linked>) {
        let tokens = self.tokens;
        let free = |covered: &[bool], t: usize| !covered.get(t).copied().unwrap_or(true);
        let mut added: Vec<Linked> = Vec::new();
        // The last words of the people found so far: a later mention by surname
        // alone ("— написал Подольски") is the same person, as in English.
        let mut surnames: Vec<String> = Vec::new();
        let type_here = |words: &[&str], surnames: &[String]| {
            self.type_name(finder, words).or_else(|| {
                let [word] = words else { return None };
                let forms = nominatives(finder.language, &key(word));
                let surname = surnames.iter().find(|s| forms.contains(s))?;
                Some(Typed { label: EntityType::Person, key: surname.clone() })
            })
        };
        let mut t = 0;
        while t < tokens.len() {
            let word = self.token_text(t);
            if !free(covered, t) || !(capitalised(word) || acronym(word)) {
                t += 1;
                continue;
            }
            // The run of capitalised words, joined by particles followed by a capitalised word.
            let mut end = t + 1;
            while end < tokens.len() && free(covered, end) {
                let next = self.token_text(end);
                if capitalised(next) || acronym(next) {
                    end += 1;
                } else if finder.is_particle(next)
                    && end + 1 < tokens.len()
                    && free(covered, end + 1)
                    && capitalised(self.token_text(end + 1))
                {
                    end += 2;
                } else {
                    break;
                }
            }
            let mut start = t;
            let initial = opens_sentence(t.checked_sub(1).map(|b| self.token_text(b)));
            if initial {
                // The first word of a sentence: a name only on evidence of its own.
                let first = key(word);
                let alone = type_here(&[word], &surnames);
                if finder.is_function_word(&first) || (alone.is_none() && end - t == 1) {
                    // The words after it start a run of their own ("La Juventus").
                    t += 1;
                    continue;
                }
                if alone.is_none() {
                    start = t + 1;
                    while start < end && !capitalised(self.token_text(start)) {
                        start += 1;
                    }
                }
            }
            if start < end {
                let words: Vec<&str> = (start..end).map(|i| self.token_text(i)).collect();
                if let Some(typed) = type_here(&words, &surnames) {
                    let span = ByteSpan::new(tokens[start].span.start(), tokens[end - 1].span.end());
                    if typed.label == EntityType::Person && words.len() > 1 {
                        surnames.extend(nominatives(finder.language, &key(words[words.len() - 1])));
                    }
                    added.push(Linked::new(
                        span,
                        typed.label,
                        typed.key.clone(),
                        typed.key,
                        start..end,
                        is_code(span.slice(self.text)),
                    ));
                    for flag in covered.iter_mut().take(end).skip(start) {
                        *flag = true;
                    }
                }
            }
            t = end;
        }
        if !added.is_empty() {
            mentions.extend(added);
            mentions.sort_by_key(|m| (m.span.start(), m.span.end()));
        }
    }
}

/// A Russian patronymic by its suffix: "владимирович", "ильич", "сергеевна".
fn patronymic_shape(k: &str) -> bool {
    k.chars().count() > 4 && ["ович", "евич", "ьич", "овна", "евна", "ична"].iter().any(|e| k.ends_with(e))
}

/// GPE for countries, first-level regions and towns; LOC for wider regions.
fn place_label(ctx: &Ctx<'_>, k: &str) -> EntityType {
    let senses = geocode::candidates(ctx.kb, k, false, ctx.names);
    match senses.first() {
        Some(Sense::Place(p)) if ctx.kb.place(*p).kind == PlaceKind::Region => EntityType::Loc,
        _ => EntityType::Gpe,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patronymics_acronyms_and_capitalised_words() {
        for k in ["владимирович", "ильич", "сергеевна", "никитична"] {
            assert!(patronymic_shape(k), "{k}");
        }
        for k in ["владимир", "москва", "путин", "ович"] {
            assert!(!patronymic_shape(k), "{k}");
        }
        assert!(acronym("NATO") && acronym("ФСБ"));
        assert!(!acronym("XIV") && !acronym("PiS") && !acronym("A"));
        assert!(capitalised("Путина") && capitalised("O'Brien") && !capitalised("roma") && !capitalised("NATO"));
        assert!(opens_sentence(None) && opens_sentence(Some(".")) && !opens_sentence(Some("di")));
    }
}
