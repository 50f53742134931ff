//! The analyst view of a query: `/analyze` (HTML), `/api/analyze` (JSON) and
//! `/analyze.csv` (the per-day numbers).
//!
//! It takes the search page's parameters (text and filters, checked by
//! [`SearchParams`]; `page` and `size` are accepted and ignored) plus `q2`, the
//! words of a second query with the same filters to compare on the chart.
//! Everything shown comes from [`Store::analyze`], which counts in the search
//! index without loading records, so the page costs about the same on a large
//! store as a search with facets. Days are publication days in UTC.
//!
//! It does not page through articles (the search page does that), and the top
//! lists and the map are those of the first query only.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use maud::{html, Markup};
use newsgraph_store::{FacetCount, PlaceCount, QueryAnalysis, Store};
use serde::Serialize;

use crate::api::MapPlace;
use crate::chart::{self, Series};
use crate::pages::{error_page, layout, ok_page};
use crate::params::{encode, SearchParams};
use crate::{svg, AppState, WebError};

/// The parameters of an analyst request.
struct AnalyzeParams {
    search: SearchParams,
    /// The second query's words, when comparing.
    q2: Option<String>,
}

impl AnalyzeParams {
    fn parse(pairs: &[(String, String)], compare: bool) -> Result<Self, WebError> {
        let extra: &[&str] = if compare { &["q2"] } else { &[] };
        let search = SearchParams::parse(pairs, extra)?;
        let q2 =
            pairs.iter().rev().find(|(k, _)| k == "q2").map(|(_, v)| v.trim().to_string()).filter(|v| !v.is_empty());
        Ok(AnalyzeParams { search, q2 })
    }

    /// The query string of this analysis with one filter changed, `q2` kept.
    fn href(&self, change: Option<(&str, &str)>) -> String {
        let mut qs = self.search.query_string(change);
        if let Some(q2) = &self.q2 {
            qs = if qs.is_empty() { format!("q2={}", encode(q2)) } else { format!("{qs}&q2={}", encode(q2)) };
        }
        format!("/analyze?{qs}")
    }
}

/// What `/api/analyze` answers and the page shows.
#[derive(Serialize)]
pub struct AnalystData {
    #[serde(flatten)]
    pub analysis: QueryAnalysis,
    /// The second query's analysis, when `q2` was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare: Option<Compared>,
}

#[derive(Serialize)]
pub struct Compared {
    pub q2: String,
    #[serde(flatten)]
    pub analysis: QueryAnalysis,
}

fn analyst_data(store: &dyn Store, params: &SearchParams, q2: Option<&str>) -> Result<AnalystData, WebError> {
    let query = params.to_query();
    let analysis = store.analyze(&query)?;
    let compare = match q2 {
        Some(q2) => {
            let mut second = query.clone();
            second.text = q2.to_string();
            Some(Compared { q2: q2.to_string(), analysis: store.analyze(&second)? })
        }
        None => None,
    };
    Ok(AnalystData { analysis, compare })
}

async fn load(state: &AppState, params: &AnalyzeParams) -> Result<AnalystData, WebError> {
    let search = params.search.clone();
    let q2 = params.q2.clone();
    state.with_store(move |store: &dyn Store| analyst_data(store, &search, q2.as_deref())).await
}

/// `GET /api/analyze`.
pub async fn api(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let params = AnalyzeParams::parse(&pairs, true)?;
    Ok(Json(load(&state, &params).await?).into_response())
}

/// `GET /analyze.csv`: one row per day with articles (`q2` is not taken: one query a file).
pub async fn csv(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let params = AnalyzeParams::parse(&pairs, false)?;
    let data = load(&state, &params).await?;
    let mut out = String::from("day,articles,average_tone,tone_sum,toned_articles\n");
    for d in &data.analysis.days {
        // Shortest round-trip decimals, as the JSON API writes them.
        let average = d.tone.map(|t| t.to_string()).unwrap_or_default();
        out.push_str(&format!("{},{},{},{},{}\n", d.day, d.articles, average, d.tone_sum, d.toned));
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"newsgraph-analysis.csv\""),
        ],
        out,
    )
        .into_response())
}

/// `GET /analyze`: the page.
pub async fn page(State(state): State<AppState>, Query(pairs): Query<Vec<(String, String)>>) -> Response {
    let params = match AnalyzeParams::parse(&pairs, true) {
        Ok(p) => p,
        Err(err) => return error_page(&err),
    };
    match load(&state, &params).await {
        Ok(data) => ok_page(render(&params, &data)),
        Err(err) => error_page(&err),
    }
}

fn describe(q: &str) -> String {
    if q.is_empty() {
        "all articles".to_string()
    } else {
        format!("“{q}”")
    }
}

