//! Linking within one article: raw NER spans in, linked mentions out.
//!
//! Each named span gets a link to a KB entry (country, place, organisation,
//! person, or a country through its demonym) or stays unlinked. The rules, in
//! order: titles are stripped off person names and read as roles
//! ("Lithuania's President X", "NATO Secretary-General X"); full names and
//! aliases are looked up; a lone surname joins the full name used elsewhere in
//! the article, else a KB leader of that surname whose country or office the
//! article names; a misspelt full name links to the holder of the office its
//! text role names when the spellings are close; types spaCy gets wrong are
//! corrected when the KB knows the string well (a big city tagged PERSON), and by
//! the rules of [`crate::retype`]; names the article tagged elsewhere are found
//! again where the model missed them ([`crate::refind`]); places and people named inside organisation
//! names become nested mentions ([`crate::nested`]); diseases and plural office
//! titles are dropped ([`crate::nonnames`]); place
//! names are geocoded together; a capital used as an actor ("Moscow announced")
//! is a mention of its country. A name written as a short all-caps code ("AI")
//! has only the KB senses of names written so ([`crate::text::is_code`]); CLDR
//! names of other languages count only in articles of that language, and the
//! English word rules of [`crate::retype`] only in English (or unknown-language)
//! articles. Grouping mentions into entities is in
//! [`crate::entities`]; roles and office holders are in [`crate::roles`], "the Kremlin
//! leader" in [`crate::leader`].

use std::collections::{HashMap, HashSet};

use newsgraph_model::{Article, ByteSpan, EntityType, Reads, Token};

use crate::geocode::{self, PlaceName};
use crate::tables::{Day, Kb, Names, PlaceKind, Sense};
use crate::text::{is_code, key, key_into};

/// A role read from the words before a person's name.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRole {
    /// "President", "Secretary General".
    pub title: String,
    /// The mention naming whose office it is ("Lithuania" in "Lithuania's President").
    pub owner: Option<usize>,
    /// The owner's key when no mention covers it ("u.s." left untagged).
    pub owner_key: Option<String>,
}

/// One named span after linking.
#[derive(Debug, Clone)]
pub struct Linked {
    pub span: ByteSpan,
    pub label: EntityType,
    /// Key of the whole trimmed mention.
    pub key: String,
    /// Key of the name without titles (persons) or equal to `key`.
    pub name_key: String,
    pub first_token: usize,
    pub end_token: usize,
    pub sense: Option<Sense>,
    pub role: Option<TextRole>,
    /// The full-name mention a lone surname refers to, when it is in this article.
    pub coref: Option<usize>,
    /// A country's name standing for its national team in a match ([`crate::teams`]).
    pub team: bool,
    /// Written as a short all-caps code ("AI", "IL"): only KB names written so match.
    pub code: bool,
}

impl Linked {
    /// A mention over tokens `tokens` before any reading: no sense, role,
    /// coreference or team (the linker's later passes fill them).
    pub(crate) fn new(
        span: ByteSpan,
        label: EntityType,
        key: String,
        name_key: String,
        tokens: std::ops::Range<usize>,
        code: bool,
    ) -> Self {
        Linked {
            span,
            label,
            key,
            name_key,
            first_token: tokens.start,
            end_token: tokens.end,
            sense: None,
            role: None,
            coref: None,
            team: false,
            code,
        }
    }
}

