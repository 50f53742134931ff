//! GDELT 2.0 Event and Mentions tables of the store's story events
//! (tab-separated, no header), laid out as the GDELT 2.0 Event codebook says
//! (<http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf>),
//! so tools written for GDELT's event files read them.
//!
//! One Event row per story event (one happening across a story's articles,
//! see `story_events.rs`), one Mentions row per evidence span of it, so a
//! row's `NumMentions` is its number of Mentions rows.
//!
//! How newsgraph fills what GDELT's coder fills:
//! - Actor codes are the CAMEO country code (ISO 3166 alpha-3, from
//!   `models/kb/countries.tsv`) of the entity's KB country plus its sector
//!   (`USAGOV`); a country itself is its code alone (`RUS`); a few
//!   intergovernmental organisations carry their CAMEO known-group code
//!   (`NAT`, `UNO`, `EEC` ...). Names are upper-case, as GDELT writes them.
//! - `EventCode` is the events stage's CAMEO code; a 2-digit root is written
//!   as its "not specified below" code (`04` → `040`), which is what it means.
//! - Actor geography is the actor's KB country (type 1, its centroid);
//!   `ActionGeo` is the event's place. Country codes in geography are FIPS
//!   10-4, as GDELT uses.
//! - `DATEADDED` is the first article's time (newsgraph has no 15-minute
//!   update batches), `SOURCEURL` the first article's URL.
//!
//! Left empty as the codebook allows: ethnic and religion codes, type 2 and 3
//! codes, ADM2 codes.

use std::collections::HashMap;
use std::sync::OnceLock;

use newsgraph_model::FeatureKind;

use super::gkg::{clean, gdelt_time, location_codes, number};
use crate::{EventActor, EventPlace, StoryEvent};

/// The 61 columns of a GDELT 2.0 Event record, in order.
pub const EVENT_COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The 16 columns of a GDELT 2.0 Mentions record, in order.
pub const MENTION_COLUMNS: [&str; 16] = [
    "GlobalEventID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// CAMEO known-group codes of intergovernmental organisations, by Wikidata id.
const KNOWN_GROUPS: &[(&str, &str)] =
    &[("Q7184", "NAT"), ("Q1065", "UNO"), ("Q458", "EEC"), ("Q7804", "IMF"), ("Q7164", "WBK"), ("Q7795", "OPC")];

/// A country of `models/kb/countries.tsv`: alpha-3 (CAMEO) code, FIPS code, name, centroid.
struct Country {
    iso3: String,
    fips: String,
    name: String,
    lat: String,
    lon: String,
}

const COUNTRIES_TSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/kb/countries.tsv"));

/// The KB's countries by ISO 3166-1 alpha-2 code.
fn countries() -> &'static HashMap<String, Country> {
    static TABLE: OnceLock<HashMap<String, Country>> = OnceLock::new();
    TABLE.get_or_init(|| {
        COUNTRIES_TSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let c: Vec<&str> = line.split('\t').collect();
                let country = Country {
                    iso3: c.get(1)?.to_string(),
                    fips: c.get(2)?.to_string(),
                    name: c.get(4)?.to_string(),
                    lat: c.get(7)?.to_string(),
                    lon: c.get(8)?.to_string(),
                };
                Some((c.first()?.to_string(), country))
            })
            .collect()
    })
}

fn country(iso2: Option<&str>) -> Option<&'static Country> {
    countries().get(&iso2?.trim().to_ascii_uppercase())
}

