//! National teams: a country that plays a match is a team, not a place.
//!
//! In a match report "Chile defeated South Africa 2 – 1" names two national
//! teams, organisations with players and coaches, and the rest of the report
//! goes on calling them by the country's name ("Chile had more possession",
//! "Chile's captain"). Linked as countries they would put the teams on the
//! map and make them actors of the state. This pass finds the fixtures in an
//! article about a sport and turns every mention of a country that plays in one
//! into a mention of that country's team, except where the name follows a
//! preposition of place ("the final in Russia").
//!
//! A fixture is two nation mentions joined by a score ("Chile 1 – 0 Peru"),
//! a match verb ("Norway beat Peru", "Peru lost 0 – 2 to Norway") or
//! "v"/"vs". The article must also read as sport: a few distinct sports words
//! ("goal", "match", "tournament", ...), so "Russia faced Ukraine" in a war
//! report stays a matter of states. It does not find club teams (they are
//! organisations already) nor teams of cities or universities.

use std::collections::{HashMap, HashSet};

use newsgraph_model::EntityType;

use crate::link::{Ctx, Linked};
use crate::tables::{PlaceKind, Sense};
use crate::text::key;

/// Distinct sports words an article needs before its fixtures count.
const MIN_SPORTS_WORDS: usize = 3;

/// Words that only a report of a game uses often (lower case). Words with an
/// everyday sense too ("goal", "final", "penalty", "draw", "coach") are left out.
const SPORTS_WORDS: &[&str] = &[
    "championship",
    "equaliser",
    "equalizer",
    "goalkeeper",
    "half-time",
    "halftime",
    "innings",
    "kick-off",
    "league",
    "match",
    "midfielder",
    "quarter-final",
    "quarterfinal",
    "referee",
    "scored",
    "semi-final",
    "semifinal",
    "squad",
    "stadium",
    "striker",
    "tournament",
    "wicket",
];

/// Verbs that join the two sides of a game ("Norway beat Peru").
const MATCH_VERBS: &[&str] = &[
    "beat",
    "beats",
    "defeat",
    "defeated",
    "defeats",
    "drew",
    "draws",
    "edged",
    "eliminated",
    "face",
    "faced",
    "faces",
    "hammered",
    "lost",
    "lose",
    "loses",
    "outplayed",
    "overcame",
    "routed",
    "thrashed",
    "trounced",
    "upset",
];

/// Words that put a name in a place rather than on a pitch.
const PLACE_PREPOSITIONS: &[&str] =
    &["in", "at", "near", "across", "inside", "throughout", "within", "outside", "around", "into"];

/// Tokens a fixture may have between its two sides besides the verb or score.
const MAX_GAP: usize = 6;

