//! Word lists the attribution patterns use: reporting verbs with their
//! inflections, and the small closed classes (auxiliaries, pronouns,
//! clause-boundary words) that shape speaker phrases.
//!
//! The English verb list follows what news attribution corpora (PolNeAR, the
//! Guardian attribution studies) mark as cues. The other languages' lists are in
//! `languages` (one [`Table`] each); [`Lexicon`] picks English or a table and is
//! what the patterns ask. The tables have fewer verbs and no noun-like or stance
//! verbs: their cues are verbs of saying, naming and a few of thinking.

use std::sync::OnceLock;

use crate::hash::WordMap;

use super::languages;

/// How a reporting verb behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// Verbs of saying: take a clause (`said the talks failed`) or a quote.
    Speech,
    /// Verbs of saying that take a listener first (`told reporters ...`).
    Addressed,
    /// Naming verbs: `called it "a disgrace"`, `described ... as "..."`.
    Naming,
    /// Verbs of thinking or showing: only with a clause (`believes that ...`).
    Cognition,
    /// Verbs of taking a stance (`endorsed Clinton`, `wants a wall`): the rest of
    /// the sentence is what is reported, when the subject stands right before.
    Stance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub class: CueClass,
    /// The `-ing` form (`saying`), which takes its speaker from the clause subject.
    pub participle: bool,
    /// A present-tense form that is also a common noun (`plans`, `claims`,
    /// `support`): trusted only after a name, a pronoun or a plural.
    pub noun_like: bool,
}

/// Present-tense cue forms that news text uses as nouns at least as often.
const NOUN_LIKE: &[&str] = &[
    "claims", "claim", "notes", "note", "reports", "report", "demands", "demand", "promises", "promise", "plans",
    "support", "supports", "attacks", "attack", "threats", "fears", "fear", "hopes", "hope", "doubts", "doubt",
    "concerns", "calls", "call", "shows", "show", "finds", "find", "thinks", "views", "counters", "counter", "states",
    "cites", "blames", "blame", "praise", "defends", "welcome", "offers", "request", "words", "vows", "vow", "pledges",
    "pledge", "tweets", "tweet", "accounts", "answer", "want", "wants",
];