/// The 10 actor columns (code, name, country, known group, ethnic, 2 religions, 3 types).
fn actor_columns(actor: Option<&EventActor>, cols: &mut Vec<String>) {
    let Some(actor) = actor else {
        cols.extend(std::iter::repeat_n(String::new(), 10));
        return;
    };
    let iso3 = country(actor.country.as_deref()).map(|c| c.iso3.clone()).unwrap_or_default();
    let group = actor
        .wikidata
        .as_deref()
        .and_then(|q| KNOWN_GROUPS.iter().find(|(id, _)| id.eq_ignore_ascii_case(q)))
        .map(|(_, code)| code.to_string())
        .unwrap_or_default();
    let sector = actor.sector.as_deref().map(|s| clean(&s.to_ascii_uppercase(), &[])).unwrap_or_default();
    let code = if !group.is_empty() {
        group.clone()
    } else if actor.is_country {
        iso3.clone()
    } else {
        format!("{iso3}{sector}")
    };
    cols.push(code);
    cols.push(clean(&actor.name.to_uppercase(), &[]));
    cols.push(if group.is_empty() { iso3 } else { String::new() });
    cols.push(group);
    cols.extend(std::iter::repeat_n(String::new(), 3));
    cols.push(if actor.is_country { String::new() } else { sector });
    cols.extend(std::iter::repeat_n(String::new(), 2));
}

/// The 8 geography columns of a country (type 1, its centroid), or of nothing (type 0).
fn country_geo(iso2: Option<&str>, cols: &mut Vec<String>) {
    match country(iso2) {
        Some(c) => cols.extend([
            "1".to_string(),
            clean(&c.name, &[]),
            c.fips.clone(),
            c.fips.clone(),
            String::new(),
            c.lat.clone(),
            c.lon.clone(),
            c.fips.clone(),
        ]),
        None => {
            cols.push("0".into());
            cols.extend(std::iter::repeat_n(String::new(), 7));
        }
    }
}

/// The 8 geography columns of an event's place (else of its country, else empty).
fn place_geo(place: Option<&EventPlace>, cols: &mut Vec<String>) {
    let Some(place) = place else { return country_geo(None, cols) };
    let (Some(feature), Some(lat), Some(lon)) = (place.feature, place.lat, place.lon) else {
        return country_geo(place.country.as_deref(), cols);
    };
    let fips = place.fips.clone().or_else(|| country(place.country.as_deref()).map(|c| c.fips.clone()));
    let fips = fips.unwrap_or_default();
    let (kind, adm1, feature_id) =
        location_codes(feature, place.country.as_deref(), &fips, place.adm1.as_deref(), place.geonames);
    let country_name = country(place.country.as_deref()).map(|c| c.name.as_str());
    let full_name = match country_name {
        Some(name) if feature != FeatureKind::Country && name != place.name => format!("{}, {name}", place.name),
        _ => place.name.clone(),
    };
    cols.extend([
        kind.to_string(),
        clean(&full_name, &[]),
        fips,
        adm1,
        String::new(),
        format!("{lat:.4}"),
        format!("{lon:.4}"),
        feature_id,
    ]);
}

/// The (EventCode, EventBaseCode, EventRootCode) of a CAMEO code as the events stage gives it.
pub fn cameo_codes(cameo: &str) -> (String, String, String) {
    let digits: String = cameo.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        0 | 1 => (String::new(), String::new(), String::new()),
        2 => (format!("{digits}0"), format!("{digits}0"), digits),
        _ => (digits.clone(), digits[..3].to_string(), digits[..2].to_string()),
    }
}

/// `YYYYMMDDHHMMSS` of an ISO 8601 UTC time.
fn compact(iso: &str) -> String {
    crate::dates::parse_seconds(iso).map(gdelt_time).unwrap_or_default()
}

