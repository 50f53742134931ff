//! GDELT-style tone of an article from a sentiment lexicon of its language.
//!
//! [`ToneScorer`] fills [`Article::tone`] with GDELT GKG 2.1's tone numbers:
//! the percentage of words with positive and with negative valence in the
//! lexicon, tone = positive - negative, polarity = positive + negative,
//! activity = the percentage of active words (`models/tone/activity.txt`), and
//! the word count. These are lexicon densities like GDELT's, not VADER's
//! compound score: no negation or intensifier rules apply. An article without
//! words gets no tone.
//!
//! The lexicon is the one of the article's language ([`TONE_LANGUAGES`]):
//! English is VADER (`models/tone/vader_lexicon.tsv`, MIT); de, fr, es, it,
//! pt, nl, pl and ru have `models/tone/<lang>.tsv`, built by
//! `models/tone/build.py` from redistributable packages (sources and licences
//! in `models/tone/README.md`). An article whose language is unknown or only a
//! weak guess is scored in English, as before; one confidently in another
//! language gets no tone (the pipeline skips the stage through [`Stage::reads`]).
//! Activity words exist in English only: other languages report activity 0.
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

/// The languages with a tone lexicon (ISO 639-1), English first.
pub const TONE_LANGUAGES: &[&str] = &["en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru"];

const ACTIVITY: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tone/activity.txt"));

/// The lexicon file of each of [`TONE_LANGUAGES`], in that order.
const LEXICONS: [&str; 9] = [
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tone/vader_lexicon.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tone/de.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tone/fr.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tone/es.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tone/it.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tone/pt.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tone/nl.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tone/pl.tsv")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tone/ru.tsv")),
];

/// A stem row (`word*`) matches a word that starts with it and has at most this many letters more.
const MAX_ENDING: usize = 4;
/// ... and only where the stem keeps at least this many letters.
const MIN_STEM: usize = 4;

/// The loaded word lists of one language, shared by every scorer.
#[derive(Debug)]
struct Lexicon {
    valence: WordMap<&'static str, f32>,
    /// Stems (rows ending in `*`, without it), matched with a short ending.
    stems: WordMap<&'static str, f32>,
    active: WordSet<String>,
    /// French and Italian: "l'attaque" is looked up as "attaque" when it is not a word itself.
    elision: bool,
    /// Russian: "ё" is written as "е" (in the lexicon too).
    fold_yo: bool,
}

fn lexicon(index: usize) -> &'static Lexicon {
    static LOADED: [OnceLock<Lexicon>; 9] = [const { OnceLock::new() }; 9];
    LOADED[index].get_or_init(|| {
        let mut valence = WordMap::default();
        let mut stems = WordMap::default();
        for line in LEXICONS[index].lines().filter(|l| !l.starts_with('#')) {
            let Some((word, value)) = line.split_once('\t') else { continue };
            let Ok(value) = value.trim().parse::<f32>() else { continue };
            match word.strip_suffix('*') {
                Some(stem) => stems.insert(stem, value),
                None => valence.insert(word, value),
            };
        }
        let language = TONE_LANGUAGES[index];
        let active = if language == "en" {
            ACTIVITY
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .flat_map(inflections)
                .collect()
        } else {
            WordSet::default()
        };
        Lexicon { valence, stems, active, elision: matches!(language, "fr" | "it"), fold_yo: language == "ru" }
    })
}

impl Lexicon {
    /// The valence of a lowercased word: itself, after an elided article, or by its stem.
    fn valence_of(&self, word: &str) -> Option<f32> {
        if let Some(&v) = self.valence.get(word) {
            return Some(v);
        }
        if self.elision {
            if let Some((_, rest)) = word.rsplit_once('\'') {
                if let Some(&v) = self.valence.get(rest) {
                    return Some(v);
                }
            }
        }
        if self.stems.is_empty() {
            return None;
        }
        let letters = word.chars().count();
        let mut end = word.len();
        let mut from_the_end = word.char_indices().rev();
        for ending in 0..=MAX_ENDING {
            if letters < MIN_STEM + ending {
                break;
            }
            if let Some(&v) = self.stems.get(&word[..end]) {
                return Some(v);
            }
            match from_the_end.next() {
                Some((at, _)) => end = at,
                None => break,
            }
        }
        None
    }
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

/// The index in [`TONE_LANGUAGES`] of the lexicon for `article`: its language when that is a
/// confident guess (`None` when that language has no lexicon), English otherwise.
fn lexicon_for(article: &Article) -> Option<usize> {
    match article.language.as_deref() {
        Some(language) if article.language_confidence.unwrap_or(0.0) >= Reads::CONFIDENT => {
            TONE_LANGUAGES.iter().position(|l| *l == language)
        }
        _ => Some(0),
    }
}

/// The tone scorer; cheap to build, the lexicon loads once per process.
#[derive(Debug, Default)]
pub struct ToneScorer {}

impl ToneScorer {
    pub fn new() -> Self {
        ToneScorer {}
    }