/// Each row: class, then every form (base, 3rd person, past, participle, -ing).
const VERBS: &[(CueClass, &str)] = &[
    (CueClass::Speech, "say says said saying"),
    (CueClass::Speech, "add adds added adding"),
    (CueClass::Speech, "warn warns warned warning"),
    (CueClass::Speech, "stress stresses stressed stressing"),
    (CueClass::Speech, "claim claims claimed claiming"),
    (CueClass::Speech, "announce announces announced announcing"),
    (CueClass::Speech, "deny denies denied denying"),
    (CueClass::Speech, "insist insists insisted insisting"),
    (CueClass::Speech, "note notes noted noting"),
    (CueClass::Speech, "argue argues argued arguing"),
    (CueClass::Speech, "explain explains explained explaining"),
    (CueClass::Speech, "acknowledge acknowledges acknowledged acknowledging"),
    (CueClass::Speech, "write writes wrote written writing"),
    (CueClass::Speech, "tweet tweets tweeted tweeting"),
    (CueClass::Speech, "report reports reported reporting"),
    (CueClass::Speech, "declare declares declared declaring"),
    (CueClass::Speech, "stated stating"),
    (CueClass::Speech, "reply replies replied replying"),
    (CueClass::Speech, "respond responds responded responding"),
    (CueClass::Speech, "recall recalls recalled recalling"),
    (CueClass::Speech, "predict predicts predicted predicting"),
    (CueClass::Speech, "promise promises promised promising"),
    (CueClass::Speech, "vow vows vowed vowing"),
    (CueClass::Speech, "pledge pledges pledged pledging"),
    (CueClass::Speech, "admit admits admitted admitting"),
    (CueClass::Speech, "confirm confirms confirmed confirming"),
    (CueClass::Speech, "reveal reveals revealed revealing"),
    (CueClass::Speech, "assert asserts asserted asserting"),
    (CueClass::Speech, "contend contends contended contending"),
    (CueClass::Speech, "conclude concludes concluded concluding"),
    (CueClass::Speech, "complain complains complained complaining"),
    (CueClass::Speech, "caution cautions cautioned cautioning"),
    (CueClass::Speech, "emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising"),
    (CueClass::Speech, "observe observes observed observing"),
    (CueClass::Speech, "remarked remarking"),
    (CueClass::Speech, "mention mentions mentioned mentioning"),
    (CueClass::Speech, "suggest suggests suggested suggesting"),
    (CueClass::Speech, "continue continues continued continuing"),
    (CueClass::Speech, "allege alleges alleged alleging"),
    (CueClass::Speech, "maintain maintains maintained maintaining"),
    (CueClass::Speech, "boast boasts boasted boasting"),
    (CueClass::Speech, "charged charging"),
    (CueClass::Speech, "concede concedes conceded conceding"),
    (CueClass::Speech, "counter counters countered countering"),
    (CueClass::Speech, "demand demands demanded demanding"),
    (CueClass::Speech, "estimated estimating"),
    (CueClass::Speech, "indicate indicates indicated indicating"),
    (CueClass::Speech, "joked joking"),
    (CueClass::Speech, "posted posting"),
    (CueClass::Speech, "quip quips quipped quipping"),
    (CueClass::Speech, "exclaim exclaims exclaimed exclaiming"),
    (CueClass::Speech, "shout shouts shouted shouting"),
    (CueClass::Speech, "testify testifies testified testifying"),
    (CueClass::Speech, "agree agrees agreed agreeing"),
    (CueClass::Speech, "answered answering"),
    (CueClass::Speech, "propose proposes proposed proposing"),
    (CueClass::Speech, "accuse accuses accused accusing"),
    (CueClass::Speech, "criticize criticizes criticized criticizing criticise criticises criticised criticising"),
    (CueClass::Speech, "insinuate insinuates insinuated insinuating"),
    (CueClass::Speech, "speculate speculates speculated speculating"),
    (CueClass::Speech, "repeat repeats repeated repeating"),
    (CueClass::Speech, "reiterate reiterates reiterated reiterating"),
    (CueClass::Speech, "retort retorts retorted retorting"),
    (CueClass::Speech, "interject interjects interjected interjecting"),
    (CueClass::Speech, "demur demurs demurred demurring"),
    (CueClass::Speech, "scoff scoffs scoffed scoffing"),
    (CueClass::Speech, "muse muses mused musing"),
    (CueClass::Speech, "wonder wonders wondered wondering"),
    (CueClass::Speech, "recount recounts recounted recounting"),
    (CueClass::Speech, "plead pleads pleaded pled pleading"),
    (CueClass::Speech, "yell yells yelled yelling"),
    (CueClass::Speech, "scream screams screamed screaming"),
    (CueClass::Speech, "whisper whispers whispered whispering"),
    (CueClass::Speech, "chant chants chanted chanting"),
    (CueClass::Speech, "lament laments lamented lamenting"),
    (CueClass::Speech, "concur concurs concurred concurring"),
    (CueClass::Speech, "clarify clarifies clarified clarifying"),
    (CueClass::Speech, "affirm affirms affirmed affirming"),
    (CueClass::Speech, "proclaim proclaims proclaimed proclaiming"),
    (CueClass::Speech, "chime chimes chimed chiming"),
    (CueClass::Speech, "gush gushes gushed gushing"),
    (CueClass::Speech, "snap snapped snapping"),
    (CueClass::Speech, "opine opines opined opining"),
    (CueClass::Speech, "elaborate elaborates elaborated elaborating"),
    (CueClass::Speech, "inquire inquires inquired inquiring"),
    (CueClass::Addressed, "reassure reassures reassured reassuring"),
    (CueClass::Addressed, "implore implores implored imploring"),
    (CueClass::Addressed, "tell tells told telling"),
    (CueClass::Addressed, "ask asks asked asking"),
    (CueClass::Addressed, "assure assures assured assuring"),
    (CueClass::Addressed, "remind reminds reminded reminding"),
    (CueClass::Addressed, "inform informs informed informing"),
    (CueClass::Addressed, "urge urges urged urging"),
    (CueClass::Addressed, "advise advises advised advising"),
    (CueClass::Addressed, "convince convinces convinced convincing"),
    (CueClass::Naming, "call calls called calling"),
    (CueClass::Naming, "describe describes described describing"),
    (CueClass::Naming, "dub dubs dubbed dubbing"),
    (CueClass::Naming, "label labels labeled labelled labeling labelling"),
    (CueClass::Naming, "termed terming"),
    (CueClass::Naming, "brand brands branded branding"),
    (CueClass::Naming, "characterize characterizes characterized characterizing"),
    (CueClass::Cognition, "believe believes believed believing"),
    (CueClass::Cognition, "think thinks thought thinking"),
    (CueClass::Cognition, "hope hopes hoped hoping"),
    (CueClass::Cognition, "fear fears feared fearing"),
    (CueClass::Cognition, "expect expects expected expecting"),
    (CueClass::Cognition, "feel feels felt feeling"),
    (CueClass::Cognition, "worry worries worried worrying"),
    (CueClass::Cognition, "know knows knew known knowing"),
    (CueClass::Cognition, "show shows showed shown showing"),
    (CueClass::Cognition, "find finds found finding"),
    (CueClass::Cognition, "learn learns learned learnt learning"),
    (CueClass::Cognition, "doubt doubts doubted doubting"),
    (CueClass::Stance, "endorse endorses endorsed endorsing"),
    (CueClass::Stance, "defend defends defended defending"),
    (CueClass::Stance, "praise praises praised praising"),
    (CueClass::Stance, "want wants wanted wanting"),
    (CueClass::Stance, "plans planned planning"),
    (CueClass::Stance, "seek seeks sought seeking"),
    (CueClass::Stance, "offered offering"),
    (CueClass::Stance, "questioned questioning"),
    (CueClass::Stance, "dismiss dismisses dismissed dismissing"),
    (CueClass::Stance, "reject rejects rejected rejecting"),
    (CueClass::Stance, "blame blames blamed blaming"),
    (CueClass::Stance, "backed backing"),
    (CueClass::Stance, "attack attacks attacked attacking"),
    (CueClass::Stance, "blast blasts blasted blasting"),
    (CueClass::Stance, "slam slams slammed slamming"),
    (CueClass::Stance, "ordered ordering"),
    (CueClass::Stance, "express expresses expressed expressing"),
    (CueClass::Stance, "refuse refuses refused refusing"),
    (CueClass::Stance, "decline declines declined declining"),
    (CueClass::Stance, "oppose opposes opposed opposing"),
    (CueClass::Stance, "support supports supported supporting"),
    (CueClass::Stance, "cite cites cited citing"),
    (CueClass::Stance, "condemn condemns condemned condemning"),
    (CueClass::Stance, "hail hails hailed hailing"),
    (CueClass::Stance, "welcome welcomes welcomed welcoming"),
    (CueClass::Stance, "threaten threatens threatened threatening"),
    (CueClass::Stance, "recommend recommends recommended recommending"),
    (CueClass::Stance, "requested requesting"),
    (CueClass::Stance, "encourage encourages encouraged encouraging"),
    (CueClass::Stance, "applaud applauds applauded applauding"),
    (CueClass::Stance, "denounce denounces denounced denouncing"),
    (CueClass::Stance, "mock mocks mocked mocking"),
    (CueClass::Stance, "decide decides decided deciding"),
    (CueClass::Stance, "intend intends intended intending"),
];

