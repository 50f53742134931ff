//! Type repair before linking: what the statistical tagger cannot know.
//!
//! spaCy's small model types a name from a few words around it, so it calls
//! museums and restaurants organisations, people with names it has rarely seen
//! places or organisations, and capitalised ordinary words ("Email" opening a
//! sentence, "FREE" in a heading) names. These rules use the knowledge base and
//! the name tables of `models/names` (built by `models/names/build.py` from
//! registry packages), never lists of particular entities:
//! - an ordinary word: a one-word mention whose lower-case form is a common
//!   English word written in lower case far more often than as written here, and
//!   that is neither in the KB nor a given name, is not a name (dropped); nor is
//!   a "person" made only of such words ("Hidden Nook", "Space Shuttle");
//! - a facility: a multi-word organisation (or person) name ending in a facility
//!   noun ("… Museum", "… Airport", "… Station") is a FAC, i.e. a place;
//! - a person: a name whose first word is a common given name, that the KB does
//!   not know as a place or organisation and that has no organisation, facility
//!   or ordinary word in it, is a PERSON ("Traci", "Dean Kamen" tagged ORG);
//! - a city: an organisation-tagged name the KB knows only as a city, followed
//!   by a comma and a country or region, or preceded by "in"/"near", is a GPE;
//! - a stance: "pro-Beijing", "anti-Kremlin" is a NORP, like a demonym;
//! - a product: a place name with a word of letters and digits ("IE6",
//!   "STS-134") is a product or mission, unless the KB knows it;
//! - a person's span loses what the tagger ran on past the name: dashes, numbers
//!   and (after a given name) ordinary words ("Brandon Luna - Analyst"), unless
//!   only the given name would be left and the article writes the word after "Mr",
//!   "Ms" or "Dr" ("John Key" … "Mr Key");
//! - a given name and the capitalised word right after it, tagged as two names
//!   ("Valeska" and "Paris", both GPE), are one person's full name, unless the
//!   given name is a well-known place or the word a country ("Victoria Australia").
//!
//! The word tables are English: in an article whose language is known (confidently)
//! to be another, the ordinary-word rules (a one-word name, a "person" of ordinary
//! words, cutting ordinary words off a person's name), the facility nouns and the
//! "in"/"near" cue of the city rule do not apply; the rules that rest on the KB and
//! on given names do. The NER model of such an article is not spaCy's English one.
//!
//! Lone surnames of the people found here become persons too: that is
//! `link::resolve_people`, which runs after this pass. [`Ctx::missed_people`]
//! adds the given names (with their surnames) that the tagger left untagged.

use newsgraph_model::EntityType;

use crate::link::{Ctx, Linked};
use crate::tables::{Kb, PlaceKind, Sense};
use crate::text::{is_title_word, key};

/// How much more often (ln ratio x 10) the lower-case form must occur than the
/// Capitalised one for a one-word name to count as an ordinary word (about 7x).
const ORDINARY_CAPITALISED: u8 = 20;
/// The same for an ALL-CAPS word of four letters or more (about 20x).
const ORDINARY_UPPER: u8 = 30;
/// A later word of a person name may not be this much commoner in lower case
/// (about 4.5x): "Garden", "Tech", "Sea" make a place or an organisation.
const ORDINARY_IN_NAME: u8 = 15;

/// Last words that make a name a building or other facility (OntoNotes FAC).
const FACILITY_HEADS: &[&str] = &[
    "Airport",
    "Arena",
    "Auditorium",
    "Avenue",
    "Base",
    "Boulevard",
    "Bridge",
    "Castle",
    "Cathedral",
    "Cave",
    "Center",
    "Centre",
    "Galleries",
    "Gallery",
    "Hall",
    "Highway",
    "Hotel",
    "Mall",
    "Mosque",
    "Museum",
    "Palace",
    "Planetarium",
    "Plaza",
    "Road",
    "Square",
    "Stadium",
    "Station",
    "Street",
    "Temple",
    "Theater",
    "Theatre",
    "Tower",
    "Towers",
];

