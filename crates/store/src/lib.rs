//! The embedded store: records in SQLite, a tantivy index for search,
//! near-duplicate groups, stories, and exports.
//!
//! Everything lives in one data directory (`./newsgraph-data` by default):
//! `records.sqlite` (WAL mode) holds each [`Article`] (its JSON, lz4-compressed)
//! plus denormalised tables of mentions, quotes, events and places, the
//! near-duplicate groups and the stories; `index/` is a tantivy index over
//! titles and text (each analysed in its language) with facet fields (date,
//! entity, country, site, event type, speaker, language). SQLite is the source of truth: the index records in its
//! commit payload the last article sequence number it holds, and opening the
//! store for writing re-indexes whatever SQLite has beyond it, so a crash at
//! any moment loses nothing that was committed and never leaves the two
//! disagreeing for long.
//!
//! One process writes a data directory at a time: [`EmbeddedStore::open`] takes
//! `writer.lock` (named after its holder) and a second writer gets
//! [`StoreError::Busy`]; any number of [`EmbeddedStore::open_read_only`] stores
//! read beside it. [`Store::status`] reports counts, articles per hour, index
//! lag, the writer and followed feeds ([`FeedState`]).
//!
//! Callers talk to the [`Store`] trait; [`EmbeddedStore`] is the backend. The
//! crate does not fetch, clean or annotate pages (that is the pipeline's job)
//! and prints nothing.
//!
//! ```no_run
//! use newsgraph_store::{EmbeddedStore, SearchQuery, Store};
//! let store = EmbeddedStore::open("newsgraph-data").unwrap();
//! let results = store.search(&SearchQuery::text("ceasefire").country("UA")).unwrap();
//! for hit in results.hits {
//!     println!("{} {}", hit.id, hit.title.unwrap_or_default());
//! }
//! ```

mod aggregates;
mod analysis;
pub mod dates;
pub mod dedup;
mod embedded;
pub mod export;
mod index;
mod keys;
mod page_types;
mod queries;
mod schema;
mod status;
mod stem;
mod stories;
pub mod story_events;
mod story_view;
mod webhook_stories;
pub mod webhooks;
mod writer_lock;

pub use embedded::EmbeddedStore;
pub use status::{FeedState, HourCount, StoreStatus, WriterStatus};
pub use story_events::{EventActor, EventInfo, EventMention, EventPlace, MentionSpan, StoryEvent};
pub use webhooks::Webhooks;
pub use writer_lock::WRITER_LOCK;

use newsgraph_model::Article;
use serde::{Deserialize, Serialize};

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("stored record {id} is corrupt: {message}")]
    Corrupt { id: String, message: String },
    #[error("export: {0}")]
    Export(String),
    #[error("the store is open read-only")]
    ReadOnly,
    /// Another process writes the store (it holds `writer.lock`); `holder` is its line there.
    #[error(
        "the store in {} is being written by another newsgraph process ({holder}); \
         stop it, or add your inputs to its follow list",
        dir.display()
    )]
    Busy { dir: std::path::PathBuf, holder: String },
    /// A request the store refuses (a bad webhook URL, an unknown saved search).
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What happened to one article given to [`Store::put_batch`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PutResult {
    pub id: String,
    /// False when an article with this id was already stored (nothing changed).
    pub new: bool,
    /// The near-duplicate group the article belongs to (its own when it has no copy).
    pub dup_group: Option<i64>,
    pub story: Option<i64>,
}

/// A search: free text plus filters, one page of results.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// Free text (tantivy query syntax, parsed leniently); empty lists the newest articles.
    pub text: String,
    /// First publication day, `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// Last publication day, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// Entity name or Wikidata id (case-insensitive).
    pub entity: Option<String>,
    /// ISO 3166-1 alpha-2 country of a place or entity in the article.
    pub country: Option<String>,
    /// Source site (host name, without `www.`).
    pub site: Option<String>,
    /// PLOVER event type (`PROTEST`).
    pub event_type: Option<String>,
    /// A quote speaker's name (case-insensitive).
    pub speaker: Option<String>,
    /// The article's language code (`de`); the query's words are then read in that language only.
    pub language: Option<String>,
    /// A GKG theme code of the article (`ECON_INFLATION`, case-insensitive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// The page type (`article`, `product`, `forum`...), or `news` for every article that is
    /// news (articles, live blogs, records with no type); see `page_types.rs`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_type: Option<String>,
    pub offset: usize,
    /// Hits per page; 0 means 10.
    pub limit: usize,
    /// Count the facets of all matching articles.
    pub facets: bool,
}

