//! Roles and office holders: titles before a name ("Lithuania's President X"), the
//! holder of an office the text names ("the U.S. president"), lone surnames of KB
//! leaders, and misspelt names of office holders (edit distance, gated by the text's
//! office and country agreeing with the KB's).

use std::collections::{HashMap, HashSet};

use newsgraph_model::{ByteSpan, EntityType};

use crate::link::{Ctx, Linked, TextRole};
use crate::tables::Sense;
use crate::text::{edit_distance, is_honorific, is_title_word, key};

/// Lower-case office words that follow a country in "the U.S. president", longest first.
const NOMINAL_OFFICES: &[(&[&str], &str)] = &[
    (&["prime", "minister"], "Prime Minister"),
    (&["foreign", "minister"], "Foreign Minister"),
    (&["secretary", "of", "state"], "Secretary of State"),
    (&["supreme", "leader"], "Supreme Leader"),
    (&["president"], "President"),
    (&["premier"], "Premier"),
    (&["chancellor"], "Chancellor"),
    (&["king"], "King"),
    (&["leader"], "Supreme Leader"),
];

impl Ctx<'_> {
    /// Splits titles off a PERSON mention and reads its role from them and the words before it.
    pub(crate) fn strip_titles(&self, mentions: &mut [Linked], i: usize, by_end: &HashMap<usize, usize>) {
        let m = &mentions[i];
        // Titles inside the span ("President Putin" tagged whole).
        let words: Vec<&str> = m.span.slice(self.text).split_whitespace().collect();
        let mut inner_titles: Vec<&str> = Vec::new();
        let mut owner_words: Vec<&str> = Vec::new();
        let mut name_start = 0;
        if let Some(last_title) = words.iter().rposition(|w| w.split('-').all(|p| is_title_word(&key(p)))) {
            if last_title + 1 < words.len() {
                let first_title = words[..=last_title]
                    .iter()
                    .rposition(|w| !w.split('-').all(|p| is_title_word(&key(p))))
                    .map_or(0, |p| p + 1);
                owner_words.extend(&words[..first_title]);
                inner_titles.extend(&words[first_title..=last_title]);
                name_start = last_title + 1;
            }
        }
        let name_key = key(&words[name_start..].join(" "));
        // Titles before the span ("U.S. President | Joe Biden").
        let mut titles: Vec<String> = Vec::new();
        let mut t = m.first_token;
        while t > 0 {
            let word = self.token_text(t - 1);
            let k = key(word);
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            if (capitalised && is_title_word(&k)) || (matches!(word, "-" | "–") && !titles.is_empty()) {
                if !k.is_empty() {
                    titles.push(word.to_string());
                }
                t -= 1;
            } else {
                break;
            }
        }
        titles.reverse();
        let mut owner = None;
        let mut owner_key = None;
        if !titles.is_empty() && t > 0 {
            let mut o = t - 1;
            if matches!(self.token_text(o), "'s" | "’s" | "'" | "’") && o > 0 {
                o -= 1;
            }
            owner = by_end.get(&(o + 1)).copied().filter(|&other| mentions[other].first_token <= o);
            if owner.is_none() {
                owner_key = Some(self.token_key(o));
            }
        }
        if inner_titles.len() > titles.len() {
            titles = inner_titles.iter().map(|s| s.to_string()).collect();
            if !owner_words.is_empty() {
                owner_key = Some(key(&owner_words.join(" ")));
            }
        }
        let title = role_title(&titles);
        let m = &mut mentions[i];
        if !name_key.is_empty() {
            m.name_key = name_key;
        }
        if !title.is_empty() {
            m.role = Some(TextRole { title, owner, owner_key });
        }
    }

    /// A KB leader with this surname whose country or organisation the article names,
    /// or whose office the mention's title names; in office on the article's date if known.
    pub(crate) fn kb_surname(&self, m: &Linked, named: &HashSet<String>) -> Option<u16> {
        let people = self.kb.surnames.get(&m.name_key)?;
        let mut best: Option<(u16, u32)> = None;
        for &p in people {
            let person = &self.kb.people[p as usize];
            let mut score = 0;
            for t in &person.tenures {
                let active = self.day.is_none_or(|d| t.active(d));
                if !active {
                    continue;
                }
                let mut s = 1;
                if named.contains(&t.of) {
                    s += 2;
                }
                if m.role.as_ref().is_some_and(|r| office_matches(&r.title, &t.office)) {
                    s += 2;
                }
                score = score.max(s);
            }
            if score >= 3 && best.is_none_or(|(_, b)| score > b) {
                best = Some((p, score));
            }
        }
        best.map(|(p, _)| p)
    }

    /// The holder of the mention's text-role office whose name is a near miss of the mention.
    pub(crate) fn near_miss(&self, mentions: &[Linked], i: usize) -> Option<u16> {
        let m = &mentions[i];
        let role = m.role.as_ref()?;
        let owner = role
            .owner
            .and_then(|o| self.code_of(self.sense_or_country(&mentions[o])))
            .or_else(|| role.owner_key.as_deref().and_then(|k| self.code_of(self.kb.senses(k).first().copied())))?;
        if m.name_key.len() > 60 {
            return None;
        }
        let limit = if m.name_key.len() >= 10 { 2 } else { 1 };
        let mut best: Option<(u16, usize)> = None;
        for (p, person) in self.kb.people.iter().enumerate() {
            let holds = person.tenures.iter().any(|t| {
                t.of == owner && office_matches(&role.title, &t.office) && self.day.is_none_or(|d| t.active(d))
            });
            if !holds {
                continue;
            }
            let d = edit_distance(&key(&person.name), &m.name_key, limit);
            if d <= limit && best.is_none_or(|(_, b)| d < b) {
                best = Some((p as u16, d));
            }
        }
        best.map(|(p, _)| p)
    }

    /// "the U.S. president", "Russia's president": the holder of that office on the
    /// article's date, added as a person mention spanning country and office. Without a
    /// date the holder is unknown, so nothing is added.
    pub(crate) fn office_nominals(&self, mentions: &mut Vec<Linked>) {
        let Some(day) = self.day else { return };
        let mut added = Vec::new();
        for m in mentions.iter() {
            let country = match m.sense {
                Some(Sense::Country(c)) | Some(Sense::Demonym(c)) => c,
                _ => continue,
            };
            let mut t = m.end_token;
            if matches!(self.token_text(t), "'s" | "’s") {
                t += 1;
            }
            let Some(&(words, office)) = NOMINAL_OFFICES.iter().find(|(words, _)| {
                words.iter().enumerate().all(|(i, w)| {
                    let token = self.token_text(t + i);
                    token.chars().next().is_some_and(char::is_lowercase) && key(token) == *w
                })
            }) else {
                continue;
            };
            let end = t + words.len();
            let iso2 = &self.kb.country(country).iso2;
            let holders: Vec<u16> = (0..self.kb.people.len() as u16)
                .filter(|&p| {
                    self.kb.people[p as usize]
                        .tenures
                        .iter()
                        .any(|tn| tn.of == *iso2 && tn.office == office && tn.active(day))
                })
                .collect();
            let (Some(&holder), 1) = (holders.first(), holders.len()) else { continue };
            let Some(last) = self.tokens.get(end - 1) else { continue };
            let span = ByteSpan::new(m.span.start(), last.span.end());
            added.push(Linked {
                sense: Some(Sense::Person(holder)),
                ..Linked::new(
                    span,
                    EntityType::Person,
                    key(span.slice(self.text)),
                    key(&self.kb.people[holder as usize].name),
                    m.first_token..end,
                    false,
                )
            });
        }
        mentions.extend(added);
    }
}

/// A role title from title words: honorifics dropped, hyphens made spaces ("Secretary General").
fn role_title(words: &[String]) -> String {
    let kept: Vec<String> = words
        .iter()
        .flat_map(|w| w.split(['-', '–']).map(str::to_string).collect::<Vec<_>>())
        .filter(|w| !w.is_empty() && !is_honorific(&key(w)))
        .collect();
    kept.join(" ")
}

/// Whether a title from the text names a KB office ("President" ~ "President").
pub fn office_matches(title: &str, office: &str) -> bool {
    let (t, o) = (key(title), key(office));
    !t.is_empty() && (t == o || o.starts_with(&format!("{t} ")) || (t == "pm" && o == "prime minister"))
}