/// Words that make a name an organisation rather than a person.
pub(crate) const ORG_WORDS: &[&str] = &[
    "Academy",
    "Agency",
    "Airlines",
    "Army",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Church",
    "Club",
    "Co",
    "College",
    "Commission",
    "Committee",
    "Company",
    "Corp",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "FC",
    "Federation",
    "Force",
    "Foundation",
    "Fund",
    "Group",
    "Inc",
    "Institute",
    "Journal",
    "LLC",
    "League",
    "Ltd",
    "Ministry",
    "Motors",
    "News",
    "Office",
    "Party",
    "Police",
    "Post",
    "Press",
    "Program",
    "Programme",
    "Project",
    "Records",
    "School",
    "Services",
    "Society",
    "Studios",
    "Systems",
    "Team",
    "Times",
    "Trust",
    "Union",
    "United",
    "University",
];

/// "pro-Beijing", "anti-Kremlin": a stance towards a name, like a demonym, not the name itself.
fn is_stance(words: &[&str]) -> bool {
    let first = words[0].to_ascii_lowercase();
    ["pro-", "anti-"].iter().any(|p| first.starts_with(p) && first.len() > p.len())
}

/// A word of a name without a trailing possessive or period ("Kamen's" -> "Kamen").
fn bare(word: &str) -> &str {
    let w = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
    w.trim_end_matches(['.', ',', '\'', '’'])
}

/// Capitalised letters ("Kamen", "O'Brien", "Udvar-Hazy") or an initial ("F.", "K.C.").
pub(crate) fn name_like(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    if !first.is_uppercase() {
        return false;
    }
    let initial = word.len() <= 5 && word.ends_with('.') && word.chars().all(|c| c.is_uppercase() || c == '.');
    initial || word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
}

/// A word that makes a name an organisation, facility or thing rather than a person
/// or place: an organisation or facility noun, or an ordinary English word ("Garden").
pub(crate) fn is_ordinary_in_name(kb: &Kb, word: &str) -> bool {
    ORG_WORDS.contains(&word)
        || FACILITY_HEADS.contains(&word)
        || kb.word_case.get(&word.to_lowercase()).is_some_and(|&(c, _)| c >= ORDINARY_IN_NAME)
}

