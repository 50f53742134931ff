//! The analyst view of a query ([`Store::analyze`](crate::Store::analyze)):
//! articles and average tone per publication day, and the top people,
//! organisations, places, themes, event types, speakers and sources of every
//! matching article.
//!
//! Everything is counted by tantivy collectors over the matching documents, in
//! one pass: per-day counts and tone sums from the `time` and `tone` fast
//! fields, the top lists from the facet field. No record is loaded, so the
//! cost grows with the matches, not with what is shown. To make that possible
//! the index keeps, beside the search facets, `/person/…` and `/org/…` (an
//! article's most mentioned people and organisations), `/place/…` (its
//! geocoded places, with their coordinates, so the map needs no record),
//! `/theme/…` (its GKG themes, also filterable through `h:` tags) and the
//! `tone` fast field ([`add_facets`] writes them).
//!
//! It does not rank anything by relevance, and counts articles, not mentions.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use newsgraph_model::{Article, EntityType};
use tantivy::collector::{Collector, Count, FacetCollector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::SearchIndex;
use crate::{dates, AnalysisDay, FacetCount, PlaceCount, QueryAnalysis, Result, SearchQuery};

/// Entries per top list.
pub const TOP: usize = 20;
/// People (and organisations) per article counted in their facet: its most mentioned.
const FACET_PEOPLE: usize = 8;

/// The tag a theme filter matches (theme codes are upper case).
pub fn theme_tag(code: &str) -> String {
    format!("h:{}", code.trim().to_ascii_uppercase())
}

/// Adds the analyst facets and the theme tags of an article (see the module doc).
pub fn add_facets(article: &Article, tags: &mut BTreeSet<String>, facets: &mut BTreeSet<(&str, String)>) {
    let mut named: Vec<_> = article
        .entities
        .iter()
        .filter(|e| matches!(e.kind, EntityType::Person | EntityType::Org) && !e.is_generic_actor())
        .collect();
    named.sort_by_key(|e| std::cmp::Reverse(e.mentions.len()));
    let (mut people, mut orgs) = (0, 0);
    for entity in named {
        let (kind, taken) = match entity.kind {
            EntityType::Person => ("person", &mut people),
            _ => ("org", &mut orgs),
        };
        if *taken < FACET_PEOPLE {
            *taken += 1;
            facets.insert((kind, entity.name.clone()));
        }
    }
    for place in &article.places {
        if !(place.lat.is_finite() && place.lon.is_finite()) {
            continue;
        }
        let Some(name) = crate::keys::entity_name(article, &place.entity) else { continue };
        let country = place.country.as_deref().unwrap_or("");
        facets.insert(("place", format!("{name}|{:.2}|{:.2}|{country}", place.lat, place.lon)));
    }
    for theme in &article.themes {
        tags.insert(theme_tag(&theme.code));
        facets.insert(("theme", theme.code.clone()));
    }
}

/// The place of a `/place/` facet value written by [`add_facets`].
fn place_of(value: &str, count: u64) -> Option<PlaceCount> {
    let mut parts = value.rsplitn(4, '|');
    let country = parts.next()?;
    let lon: f64 = parts.next()?.parse().ok()?;
    let lat: f64 = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    Some(PlaceCount {
        name: name.to_string(),
        country: (!country.is_empty()).then(|| country.to_string()),
        lat,
        lon,
        count,
    })
}

/// Articles, tone sum and toned articles of one day.
#[derive(Default, Clone, Copy)]
struct DayTally {
    articles: u64,
    toned: u64,
    tone_sum: f64,
}

/// Per-day tallies keyed by days since 1970; `None` holds the undated articles.
type Tallies = HashMap<Option<i64>, DayTally>;

/// Counts the matching documents per publication day, summing their tones.
struct DayCollector;

struct DaySegment {
    time: Option<Column<i64>>,
    tone: Option<Column<f64>>,
    tallies: Tallies,
}

impl Collector for DayCollector {
    type Fruit = Tallies;
    type Child = DaySegment;

    fn for_segment(&self, _ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<DaySegment> {
        let fast = segment.fast_fields();
        // A segment where no article has a date (or a tone) has no column at all.
        let time = fast.column_opt::<i64>("time")?;
        let tone = fast.column_opt::<f64>("tone").ok().flatten();
        Ok(DaySegment { time, tone, tallies: HashMap::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tallies>) -> tantivy::Result<Tallies> {
        let mut all = Tallies::new();
        for fruit in fruits {
            for (day, t) in fruit {
                let sum = all.entry(day).or_default();
                sum.articles += t.articles;
                sum.toned += t.toned;
                sum.tone_sum += t.tone_sum;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for DaySegment {
    type Fruit = Tallies;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let day = self.time.as_ref().and_then(|c| c.first(doc)).map(|t| t.div_euclid(86_400));
        let tally = self.tallies.entry(day).or_default();
        tally.articles += 1;
        if let Some(tone) = self.tone.as_ref().and_then(|c| c.first(doc)) {
            tally.toned += 1;
            tally.tone_sum += tone;
        }
    }

    fn harvest(self) -> Tallies {
        self.tallies
    }
}

const KINDS: [&str; 7] = ["person", "org", "place", "theme", "type", "speaker", "site"];

/// The analysis of every document matching `query` in the index's last commit.
pub fn analyze(index: &SearchIndex, query: &SearchQuery) -> Result<QueryAnalysis> {
    let searcher = index.searcher();
    let combined = index.query_of(&searcher, query);
    let mut facets = FacetCollector::for_field("facet");
    for kind in KINDS {
        facets.add_facet(Facet::from_path([kind]));
    }
    let (total, tallies, counts) = searcher.search(&*combined, &(Count, DayCollector, facets))?;
    let list = |kind: &str| -> Vec<FacetCount> {
        counts
            .top_k(Facet::from_path([kind]), TOP)
            .into_iter()
            .map(|(facet, count)| FacetCount {
                value: facet.to_path().last().map(|s| s.to_string()).unwrap_or_default(),
                count,
            })
            .collect()
    };
    let mut undated = 0;
    let mut days: BTreeMap<i64, DayTally> = BTreeMap::new();
    for (day, tally) in tallies {
        match day {
            Some(day) => {
                days.insert(day, tally);
            }
            None => undated += tally.articles,
        }
    }
    let days = days
        .into_iter()
        .map(|(day, t)| AnalysisDay {
            day: dates::day_of(day * 86_400),
            articles: t.articles,
            toned: t.toned,
            tone_sum: t.tone_sum,
            tone: (t.toned > 0).then(|| t.tone_sum / t.toned as f64),
        })
        .collect();
    Ok(QueryAnalysis {
        total,
        undated,
        days,
        people: list("person"),
        organisations: list("org"),
        places: list("place").into_iter().filter_map(|c| place_of(&c.value, c.count)).collect(),
        themes: list("theme"),
        event_types: list("type"),
        speakers: list("speaker"),
        sources: list("site"),
    })
}

#[cfg(test)]
mod tests {
    use super::place_of;

    #[test]
    fn place_facets_keep_names_with_bars() {
        let p = place_of("Kyiv|50.45|30.52|UA", 3).unwrap();
        assert_eq!(
            (p.name.as_str(), p.lat, p.lon, p.country.as_deref(), p.count),
            ("Kyiv", 50.45, 30.52, Some("UA"), 3)
        );
        let p = place_of("A|B|1.00|-2.00|", 1).unwrap();
        assert_eq!((p.name.as_str(), p.country), ("A|B", None));
        assert!(place_of("nonsense", 1).is_none());
    }
}
