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
//! corrected when the KB knows the string well (a big city tagged PERSON); place
//! names are geocoded together; a capital used as an actor ("Moscow announced")
//! is a mention of its country. Grouping mentions into entities is in
//! [`crate::entities`].

use std::collections::HashMap;

use newsgraph_model::{Article, ByteSpan, EntityType, Token};

use crate::geocode::{self, PlaceName};
use crate::tables::{Day, Kb, PlaceKind, Sense};
use crate::text::{edit_distance, fallback_tokens, is_honorific, is_title_word, key, key_into};

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
}

/// Trims a span: a leading "the", a trailing possessive and punctuation.
fn trim_span(text: &str, span: ByteSpan) -> ByteSpan {
    let s = span.slice(text);
    let mut start = span.start;
    let mut end = span.end;
    for the in ["the ", "The "] {
        if s.starts_with(the) && s.len() > the.len() {
            start += the.len();
        }
    }
    let mut inner = &text[start.min(end)..end];
    loop {
        let before = inner.len();
        for suffix in ["'s", "’s", "'", "’"] {
            if let Some(rest) = inner.strip_suffix(suffix) {
                inner = rest;
            }
        }
        inner = inner.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '"' | '”' | ')'));
        if inner.len() == before {
            break;
        }
    }
    end = start + inner.len();
    ByteSpan::new(start, end.max(start))
}

/// Index of the first token starting at or after `byte`.
fn token_at(tokens: &[Token], byte: usize) -> usize {
    tokens.partition_point(|t| t.span.start < byte)
}

/// Links every named NER span of the article.
pub fn link_mentions(kb: &Kb, article: &Article) -> Vec<Linked> {
    let text = article.text.as_str();
    let own_tokens;
    let tokens: &[Token] = if article.analysis.tokens.is_empty() {
        own_tokens = fallback_tokens(text);
        &own_tokens
    } else {
        &article.analysis.tokens
    };
    let day = article.published_date().and_then(crate::tables::parse_day);
    let mut buf = String::new();
    let mut mentions: Vec<Linked> = Vec::new();
    for ner in &article.analysis.ner {
        if !ner.label.is_named() || ner.span.end > text.len() || !text.is_char_boundary(ner.span.start) || !text.is_char_boundary(ner.span.end) {
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
        let first_token = token_at(tokens, span.start);
        let end_token = token_at(tokens, span.end).max(first_token);
        mentions.push(Linked {
            span,
            label: ner.label,
            key: buf.clone(),
            name_key: buf.clone(),
            first_token,
            end_token,
            sense: None,
            role: None,
            coref: None,
        });
    }
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    let ctx = Ctx { kb, text, tokens, day };
    for i in 0..mentions.len() {
        if mentions[i].label == EntityType::Person {
            ctx.strip_titles(&mut mentions, i);
        }
    }
    for m in &mut mentions {
        m.sense = ctx.direct_sense(m);
    }
    ctx.resolve_people(&mut mentions);
    ctx.geocode(&mut mentions);
    mentions
}

struct Ctx<'a> {
    kb: &'a Kb,
    text: &'a str,
    tokens: &'a [Token],
    day: Option<Day>,
}