fn verbs() -> &'static WordMap<&'static str, Cue> {
    static VERB_MAP: OnceLock<WordMap<&'static str, Cue>> = OnceLock::new();
    VERB_MAP.get_or_init(|| {
        let mut map = WordMap::default();
        for &(class, forms) in VERBS {
            for form in forms.split_whitespace() {
                let present = !form.ends_with("ed") && !form.ends_with("ing");
                let noun_like = present && (NOUN_LIKE.contains(&form) || matches!(class, CueClass::Stance));
                map.entry(form).or_insert(Cue { class, participle: form.ends_with("ing"), noun_like });
            }
        }
        map
    })
}

/// The reporting verb this lowercased word is a form of.
pub fn cue(word: &str) -> Option<Cue> {
    verbs().get(word).copied()
}

/// Words that may stand between a speaker and its verb (`has also said`).
pub fn is_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "can"
            | "did"
            | "does"
            | "do"
            | "also"
            | "just"
            | "later"
            | "then"
            | "previously"
            | "reportedly"
            | "again"
            | "repeatedly"
            | "recently"
            | "once"
            | "further"
            | "earlier"
            | "publicly"
            | "privately"
            | "simply"
            | "only"
            | "often"
            | "already"
            | "flatly"
            | "bluntly"
            | "frequently"
            | "separately"
            | "subsequently"
            | "even"
            | "still"
            | "first"
            | "initially"
            | "quickly"
            | "openly"
            | "explicitly"
            | "specifically"
            | "falsely"
            | "correctly"
            | "wrongly"
            | "angrily"
            | "proudly"
            | "famously"
            | "allegedly"
    )
}