/// Trims a span: a leading "the" or "a" and a stance ("pro-Beijing"), a trailing possessive and punctuation, and a
/// parenthesis the span opens without closing ("World Health Organisation ( WHO" is
/// the name before it; "JD(U" takes the ")" that follows it).
fn trim_span(text: &str, span: ByteSpan) -> ByteSpan {
    let s = span.slice(text);
    let mut start = span.start();
    let mut end = span.end();
    for the in ["the ", "The ", "a ", "an "] {
        if s.starts_with(the) && s.len() > the.len() {
            start += the.len();
        }
    }
    // A stance the tagger ran into: "pro-Beijing DAB" names the DAB.
    if let Some((first, rest)) = text[start.min(end)..end].split_once(' ') {
        let stance = ["pro-", "Pro-", "anti-", "Anti-"].iter().any(|p| first.starts_with(p));
        if stance && rest.starts_with(char::is_uppercase) {
            start += first.len() + 1;
        }
    }
    let mut inner = &text[start.min(end)..end];
    let mut attached_paren = false;
    if let Some(open) = inner.rfind('(').filter(|&o| !inner[o..].contains(')')) {
        if inner[..open].ends_with(char::is_whitespace) && !inner[..open].trim().is_empty() {
            inner = inner[..open].trim_end();
        } else {
            attached_paren = open > 0 && text[end.min(text.len())..].starts_with(')');
        }
    }
    // A possessive name the tagger ran into the number after it ("Marsh’s 2016"):
    // the name alone ([`possessive_then_number`]).
    if let Some(cut) = possessive_then_number(inner) {
        inner = &inner[..cut];
    }
    loop {
        let before = inner.len();
        for suffix in ["'s", "’s", "'", "’"] {
            if let Some(rest) = inner.strip_suffix(suffix) {
                inner = rest;
            }
        }
        inner = inner.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '"' | '”'));
        // A closing parenthesis the name opened stays: "JD(U)".
        if inner.ends_with(')') && inner.matches('(').count() < inner.matches(')').count() {
            inner = &inner[..inner.len() - 1];
        }
        if inner.len() == before {
            break;
        }
    }
    end = start + inner.len();
    if attached_paren && end == span.end() {
        end += 1;
    }
    // A score the tagger ran into ("Chile 3" of "Chile 3 – 0 Peru").
    if let Some((name, goals)) = inner.rsplit_once(' ') {
        let after = text[span.end().min(text.len())..].trim_start();
        if crate::teams::is_goal_count(goals) && !name.is_empty() && after.starts_with(['-', '–', '—']) {
            end = start + name.len();
        }
    }
    ByteSpan::new(start, end.max(start))
}

/// Where the name ends in "Name’s 2016" / "Name 's 12": a possessive followed only by numbers.
fn possessive_then_number(s: &str) -> Option<usize> {
    for mark in ["’s ", "'s ", " ’s ", " 's "] {
        if let Some(at) = s.find(mark) {
            let rest = &s[at + mark.len()..];
            let numbers =
                !rest.trim().is_empty() && rest.split_whitespace().all(|w| w.chars().all(|c| c.is_ascii_digit()));
            if at > 0 && numbers {
                return Some(at);
            }
        }
    }
    None
}

/// Index of the first token starting at or after `byte`.
fn token_at(tokens: &[Token], byte: usize) -> usize {
    tokens.partition_point(|t| t.span.start() < byte)
}

/// Links every named NER span of the article.
pub fn link_mentions(kb: &Kb, article: &Article) -> Vec<Linked> {
    let text = article.text.as_str();
    // The text layer the nlp stage leaves (tokens over the same text as the NER spans).
    let tokens: &[Token] = &article.analysis.tokens;
    let day = article.published_date().and_then(crate::tables::parse_day);
    let mut buf = String::new();
    let mut mentions: Vec<Linked> = Vec::new();
    for ner in &article.analysis.ner {
        if !ner.label.is_named()
            || ner.span.end() > text.len()
            || !text.is_char_boundary(ner.span.start())
            || !text.is_char_boundary(ner.span.end())
        {
            continue;
        }
        let span = trim_span(text, ner.span);
        if span.is_empty() {
            continue;
        }
        key_into(span.slice(text), &mut buf);
        if buf.is_empty() {
            continue;
        }
        let first_token = token_at(tokens, span.start());
        let end_token = token_at(tokens, span.end()).max(first_token);
        mentions.push(Linked::new(
            span,
            ner.label,
            buf.clone(),
            buf.clone(),
            first_token..end_token,
            is_code(span.slice(text)),
        ));
    }
    mentions.sort_by_key(|m| (m.span.start(), m.span.end()));
    // A confident language other than English: its CLDR names count, English word rules do not.
    let language = article
        .language
        .as_deref()
        .filter(|l| *l != "en" && article.language_confidence.unwrap_or(0.0) >= Reads::CONFIDENT);
    let names = language.map_or(Names::English, Names::Of);
    let ctx = Ctx { kb, text, tokens, day, names, english: language.is_none() };
    // Tokens inside any NER span (named or not): no new mention starts there.
    let mut covered = vec![false; tokens.len()];
    let finder = language.and_then(crate::finder::finder_for);
    if finder.is_some() {
        // The model is the English one, on a language it was not trained on: its names
        // score worse than the finder's alone (kept, they lower F1 on every dev set).
        mentions.clear();
    } else {
        for ner in &article.analysis.ner {
            let (a, b) = (token_at(tokens, ner.span.start()), token_at(tokens, ner.span.end()));
            for flag in covered.iter_mut().take(b).skip(a) {
                *flag = true;
            }
        }
    }
    if let Some(finder) = finder {
        ctx.find_names(finder, &mut covered, &mut mentions);
    }
    ctx.retype(&mut mentions);
    ctx.drop_nonnames(&mut mentions);
    ctx.given_name_pairs(&mut mentions);
    ctx.missed_people(&covered, &mut mentions);
    ctx.parenthesised_acronyms(&mut mentions);
    ctx.split_joined_names(&mut mentions);
    ctx.refind_names(&article.analysis.ner, &mut mentions);
    // The mention ending at each token: the owner of a title ("Lithuania" 's President).
    let mut by_end: HashMap<usize, usize> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        by_end.entry(m.end_token).or_insert(i);
    }
    for i in 0..mentions.len() {
        if mentions[i].label == EntityType::Person {
            ctx.strip_titles(&mut mentions, i, &by_end);
        }
    }
    for m in &mut mentions {
        m.sense = ctx.direct_sense(m);
    }
    ctx.link_sourced(&mut mentions);
    ctx.resolve_people(&mut mentions);
    ctx.placed_names(&mut mentions);
    ctx.nested_names(&mut mentions);
    ctx.country_prefixes(&mut mentions);
    ctx.missed_places(&mut mentions);
    ctx.geocode(&mut mentions);
    ctx.national_teams(&mut mentions);
    ctx.office_nominals(&mut mentions);
    ctx.leader_nominals(&mut mentions);
    mentions
}

