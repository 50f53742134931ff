//! The closed vocabulary of the clause rules: the word lists (auxiliaries, modals,
//! negations, prepositions, pronouns, cues ...), the class bit of each list that a token
//! carries, and the verbs that govern an infinitive.
//!
//! A leaf: it imports nothing from the crate, so every module may use it. The open
//! vocabulary (trigger verbs and nouns) is the lexicon's, loaded from `models/events`.

/// Word classes: bit flags for `Tok::class` (see `text`), one per word list below.
pub mod class {
    pub const AUXILIARY: u32 = 1 << 0;
    pub const FUTURE_MODAL: u32 = 1 << 1;
    pub const HYPOTHETICAL_MODAL: u32 = 1 << 2;
    pub const REPORTING: u32 = 1 << 3;
    pub const NEGATION: u32 = 1 << 4;
    pub const CLAUSE_OPENER: u32 = 1 << 5;
    pub const PLACE_PREPOSITION: u32 = 1 << 6;
    pub const TARGET_PREPOSITION: u32 = 1 << 7;
    pub const DETERMINER: u32 = 1 << 8;
    pub const PRONOUN_PERSON: u32 = 1 << 9;
    pub const PRONOUN_THING: u32 = 1 << 10;
    pub const PRONOUN_GROUP: u32 = 1 << 11;
    pub const PRONOUN_SPEAKER: u32 = 1 << 12;
    pub const HYPOTHETICAL_CUE: u32 = 1 << 13;
    /// A word after which a trigger is a noun ([`NOUN_PREPOSITIONS`](super::NOUN_PREPOSITIONS)).
    pub const NOUN_PREPOSITION: u32 = 1 << 14;
    /// `;` or `:`, which bound a clause.
    pub const CLAUSE_BREAK: u32 = 1 << 15;
}

pub const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "'s",
    "'ve", "'re", "'d",
];
pub const FUTURE_MODALS: &[&str] = &["will", "shall", "'ll"];
pub const HYPOTHETICAL_MODALS: &[&str] = &["would", "could", "might", "may", "should", "must", "can", "ca"];
/// Reporting verbs: a "will" under one of these is a stated intention.
pub const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "announced",
    "announces",
    "told",
    "stated",
    "declared",
    "declares",
    "added",
    "confirmed",
    "reiterated",
    "insisted",
    "indicated",
    "quoted",
    "reported",
    "promised",
    "pledged",
    "vowed",
    "warned",
];
pub const NEGATIONS: &[&str] = &["not", "n't", "never", "no"];

/// Words that close a clause when the subject is searched to the left of a verb.
pub const CLAUSE_OPENERS: &[&str] = &[
    ";", ":", "but", "while", "although", "though", "because", "if", "unless", "when", "whereas", "after", "before",
    "since", "that", "whether", "so", "(", ")", "–", "—",
];

/// Prepositions that end a verb's direct object and open a place or time phrase.
pub const PLACE_PREPOSITIONS: &[&str] = &["in", "at", "near", "outside", "inside", "across", "around", "throughout"];

/// Prepositions that introduce the target of an event ("talks with X", "attack on X").
pub const TARGET_PREPOSITIONS: &[&str] =
    &["with", "to", "against", "on", "into", "toward", "towards", "for", "from", "of", "upon", "over"];

/// Determiners and possessives: a trigger word after one of these is a noun, not a verb.
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "'s", "any",
    "no", "new", "further", "such",
];

pub const PRONOUNS_PERSON: &[&str] = &["he", "she", "him", "his", "her"];
pub const PRONOUNS_THING: &[&str] = &["it", "its"];
pub const PRONOUNS_GROUP: &[&str] = &["they", "them", "their"];
pub const PRONOUNS_SPEAKER: &[&str] = &["we", "i", "us", "our", "my"];