    /// GDELT tone numbers of `text` in English, or `None` when it has no words.
    pub fn score(&self, text: &str) -> Option<Tone> {
        score_with(lexicon(0), text)
    }

    /// GDELT tone numbers of `text` in `language` (ISO 639-1), or `None` when it has no words or
    /// the language has no lexicon ([`TONE_LANGUAGES`]).
    pub fn score_in(&self, text: &str, language: &str) -> Option<Tone> {
        let index = TONE_LANGUAGES.iter().position(|l| *l == language)?;
        score_with(lexicon(index), text)
    }
}

fn score_with(lexicon: &Lexicon, text: &str) -> Option<Tone> {
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
        } else if lexicon.fold_yo {
            lower.extend(word.chars().flat_map(char::to_lowercase).map(|c| match c {
                '’' => '\'',
                'ё' => 'е',
                c => c,
            }));
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase).map(|c| if c == '’' { '\'' } else { c }));
        }
        match lexicon.valence_of(&lower) {
            Some(v) if v > 0.0 => positive += 1,
            Some(v) if v < 0.0 => negative += 1,
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

impl Stage for ToneScorer {
    fn name(&self) -> &'static str {
        "tone"
    }

    fn reads(&self) -> Reads {
        // The languages with a sentiment lexicon.
        Reads::Only(TONE_LANGUAGES)
    }

    fn annotate(&self, article: &mut Article) {
        article.tone = lexicon_for(article).and_then(|index| score_with(lexicon(index), &article.text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads_whole() {
        let lexicon = lexicon(0);
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

    #[test]
    fn english_is_scored_as_before_the_other_languages() {
        // Bits of (tone, positive, negative, polarity, activity) and the word count from the
        // English-only scorer this one replaced (commit e516407).
        let seed = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seed-article.txt"));
        let golden: [(&str, [u64; 5], usize); 4] = [
            (
                seed,
                [
                    13829785548401339716,
                    4613704399967703340,
                    4615763972968025213,
                    4619237786095234772,
                    4611988089134101779,
                ],
                656,
            ),
            (
                "Good news: the war was bad. They attacked today.",
                [
                    13850320254019363727,
                    4622444617537217422,
                    4629888066921343659,
                    4631451816791958414,
                    4622444617537217422,
                ],
                9,
            ),
            (
                "Protesters’ anger grew as police didn't withdraw; the President's “great” plan failed—badly.",
                [
                    13850560830922535227,
                    4620346786941561935,
                    4629353986196302927,
                    4630609797630858161,
                    4620346786941561935,
                ],
                13,
            ),
            (
                "Les troupes ont attaqué la ville. Die Regierung scheiterte. Война — это плохо. Ça n’a rien réglé.",
                [13842094929699930112, 0, 4618722892845154304, 4618722892845154304, 0],
                16,
            ),
        ];
        for (text, bits, words) in golden {
            for tone in [ToneScorer::new().score(text), ToneScorer::new().score_in(text, "en")] {
                let tone = tone.unwrap();
                let got = [tone.tone, tone.positive, tone.negative, tone.polarity, tone.activity].map(f64::to_bits);
                assert_eq!((got, tone.words), (bits, words), "{text}");
            }
            // An article of unknown or weakly guessed language is scored in English.
            let mut article = Article::from_text("t", text);
            ToneScorer::new().annotate(&mut article);
            assert_eq!(article.tone, ToneScorer::new().score(text));
            article.language = Some("de".into());
            article.language_confidence = Some(0.3);
            ToneScorer::new().annotate(&mut article);
            assert_eq!(article.tone, ToneScorer::new().score(text));
        }
    }

    fn tone_of(text: &str, language: &str) -> Tone {
        let mut article = Article::from_text("t", text);
        article.language = Some(language.into());
        article.language_confidence = Some(0.9);
        assert!(ToneScorer::new().reads().covers(&article), "{language}");
        ToneScorer::new().annotate(&mut article);
        article.tone.unwrap_or_else(|| panic!("no {language} tone"))
    }

    #[test]
    fn every_language_lexicon_loads() {
        for (index, language) in TONE_LANGUAGES.iter().enumerate() {
            let lexicon = lexicon(index);
            let size = lexicon.valence.len() + lexicon.stems.len();
            assert!(size > 2000, "{language}: {size}");
        }
        assert!(lexicon(8).stems.len() > 1500, "Russian rows are stems");
    }

    #[test]
    fn german_news_is_negative_and_peace_news_positive() {
        let war = "Bei einem Angriff auf die Stadt wurden gestern zwölf Menschen getötet. Die Regierung \
                   verurteilte die brutalen Angriffe und warnte vor einem neuen Krieg.";
        let tone = tone_of(war, "de");
        assert!(tone.tone < 0.0 && tone.negative > 5.0, "{tone:?}");
        let peace = "Die beiden Länder unterzeichneten ein Friedensabkommen. Die Menschen feierten den \
                     Frieden mit großer Freude und Hoffnung auf eine gute Zukunft.";
        assert!(tone_of(peace, "de").tone > 0.0, "{:?}", tone_of(peace, "de"));
    }

    #[test]
    fn french_news_is_negative_with_elided_articles() {
        let text = "L'attaque a fait trois morts et de nombreux blessés. Le gouvernement a condamné \
                    cette violence terrible et craint une nouvelle guerre.";
        let tone = tone_of(text, "fr");
        assert!(tone.tone < 0.0 && tone.negative > 10.0, "{tone:?}");
        // "l'attaque" is scored as "attaque".
        assert!(lexicon(2).valence_of("l'attaque").is_some_and(|v| v < 0.0));
        assert!(tone_of("Une victoire heureuse, un succès magnifique.", "fr").tone > 0.0);
    }

    #[test]
    fn russian_news_is_negative_through_stems() {
        let text = "В результате обстрела города погибли мирные жители, десятки раненых. Власти \
                    назвали нападение ужасной трагедией и предупредили об угрозе новой войны.";
        let tone = tone_of(text, "ru");
        assert!(tone.tone < 0.0 && tone.negative > 10.0, "{tone:?}");
        // Inflected forms reach their stems; "ё" is read as "е".
        let ru = lexicon(8);
        for word in ["войны", "войной", "трагедией", "угрозе", "ужасной"] {
            assert!(ru.valence_of(word).is_some_and(|v| v < 0.0), "{word}");
        }
        assert!(ru.valence_of("и").is_none() && ru.valence_of("как").is_none());
        assert!(tone_of("Это был успех и большая радость для всех.", "ru").tone > 0.0);
    }

    #[test]
    fn other_languages_have_their_own_lexicons() {
        for (language, bad, good) in [
            ("es", "La guerra dejó muertos y una terrible crisis.", "Un éxito: la paz trae esperanza y alegría."),
            (
                "it",
                "La guerra ha lasciato morti e una terribile crisi.",
                "Un successo: la pace porta speranza e gioia.",
            ),
            ("pt", "A guerra deixou mortos e uma crise terrível.", "Um sucesso: a paz traz esperança e alegria."),
            ("nl", "Een verschrikkelijke, gewelddadige en wrede aanval.", "Een prachtige, gelukkige en vredige dag."),
            ("pl", "Wojna przyniosła śmierć, strach i tragedię.", "Pokój przyniósł radość, nadzieję i sukces."),
        ] {
            assert!(tone_of(bad, language).tone < 0.0, "{language}: {:?}", tone_of(bad, language));
            assert!(tone_of(good, language).tone > 0.0, "{language}: {:?}", tone_of(good, language));
        }
    }

    #[test]
    fn a_language_without_a_lexicon_gets_no_tone_and_is_skipped() {
        let mut article = Article::from_text("t", "Kriget dödade många människor. Det var en fruktansvärd förlust.");
        article.language = Some("sv".into());
        article.language_confidence = Some(0.9);
        // The pipeline skips the stage (and notes it as skipped) on this article ...
        assert!(!ToneScorer::new().reads().covers(&article));
        // ... and run directly it leaves no tone rather than an English one.
        ToneScorer::new().annotate(&mut article);
        assert_eq!(article.tone, None);
        assert_eq!(ToneScorer::new().score_in(&article.text, "sv"), None);
    }
}