fn render(params: &AnalyzeParams, data: &AnalystData) -> Markup {
    let p = &params.search;
    let a = &data.analysis;
    let first_label = describe(&p.q);
    let mut series = vec![Series { label: &first_label, days: &a.days }];
    let second_label = data.compare.as_ref().map(|c| describe(&c.q2));
    if let (Some(c), Some(label)) = (&data.compare, &second_label) {
        series.push(Series { label, days: &c.analysis.days });
    }
    let places = map_places(&a.places);
    let csv_of = |q: &str| {
        let mut search = p.clone();
        search.q = q.to_string();
        format!("/analyze.csv?{}", search.query_string(Some(("page", ""))))
    };
    let active = [
        ("entity", &p.entity),
        ("country", &p.country),
        ("site", &p.site),
        ("type", &p.event_type),
        ("speaker", &p.speaker),
        ("theme", &p.theme),
        ("lang", &p.lang),
    ];
    layout(
        &format!("Analysis of {first_label}"),
        html! {
            h1 { "Analysis of " (first_label) }
            form.filters action="/analyze" method="get" {
                label { "Words " input type="search" name="q" value=(p.q); }
                label { "Compare with " input type="search" name="q2" value=[params.q2.as_deref()] placeholder="a second query"; }
                label { "From " input type="date" name="from" value=[p.from.as_deref()]; }
                label { "To " input type="date" name="to" value=[p.to.as_deref()]; }
                @for (name, value) in active { @if let Some(v) = value { input type="hidden" name=(name) value=(v); } }
                button type="submit" { "Analyse" }
            }
            p.total {
                (a.total) " articles"
                @if a.undated > 0 { " (" (a.undated) " without a date)" }
                " · " a href={"/search?" (p.query_string(Some(("page", ""))))} { "list them" }
                " · " a href={"/api/analyze?" (params.href(None).trim_start_matches("/analyze?"))} { "JSON" }
                " · " a href=(csv_of(&p.q)) download { "CSV" }
                @if let Some(c) = &data.compare { " · " a href=(csv_of(&c.q2)) download { "CSV of “" (c.q2) "”" } }
            }
            @if active.iter().any(|(_, v)| v.is_some()) {
                p.active { "Filters: " @for (name, value) in active { @if let Some(v) = value {
                    span.chip { (name) "=" (v) " " a href=(params.href(Some((name, "")))) title="remove" { "×" } } " "
                } } }
            }
            h2 { "Articles and tone over time" }
            p.note { "Days are publication days in UTC. Tone: positive minus negative words, in percent of all words (GDELT's tone), averaged over the articles of each point (a day, or a week or 30 days over a long range; the table and CSV are per day)." }
            (chart::articles_and_tone(&series))
            details.numbers {
                summary { "The numbers per day" }
                @for s in &series {
                    table {
                        caption { (s.label) }
                        thead { tr { th scope="col" { "Day (UTC)" } th scope="col" { "Articles" } th scope="col" { "Average tone" } } }
                        tbody { @for d in s.days {
                            tr { td { (d.day) } td { (d.articles) } td { @if let Some(t) = d.tone { (format!("{t:.3}")) } @else { "–" } } }
                        } }
                    }
                }
            }
            h2 { "Who, what and where" @if data.compare.is_some() { " (" (first_label) ")" } }
            div.tops {
                (top_list(params, "People", "entity", &a.people))
                (top_list(params, "Organisations", "entity", &a.organisations))
                (top_list(params, "Themes", "theme", &a.themes))
                (top_list(params, "Event types", "type", &a.event_types))
                (top_list(params, "Speakers", "speaker", &a.speakers))
                (top_list(params, "Sources", "site", &a.sources))
                section {
                    h3 { "Places" }
                    @if a.places.is_empty() { p.note { "None." } }
                    ol { @for pl in &a.places {
                        li { a href=(params.href(Some(("entity", &pl.name)))) { (pl.name) } " " small { (pl.country.as_deref().unwrap_or("")) " " (pl.count) } }
                    } }
                }
            }
            @if !places.is_empty() {
                h2 { "Map of the places" }
                (svg::map(&places))
                p.note { "Equirectangular projection; circle area grows with the articles that name the place. Country shapes: Natural Earth (public domain)." }
            }
        },
    )
}

/// An analysis's places as map points (circle size: the articles that name each).
pub(crate) fn map_places(places: &[PlaceCount]) -> Vec<MapPlace> {
    places
        .iter()
        .map(|pl| MapPlace {
            name: pl.name.clone(),
            country: pl.country.clone(),
            lat: pl.lat.clamp(-90.0, 90.0),
            lon: pl.lon.clamp(-180.0, 180.0),
            mentions: pl.count as usize,
        })
        .collect()
}

fn top_list(params: &AnalyzeParams, title: &str, key: &str, counts: &[FacetCount]) -> Markup {
    html! {
        section {
            h3 { (title) }
            @if counts.is_empty() { p.note { "None." } }
            ol { @for c in counts {
                li { a href=(params.href(Some((key, &c.value)))) { (c.value) } " " small { (c.count) } }
            } }
        }
    }
}