/// Words that end a speaker phrase on its left: complementizers, relatives,
/// conjunctions and most prepositions (not `of`: "Secretary of State Kerry").
pub fn is_phrase_boundary(word: &str) -> bool {
    matches!(
        word,
        "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "and"
            | "but"
            | "or"
            | "because"
            | "while"
            | "when"
            | "as"
            | "if"
            | "although"
            | "though"
            | "after"
            | "before"
            | "since"
            | "where"
            | "so"
            | "than"
            | "whether"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "by"
            | "from"
            | "to"
            | "into"
            | "during"
            | "about"
            | "against"
            | "under"
            | "over"
            | "between"
            | "among"
            | "through"
            | "without"
            | "within"
            | "upon"
            | "like"
            | "what"
            | "how"
            | "why"
            | "not"
            | "never"
            | "n't"
            | "nor"
            | "yet"
            | "until"
            | "unless"
            | "once"
            | "then"
            | "also"
            | "however"
            | "instead"
            | "meanwhile"
            | "there"
            | "here"
            | "following"
            | "despite"
            | "amid"
            | "given"
            | "per"
            | "via"
            | "toward"
            | "towards"
            | "unlike"
            | "including"
            | "except"
            | "beyond"
            | "across"
            | "along"
            | "around"
            | "behind"
            | "near"
            | "outside"
            | "throughout"
            | "regarding"
            | "concerning"
    )
}

/// Personal pronouns that can be speakers, with what they can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    /// he, she: a person.
    Personal,
    /// it: an organisation or country.
    Neuter,
    /// they, we: a group, an organisation or a country.
    Plural,
    /// I, you: the speaker themselves, only resolvable from context.
    Deictic,
}

pub fn pronoun(word: &str) -> Option<Pronoun> {
    match word {
        "he" | "she" => Some(Pronoun::Personal),
        "it" => Some(Pronoun::Neuter),
        "they" | "we" => Some(Pronoun::Plural),
        "i" | "you" => Some(Pronoun::Deictic),
        _ => None,
    }
}

/// Words that never head a speaker phrase on their own.
pub fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "some"
            | "many"
            | "most"
            | "all"
            | "both"
            | "each"
            | "other"
            | "another"
            | "such"
            | "no"
            | "one"
            | "it"
            | "what"
            | "which"
            | "there"
            | "here"
            | "to"
            | "of"
            | "needless"
            | "so"
            | "as"
            | "be"
            | "is"
            | "was"
            | "been"
            | "being"
            | "not"
            | "has"
            | "have"
            | "had"
            | "very"
            | "much"
    )
}

