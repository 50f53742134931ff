//! GDELT-style tone of an article from the VADER sentiment lexicon.
//!
//! [`ToneScorer`] fills [`Article::tone`] with GDELT GKG 2.1's tone numbers:
//! the percentage of words with positive and with negative valence in the
//! VADER lexicon (`models/tone/vader_lexicon.tsv`, MIT), tone = positive -
//! negative, polarity = positive + negative, activity = the percentage of
//! active words (`models/tone/activity.txt`), and the word count. These are
//! lexicon densities like GDELT's, not VADER's compound score: no negation or
//! intensifier rules apply. An article without words gets no tone.
//!
//! ```
//! use newsgraph_annotate::ToneScorer;
//! use newsgraph_model::{Article, Stage};
//! let mut article = Article::from_text("d", "Troops attacked the village, killing many. A terrible loss.");
//! ToneScorer::new().annotate(&mut article);
//! let tone = article.tone.unwrap();
//! assert!(tone.tone < 0.0 && tone.activity > 0.0);
//! ```

use std::sync::OnceLock;

use newsgraph_model::{Article, Reads, Stage, Tone};

use crate::hash::{WordMap, WordSet};

const LEXICON: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tone/vader_lexicon.tsv"));
const ACTIVITY: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tone/activity.txt"));

/// The loaded word lists, shared by every scorer.
#[derive(Debug)]
struct Lexicon {
    valence: WordMap<&'static str, f32>,
    active: WordSet<String>,
}

fn lexicon() -> &'static Lexicon {
    static LOADED: OnceLock<Lexicon> = OnceLock::new();
    LOADED.get_or_init(|| {
        let valence = LEXICON
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (word, value) = l.split_once('\t')?;
                Some((word, value.trim().parse::<f32>().ok()?))
            })
            .collect();
        let active = ACTIVITY
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .flat_map(inflections)
            .collect();
        Lexicon { valence, active }
    })
}

/// Regular inflections of an English verb or noun (over-generation is harmless:
/// the extra forms are not words).
fn inflections(base: &str) -> Vec<String> {
    let mut forms = vec![base.to_string(), format!("{base}s"), format!("{base}es"), format!("{base}ed")];
    forms.push(format!("{base}d"));
    forms.push(format!("{base}ing"));
    if let Some(stem) = base.strip_suffix('e') {
        forms.push(format!("{stem}ing"));
    }
    if let Some(stem) = base.strip_suffix('y') {
        forms.push(format!("{stem}ies"));
        forms.push(format!("{stem}ied"));
    }
    if let Some(last) = base.chars().last().filter(|c| !"aeiouwxy".contains(*c)) {
        forms.push(format!("{base}{last}ed"));
        forms.push(format!("{base}{last}ing"));
    }
    forms
}

/// The tone scorer; cheap to build, the lexicon loads once per process.
#[derive(Debug, Default)]
pub struct ToneScorer {}

impl ToneScorer {
    pub fn new() -> Self {
        ToneScorer {}
    }

    /// GDELT tone numbers of `text`, or `None` when it has no words.
    pub fn score(&self, text: &str) -> Option<Tone> {
        let lexicon = lexicon();
        let (mut words, mut positive, mut negative, mut active) = (0usize, 0usize, 0usize, 0usize);
        let mut lower = String::new();
        for word in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-')) {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if !word.chars().any(char::is_alphabetic) {
                continue;
            }
            words += 1;
            lower.clear();
            if word.is_ascii() {
                // The common case, without a char-by-char Unicode lowercase.
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(word.chars().flat_map(char::to_lowercase).map(|c| if c == '’' { '\'' } else { c }));
            }
            match lexicon.valence.get(lower.as_str()) {
                Some(&v) if v > 0.0 => positive += 1,
                Some(&v) if v < 0.0 => negative += 1,
                _ => {}
            }
            active += usize::from(lexicon.active.contains(lower.as_str()));
        }
        if words == 0 {
            return None;
        }
        let percent = |n: usize| 100.0 * n as f64 / words as f64;
        let (positive, negative) = (percent(positive), percent(negative));
        Some(Tone {
            tone: positive - negative,
            positive,
            negative,
            polarity: positive + negative,
            activity: percent(active),
            words,
        })
    }
}

impl Stage for ToneScorer {
    fn name(&self) -> &'static str {
        "tone"
    }

    fn reads(&self) -> Reads {
        // An English sentiment lexicon.
        Reads::ENGLISH
    }

    fn annotate(&self, article: &mut Article) {
        article.tone = self.score(&article.text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads_whole() {
        let lexicon = lexicon();
        assert!(lexicon.valence.len() > 7000, "{}", lexicon.valence.len());
        assert!(lexicon.valence["good"] > 0.0 && lexicon.valence["war"] < 0.0);
        assert!(lexicon.active.contains("withdrew") && lexicon.active.contains("attacking"));
    }

    #[test]
    fn densities_are_percentages_of_words() {
        // 9 words: "good" positive; "war", "bad", "attacked" negative; "attacked" active.
        let tone = ToneScorer::new().score("Good news: the war was bad. They attacked today.").unwrap();
        assert_eq!(tone.words, 9);
        assert!((tone.positive - 100.0 / 9.0).abs() < 1e-9, "{tone:?}");
        assert!((tone.negative - 300.0 / 9.0).abs() < 1e-9, "{tone:?}");
        assert!((tone.tone - (tone.positive - tone.negative)).abs() < 1e-9);
        assert!((tone.polarity - 400.0 / 9.0).abs() < 1e-9);
        assert!((tone.activity - 100.0 / 9.0).abs() < 1e-9);
    }

    #[test]
    fn empty_or_numeric_text_has_no_tone() {
        assert!(ToneScorer::new().score("").is_none());
        assert!(ToneScorer::new().score("12 3,400 -- !!").is_none());
    }

    #[test]
    fn seed_article_is_negative() {
        let seed = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seed-article.txt"));
        let tone = ToneScorer::new().score(seed).unwrap();
        assert!(tone.tone < 0.0 && tone.words > 500, "{tone:?}");
    }
}