impl Ctx<'_> {
    /// Marks the mentions of countries that play a game in this article as
    /// national teams, and adds the team names the tagger left untagged.
    pub(crate) fn national_teams(&self, mentions: &mut Vec<Linked>) {
        let nations: Vec<usize> = (0..mentions.len()).filter(|&i| self.nation(&mentions[i]).is_some()).collect();
        if nations.len() < 2 || !self.reads_as_sport() {
            return;
        }
        let mut playing: HashSet<Sense> = HashSet::new();
        for pair in nations.windows(2) {
            let (a, b) = (&mentions[pair[0]], &mentions[pair[1]]);
            if b.first_token > a.end_token && self.fixture_between(a.end_token, b.first_token) {
                playing.extend(self.nation(a));
                playing.extend(self.nation(b));
            }
        }
        if playing.is_empty() {
            return;
        }
        // Every name a team goes by here, and its last word when only one team has it
        // ("Korea" after "North Korea"), for the mentions that did not link to it.
        let mut names: HashMap<String, Option<Sense>> = HashMap::new();
        for m in mentions.iter() {
            let Some(sense) = self.nation(m).filter(|s| playing.contains(s)) else { continue };
            names.insert(m.key.clone(), Some(sense));
            // Not when the last word names a place of its own ("Africa" of "South Africa").
            if let Some((_, last)) = m.key.rsplit_once(' ').filter(|(_, last)| self.kb.senses(last).is_empty()) {
                let entry = names.entry(last.to_string()).or_insert(Some(sense));
                if *entry != Some(sense) {
                    *entry = None;
                }
            }
        }
        for m in mentions.iter_mut() {
            let sense =
                self.nation(m).or_else(|| names.get(&m.key).copied().flatten()).or_else(|| self.team_demonym(m));
            if let Some(sense) = sense.filter(|s| playing.contains(s)) {
                if !self.after_place_preposition(m) {
                    m.sense = Some(sense);
                    m.team = true;
                }
            }
        }
        self.missed_teams(&names, mentions);
    }

    /// Untagged one-word names of the teams ("Group C — CHILE 1 – 0 PERU").
    fn missed_teams(&self, names: &HashMap<String, Option<Sense>>, mentions: &mut Vec<Linked>) {
        let mut covered = vec![false; self.tokens.len()];
        for m in mentions.iter() {
            for flag in covered.iter_mut().take(m.end_token).skip(m.first_token) {
                *flag = true;
            }
        }
        for (t, token) in self.tokens.iter().enumerate() {
            let word = token.span.slice(self.text);
            if covered[t] || !word.starts_with(char::is_uppercase) {
                continue;
            }
            let k = key(word);
            let Some(&Some(sense)) = names.get(&k) else { continue };
            let m = Linked {
                span: token.span,
                label: EntityType::Gpe,
                name_key: k.clone(),
                key: k,
                first_token: t,
                end_token: t + 1,
                sense: Some(sense),
                role: None,
                coref: None,
                team: true,
                code: false,
            };
            if !self.after_place_preposition(&m) {
                mentions.push(m);
            }
        }
    }

    /// "the Norwegians": a plural demonym after "the" names the country's side.
    fn team_demonym(&self, m: &Linked) -> Option<Sense> {
        match m.sense? {
            Sense::Demonym(c)
                if m.key.ends_with('s') && m.first_token > 0 && self.token_key(m.first_token - 1) == "the" =>
            {
                Some(Sense::Country(c))
            }
            _ => None,
        }
    }

    /// The country (or constituent country, "England") a mention names.
    fn nation(&self, m: &Linked) -> Option<Sense> {
        match m.sense? {
            s @ Sense::Country(_) => Some(s),
            s @ Sense::Place(p) if self.kb.place(p).kind == PlaceKind::Admin && m.label == EntityType::Gpe => Some(s),
            _ => None,
        }
    }

    fn reads_as_sport(&self) -> bool {
        let mut seen: HashSet<&str> = HashSet::new();
        for i in 0..self.tokens.len() {
            let word = self.token_text(i);
            if word.len() < 3 || !word.starts_with(|c: char| c.is_ascii_lowercase()) {
                continue;
            }
            if let Some(&hit) = SPORTS_WORDS.iter().find(|w| **w == word) {
                seen.insert(hit);
                if seen.len() >= MIN_SPORTS_WORDS {
                    return true;
                }
            }
        }
        false
    }

    /// Whether the tokens `from..to` join two sides: a score, a match verb, or "v"/"vs".
    fn fixture_between(&self, from: usize, to: usize) -> bool {
        let words: Vec<&str> = (from..to).map(|i| self.token_text(i)).collect();
        if words.is_empty() || words.len() > MAX_GAP {
            return false;
        }
        if is_score(&words) {
            return true;
        }
        if words.iter().any(|w| matches!(*w, "." | ";" | "!" | "?" | ":")) {
            return false;
        }
        let first = words[0];
        matches!(first, "v" | "v." | "vs" | "vs." | "versus") || MATCH_VERBS.contains(&first)
    }

    fn after_place_preposition(&self, m: &Linked) -> bool {
        let mut t = m.first_token;
        // "in the United States": look past the article.
        if t > 0 && matches!(self.token_key(t - 1).as_str(), "the") {
            t -= 1;
        }
        t > 0 && PLACE_PREPOSITIONS.contains(&self.token_key(t - 1).as_str())
    }
}

/// One side's goals in a score: one or two digits.
pub(crate) fn is_goal_count(word: &str) -> bool {
    !word.is_empty() && word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit())
}

/// "1 – 0", "3-0" or "1–2" alone: the whole gap between two sides.
fn is_score(words: &[&str]) -> bool {
    let dash = |w: &str| matches!(w, "-" | "–" | "—" | ":");
    match words {
        [a, d, b] => is_goal_count(a) && dash(d) && is_goal_count(b),
        [one] => one.split_once(['-', '–', '—']).is_some_and(|(a, b)| is_goal_count(a) && is_goal_count(b)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_score;

    #[test]
    fn scores_are_goal_counts_joined_by_a_dash() {
        assert!(is_score(&["1", "–", "0"]));
        assert!(is_score(&["3-0"]));
        assert!(!is_score(&["2015-2016"]));
        assert!(!is_score(&["1", "and", "0"]));
        assert!(!is_score(&["said"]));
    }
}