/// Words after a verb that open an adjunct, not the reported clause
/// (`said in a statement that`, `said Tuesday that`).
pub fn opens_adjunct(word: &str) -> bool {
    matches!(
        word,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "late"
            | "early"
            | "last"
            | "earlier"
            | "later"
            | "today"
            | "yesterday"
            | "tonight"
            | "recently"
            | "repeatedly"
            | "previously"
            | "publicly"
            | "privately"
            | "then"
            | "again"
            | "also"
            | "separately"
            | "through"
            | "via"
            | "while"
            | "when"
            | "last week"
            | "from"
            | "to"
            | "with"
            | "of"
            | "about"
            | "so"
            | "nothing"
            | "anything"
    ) || crate::times::lexicon::is_full_weekday(word)
}

/// The word lists of one language other than English. Every word is lower-case;
/// phrases are written with single spaces between their words.
#[derive(Debug)]
pub struct Table {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Each row: class, then the forms news text uses (3rd person present and past,
    /// past participle for compound tenses, gerund).
    pub verbs: &'static [(CueClass, &'static str)],
    /// Endings that make a form of [`Table::verbs`] a gerund (`diciendo`), which takes its
    /// speaker from the clause subject like the English `-ing` form.
    pub gerund_endings: &'static [&'static str],
    /// Words that may stand between a speaker and its verb, or between an inverted
    /// auxiliary and its participle: auxiliaries, object clitics, adverbs.
    pub auxiliaries: &'static [&'static str],
    /// Words that end a speaker phrase: conjunctions, relatives, most prepositions
    /// (not the genitive one: "ministro de Economía", "minister van Financiën").
    pub boundaries: &'static [&'static str],
    /// Articles, possessives, demonstratives, numerals: they open a noun phrase, so a
    /// cue form right after one is a noun.
    pub determiners: &'static [&'static str],
    /// Further words that never head a speaker phrase on their own.
    pub function_words: &'static [&'static str],
    pub pronouns: &'static [(&'static str, Pronoun)],
    /// "that" before a reported clause.
    pub complementizers: &'static [&'static str],
    /// "and" between two verbs of one subject.
    pub and: &'static [&'static str],
    /// Auxiliaries of the passive: a cue after one has no speaker before it.
    pub passive: &'static [&'static str],
    /// "according to" and its like, each followed by the speaker.
    pub according: &'static [&'static str],
    /// Words that attribute a quote only right after it, the speaker following
    /// (`„…“, so Müller`, `"…", aldus Rutte`).
    pub after_quote: &'static [&'static str],
    /// Words after a verb that open an adjunct before the reported clause
    /// (`dijo este lunes que`).
    pub adjuncts: &'static [&'static str],
    /// A comma alone may introduce the reported clause (`sagte, die Regierung werde`).
    pub comma_clause: bool,
}

/// Which language's words the patterns use: English, or one of the tables.
#[derive(Debug, Clone, Copy)]
pub struct Lexicon {
    table: Option<&'static Table>,
}

impl Lexicon {
    /// The lexicon for the ISO 639-1 `code`; English when it has no table.
    pub fn for_language(code: &str) -> Lexicon {
        Lexicon { table: languages::TABLES.iter().copied().find(|t| t.code == code) }
    }

    pub fn english() -> Lexicon {
        Lexicon { table: None }
    }

    pub fn is_english(&self) -> bool {
        self.table.is_none()
    }

    /// The reporting verb this lowercased word is a form of.
    pub fn cue(&self, word: &str) -> Option<Cue> {
        match self.table {
            None => cue(word),
            Some(table) => table_verbs(table).get(word).copied(),
        }
    }

    pub fn is_auxiliary(&self, word: &str) -> bool {
        self.table.map_or_else(|| is_auxiliary(word), |t| t.auxiliaries.contains(&word))
    }

