//! The analysis layers: entities, places, quotes, times, counts, tone, themes, events.

use serde::{Deserialize, Serialize};

use crate::{CharSpan, Mention};

/// An entity's id within one article (`e1`, `e2`, ...).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(pub String);

impl EntityId {
    /// The id of the `index`-th entity of an article (0-based), as `e{index+1}`.
    pub fn nth(index: usize) -> Self {
        EntityId(format!("e{}", index + 1))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// OntoNotes 5 named-entity labels, as spaCy's English models use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntityType {
    Person,
    Norp,
    Fac,
    Org,
    Gpe,
    Loc,
    Product,
    Event,
    WorkOfArt,
    Law,
    Language,
    Date,
    Time,
    Percent,
    Money,
    Quantity,
    Ordinal,
    Cardinal,
}

impl EntityType {
    pub const ALL: [EntityType; 18] = [
        EntityType::Person,
        EntityType::Norp,
        EntityType::Fac,
        EntityType::Org,
        EntityType::Gpe,
        EntityType::Loc,
        EntityType::Product,
        EntityType::Event,
        EntityType::WorkOfArt,
        EntityType::Law,
        EntityType::Language,
        EntityType::Date,
        EntityType::Time,
        EntityType::Percent,
        EntityType::Money,
        EntityType::Quantity,
        EntityType::Ordinal,
        EntityType::Cardinal,
    ];

    /// The OntoNotes label string (`"PERSON"`, `"WORK_OF_ART"`, ...).
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Norp => "NORP",
            EntityType::Fac => "FAC",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Product => "PRODUCT",
            EntityType::Event => "EVENT",
            EntityType::WorkOfArt => "WORK_OF_ART",
            EntityType::Law => "LAW",
            EntityType::Language => "LANGUAGE",
            EntityType::Date => "DATE",
            EntityType::Time => "TIME",
            EntityType::Percent => "PERCENT",
            EntityType::Money => "MONEY",
            EntityType::Quantity => "QUANTITY",
            EntityType::Ordinal => "ORDINAL",
            EntityType::Cardinal => "CARDINAL",
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        EntityType::ALL.into_iter().find(|t| t.label() == label)
    }

    /// Names of things (people, groups, places, works), as opposed to numbers and dates.
    pub fn is_named(self) -> bool {
        !matches!(
            self,
            EntityType::Date
                | EntityType::Time
                | EntityType::Percent
                | EntityType::Money
                | EntityType::Quantity
                | EntityType::Ordinal
                | EntityType::Cardinal
        )
    }
}

/// One person, organisation, place or group an article names, with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    /// Canonical name: the knowledge base's, else the longest mention.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default)]
    pub kb: Option<KbLink>,
    #[serde(default)]
    pub roles: Vec<Role>,
    pub mentions: Vec<Mention>,
}

impl Entity {
    /// A common noun the events stage made an actor of ("police", "protesters"):
    /// it names a kind of actor, not one, so lists of who a story involves leave
    /// it out. Only such actors carry a sector without a Wikidata id.
    pub fn is_generic_actor(&self) -> bool {
        self.kb.as_ref().is_some_and(|kb| kb.sector.is_some() && kb.wikidata.is_none())
    }
}

/// Where an entity sits in the knowledge base.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KbLink {
    pub wikidata: Option<String>,
    pub geonames: Option<u32>,
    /// ISO 3166-1 alpha-2 country the entity belongs to or is.
    pub country: Option<String>,
    /// GDELT/CAMEO-style sector of an actor: GOV, MIL, REB, COP, IGO, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// English Wikipedia title of the KB entry ("Janata Dal (United)"), where its
    /// source gives one; absent otherwise (never derived from the name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikipedia: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub title: String,
    /// ISO alpha-2 country, or the organisation's name, the role is held in.
    pub of: Option<String>,
    pub from: RoleSource,
}

