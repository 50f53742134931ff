//! The knowledge base, entity resolution and linking, and geocoding.
//!
//! [`Linker`] is a [`Stage`] that turns the raw NER spans of
//! [`Article::analysis`] into [`Article::entities`] (mentions merged, linked to
//! the knowledge base, with roles) and [`Article::places`] (geocoded to
//! GeoNames with ISO and FIPS country codes). It does not find the spans itself
//! nor the tokens its rules read: both are the text layer `newsgraph-nlp` leaves.
//!
//! The knowledge base (`models/kb/*.tsv`, built by `models/kb/build.py`) holds
//! countries (with their CLDR names in nine languages), GeoNames places of 500+
//! people with their alternate names in all scripts, admin-1 and admin-2 regions, curated
//! regions, international organisations and government metonyms, and heads of
//! state and government with dates; and, built by `models/kb/build_sourced.py`
//! from public data sets, US Congress members and the US executive, S&P 500
//! companies and political parties worldwide, whose names link only where one
//! entry fits (`sourced`). Linked entities carry the entry's Wikidata id and
//! English Wikipedia title where the source gives them. It is embedded in the
//! binary and parsed once per process. Before linking, types the NER model gets wrong are
//! repaired with the KB and the given-name and word-case tables of
//! `models/names` (`retype`), untagged given names become people, and places
//! and people named inside organisation names become nested mentions (`nested`).
//! In English articles, a name the article tagged once is a mention wherever else
//! it is written, an acronym in parentheses joins the name it spells, and a span
//! over two tagged names is split (`refind`).
//! Italian, Polish and Russian articles, for which no NER model ships, take their
//! names from a knowledge-based finder instead of the English model's spans
//! (`finder`: capitalised words typed by the gazetteer, the name lists and
//! organisation nouns, inflected Polish and Russian forms through `inflect`).
//!
//! ```
//! use newsgraph_kb::Linker;
//! let linker = Linker::load().unwrap();
//! let kyiv = linker.geocode("Kiev", &["UA"]).unwrap();
//! assert_eq!(kyiv.geonames, Some(703448));
//! ```

mod entities;
mod finder;
mod geocode;
mod inflect;
mod leader;
mod link;
mod missed;
mod nested;
mod nonnames;
mod placed;
mod prefixed;
mod refind;
mod resolve;
mod retype;
mod roles;
mod sourced;
mod tables;
mod teams;
mod text;

use std::sync::{Arc, OnceLock};

use newsgraph_model::{Article, FeatureKind, Reads, Stage};

use crate::tables::{Kb, PlaceKind, Sense};

pub use crate::text::key as name_key;

/// The knowledge base and the linking rules, loaded once.
#[derive(Debug, Clone)]
pub struct Linker {
    kb: Arc<Kb>,
}

#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error("corrupt knowledge base table {table}: {message}")]
    Table { table: &'static str, message: String },
}

/// Where a name was geocoded to.
#[derive(Debug, Clone, PartialEq)]
pub struct Geocoded {
    /// Canonical name (the GeoNames or KB name).
    pub name: String,
    pub geonames: Option<u32>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// FIPS 10-4, as GDELT uses.
    pub fips: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub feature: FeatureKind,
}

static SHARED: OnceLock<Result<Arc<Kb>, String>> = OnceLock::new();

impl Linker {
    /// Parses the embedded tables (once per process; later calls share them).
    pub fn load() -> Result<Self, KbError> {
        let kb = SHARED.get_or_init(|| Kb::load().map(Arc::new).map_err(|e| e.to_string()));
        match kb {
            Ok(kb) => Ok(Linker { kb: Arc::clone(kb) }),
            Err(message) => Err(KbError::Table { table: "kb", message: message.clone() }),
        }
    }

    /// Whether some KB entry carries this English Wikipedia title (evaluation: the
    /// share of a gold set's referents the KB can link at all).
    pub fn knows_wikipedia(&self, title: &str) -> bool {
        let kb = &self.kb;
        kb.orgs.iter().any(|o| o.wikipedia.as_deref() == Some(title))
            || kb.people.iter().any(|p| p.wikipedia.as_deref() == Some(title))
    }

    /// Geocodes a place name given the countries (ISO alpha-2) its context is about.
    pub fn geocode(&self, name: &str, context_countries: &[&str]) -> Option<Geocoded> {
        let sense = geocode::geocode_name(&self.kb, name, context_countries)?;
        Some(self.describe_place(sense))
    }

    /// The ISO alpha-2 country of the KB place (city, admin region or county centre)
    /// nearest to a point, by a linear scan: for evaluation (countries of gold
    /// coordinates), not for the pipeline. Points far from any place (oceans) get
    /// whatever is nearest.
    pub fn country_at(&self, lat: f64, lon: f64) -> Option<String> {
        let kb = &self.kb;
        let mut best: Option<(f64, u16)> = None;
        for row in kb.places.iter().filter(|p| matches!(p.kind, PlaceKind::City | PlaceKind::Admin | PlaceKind::County))
        {
            let Some(c) = row.country else { continue };
            // The distance is at least the north-south one: skip the far rows cheaply.
            if best.is_some_and(|(b, _)| (row.lat - lat).abs() * KM_PER_DEGREE_LAT > b) {
                continue;
            }
            let d = distance_km(lat, lon, row.lat, row.lon);
            if best.is_none_or(|(b, _)| d < b) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| kb.country(c).iso2.clone())
    }

    fn describe_place(&self, sense: Sense) -> Geocoded {
        let kb = &self.kb;
        match sense {
            Sense::Place(p) => {
                let row = kb.place(p);
                let country = row.country.map(|c| kb.country(c));
                Geocoded {
                    name: row.name.to_string(),
                    geonames: (row.geonames != 0).then_some(row.geonames),
                    country: country.map(|c| c.iso2.clone()),
                    fips: country.map(|c| c.fips.clone()).filter(|f| !f.is_empty()),
                    lat: row.lat,
                    lon: row.lon,
                    feature: match row.kind {
                        PlaceKind::City => FeatureKind::City,
                        PlaceKind::Admin | PlaceKind::County => FeatureKind::Admin,
                        PlaceKind::Region => FeatureKind::Region,
                        PlaceKind::FormerCountry => FeatureKind::Country,
                    },
                }
            }
            other => {
                let c = kb.country(geocode::country_of(kb, other).unwrap_or(0));
                Geocoded {
                    name: c.name.clone(),
                    geonames: (c.geonames != 0).then_some(c.geonames),
                    country: Some(c.iso2.clone()),
                    fips: (!c.fips.is_empty()).then(|| c.fips.clone()),
                    lat: c.lat,
                    lon: c.lon,
                    feature: FeatureKind::Country,
                }
            }
        }
    }
}

impl Stage for Linker {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn reads(&self) -> Reads {
        // The names the taggers found, and those the finder reads in languages without a model.
        Reads::ENTITIES
    }

    fn annotate(&self, article: &mut Article) {
        let mentions = link::link_mentions(&self.kb, article);
        entities::build(&self.kb, article, &mentions);
    }
}

/// Kilometres per degree of latitude on the sphere of [`distance_km`], rounded down.
const KM_PER_DEGREE_LAT: f64 = 111.19;

/// Great-circle distance in kilometres (haversine).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}