impl SearchQuery {
    pub fn text(text: impl Into<String>) -> Self {
        SearchQuery { text: text.into(), ..SearchQuery::default() }
    }
    pub fn country(mut self, code: impl Into<String>) -> Self {
        self.country = Some(code.into());
        self
    }
    pub fn entity(mut self, name: impl Into<String>) -> Self {
        self.entity = Some(name.into());
        self
    }
    pub fn site(mut self, site: impl Into<String>) -> Self {
        self.site = Some(site.into());
        self
    }
    pub fn between(mut self, from: Option<&str>, to: Option<&str>) -> Self {
        self.from = from.map(str::to_string);
        self.to = to.map(str::to_string);
        self
    }
    pub fn page(mut self, offset: usize, limit: usize) -> Self {
        self.offset = offset;
        self.limit = limit;
        self
    }
    pub fn with_facets(mut self) -> Self {
        self.facets = true;
        self
    }
}

/// One page of search results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Number of matching articles (all pages).
    pub total: usize,
    pub hits: Vec<SearchHit>,
    pub facets: Option<Facets>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: String,
    pub score: f32,
    pub title: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    /// A passage of the text around the first query word found, else its opening.
    pub snippet: String,
    pub dup_group: Option<i64>,
    pub story: Option<i64>,
}

/// Counts of the facet values over all matching articles, most frequent first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    pub entities: Vec<FacetCount>,
    pub countries: Vec<FacetCount>,
    pub sites: Vec<FacetCount>,
    pub event_types: Vec<FacetCount>,
    pub speakers: Vec<FacetCount>,
    pub languages: Vec<FacetCount>,
    /// The clean stage's page types (`article`, `product`...) of the typed articles.
    #[serde(default)]
    pub page_types: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// The longest list of articles (or sources) one view returns; page for more.
pub const LIST_LIMIT: usize = 100;
/// Timeline entries of a story returned at most (earliest first).
pub const TIMELINE_LIMIT: usize = 500;

/// A short reference to a stored article, for lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub id: String,
    pub title: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    /// Its near-duplicate group (set where a view lists copies together).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dup_group: Option<i64>,
}

/// Exact and near copies of one text (wire copies, light rewrites).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    pub id: i64,
    /// Earliest publication (else ingestion) time of any copy.
    pub first_seen: Option<String>,
    /// GDELT's NumArticles.
    pub num_articles: usize,
    /// GDELT's NumSources: distinct sites.
    pub num_sources: usize,
    /// Its sites (at most [`LIST_LIMIT`]).
    pub sources: Vec<String>,
    /// Its copies, earliest first (at most [`LIST_LIMIT`]; `num_articles` counts all).
    pub articles: Vec<ArticleRef>,
}

/// A developing story: articles about the same happening over days.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: i64,
    pub title: Option<String>,
    pub first: Option<String>,
    pub last: Option<String>,
    /// All its articles (`articles` holds the first page).
    pub num_articles: usize,
    /// Its first [`LIST_LIMIT`] articles in date order, each with its duplicate
    /// group; [`Store::story_articles`] pages through the rest.
    pub articles: Vec<ArticleRef>,
    /// The distinct sites of all its articles.
    pub num_sources: usize,
    /// Its sites, most articles first (at most [`LIST_LIMIT`]).
    pub sources: Vec<String>,
    /// Events and quotes of its articles in date order (the first [`TIMELINE_LIMIT`]).
    pub timeline: Vec<TimelineEntry>,
    /// Its quotes grouped by speaker, the most quoted first (see `story_view.rs`).
    #[serde(default)]
    pub quotes_by_speaker: Vec<SpeakerQuotes>,
    /// The counts (casualties, troops, arrests ...) its articles report, in article date order.
    #[serde(default)]
    pub counts: Vec<StoryCount>,
    /// Its sites in the order they joined the story (at most [`LIST_LIMIT`]).
    #[serde(default)]
    pub joined: Vec<SourceJoin>,
    /// Its events, one per happening across its articles, the most reported
    /// first (at most [`story_events::STORY_EVENTS`], each with its first few mentions).
    #[serde(default)]
    pub events: Vec<StoryEvent>,
}