impl Ctx<'_> {
    /// Applies the rules to every mention; dropped mentions are removed.
    pub(crate) fn retype(&self, mentions: &mut Vec<Linked>) {
        mentions.retain(|m| !self.ordinary_word(m));
        for i in 0..mentions.len() {
            let m = &mentions[i];
            let words: Vec<&str> = m.span.slice(self.text).split_whitespace().map(bare).collect();
            if words.is_empty() || words.iter().any(|w| w.is_empty()) {
                continue;
            }
            let label = if is_stance(&words) {
                EntityType::Norp
            } else if self.model_number(m, &words) {
                EntityType::Product
            } else if self.facility(m, &words) {
                EntityType::Fac
            } else if self.person(m, &words) {
                EntityType::Person
            } else if self.city(mentions, i) {
                EntityType::Gpe
            } else {
                continue;
            };
            mentions[i].label = label;
        }
        // After the facility rule: "Bat Cave" tagged PERSON is a place, not an ordinary
        // phrase, and not a person's name with a tail to cut.
        for m in mentions.iter_mut() {
            self.trim_tail(m);
        }
        mentions.retain(|m| !self.ordinary_person(m));
    }

    /// A "place" with a word of letters and digits ("IE6", "STS-134", "F-16") is a
    /// product or a mission, unless the KB knows the name.
    fn model_number(&self, m: &Linked, words: &[&str]) -> bool {
        let mixed = |w: &&str| w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic);
        matches!(m.label, EntityType::Gpe | EntityType::Loc)
            && words.iter().any(mixed)
            && self.kb.senses_as(&m.key, m.code).is_empty()
    }

    /// A one-word mention that is a common English word written in an unusual case.
    fn ordinary_word(&self, m: &Linked) -> bool {
        let word = bare(m.span.slice(self.text));
        if !self.english
            || !m.label.is_named()
            || word.contains(char::is_whitespace)
            || self.kb.given_names.contains_key(word)
        {
            return false;
        }
        // "Mr Key", "President Rose": a title makes the word a name.
        let before = m.first_token.checked_sub(1).map(|t| self.token_key(t)).unwrap_or_default();
        if is_title_word(&before) {
            return false;
        }
        let lower = word.to_lowercase();
        let Some(&(capitalised, upper)) = self.kb.word_case.get(&lower) else { return false };
        let mut chars = word.chars();
        let is_capitalised =
            chars.next().is_some_and(char::is_uppercase) && chars.clone().all(char::is_lowercase) && chars.count() > 0;
        let is_upper = word.chars().count() >= 4 && word.chars().all(char::is_uppercase);
        let ordinary = (is_capitalised && capitalised >= ORDINARY_CAPITALISED) || (is_upper && upper >= ORDINARY_UPPER);
        ordinary && self.kb.senses_as(&m.key, m.code).is_empty()
    }

    /// A "person" made only of ordinary words ("Hidden Nook", "Space Shuttle"), none a given name.
    fn ordinary_person(&self, m: &Linked) -> bool {
        if !self.english || m.label != EntityType::Person {
            return false;
        }
        let mut words = m.span.slice(self.text).split_whitespace().map(bare);
        let mut count = 0;
        let all_ordinary = words.all(|w| {
            count += 1;
            !self.kb.given_names.contains_key(w) && is_ordinary_in_name(self.kb, w)
        });
        all_ordinary && count >= 2 && self.kb.senses_as(&m.key, m.code).is_empty()
    }

    /// A multi-word organisation or person name ending in a facility noun, unknown to the KB as an organisation.
    fn facility(&self, m: &Linked, words: &[&str]) -> bool {
        if !self.english || !matches!(m.label, EntityType::Org | EntityType::Person) || words.len() < 2 {
            return false;
        }
        let last = words[words.len() - 1];
        let first_is_given = self.kb.given_names.contains_key(words[0]);
        FACILITY_HEADS.contains(&last)
            && !(m.label == EntityType::Person && first_is_given)
            && !self.kb.senses_as(&m.key, m.code).iter().any(|s| matches!(s, Sense::Org(_)))
    }

    /// A name opening with a given name, unknown to the KB as a place or organisation.
    fn person(&self, m: &Linked, words: &[&str]) -> bool {
        if !matches!(
            m.label,
            EntityType::Org | EntityType::Gpe | EntityType::Loc | EntityType::Fac | EntityType::Product
        ) || words.len() > 3
        {
            return false;
        }
        let Some(&ambiguous) = self.kb.given_names.get(words[0]) else { return false };
        let place_or_org = |k: &str| {
            self.kb.senses(k).iter().any(|s| matches!(s, Sense::Country(_) | Sense::Place(_) | Sense::Org(_)))
        };
        // The whole name is a known place or organisation, or its first word is a
        // country, region or big city ("Georgia Tech", "London St Pancras").
        let big_place = self.kb.senses(&key(words[0])).iter().any(|s| match s {
            Sense::Country(_) | Sense::Org(_) => true,
            Sense::Place(p) => {
                let row = self.kb.place(*p);
                row.kind != PlaceKind::City || row.population >= 100_000
            }
            _ => false,
        });
        if place_or_org(&m.key) || big_place {
            return false;
        }
        if words.len() == 1 {
            // A lone given name that is also a common word ("Will") is too weak.
            return !ambiguous && self.kb.senses_as(&m.key, m.code).is_empty();
        }
        words[1..].iter().all(|w| {
            name_like(w)
                && !is_ordinary_in_name(self.kb, w)
                && !self.kb.senses(&key(w)).iter().any(|s| matches!(s, Sense::Country(_) | Sense::Org(_)))
        })
    }

    /// An ORG-tagged name the KB knows as a city (and as nothing else) in "X, <region>" or "in X".
    fn city(&self, mentions: &[Linked], i: usize) -> bool {
        let m = &mentions[i];
        if m.label != EntityType::Org {
            return false;
        }
        let senses = self.kb.senses_as(&m.key, m.code);
        let only_city = !senses.is_empty()
            && senses.iter().all(|s| matches!(s, Sense::Place(p) if self.kb.place(*p).kind == PlaceKind::City));
        if !only_city {
            return false;
        }
        let before = m.first_token.checked_sub(1).map(|t| self.token_key(t)).unwrap_or_default();
        if self.english && matches!(before.as_str(), "in" | "near") {
            return true;
        }
        let container = mentions.get(i + 1).filter(|n| n.first_token == m.end_token + 1);
        self.token_text(m.end_token) == ","
            && container.is_some_and(|n| {
                self.kb.senses_as(&n.key, n.code).iter().any(|s| match s {
                    Sense::Country(_) => true,
                    Sense::Place(p) => matches!(self.kb.place(*p).kind, PlaceKind::Admin | PlaceKind::Region),
                    _ => false,
                })
            })
    }
}

