//! GDELT Global Knowledge Graph 2.1 rows (tab-separated, 27 columns, no header),
//! following the GKG 2.1 codebook's field formats so GKG tooling reads them.
//!
//! Locations use FIPS 10-4 country codes and GDELT's location types
//! (1 country, 2 US state, 3 US city, 4 world city, 5 world state); offsets are
//! character offsets into the clean text. Columns newsgraph has no data for
//! (GCAM dictionaries beyond the word count, social embeds, translation) are
//! left empty as the codebook allows.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use newsgraph_model::{Article, CountKind, EntityType, FeatureKind, TimexType};

/// The 27 column names of a GKG 2.1 record, in order.
pub const GKG_COLUMNS: [&str; 27] = [
    "GKGRECORDID",
    "V2.1DATE",
    "V2SOURCECOLLECTIONIDENTIFIER",
    "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER",
    "V1COUNTS",
    "V2.1COUNTS",
    "V1THEMES",
    "V2ENHANCEDTHEMES",
    "V1LOCATIONS",
    "V2ENHANCEDLOCATIONS",
    "V1PERSONS",
    "V2ENHANCEDPERSONS",
    "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS",
    "V1.5TONE",
    "V2.1ENHANCEDDATES",
    "V2GCAM",
    "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES",
    "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS",
    "V2.1QUOTATIONS",
    "V2.1ALLNAMES",
    "V2.1AMOUNTS",
    "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
];

/// Text safe inside a sub-field: no tabs or newlines, none of the given delimiters.
pub(super) fn clean(text: &str, delimiters: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || delimiters.contains(&c) {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.trim().to_string()
}

pub(super) fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

fn count_type(kind: CountKind) -> Option<&'static str> {
    match kind {
        CountKind::Kill => Some("KILL"),
        CountKind::Wound => Some("WOUND"),
        CountKind::Arrest => Some("ARREST"),
        CountKind::Kidnap => Some("KIDNAP"),
        CountKind::Displaced => Some("DISPLACED"),
        CountKind::Protest => Some("PROTEST"),
        CountKind::Military => Some("MILITARY"),
        CountKind::Other => None,
    }
}

/// `YYYYMMDDHHMMSS` of a seconds-since-1970 value.
pub(super) fn gdelt_time(seconds: i64) -> String {
    crate::dates::timestamp_of(seconds).chars().filter(char::is_ascii_digit).collect()
}