    pub fn is_phrase_boundary(&self, word: &str) -> bool {
        self.table.map_or_else(|| is_phrase_boundary(word), |t| t.boundaries.contains(&word))
    }

    pub fn pronoun(&self, word: &str) -> Option<Pronoun> {
        match self.table {
            None => pronoun(word),
            Some(t) => t.pronouns.iter().find(|(w, _)| *w == word).map(|&(_, p)| p),
        }
    }

    pub fn is_function_word(&self, word: &str) -> bool {
        self.table.map_or_else(
            || is_function_word(word),
            |t| t.determiners.contains(&word) || t.function_words.contains(&word) || t.complementizers.contains(&word),
        )
    }

    pub fn opens_adjunct(&self, word: &str) -> bool {
        self.table.map_or_else(|| opens_adjunct(word), |t| t.adjuncts.contains(&word) || t.boundaries.contains(&word))
    }

    /// A determiner (English: the speaker phrases' list, given by the caller).
    pub fn is_determiner(&self, word: &str, english: &[&str]) -> bool {
        self.table.map_or_else(|| english.contains(&word), |t| t.determiners.contains(&word))
    }

    /// A word after which a cue form is a noun or not a report (`the report`, `not say`).
    pub fn blocks_cue(&self, previous: &str) -> bool {
        match self.table {
            None => {
                matches!(previous, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your")
                    || matches!(previous, "this" | "these" | "those" | "to" | "not" | "n't" | "never")
                    || previous.ends_with("'s")
                    || previous.ends_with("’s")
            }
            Some(t) => t.determiners.contains(&previous),
        }
    }

    pub fn is_complementizer(&self, word: &str) -> bool {
        self.table.map_or(word == "that", |t| t.complementizers.contains(&word))
    }

    pub fn is_and(&self, word: &str) -> bool {
        self.table.map_or(word == "and", |t| t.and.contains(&word))
    }

    pub fn is_passive(&self, word: &str) -> bool {
        match self.table {
            None => matches!(word, "is" | "was" | "were" | "are" | "be" | "been" | "being"),
            Some(t) => t.passive.contains(&word),
        }
    }

    /// An attributing word that only counts right after a quote (`so`, `aldus`).
    pub fn is_after_quote_cue(&self, word: &str) -> bool {
        self.table.is_some_and(|t| t.after_quote.contains(&word))
    }

    /// A comma alone may introduce a reported clause.
    pub fn comma_clause(&self) -> bool {
        self.table.is_some_and(|t| t.comma_clause)
    }

    /// The number of words of the "according to" phrase that the lowercased
    /// `words` start with, if they start with one.
    pub fn according<'w>(&self, mut words: impl Iterator<Item = &'w str>) -> Option<usize> {
        let Some(table) = self.table else {
            return (words.next() == Some("according") && words.next() == Some("to")).then_some(2);
        };
        let first: Vec<&str> = words.take(3).collect();
        table.according.iter().find_map(|phrase| {
            let n = phrase.split(' ').count();
            (first.len() >= n && phrase.split(' ').zip(&first).all(|(p, w)| p == *w)).then_some(n)
        })
    }
}

/// The verb map of `table`, built once per language.
fn table_verbs(table: &'static Table) -> &'static WordMap<&'static str, Cue> {
    static MAPS: OnceLock<Vec<WordMap<&'static str, Cue>>> = OnceLock::new();
    let maps = MAPS.get_or_init(|| {
        languages::TABLES
            .iter()
            .map(|t| {
                let mut map = WordMap::default();
                for &(class, forms) in t.verbs {
                    for form in forms.split_whitespace() {
                        let participle = t.gerund_endings.iter().any(|e| form.ends_with(e));
                        map.entry(form).or_insert(Cue { class, participle, noun_like: false });
                    }
                }
                map
            })
            .collect()
    });
    let index = languages::TABLES.iter().position(|t| std::ptr::eq(*t, table)).unwrap_or(0);
    &maps[index]
}