/// Verbs that govern an infinitive without being events themselves, with the status they lend it.
pub fn governing_status(lower: &str) -> Option<Governing> {
    let lemma = lower.trim_end_matches("ed").trim_end_matches('s');
    match lemma {
        "plan" | "plann" | "intend" | "aim" | "prepare" | "prepar" | "schedul" | "schedule" | "due" | "set"
        | "going" | "about" | "expect" | "poised" | "poise" => Some(Governing::Future),
        "want" | "wish" | "hope" | "try" | "tri" | "trie" | "attempt" | "seek" | "sought" | "seem" | "appear"
        | "likely" | "able" | "ready" | "willing" | "fail" | "need" | "fear" | "believ" | "believe" | "consider"
        | "willingness" | "readiness" | "ability" | "intention" | "desire" | "effort" | "bid" | "call" => {
            Some(Governing::Hypothetical)
        }
        "continue" | "continu" | "begin" | "began" | "start" | "decide" | "decid" | "move" | "mov" | "vow" => {
            Some(Governing::Neutral)
        }
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Governing {
    Future,
    Hypothetical,
    Neutral,
}

/// Words before an event in its sentence that make it feared, supposed or conditional.
pub const HYPOTHETICAL_CUES: &[&str] = &[
    "fear",
    "fears",
    "feared",
    "fearing",
    "if",
    "unless",
    "whether",
    "possibility",
    "possible",
    "potential",
    "possibly",
    "perhaps",
    "risk",
    "worried",
    "worry",
    "worries",
    "concern",
    "concerns",
    "allegedly",
    "rumoured",
    "rumored",
    "speculation",
    "could",
    "would",
    "might",
    "may",
    "suspected",
    "suspect",
    "warned",
    "warn",
    "warns",
    "threat",
    "threats",
    "prevent",
    "preventing",
    "avoid",
    "deter",
    "accusations",
    "accused",
    "claims",
    "denied",
    "deny",
    "denies",
];

/// Words after which a trigger is a noun, not a verb ("the end of talks", "joint exercises").
pub const NOUN_PREPOSITIONS: &[&str] = &[
    "of", "for", "in", "on", "at", "with", "by", "from", "about", "into", "over", "under", "against", "between",
    "among", "such", "other", "legally", "mutual", "joint", "military", "security", "peace",
];

/// Verbs that make a measure their object names ("declared martial law", "will extend the
/// curfew", "tightened the blockade") an event of their subject, as a light verb does.
pub const MEASURE_VERBS: &[&str] = &["declar", "impos", "extend", "tighten"];

/// Words a pattern slot of the verb tables also matches: the dictionaries write one of
/// each pair ("restore * diplomatic relations"), news writes either ("diplomatic ties").
const SYNONYMS: &[(&str, &[&str])] = &[("relations", &["ties"]), ("ties", &["relations"])];

/// The synonyms a pattern word also matches (none for most words).
pub fn synonyms_of(word: &str) -> &'static [&'static str] {
    SYNONYMS.iter().find(|(w, _)| *w == word).map_or(&[], |(_, s)| s)
}

/// Words before "to" that commit the subject to what follows.
pub const COMMITMENTS: &[&str] = &[
    "willing",
    "ready",
    "prepared",
    "offer",
    "offers",
    "offered",
    "promise",
    "promises",
    "promised",
    "pledge",
    "pledges",
    "pledged",
    "vow",
    "vows",
    "vowed",
    "committed",
    "determined",
    "agreed",
    "agrees",
    "decided",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "sworn",
    "swore",
];

/// Participles not ending in "-ed" or "-en": after a form of "be" they make a passive.
pub const IRREGULAR_PARTICIPLES: &[&str] =
    &["held", "met", "hit", "struck", "shot", "sought", "sent", "left", "caught", "told", "brought", "fought", "led"];

/// Verbs whose negation is a rejection ("cannot accept" = REJECT), not a negated event.
pub const NEGATED_IS_REJECT: &[&str] = &[
    "accept",
    "agree",
    "allow",
    "approve",
    "tolerate",
    "recognize",
    "recognise",
    "support",
    "permit",
    "meet",
    "met",
    "reach",
    "sign",
    "cooperate",
    "negotiate",
    "talk",
    "comply",
    "respond",
    "release",
    "lift",
    "withdraw",
];