fn xml_escape(text: &str) -> String {
    clean(text, &[]).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The GKG 2.1 row of an article (without the newline). `n` numbers the record
/// within the export; `fallback_time` dates articles with no publication date.
pub fn gkg_row(article: &Article, n: u64, fallback_time: i64) -> String {
    let time = crate::keys::published_seconds(article).unwrap_or(fallback_time);
    let date = gdelt_time(time);
    let url = article.source.url.clone().or_else(|| article.source.path.clone()).unwrap_or_default();
    let site = crate::keys::site_of(article).unwrap_or_default();
    let mut cols: Vec<String> = Vec::with_capacity(27);
    cols.push(format!("{date}-{n}"));
    cols.push(date);
    cols.push("1".into());
    cols.push(clean(&site, &[]));
    cols.push(clean(&url, &[]));

    let (mut v1_counts, mut v21_counts) = (String::new(), String::new());
    for count in &article.counts {
        let Some(kind) = count_type(count.kind) else { continue };
        let object = clean(count.object.as_deref().unwrap_or(""), &[';', '#']);
        let base = format!("{kind}#{}#{object}#0######", number(count.value));
        let _ = write!(v1_counts, "{base};");
        let _ = write!(v21_counts, "{base}#{};", count.span.start());
    }
    cols.push(v1_counts);
    cols.push(v21_counts);

    let codes: BTreeSet<&str> = article.themes.iter().map(|t| t.code.as_str()).collect();
    cols.push(codes.iter().map(|c| clean(c, &[';', ','])).collect::<Vec<_>>().join(";"));
    cols.push(article.themes.iter().map(|t| format!("{},{};", clean(&t.code, &[';', ',']), t.span.start())).collect());

    let (mut v1_locations, mut v2_locations) = (Vec::new(), String::new());
    for place in &article.places {
        let entity = article.entities.iter().find(|e| e.id == place.entity);
        let name = clean(entity.map_or("", |e| e.name.as_str()), &[';', '#']);
        let offset = entity.and_then(|e| e.mentions.iter().map(|m| m.span.start()).min()).unwrap_or(0);
        let fips = place.fips.clone().unwrap_or_default();
        let (kind, adm1, feature_id) =
            location_codes(place.feature, place.country.as_deref(), &fips, place.adm1.as_deref(), place.geonames);
        let (lat, lon) = (format!("{:.4}", place.lat), format!("{:.4}", place.lon));
        v1_locations.push(format!("{kind}#{name}#{fips}#{adm1}#{lat}#{lon}#{feature_id}"));
        let _ = write!(v2_locations, "{kind}#{name}#{fips}#{adm1}##{lat}#{lon}#{feature_id}#{offset};");
    }
    cols.push(v1_locations.join(";"));
    cols.push(v2_locations);

    for kind in [EntityType::Person, EntityType::Org] {
        let entities: Vec<_> = article.entities.iter().filter(|e| e.kind == kind).collect();
        let names: BTreeSet<String> = entities.iter().map(|e| clean(&e.name, &[';', ','])).collect();
        cols.push(names.into_iter().collect::<Vec<_>>().join(";"));
        let mut enhanced = String::new();
        for e in &entities {
            for m in &e.mentions {
                let _ = write!(enhanced, "{},{};", clean(&e.name, &[';', ',']), m.span.start());
            }
        }
        cols.push(enhanced);
    }

    cols.push(match &article.tone {
        Some(t) => format!(
            "{},{},{},{},{},0,{}",
            number(t.tone),
            number(t.positive),
            number(t.negative),
            number(t.polarity),
            number(t.activity),
            t.words
        ),
        None => String::new(),
    });

    let mut dates = String::new();
    for timex in article.times.iter().filter(|t| t.kind == TimexType::Date) {
        if let Some((resolution, month, day, year)) = timex.value.as_deref().and_then(date_parts) {
            let _ = write!(dates, "{resolution}#{month}#{day}#{year}#{};", timex.span.start());
        }
    }
    cols.push(dates);
    let words = article.tone.map_or_else(|| article.text.split_whitespace().count(), |t| t.words);
    cols.push(format!("wc:{words}"));

    let mut images = article.images.iter().filter_map(|i| i.url.as_deref()).map(|u| clean(u, &[';']));
    cols.push(images.next().unwrap_or_default());
    cols.push(images.collect::<Vec<_>>().join(";"));
    cols.push(String::new());
    cols.push(String::new());

    let quotes: Vec<String> = article
        .quotes
        .iter()
        .map(|q| {
            let verb = q.cue.as_ref().map_or(String::new(), |c| clean(&c.text, &['|', '#']));
            let length = q.span.end().saturating_sub(q.span.start());
            format!("{}|{length}|{verb}|{}", q.span.start(), clean(&q.text, &['|', '#']))
        })
        .collect();
    cols.push(quotes.join("#"));

    let mut names = String::new();
    for e in article.entities.iter().filter(|e| e.kind.is_named()) {
        for m in &e.mentions {
            let _ = write!(names, "{},{};", clean(&e.name, &[';', ',']), m.span.start());
        }
    }
    cols.push(names);
    let mut amounts = String::new();
    for c in &article.counts {
        let object = clean(c.object.as_deref().unwrap_or(""), &[';', ',']);
        let _ = write!(amounts, "{},{object},{};", number(c.value), c.span.start());
    }
    cols.push(amounts);
    cols.push(match article.language.as_deref() {
        Some(lang) if !lang.eq_ignore_ascii_case("en") => format!("srclc:{};eng:", clean(lang, &[';', ':'])),
        _ => String::new(),
    });
    let mut extras = String::new();
    if let Some(title) = &article.title {
        let _ = write!(extras, "<PAGE_TITLE>{}</PAGE_TITLE>", xml_escape(title));
    }
    if !article.authors.is_empty() {
        let authors: Vec<String> = article.authors.iter().map(|a| xml_escape(a)).collect();
        let _ = write!(extras, "<PAGE_AUTHORS>{}</PAGE_AUTHORS>", authors.join(";"));
    }
    cols.push(extras);
    debug_assert_eq!(cols.len(), GKG_COLUMNS.len());
    cols.join("\t")
}

/// GDELT's location type (1 country, 2 US state, 3 US city, 4 world city, 5
/// world state), ADM1 code and feature id of a geocoded place; `fips` is its
/// FIPS 10-4 country code.
pub(super) fn location_codes(
    feature: FeatureKind,
    country: Option<&str>,
    fips: &str,
    adm1: Option<&str>,
    geonames: Option<u32>,
) -> (u8, String, String) {
    let us = country == Some("US");
    let kind = match feature {
        FeatureKind::Country | FeatureKind::Region => 1,
        FeatureKind::Admin if us => 2,
        FeatureKind::Admin => 5,
        FeatureKind::City if us => 3,
        FeatureKind::City => 4,
    };
    // GDELT's ADM1 code is the FIPS country code followed by the region code.
    let adm1 = match adm1.map(str::trim) {
        Some(a) if kind != 1 && !a.is_empty() && a.len() <= 3 && a.chars().all(|c| c.is_ascii_alphanumeric()) => {
            format!("{fips}{a}")
        }
        _ => fips.to_string(),
    };
    let feature_id = if kind == 1 { fips.to_string() } else { geonames.map(|g| g.to_string()).unwrap_or_default() };
    (kind, adm1, feature_id)
}

/// GDELT date resolution and parts of a TIMEX3 date value:
/// 1 year only, 2 month of a year, 3 full date, 4 month and day without a year.
fn date_parts(value: &str) -> Option<(u8, u32, u32, String)> {
    let part = |range: std::ops::Range<usize>| value.get(range).and_then(|s| s.parse::<u32>().ok());
    let year = value.get(0..4)?;
    let known_year = year.bytes().all(|b| b.is_ascii_digit());
    let month = if value.as_bytes().get(4) == Some(&b'-') { part(5..7) } else { None };
    let day = if month.is_some() && value.as_bytes().get(7) == Some(&b'-') { part(8..10) } else { None };
    match (known_year, month, day) {
        (true, Some(m), Some(d)) => Some((3, m, d, year.to_string())),
        (true, Some(m), None) => Some((2, m, 0, year.to_string())),
        (true, None, None) if value.len() == 4 => Some((1, 0, 0, year.to_string())),
        (false, Some(m), Some(d)) => Some((4, m, d, "0".to_string())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_codebook() {
        assert_eq!(date_parts("2022-01-10"), Some((3, 1, 10, "2022".into())));
        assert_eq!(date_parts("2022-01"), Some((2, 1, 0, "2022".into())));
        assert_eq!(date_parts("2022"), Some((1, 0, 0, "2022".into())));
        assert_eq!(date_parts("XXXX-01-10"), Some((4, 1, 10, "0".into())));
        assert_eq!(date_parts("PRESENT_REF"), None);
    }

    #[test]
    fn row_has_27_columns_and_no_stray_tabs() {
        let mut article = Article::from_text("a", "Talks\tended.\nThey said \"no\".");
        article.title = Some("A <title>\twith tab".into());
        let row = gkg_row(&article, 1, 0);
        assert_eq!(row.split('\t').count(), 27);
        assert!(row.contains("<PAGE_TITLE>A &lt;title&gt; with tab</PAGE_TITLE>"));
    }
}