/// The GDELT 2.0 Event row of a story event (without the newline).
pub fn event_row(event: &StoryEvent) -> String {
    let info = &event.info;
    let day: String = event.day.chars().filter(char::is_ascii_digit).collect();
    let (year, month, dom) = (
        day.get(0..4).unwrap_or(""),
        day.get(4..6).and_then(|m| m.parse::<u32>().ok()).unwrap_or(0),
        day.get(6..8).and_then(|d| d.parse::<u32>().ok()).unwrap_or(0),
    );
    // GDELT's FractionDate: the year plus ((month - 1) * 30 + day) / 365.
    let fraction = year.parse::<f64>().unwrap_or(0.0) + f64::from(month.saturating_sub(1) * 30 + dom) / 365.0;
    let mut cols: Vec<String> = Vec::with_capacity(EVENT_COLUMNS.len());
    cols.push(event.id.to_string());
    cols.push(day.clone());
    cols.push(day.get(0..6).unwrap_or("").to_string());
    cols.push(year.to_string());
    cols.push(format!("{fraction:.4}"));
    actor_columns(info.actors.first(), &mut cols);
    actor_columns(info.targets.first(), &mut cols);
    cols.push(if info.root { "1" } else { "0" }.into());
    let (code, base, root) = cameo_codes(&info.cameo);
    cols.extend([code, base, root]);
    cols.push(info.quad_class.to_string());
    // One decimal, as the Goldstein scale is written (and no f32 noise: -7.2, not -7.19999).
    cols.push(number((f64::from(info.goldstein) * 10.0).round() / 10.0));
    cols.push(event.num_mentions.to_string());
    cols.push(event.num_sources.to_string());
    cols.push(event.num_articles.to_string());
    cols.push(number(event.avg_tone.unwrap_or(0.0)));
    for actor in [info.actors.first(), info.targets.first()] {
        country_geo(actor.and_then(|a| a.country.as_deref()), &mut cols);
    }
    place_geo(info.place.as_ref(), &mut cols);
    cols.push(compact(&event.first_seen));
    let first = event.mentions.first();
    cols.push(clean(first.map_or("", |m| m.url.as_deref().unwrap_or(&m.article_id)), &[]));
    debug_assert_eq!(cols.len(), EVENT_COLUMNS.len());
    cols.join("\t")
}

/// The GDELT 2.0 Mentions rows of a story event, one per evidence span (each without the newline).
pub fn mention_rows(event: &StoryEvent) -> Vec<String> {
    let added = compact(&event.first_seen);
    let offset = |o: Option<usize>| o.map_or_else(|| "-1".to_string(), |o| o.to_string());
    let mut rows = Vec::new();
    for m in &event.mentions {
        let translation = match m.language.as_deref() {
            Some(lang) if !lang.eq_ignore_ascii_case("en") => format!("srclc:{};eng:", clean(lang, &[';', ':'])),
            _ => String::new(),
        };
        for span in &m.spans {
            let cols = [
                event.id.to_string(),
                added.clone(),
                compact(&m.time),
                "1".to_string(),
                clean(m.site.as_deref().unwrap_or(""), &[]),
                clean(m.url.as_deref().unwrap_or(&m.article_id), &[]),
                span.sentence.to_string(),
                offset(span.actor_offset),
                offset(span.target_offset),
                span.start.to_string(),
                "1".to_string(),
                m.confidence.to_string(),
                m.doc_len.to_string(),
                number(m.doc_tone.unwrap_or(0.0)),
                translation.clone(),
                String::new(),
            ];
            rows.push(cols.join("\t"));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_codes_follow_the_code_book() {
        assert_eq!(cameo_codes("04"), ("040".into(), "040".into(), "04".into()));
        assert_eq!(cameo_codes("0314"), ("0314".into(), "031".into(), "03".into()));
        assert_eq!(cameo_codes("193"), ("193".into(), "193".into(), "19".into()));
        assert_eq!(cameo_codes(""), (String::new(), String::new(), String::new()));
    }

    #[test]
    fn rows_have_the_codebook_widths() {
        let mut event = StoryEvent {
            id: 7,
            day: "2021-12-30".into(),
            first_seen: "2021-12-30T16:06:00Z".into(),
            ..Default::default()
        };
        event.info.cameo = "04".into();
        event.info.actors.push(EventActor {
            name: "Joe Biden".into(),
            country: Some("US".into()),
            sector: Some("GOV".into()),
            ..Default::default()
        });
        let row = event_row(&event);
        let cols: Vec<&str> = row.split('\t').collect();
        assert_eq!(cols.len(), 61);
        assert_eq!((cols[1], cols[2], cols[3], cols[4]), ("20211230", "202112", "2021", "2021.9863"));
        assert_eq!((cols[5], cols[6], cols[7]), ("USAGOV", "JOE BIDEN", "USA"));
        assert_eq!(cols[37], "US");
        assert_eq!(cols[59], "20211230160600");
        assert!(mention_rows(&event).is_empty());
    }
}