impl Ctx<'_> {
    fn token_key(&self, i: usize) -> String {
        self.tokens.get(i).map(|t| key(t.span.slice(self.text))).unwrap_or_default()
    }

    fn token_text(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.span.slice(self.text))
    }

    /// Splits titles off a PERSON mention and reads its role from them and the words before it.
    fn strip_titles(&self, mentions: &mut [Linked], i: usize) {
        let m = &mentions[i];
        // Titles inside the span ("President Putin" tagged whole).
        let words: Vec<&str> = m.span.slice(self.text).split_whitespace().collect();
        let mut inner_titles: Vec<&str> = Vec::new();
        let mut owner_words: Vec<&str> = Vec::new();
        let mut name_start = 0;
        if let Some(last_title) = words.iter().rposition(|w| w.split('-').all(|p| is_title_word(&key(p)))) {
            if last_title + 1 < words.len() {
                let first_title =
                    words[..=last_title].iter().rposition(|w| !w.split('-').all(|p| is_title_word(&key(p)))).map_or(0, |p| p + 1);
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
            owner = mentions.iter().position(|other| other.end_token == o + 1 && other.first_token <= o);
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

    /// The KB sense a mention has on its own, by label, before article-level rules.
    fn direct_sense(&self, m: &mut Linked) -> Option<Sense> {
        let senses = self.kb.senses(&m.name_key);
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
            if mentions[i].label == EntityType::Person && mentions[i].sense.is_none() && mentions[i].name_key.contains(' ') {
                mentions[i].sense = self.near_miss(mentions, i).map(Sense::Person);
            }
        }
        // Countries and organisations the article names: gate for bare KB surnames.
        let named: Vec<String> = mentions.iter().filter_map(|m| self.code_of(self.sense_or_country(m))).collect();
        for i in 0..mentions.len() {
            let m = &mentions[i];
            let single = !m.name_key.contains(' ');
            let candidate_label = matches!(m.label, EntityType::Person | EntityType::Org | EntityType::Gpe | EntityType::Loc);
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
                if self.well_known_place(&m.name_key) {
                    mentions[i].label = EntityType::Gpe;
                }
            }
        }
        // Unlinked ORG strings that are well-known places are places ("Ukraine" tagged ORG).
        for m in mentions.iter_mut() {
            if m.label == EntityType::Org && m.sense.is_none() && self.kb.senses(&m.key).iter().any(|s| matches!(s, Sense::Country(_))) {
                m.label = EntityType::Gpe;
            }
        }
    }

    /// A single word that the KB knows as a country, region or city of 100,000+ and as no person.
    fn well_known_place(&self, k: &str) -> bool {
        if self.kb.surnames.contains_key(k) {
            return false;
        }
        geocode::candidates(self.kb, k).iter().any(|s| match s {
            Sense::Country(_) => true,
            Sense::Place(p) => {
                let row = self.kb.place(*p);
                matches!(row.kind, PlaceKind::Admin | PlaceKind::Region) || (row.kind == PlaceKind::City && row.population >= 100_000)
            }
            _ => false,
        })
    }

    /// A KB leader with this surname whose country or organisation the article names,
    /// or whose office the mention's title names; in office on the article's date if known.
    fn kb_surname(&self, m: &Linked, named: &[String]) -> Option<u16> {
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
    fn near_miss(&self, mentions: &[Linked], i: usize) -> Option<u16> {
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

    /// The mention's sense, or before geocoding, the country its name is (if it is one).
    fn sense_or_country(&self, m: &Linked) -> Option<Sense> {
        m.sense.or_else(|| self.kb.senses(&m.key).iter().copied().find(|s| matches!(s, Sense::Country(_))))
    }

    /// The ISO2 code or organisation key a linked sense stands for.
    fn code_of(&self, sense: Option<Sense>) -> Option<String> {
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
            .filter(|&i| mentions[i].sense.is_none() && matches!(mentions[i].label, EntityType::Gpe | EntityType::Loc | EntityType::Fac))
            .collect();
        let mut names: Vec<PlaceName> = place_idx.iter().map(|&i| PlaceName { key: mentions[i].key.clone(), container: None }).collect();
        // "Geneva, Switzerland": the next place mention right after a comma contains this one.
        for w in 0..place_idx.len().saturating_sub(1) {
            let (a, b) = (&mentions[place_idx[w]], &mentions[place_idx[w + 1]]);
            if b.first_token == a.end_token + 1 && self.token_text(a.end_token) == "," {
                names[w].container = Some(w + 1);
            }
        }
        // Countries named by demonyms and organisations also tell the article's focus.
        let extra: Vec<PlaceName> = mentions
            .iter()
            .filter_map(|m| match m.sense {
                Some(Sense::Demonym(c)) => Some(PlaceName { key: key(&self.kb.country(c).name), container: None }),
                _ => None,
            })
            .collect();
        names.extend(extra);
        let chosen = geocode::resolve(self.kb, &names);
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
            if matches!(before.as_str(), "in" | "to" | "from" | "at" | "near" | "of" | "into" | "on" | "via" | "across" | "around" | "outside" | "toward" | "towards") {
                return false;
            }
        }
        let mut t = m.end_token;
        // Skip one adverb ("Moscow already annexed").
        if matches!(self.token_key(t).as_str(), "already" | "also" | "still" | "now" | "has" | "had" | "will" | "would" | "could") {
            t += 1;
        }
        let word = self.token_text(t);
        if !word.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        let k = key(word);
        matches!(
            k.as_str(),
            "said" | "says" | "plans" | "planned" | "announced" | "announces" | "wants" | "wanted" | "denied" | "denies" | "claims"
                | "claimed" | "warned" | "warns" | "accused" | "accuses" | "insists" | "insisted" | "rejected" | "rejects"
                | "annexed" | "demanded" | "demands" | "seeks" | "sought" | "threatened" | "threatens" | "responded" | "agreed"
                | "refused" | "supports" | "supported" | "backed" | "urged" | "urges" | "is" | "has" | "will" | "would" | "must"
                | "can" | "could" | "may" | "might" | "hopes" | "fears" | "believes" | "expects" | "sent" | "sends" | "imposed"
                | "launched" | "ordered" | "withdrew" | "recalled" | "expelled" | "condemned" | "blamed" | "signed"
        )
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