/// The quotes of one speaker in a story, earliest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerQuotes {
    /// The speaker's name (empty when the quote has none).
    pub speaker: String,
    pub quotes: Vec<TimelineEntry>,
}

/// One count reported by one of a story's articles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryCount {
    /// The article's publication day.
    pub date: Option<String>,
    pub value: f64,
    /// The record's count kind (`KILL`, `MILITARY` ...).
    pub kind: String,
    /// `about`, `at-least`, `at-most` or `exact`.
    pub qualifier: String,
    /// The counted thing ("troops"), else the words that report it.
    pub what: String,
    pub text: String,
    pub article_id: String,
    pub site: Option<String>,
}

/// A site of a story and when its first article there appeared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceJoin {
    pub site: String,
    /// Its first article's time (publication, else ingestion), ISO 8601 UTC.
    pub first: String,
    pub first_article: String,
    pub articles: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorySummary {
    pub id: i64,
    pub title: Option<String>,
    pub first: Option<String>,
    pub last: Option<String>,
    pub num_articles: usize,
}

/// One dated item of a story timeline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The event's date, else the article's publication date.
    pub date: Option<String>,
    /// `event` or `quote`.
    pub kind: String,
    /// The event type, or the speaker's name.
    pub label: String,
    /// The evidence span's text.
    pub text: String,
    pub article_id: String,
    pub site: Option<String>,
    /// An event's status as the record gives it: `actual`, `future`,
    /// `hypothetical`, `negated` or `historical` (absent for quotes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// What the store knows about one entity across articles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityTimeline {
    pub name: String,
    pub kind: Option<String>,
    pub wikidata: Option<String>,
    pub num_articles: usize,
    /// Per publication day: (day, mentions, articles).
    pub by_day: Vec<DayCount>,
    pub roles: Vec<String>,
    pub quotes: Vec<EntityQuote>,
    /// The articles that mention it, newest first (at most 50).
    pub articles: Vec<ArticleRef>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: String,
    pub mentions: u64,
    pub articles: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityQuote {
    pub date: Option<String>,
    pub text: String,
    pub kind: String,
    pub article_id: String,
}

/// Attention and tone over time and the top facets of all articles matching a
/// query ([`Store::analyze`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryAnalysis {
    /// Matching articles.
    pub total: usize,
    /// Matching articles without a publication date (in no day).
    pub undated: u64,
    /// Per publication day (UTC) with articles, in date order.
    pub days: Vec<AnalysisDay>,
    pub people: Vec<FacetCount>,
    pub organisations: Vec<FacetCount>,
    pub places: Vec<PlaceCount>,
    pub themes: Vec<FacetCount>,
    pub event_types: Vec<FacetCount>,
    pub speakers: Vec<FacetCount>,
    pub sources: Vec<FacetCount>,
}

/// One publication day of a [`QueryAnalysis`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnalysisDay {
    /// `YYYY-MM-DD`, UTC.
    pub day: String,
    pub articles: u64,
    /// Articles of the day that have a tone.
    pub toned: u64,
    /// The sum of their tones (exact input for other averages).
    pub tone_sum: f64,
    /// `tone_sum / toned`; absent when no article has a tone.
    pub tone: Option<f64>,
}

/// A place of a [`QueryAnalysis`]: articles that name it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceCount {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub count: u64,
}

/// An input that could not be ingested, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub origin: String,
    pub reason: String,
    pub at: String,
}

