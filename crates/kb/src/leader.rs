//! "The Kremlin leader", "the Russian leader": a title that names a person the article
//! already names.
//!
//! A country, its demonym or a government metonym of the KB ("Kremlin", "White House")
//! followed by a lower-case "leader" (after an optional possessive) becomes a mention of
//! the one person of the article the KB gives a leading office of that country:
//! president, prime minister, chancellor, premier, king or supreme leader, held on
//! the article's date (any time when it has none). Not when a name follows ("Palestinian
//! leader Mahmoud Abbas": a title of that name) or "former" precedes. With two such people in the
//! article ("Putin" and his prime minister) or none, nothing is added: "leader" alone
//! does not say which office, and this rule never adds a person the text does not name.
//! Unlike [`Ctx::office_nominals`] ("the U.S. president"), which names the office, it
//! needs no date.

use newsgraph_model::{ByteSpan, EntityType};

use crate::link::{Ctx, Linked};
use crate::tables::Sense;
use crate::text::key;

/// Offices whose holder a text may call its country's "leader".
const LEADING: &[&str] = &["President", "Prime Minister", "Chancellor", "Premier", "King", "Supreme Leader"];

impl Ctx<'_> {
    /// Adds a person mention for "<country> leader" when one person of the article leads that country.
    pub(crate) fn leader_nominals(&self, mentions: &mut Vec<Linked>) {
        let mut added = Vec::new();
        for m in mentions.iter() {
            let country = match m.sense {
                Some(Sense::Country(c) | Sense::Demonym(c)) => c,
                Some(Sense::Org(o)) => match self.kb.orgs.get(o as usize) {
                    Some(org) if org.metonym => match org.country {
                        Some(c) => c,
                        None => continue,
                    },
                    _ => continue,
                },
                _ => continue,
            };
            let mut t = m.end_token;
            if matches!(self.token_text(t), "'s" | "’s") {
                t += 1;
            }
            // "Palestinian leader Mahmoud Abbas": a title before a name is that name's
            // (`strip_titles`); "the former Iraqi leader" is not today's.
            let names_follow = self.token_text(t + 1).chars().next().is_some_and(char::is_uppercase);
            let former = m.first_token.checked_sub(1).is_some_and(|b| self.token_key(b) == "former");
            if self.token_text(t) != "leader" || names_follow || former {
                continue;
            }
            let iso2 = &self.kb.country(country).iso2;
            let mut leaders: Vec<u16> = Vec::new();
            for other in mentions.iter() {
                let Some(Sense::Person(p)) = other.sense else { continue };
                let Some(person) = self.kb.people.get(p as usize) else { continue };
                let leads = person.tenures.iter().any(|tn| {
                    tn.of == *iso2 && LEADING.contains(&tn.office.as_str()) && self.day.is_none_or(|day| tn.active(day))
                });
                if leads && !leaders.contains(&p) {
                    leaders.push(p);
                }
            }
            let ([holder], Some(last)) = (leaders.as_slice(), self.tokens.get(t)) else { continue };
            let span = ByteSpan::new(m.span.start(), last.span.end());
            added.push(Linked {
                sense: Some(Sense::Person(*holder)),
                ..Linked::new(
                    span,
                    EntityType::Person,
                    key(span.slice(self.text)),
                    key(&self.kb.people[*holder as usize].name),
                    m.first_token..t + 1,
                    false,
                )
            });
        }
        mentions.extend(added);
    }
}