pub(crate) struct Ctx<'a> {
    pub(crate) kb: &'a Kb,
    pub(crate) text: &'a str,
    pub(crate) tokens: &'a [Token],
    pub(crate) day: Option<Day>,
    /// The CLDR names of which other language count (the article's, when confident).
    pub(crate) names: Names<'a>,
    /// The article is in English or of unknown language: the English word rules apply.
    pub(crate) english: bool,
}

impl Ctx<'_> {
    pub(crate) fn token_key(&self, i: usize) -> String {
        self.tokens.get(i).map(|t| key(t.span.slice(self.text))).unwrap_or_default()
    }

    pub(crate) fn token_text(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.span.slice(self.text))
    }

    /// The KB sense a mention has on its own, by label, before article-level rules.
    fn direct_sense(&self, m: &mut Linked) -> Option<Sense> {
        let senses = self.kb.senses_as(&m.name_key, m.code);
        let find = |f: &dyn Fn(&Sense) -> bool| senses.iter().copied().find(|s| f(s));
        match m.label {
            EntityType::Norp => {
                let plural = m.key.strip_suffix('s').map(|k| self.kb.senses(k)).unwrap_or(&[]);
                let demonym = senses.iter().chain(plural).copied().find(|s| matches!(s, Sense::Demonym(_)));
                demonym.or_else(|| {
                    let org = find(&|s| matches!(s, Sense::Org(_)));
                    if org.is_some() {
                        m.label = EntityType::Org;
                    }
                    org
                })
            }
            EntityType::Person => find(&|s| matches!(s, Sense::Person(_))),
            EntityType::Org => find(&|s| matches!(s, Sense::Org(_))).or_else(|| {
                let person = find(&|s| matches!(s, Sense::Person(_)));
                if person.is_some() {
                    m.label = EntityType::Person;
                }
                person
            }),
            EntityType::Gpe | EntityType::Loc | EntityType::Fac => {
                let org = find(&|s| matches!(s, Sense::Org(o) if self.kb.orgs[*o as usize].metonym));
                if org.is_some() {
                    m.label = EntityType::Org;
                }
                org
            }
            _ => None,
        }
    }

    /// Surnames, KB surnames, near-miss spellings and type corrections.
    fn resolve_people(&self, mentions: &mut [Linked]) {
        // Surname (last word key) of every multi-word person mention -> its index.
        let mut surnames: HashMap<String, usize> = HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            if m.label == EntityType::Person && m.name_key.contains(' ') {
                if let Some(last) = m.name_key.rsplit(' ').next() {
                    surnames.entry(last.to_string()).or_insert(i);
                }
            }
        }
        // Near-miss spellings of office holders named in the text role.
        for i in 0..mentions.len() {
            if mentions[i].label == EntityType::Person
                && mentions[i].sense.is_none()
                && mentions[i].name_key.contains(' ')
            {
                mentions[i].sense = self.near_miss(mentions, i).map(Sense::Person);
            }
        }
        // Countries and organisations the article names: gate for bare KB surnames.
        let named: HashSet<String> = mentions.iter().filter_map(|m| self.code_of(self.sense_or_country(m))).collect();
        for i in 0..mentions.len() {
            let m = &mentions[i];
            let single = !m.name_key.contains(' ');
            let candidate_label =
                matches!(m.label, EntityType::Person | EntityType::Org | EntityType::Gpe | EntityType::Loc);
            if !single || !candidate_label || (m.sense.is_some() && m.label != EntityType::Person) {
                continue;
            }
            if let Some(&full) = surnames.get(&m.name_key) {
                if full != i && mentions[full].label == EntityType::Person {
                    let sense = mentions[full].sense;
                    let m = &mut mentions[i];
                    m.label = EntityType::Person;
                    m.sense = sense;
                    m.coref = Some(full);
                    continue;
                }
            }
            if m.label == EntityType::Person && m.sense.is_none() {
                if let Some(p) = self.kb_surname(m, &named) {
                    mentions[i].sense = Some(Sense::Person(p));
                    continue;
                }
                // spaCy calls some places people ("Kyiv"): trust the KB when it knows the place well.
                if self.well_known_place(&m.name_key, m.code) {
                    mentions[i].label = EntityType::Gpe;
                }
            }
        }
        // Unlinked ORG strings that are countries or first-level regions are places
        // ("Ukraine", "NSW" tagged ORG): the KB has no organisation of that name.
        let kb = self.kb;
        let place_like = |s: &Sense| match s {
            Sense::Country(_) => true,
            Sense::Place(p) => matches!(kb.place(*p).kind, PlaceKind::Admin | PlaceKind::Region),
            _ => false,
        };
        let mut foreign = Vec::new();
        for m in mentions.iter_mut() {
            if m.label != EntityType::Org || m.sense.is_some() {
                continue;
            }
            foreign.clear();
            if !m.code {
                kb.foreign_senses(self.names, &m.key, &mut foreign);
            }
            if kb.senses_as(&m.key, m.code).iter().chain(&foreign).any(place_like) {
                m.label = EntityType::Gpe;
            }
        }
    }

    /// A single word that the KB knows as a country, region or city of 100,000+ and as no person.
    fn well_known_place(&self, k: &str, code: bool) -> bool {
        if self.kb.surnames.contains_key(k) {
            return false;
        }
        geocode::candidates(self.kb, k, code, self.names).iter().any(|s| match s {
            Sense::Country(_) => true,
            Sense::Place(p) => {
                let row = self.kb.place(*p);
                matches!(row.kind, PlaceKind::Admin | PlaceKind::Region)
                    || (row.kind == PlaceKind::City && row.population >= 100_000)
            }
            _ => false,
        })
    }

    /// The mention's sense, or before geocoding, the country its name is (if it is one).
    pub(crate) fn sense_or_country(&self, m: &Linked) -> Option<Sense> {
        m.sense.or_else(|| self.kb.senses_as(&m.key, m.code).iter().copied().find(|s| matches!(s, Sense::Country(_))))
    }

    /// The ISO2 code or organisation key a linked sense stands for.
    pub(crate) fn code_of(&self, sense: Option<Sense>) -> Option<String> {
        match sense? {
            Sense::Country(c) | Sense::Demonym(c) => Some(self.kb.country(c).iso2.clone()),
            Sense::Org(o) => {
                let org = &self.kb.orgs[o as usize];
                match org.country {
                    Some(c) if org.metonym => Some(self.kb.country(c).iso2.clone()),
                    _ => Some(org.key.clone()),
                }
            }
            Sense::Place(p) => self.kb.place(p).country.map(|c| self.kb.country(c).iso2.clone()),
            Sense::Person(_) => None,
        }
    }

    /// Geocodes every place-typed mention together, then turns capitals used as actors into countries.
    fn geocode(&self, mentions: &mut [Linked]) {
        let place_idx: Vec<usize> = (0..mentions.len())
            .filter(|&i| {
                mentions[i].sense.is_none()
                    && matches!(mentions[i].label, EntityType::Gpe | EntityType::Loc | EntityType::Fac)
            })
            .collect();
        let mut names: Vec<PlaceName> = place_idx
            .iter()
            .map(|&i| PlaceName {
                key: mentions[i].key.clone(),
                container: None,
                code: mentions[i].code,
                gpe: mentions[i].label == EntityType::Gpe,
                located: self.english && self.placed_before(mentions[i].first_token),
            })
            .collect();
        // "Geneva, Switzerland": the next place mention right after a comma contains this one
        // (in English also after "in", "located in": "Kogelo in Nyanza").
        for w in 0..place_idx.len().saturating_sub(1) {
            let (a, b) = (&mentions[place_idx[w]], &mentions[place_idx[w + 1]]);
            let comma = b.first_token == a.end_token + 1 && self.token_text(a.end_token) == ",";
            if comma || (self.english && self.located_in(a, b)) {
                names[w].container = Some(w + 1);
            }
        }
        // Countries named by demonyms and organisations also tell the article's focus.
        let extra: Vec<PlaceName> = mentions
            .iter()
            .filter_map(|m| match m.sense {
                Some(Sense::Demonym(c)) => Some(PlaceName::of_key(key(&self.kb.country(c).name))),
                _ => None,
            })
            .collect();
        names.extend(extra);
        let chosen = geocode::resolve(self.kb, &names, self.names);
        for (w, &i) in place_idx.iter().enumerate() {
            let sense = chosen[w];
            if let Some(Sense::Place(p)) = sense {
                if let Some(country) = self.kb.capital_of(p) {
                    if self.acts(&mentions[i]) {
                        mentions[i].sense = Some(Sense::Country(country));
                        continue;
                    }
                }
            }
            mentions[i].sense = sense;
        }
    }

    /// Whether a place mention is the subject of a verb ("Moscow announced", "Moscow already annexed").
    fn acts(&self, m: &Linked) -> bool {
        if m.first_token > 0 {
            let before = self.token_key(m.first_token - 1);
            if matches!(
                before.as_str(),
                "in" | "to"
                    | "from"
                    | "at"
                    | "near"
                    | "of"
                    | "into"
                    | "on"
                    | "via"
                    | "across"
                    | "around"
                    | "outside"
                    | "toward"
                    | "towards"
            ) {
                return false;
            }
        }
        let mut t = m.end_token;
        // Skip one adverb ("Moscow already annexed").
        if matches!(
            self.token_key(t).as_str(),
            "already" | "also" | "still" | "now" | "has" | "had" | "will" | "would" | "could"
        ) {
            t += 1;
        }
        let word = self.token_text(t);
        if !word.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        let k = key(word);
        matches!(
            k.as_str(),
            "said"
                | "says"
                | "plans"
                | "planned"
                | "announced"
                | "announces"
                | "wants"
                | "wanted"
                | "denied"
                | "denies"
                | "claims"
                | "claimed"
                | "warned"
                | "warns"
                | "accused"
                | "accuses"
                | "insists"
                | "insisted"
                | "rejected"
                | "rejects"
                | "annexed"
                | "demanded"
                | "demands"
                | "seeks"
                | "sought"
                | "threatened"
                | "threatens"
                | "responded"
                | "agreed"
                | "refused"
                | "supports"
                | "supported"
                | "backed"
                | "urged"
                | "urges"
                | "is"
                | "has"
                | "will"
                | "would"
                | "must"
                | "can"
                | "could"
                | "may"
                | "might"
                | "hopes"
                | "fears"
                | "believes"
                | "expects"
                | "sent"
                | "sends"
                | "imposed"
                | "launched"
                | "ordered"
                | "withdrew"
                | "recalled"
                | "expelled"
                | "condemned"
                | "blamed"
                | "signed"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_possessive_name_loses_the_number_the_tagger_ran_into() {
        let text = "Marsh’s 2016 campaign";
        let span = trim_span(text, ByteSpan::new(0, "Marsh’s 2016".len()));
        assert_eq!(span.slice(text), "Marsh");
        let text = "Trump 's 2016 run";
        assert_eq!(trim_span(text, ByteSpan::new(0, "Trump 's 2016".len())).slice(text), "Trump");
        // A name that holds a possessive and words stays whole.
        let text = "the World Health Organisation ( WHO ) said";
        assert_eq!(trim_span(text, ByteSpan::new(0, 35)).slice(text), "World Health Organisation");
        let text = "the JD(U) won";
        assert_eq!(trim_span(text, ByteSpan::new(4, 8)).slice(text), "JD(U)");
        let text = "of a World Health Organisation report";
        assert_eq!(trim_span(text, ByteSpan::new(3, 30)).slice(text), "World Health Organisation");
        let text = "pro-Beijing DAB 's Ben Chan";
        assert_eq!(trim_span(text, ByteSpan::new(0, 18)).slice(text), "DAB");
        let text = "McDonald's Corporation";
        assert_eq!(trim_span(text, ByteSpan::new(0, text.len())).slice(text), text);
    }
}