/// The store interface: everything above it (CLI, web app) talks to this trait only.
pub trait Store: Send + Sync {
    /// Stores articles in one transaction; an id already stored is left as it is.
    /// When this returns `Ok`, every article in the batch is durably committed.
    /// Each article's input is remembered under [`origin_of`] for [`Store::has_origin`].
    fn put_batch(&self, articles: &[Article]) -> Result<Vec<PutResult>>;
    /// [`Store::put_batch`] with the origin of each article's input given
    /// (as `newsgraph_source::Input::origin` reports it, before processing).
    fn put_batch_from(&self, articles: &[Article], origins: &[String]) -> Result<Vec<PutResult>>;
    /// The stored record of an article.
    fn get(&self, id: &str) -> Result<Option<Article>>;
    /// Whether an input (see [`origin_of`]) was already stored: lets an ingest resume.
    fn has_origin(&self, origin: &str) -> Result<bool>;
    /// Notes an input that failed, for the summary and `failures`.
    fn record_failure(&self, origin: &str, reason: &str) -> Result<()>;
    fn failures(&self, limit: usize) -> Result<Vec<Failure>>;
    /// Number of stored articles.
    fn count(&self) -> Result<u64>;
    fn search(&self, query: &SearchQuery) -> Result<SearchResults>;
    /// Per-day counts and tone and the top people, organisations, places, themes,
    /// event types, speakers and sources of every article matching `query`
    /// (its text and filters; paging and `facets` are ignored).
    fn analyze(&self, query: &SearchQuery) -> Result<QueryAnalysis>;
    /// The timeline of an entity given by name or Wikidata id (case-insensitive).
    fn entity(&self, name: &str) -> Result<Option<EntityTimeline>>;
    /// The near-duplicate group of an article.
    fn duplicates_of(&self, id: &str) -> Result<Option<DuplicateGroup>>;
    /// Groups with at least `min_size` articles, largest first.
    fn duplicate_groups(&self, min_size: usize, offset: usize, limit: usize) -> Result<Vec<DuplicateGroup>>;
    /// A story with its first page of articles and its timeline.
    fn story(&self, id: i64) -> Result<Option<Story>>;
    /// A page of a story's articles in date order (at most [`LIST_LIMIT`]).
    fn story_articles(&self, id: i64, offset: usize, limit: usize) -> Result<Vec<ArticleRef>>;
    /// The story an article belongs to.
    fn story_of(&self, article_id: &str) -> Result<Option<i64>>;
    /// Stories, largest first.
    fn stories(&self, offset: usize, limit: usize) -> Result<Vec<StorySummary>>;
    fn save_search(&self, name: &str, query: &SearchQuery) -> Result<()>;
    fn saved_searches(&self) -> Result<Vec<(String, SearchQuery)>>;
    /// Calls `f` on every stored article in storage order (for exports).
    fn for_each(&self, f: &mut dyn FnMut(Article) -> Result<()>) -> Result<()>;
    /// Makes everything stored so far visible to searches.
    fn flush(&self) -> Result<()>;
    /// Health and progress: counts, articles per hour, index lag, the writer, followed feeds.
    fn status(&self) -> Result<StoreStatus>;
    /// The webhook registry and delivery queue, where the backend keeps them
    /// (see [`webhooks`]); `None` where it does not.
    fn webhooks(&self) -> Option<Webhooks<'_>> {
        None
    }
    /// Calls `f` on every story event (see [`story_events`]) in GlobalEventID
    /// order, each with all its mentions; a backend without them calls it never.
    fn for_each_story_event(&self, f: &mut dyn FnMut(StoryEvent) -> Result<()>) -> Result<()> {
        let _ = f;
        Ok(())
    }
}

/// The key under which an input is remembered for resuming: its path (or URL)
/// and record number, the same string as `newsgraph_source::Input::origin`.
pub fn origin_of(article: &Article) -> String {
    let base = article.source.path.as_deref().or(article.source.url.as_deref()).unwrap_or("-");
    match article.source.record {
        Some(n) => format!("{base}#{n}"),
        None => base.to_string(),
    }
}