impl Ctx<'_> {
    /// A country, organisation, region or city of 100,000+ by this name (small towns
    /// named "Nina" or "Pauline" do not stop a given name).
    fn known_place_or_org(&self, k: &str) -> bool {
        self.kb.senses(k).iter().any(|s| match s {
            Sense::Country(_) | Sense::Org(_) => true,
            Sense::Place(p) => {
                let row = self.kb.place(*p);
                row.kind != PlaceKind::City || row.population >= 100_000
            }
            _ => false,
        })
    }

    /// Cuts what the tagger ran on past a person's name: "Brandon Luna - Analyst",
    /// "Vince -", "John Staikos Direct Dial", "Rudwell 53596", "Ginny , Please".
    fn trim_tail(&self, m: &mut Linked) {
        if m.label != EntityType::Person {
            return;
        }
        let mut end = m.end_token;
        let mut cut_words = false;
        while end > m.first_token + 1 {
            let word = self.token_text(end - 1);
            // English ordinary words are cut only from English text; dashes and numbers from any.
            let ordinary =
                self.english && !self.kb.given_names.contains_key(word) && is_ordinary_in_name(self.kb, word);
            if word.chars().any(char::is_alphabetic) && !ordinary {
                break;
            }
            cut_words |= ordinary;
            end -= 1;
        }
        // Cutting words off needs a given name to stand on ("John Staikos Direct Dial"),
        // not "Civic Passion".
        if end == m.end_token || (cut_words && !self.kb.given_names.contains_key(self.token_text(m.first_token))) {
            return;
        }
        // A given name left alone, where the article writes the cut word after an
        // honorific elsewhere ("John Key" … "Mr Key"): that word is the surname.
        if end == m.first_token + 1 && self.honorific_surname(self.token_text(m.first_token + 1)) {
            return;
        }
        let Some(last) = self.tokens.get(end - 1) else { return };
        let span = newsgraph_model::ByteSpan::new(m.span.start(), last.span.end().min(m.span.end()));
        if span.is_empty() {
            return;
        }
        m.span = span;
        m.end_token = end;
        m.key = key(span.slice(self.text));
        m.name_key = m.key.clone();
    }

    /// A given name and the capitalised word right after it, tagged as two names
    /// ("Valeska" and "Paris", both GPE): one PERSON mention, the person's full name.
    /// Not when the given name is itself a well-known place or organisation, nor when
    /// the second word is a country ("Victoria Australia").
    pub(crate) fn given_name_pairs(&self, mentions: &mut Vec<Linked>) {
        if !self.english {
            return;
        }
        mentions.sort_by_key(|m| (m.first_token, m.end_token));
        let mut joined = vec![false; mentions.len()];
        for i in 0..mentions.len().saturating_sub(1) {
            let (first, second) = (&mentions[i], &mentions[i + 1]);
            let single = |m: &Linked| m.end_token == m.first_token + 1;
            if joined[i] || !single(first) || !single(second) || second.first_token != first.end_token {
                continue;
            }
            let (given, surname) = (self.token_text(first.first_token), self.token_text(second.first_token));
            let spaced = self.tokens.get(first.first_token).is_some_and(|t| t.space_after);
            let ok = spaced
                && first.label == EntityType::Person
                && self.kb.given_names.get(given) == Some(&false)
                && !self.known_place_or_org(&key(given))
                && matches!(second.label, EntityType::Gpe | EntityType::Loc | EntityType::Person | EntityType::Norp)
                && name_like(surname)
                && !is_ordinary_in_name(self.kb, surname)
                && !self.kb.senses(&key(surname)).iter().any(|s| matches!(s, Sense::Country(_)));
            if ok {
                joined[i + 1] = true;
                let end = second.span.end();
                let end_token = second.end_token;
                let m = &mut mentions[i];
                m.span = newsgraph_model::ByteSpan::new(m.span.start(), end);
                m.end_token = end_token;
                m.key = key(m.span.slice(self.text));
                m.name_key = m.key.clone();
            }
        }
        let mut k = 0;
        mentions.retain(|_| {
            k += 1;
            !joined[k - 1]
        });
    }

    /// Whether the article writes `word` right after "Mr", "Mrs", "Ms" or "Dr".
    fn honorific_surname(&self, word: &str) -> bool {
        (1..self.tokens.len()).any(|i| {
            self.token_text(i) == word
                && matches!(self.token_text(i - 1).trim_end_matches('.'), "Mr" | "Mrs" | "Ms" | "Dr")
        })
    }

    /// People the tagger missed: an untagged given name ("Thanks, Vince"), with the
    /// capitalised surname that follows it ("Nina Chahine"), becomes a PERSON mention.
    /// Only names that are not also common words, places or organisations, and never
    /// inside another NER span (a DATE "June", an ORG).
    pub(crate) fn missed_people(&self, covered: &[bool], mentions: &mut Vec<Linked>) {
        let mut added = Vec::new();
        let free = |t: usize| !covered.get(t).copied().unwrap_or(true);
        let mut t = 0;
        while t < self.tokens.len() {
            let word = self.token_text(t);
            let is_given = free(t)
                && word.chars().count() >= 3
                && name_like(word)
                && self.kb.given_names.get(word) == Some(&false)
                && !is_ordinary_in_name(self.kb, word)
                && !self.known_place_or_org(&key(word));
            if !is_given {
                t += 1;
                continue;
            }
            // The surname: up to two more capitalised name words.
            let mut end = t + 1;
            while end < self.tokens.len() && end < t + 3 && free(end) {
                let next = self.token_text(end);
                if !name_like(next) || next.ends_with('.') {
                    break;
                }
                if is_ordinary_in_name(self.kb, next)
                    || self.kb.senses(&key(next)).iter().any(|s| matches!(s, Sense::Country(_) | Sense::Org(_)))
                {
                    // "Vince Group", "Nina Canada": not a person's name.
                    end = t;
                    break;
                }
                end += 1;
            }
            if end > t {
                let span = newsgraph_model::ByteSpan::new(self.tokens[t].span.start(), self.tokens[end - 1].span.end());
                let k = key(span.slice(self.text));
                added.push(Linked::new(span, EntityType::Person, k.clone(), k, t..end, false));
                t = end;
            } else {
                t += 1;
            }
        }
        if !added.is_empty() {
            mentions.extend(added);
            mentions.sort_by_key(|m| (m.span.start(), m.span.end()));
        }
    }
}
