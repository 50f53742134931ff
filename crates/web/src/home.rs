//! The home page: what the store holds at a glance.
//!
//! The largest stories, a map of the places its articles name, the busiest
//! people, organisations and places (each a link to its entity page), the
//! newest articles, and the credits of the openly licensed sources among them.
//! Everything comes from one analysis of the whole store (the index's facets,
//! no record read) plus the story list, so the page stays fast on large stores.

use axum::extract::State;
use axum::response::Response;
use maud::{html, Markup};
use newsgraph_store::{FacetCount, QueryAnalysis, SearchQuery, SearchResults, Store, StorySummary};

use crate::analyst::map_places;
use crate::pages::{hit_list, layout, respond};
use crate::params::encode;
use crate::{credits, svg, AppState};

/// Stories, entities and newest articles the page lists.
const STORIES: usize = 8;
const BUSIEST: usize = 10;
const NEWEST: usize = 8;

struct Home {
    count: u64,
    stories: Vec<StorySummary>,
    analysis: QueryAnalysis,
    newest: SearchResults,
}

pub async fn page(State(state): State<AppState>) -> Response {
    let result = state
        .with_store(|store: &dyn Store| {
            Ok(Home {
                count: store.count()?,
                stories: store.stories(0, STORIES)?,
                analysis: store.analyze(&SearchQuery::default())?,
                // Recent articles are news: a shop's product page is not the newest article.
                newest: store.search(
                    &SearchQuery { page_type: Some("news".to_string()), ..SearchQuery::default() }.page(0, NEWEST),
                )?,
            })
        })
        .await;
    respond(result.map(|home| render(&home)))
}

fn render(home: &Home) -> Markup {
    let a = &home.analysis;
    let places = map_places(&a.places);
    let sources: Vec<_> = a.sources.iter().filter_map(|s| credits::for_site(&s.value)).collect();
    layout(
        "Home",
        html! {
            h1 { "newsgraph" }
            p { (home.count) " articles stored"
                @if let (Some(first), Some(last)) = (a.days.first(), a.days.last()) { ", published " (first.day) " to " (last.day) }
                ". " a href="/analyze" { "Analyse them all" } }
            form.big action="/search" method="get" role="search" {
                input type="search" name="q" placeholder="ceasefire, a name, a place…" aria-label="Search the articles";
                button type="submit" { "Search" }
            }
            div.home {
                section {
                    h2 { "Largest stories" }
                    @if home.stories.is_empty() { p.note { "No story yet." } }
                    ol.stories { @for s in &home.stories {
                        li {
                            a href={"/stories/" (s.id)} { (s.title.as_deref().unwrap_or("(untitled story)")) }
                            div.byline { (s.num_articles) " articles"
                                @if let (Some(first), Some(last)) = (&s.first, &s.last) { " · " (day(first)) " to " (day(last)) } }
                        }
                    } }
                }
                section {
                    h2 { "Newest articles" }
                    (hit_list(&home.newest))
                }
            }
            @if !places.is_empty() {
                h2 { "Where the news is" }
                (svg::map(&places))
                p.note { "Circle area grows with the articles that name a place; " a href="/map" { "the map page" } " lists them." }
            }
            h2 { "Busiest" }
            div.tops {
                (busiest("People", &a.people))
                (busiest("Organisations", &a.organisations))
                section {
                    h3 { "Places" }
                    ol { @for pl in a.places.iter().take(BUSIEST) {
                        li { a href={"/entities/" (encode(&pl.name))} { (pl.name) } " " small { (pl.count) } }
                    } }
                }
            }
            @if !sources.is_empty() {
                p.credits { @for credit in sources { (credits::line(credit)) " " } }
            }
        },
    )
}

/// The `YYYY-MM-DD` of a stored time.
fn day(time: &str) -> &str {
    time.get(..10).unwrap_or(time)
}

fn busiest(title: &str, counts: &[FacetCount]) -> Markup {
    html! {
        section {
            h3 { (title) }
            @if counts.is_empty() { p.note { "None yet." } }
            ol { @for c in counts.iter().take(BUSIEST) {
                li { a href={"/entities/" (encode(&c.value))} { (c.value) } " " small { (c.count) " articles" } }
            } }
        }
    }
}