/// "title (where)", as entity pages and the store's role lists show a role.
impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.of {
            Some(of) => write!(f, "{} ({of})", self.title),
            None => f.write_str(&self.title),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoleSource {
    Text,
    Kb,
}

/// A geocoded place entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub entity: EntityId,
    pub geonames: Option<u32>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// FIPS 10-4 country code, as GDELT uses.
    pub fips: Option<String>,
    pub adm1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub feature: FeatureKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeatureKind {
    City,
    Admin,
    Country,
    Region,
}

/// Something a source said, with its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "crate::wire::Quote")]
pub struct Quote {
    pub kind: QuoteKind,
    /// The quoted content (without the quote marks for direct quotes); written as `start` and
    /// `end` (see `wire` for how it is read).
    #[serde(flatten)]
    pub span: CharSpan,
    pub text: String,
    /// The reporting verb or phrase ("said", "told reporters").
    pub cue: Option<Mention>,
    /// The speaker entity, when the speaker resolves to one.
    pub speaker: Option<EntityId>,
    /// The words in the text that name the speaker here ("He", "White House officials").
    pub speaker_mention: Option<Mention>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

/// A time expression, normalised to TIMEX3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "crate::wire::Timex")]
pub struct Timex {
    /// Written as `start` and `end` (see `wire` for how it is read).
    #[serde(flatten)]
    pub span: CharSpan,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value: `2022-01-10`, `2022-01`, `P30Y`, `XXXX-WXX-1`, `PRESENT_REF`, ...
    pub value: Option<String>,
    pub anchor: Option<TimeAnchor>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// What a relative time expression was resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeAnchor {
    Published,
    Previous,
}

/// A reported number of something ("more than 14,000 lives").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "crate::wire::Count")]
pub struct Count {
    /// Written as `start` and `end` (see `wire` for how it is read).
    #[serde(flatten)]
    pub span: CharSpan,
    pub text: String,
    pub value: f64,
    pub qualifier: CountQualifier,
    /// The counted thing ("troops", "lives").
    pub object: Option<String>,
    pub kind: CountKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CountQualifier {
    About,
    AtLeast,
    AtMost,
    Exact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum CountKind {
    Kill,
    Wound,
    Arrest,
    Kidnap,
    Displaced,
    Protest,
    Military,
    Other,
}

/// GDELT GKG-style tone of the whole text.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Tone {
    /// `positive - negative`.
    pub tone: f64,
    /// Percentage of words that are positive.
    pub positive: f64,
    /// Percentage of words that are negative.
    pub negative: f64,
    /// Percentage of words that carry any sentiment.
    pub polarity: f64,
    /// Percentage of words that are active (verbs of action, intensity).
    pub activity: f64,
    pub words: usize,
}

/// A theme of the article with the words that evidence it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "crate::wire::Theme")]
pub struct Theme {
    pub code: String,
    /// The evidence words; written as `start` and `end` (see `wire` for how it is read).
    #[serde(flatten)]
    pub span: CharSpan,
}

/// PLOVER event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        EventType::ALL.into_iter().find(|t| t.label().eq_ignore_ascii_case(label))
    }
}

/// Who did what to whom, when and where, with the words that report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: EventType,
    pub mode: Option<String>,
    pub actors: Vec<EntityId>,
    pub targets: Vec<EntityId>,
    /// ISO date or TIMEX3 value of when it happened.
    pub date: Option<String>,
    pub place: Option<EntityId>,
    pub status: EventStatus,
    /// Every span that reports this happening; the first is the main one.
    pub evidence: Vec<Mention>,
    /// CAMEO code, 2–4 digits (`"190"`, `"0314"`), for GDELT compatibility; its first two
    /// digits are the CAMEO root (`EventRootCode`).
    pub cameo: String,
    pub quad_class: u8,
    pub goldstein: f32,
    /// Who reported it, when the text attributes it ("X said Y attacked Z": X), as the
    /// event coder reads it from the dependency tree. Absent when unattributed or coded
    /// without a parser; written only when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<EntityId>,
}

impl Event {
    /// The CAMEO root: the first two digits of [`Event::cameo`] (`"19"` of `"193"`).
    pub fn cameo_root(&self) -> &str {
        self.cameo.get(..2).unwrap_or(&self.cameo)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    Actual,
    Future,
    Hypothetical,
    Negated,
    Historical,
}
