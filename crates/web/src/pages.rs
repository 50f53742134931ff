//! The HTML pages other than the home page, the article, the analyst view and the story: search, entity, map, saved searches.
//!
//! Every page is a maud template, so every interpolated value is escaped.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use maud::{html, Markup, DOCTYPE};
use newsgraph_model::Entity;
use newsgraph_store::{FacetCount, SearchResults, Store};

use crate::params::{
    check_entity_key, check_page_only, check_saved_name, check_story_id, encode, is_web_url, SearchParams,
};
use crate::{svg, AppState, WebError};

/// The page frame: header with the search box, the content, a footer.
pub fn layout(title: &str, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · newsgraph" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header {
                    a.brand href="/" { "newsgraph" }
                    form action="/search" method="get" role="search" {
                        input type="search" name="q" placeholder="Search the news" aria-label="Search";
                        button type="submit" { "Search" }
                    }
                    nav { a href="/analyze" { "Analyse" } " " a href="/map" { "Map" } " " a href="/saved" { "Saved searches" } " " a href="/status" { "Status" } " " a href="/api/openapi.json" { "API" } }
                }
                main #main tabindex="-1" { (content) }
                footer { a href="/about" { "About and credits" } " · times in UTC, dates ISO 8601" }
            }
        }
    }
}

/// A stored publication time as shown: ISO 8601 with its time zone stated.
///
/// A date stays a date; a time keeps the offset it was published with (`Z`
/// reads "UTC"), and a time whose page gave no zone says so rather than
/// passing for UTC.
pub fn when(published: &str) -> String {
    let Some((_, time)) = published.split_once('T') else { return published.to_string() };
    if let Some(local) = published.strip_suffix('Z') {
        format!("{local} UTC")
    } else if time.contains(['+', '-']) {
        let at = published.len() - time.len() + time.find(['+', '-']).unwrap_or(time.len());
        format!("{} UTC{}", &published[..at], &published[at..])
    } else {
        format!("{published} (time zone not stated)")
    }
}

/// `3 articles`, `1 article`, `0 sources`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub fn ok_page(markup: Markup) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.into_string()).into_response()
}

/// An error as an HTML page with the matching status.
pub fn error_page(err: &WebError) -> Response {
    let status = match err {
        WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
        WebError::NotFound(_) => StatusCode::NOT_FOUND,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let markup = layout(
        "Error",
        html! { h1 { (status.as_u16()) " " (status.canonical_reason().unwrap_or("")) } p.error { (err) } },
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.into_string()).into_response()
}

pub(crate) fn respond(result: Result<Markup, WebError>) -> Response {
    match result {
        Ok(markup) => ok_page(markup),
        Err(err) => error_page(&err),
    }
}

/// The link to an entity's page: by Wikidata id when it has one, else by name.
pub fn entity_href(entity: &Entity) -> String {
    let key = entity.kb.as_ref().and_then(|kb| kb.wikidata.as_deref()).unwrap_or(&entity.name);
    format!("/entities/{}", encode(key))
}

/// A URL from an article: a link when it is http(s), else plain text.
pub fn url_link(url: &str) -> Markup {
    html! {
        @if is_web_url(url) { a href=(url) rel="nofollow noopener noreferrer" { (url) } } @else { code { (url) } }
    }
}

pub(crate) fn hit_list(results: &SearchResults) -> Markup {
    html! {
        ol.hits { @for hit in &results.hits {
            li {
                a.title href={"/articles/" (encode(&hit.id))} { (hit.title.as_deref().unwrap_or("(untitled)")) }
                div.byline {
                    (hit.site.as_deref().unwrap_or("")) " " (hit.published.as_deref().map(when).unwrap_or_default())
                    @if let Some(story) = hit.story { " · " a href={"/stories/" (story)} { "story" } }
                }
                p.snippet { (hit.snippet) }
            }
        } }
    }
}

pub async fn search(State(state): State<AppState>, Query(pairs): Query<Vec<(String, String)>>) -> Response {
    let params = match SearchParams::parse(&pairs, &[]) {
        Ok(p) => p,
        Err(err) => return error_page(&err),
    };
    let query = params.to_query();
    let result = state.with_store(move |store: &dyn Store| Ok(store.search(&query)?)).await;
    respond(result.map(|results| search_page(&params, &results)))
}

/// The page-type filter's choices in the search form: any, news only, or one type.
const PAGE_TYPE_CHOICES: [&str; 11] = [
    "",
    "news",
    "article",
    "liveblog",
    "listing",
    "forum",
    "product",
    "collection",
    "documentation",
    "service",
    "other",
];

fn search_page(params: &SearchParams, results: &SearchResults) -> Markup {
    let pages = results.total.div_ceil(params.size.max(1));
    let title = if params.q.is_empty() { "Search".to_string() } else { format!("Search: {}", params.q) };
    layout(
        &title,
        html! {
            h1 { "Search" }
            form.filters action="/search" method="get" {
                input type="search" name="q" value=(params.q) aria-label="Words";
                label { "From " input type="date" name="from" value=[params.from.as_deref()]; }
                label { "To " input type="date" name="to" value=[params.to.as_deref()]; }
                @for (name, value) in [("entity", &params.entity), ("country", &params.country), ("site", &params.site), ("type", &params.event_type), ("speaker", &params.speaker)] {
                    @if let Some(v) = value { input type="hidden" name=(name) value=(v); }
                }
                label { "Page type " select name="page_type" {
                    @for value in PAGE_TYPE_CHOICES {
                        option value=(value) selected[params.page_type.as_deref().unwrap_or("") == value] { @if value.is_empty() { "any" } @else { (value) } }
                    }
                } }
                button type="submit" { "Search" }
            }
            p.total { (results.total) " articles" " · " a href={"/map?" (params.query_string(None))} { "map" } " · " a href={"/api/search?" (params.query_string(None))} { "JSON" }
                " · " a href={"/analyze?" (params.query_string(Some(("page", ""))))} { "Analyse these results" } }
            @let active = [("entity", &params.entity), ("country", &params.country), ("site", &params.site), ("type", &params.event_type), ("speaker", &params.speaker), ("page_type", &params.page_type)];
            @if active.iter().any(|(_, v)| v.is_some()) {
                p.active { "Filters: " @for (name, value) in active { @if let Some(v) = value {
                    span.chip { (name) "=" (v) " " a href={"/search?" (params.query_string(Some((name, ""))))} title="remove" { "×" } } " "
                } } }
            }
            div.results {
                section { (hit_list(results)) (pager(params, pages)) }
                @if let Some(f) = &results.facets {
                    aside.facets {
                        (facet(params, "Entities", "entity", &f.entities))
                        (facet(params, "Countries", "country", &f.countries))
                        (facet(params, "Sources", "site", &f.sites))
                        (facet(params, "Event types", "type", &f.event_types))
                        (facet(params, "Speakers", "speaker", &f.speakers))
                        (facet(params, "Page types", "page_type", &f.page_types))
                    }
                }
            }
            form.save action="/saved" method="post" {
                @for (k, v) in serde_pairs(params) { input type="hidden" name=(k) value=(v); }
                label { "Save this search as " input type="text" name="name" pattern="[A-Za-z0-9_-]{1,64}" required; }
                button type="submit" { "Save and get a feed" }
            }
        },
    )
}

/// The filter fields of a search, for the hidden inputs of the save form.
fn serde_pairs(params: &SearchParams) -> Vec<(String, String)> {
    params
        .query_string(Some(("size", "")))
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), percent_decode(v)))
        .collect()
}

fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(value.get(i + 1..i + 3).unwrap_or(""), 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn pager(params: &SearchParams, pages: usize) -> Markup {
    html! {
        @if pages > 1 {
            nav.pager {
                @if params.page > 1 { a rel="prev" href={"/search?" (params.query_string(Some(("page", &(params.page - 1).to_string()))))} { "← Previous" } " " }
                "Page " (params.page) " of " (pages)
                @if params.page < pages.min(crate::params::MAX_PAGE) { " " a rel="next" href={"/search?" (params.query_string(Some(("page", &(params.page + 1).to_string()))))} { "Next →" } }
            }
        }
    }
}

fn facet(params: &SearchParams, title: &str, key: &str, counts: &[FacetCount]) -> Markup {
    html! {
        @if !counts.is_empty() {
            h3 { (title) }
            ul { @for c in counts.iter().take(10) {
                li { a href={"/search?" (params.query_string(Some((key, &c.value))))} { (c.value) } " " small { (c.count) } }
            } }
        }
    }
}

pub async fn entity(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    let key = match check_entity_key(&key) {
        Ok(k) => k.to_string(),
        Err(err) => return error_page(&err),
    };
    let result = state.with_store(move |store: &dyn Store| crate::api::entity_data(store, &key)).await;
    respond(result.map(|data| {
        let t = &data.timeline;
        layout(
            &t.name,
            html! {
                h1 { (t.name) }
                dl.meta {
                    @if let Some(kind) = &t.kind { dt { "Type" } dd { (kind) } }
                    @if let Some(q) = &t.wikidata {
                        dt { "Wikidata" } dd { @if q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit()) {
                            a href={"https://www.wikidata.org/wiki/" (q)} rel="noopener noreferrer" { (q) } } @else { (q) } }
                    }
                    dt { "Articles" } dd { a href={"/search?entity=" (encode(&t.name))} { (t.num_articles) } }
                    @if !t.roles.is_empty() { dt { "Roles" } dd { (t.roles.join("; ")) } }
                }
                h2 { "Mentions over time" }
                (svg::bar_chart(&t.by_day))
                @if !t.quotes.is_empty() {
                    h2 { "Quotes" }
                    ul.quotes { @for q in t.quotes.iter().take(50) {
                        li { (q.date.as_deref().unwrap_or("")) " " q { (q.text) } " " a href={"/articles/" (encode(&q.article_id))} { "source" } }
                    } }
                }
                @if !data.cooccurring.is_empty() {
                    h2 { "Often mentioned with" }
                    ul.entities { @for (name, n) in &data.cooccurring { li { a href={"/entities/" (encode(name))} { (name) } " " small { (n) } } } }
                }
                @if !data.places.is_empty() {
                    h2 { "Places" }
                    (svg::map(&data.places))
                }
                h2 { "Articles" }
                ul { @for a in &t.articles {
                    li { a href={"/articles/" (encode(&a.id))} { (a.title.as_deref().unwrap_or(&a.id)) } " · " (a.site.as_deref().unwrap_or("")) " " (a.published.as_deref().unwrap_or("")) }
                } }
            },
        )
    }))
}

pub async fn story(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let (id, page) = match check_story_id(&id).and_then(|id| Ok((id, check_page_only(&pairs)?))) {
        Ok(v) => v,
        Err(err) => return error_page(&err),
    };
    let result = state.with_store(move |store: &dyn Store| crate::api::story_data(store, id, page)).await;
    respond(result.map(|data| {
        let s = &data.story;
        let title = s.title.clone().unwrap_or_else(|| format!("Story {}", s.id));
        layout(
            &title,
            html! {
                h1 { (title) }
                p { (plural(s.num_articles, "article")) " from " (plural(s.num_sources, "source")) " · " (s.first.as_deref().map(when).unwrap_or_else(|| "?".into())) " – " (s.last.as_deref().map(when).unwrap_or_else(|| "?".into()))
                    " · " a href={"/api/stories/" (s.id)} { "JSON" } }
                (crate::story_page::sections(s))
                h2 { "Articles, copies grouped" }
                ul.groups { @for group in &data.groups {
                    li {
                        @if let Some(first) = group.first() {
                            a href={"/articles/" (encode(&first.id))} { (first.title.as_deref().unwrap_or(&first.id)) } " · " (first.site.as_deref().unwrap_or("")) " " (first.published.as_deref().unwrap_or(""))
                        }
                        @if group.len() > 1 {
                            ul.copies { @for a in &group[1..] { li { "copy: " a href={"/articles/" (encode(&a.id))} { (a.site.as_deref().unwrap_or(&a.id)) } } } }
                        }
                    }
                } }
                @if data.pages > 1 {
                    nav.pager {
                        @if data.page > 1 { a rel="prev" href={"/stories/" (s.id) "?page=" (data.page - 1)} { "← Earlier" } " " }
                        "Page " (data.page) " of " (data.pages)
                        @if data.page < data.pages.min(crate::params::MAX_PAGE) { " " a rel="next" href={"/stories/" (s.id) "?page=" (data.page + 1)} { "Later →" } }
                    }
                }
                h2 { "Sources" }
                p { (s.sources.join(", ")) @if s.num_sources > s.sources.len() { " and " (s.num_sources - s.sources.len()) " more" } }
            },
        )
    }))
}

pub async fn map(State(state): State<AppState>, Query(pairs): Query<Vec<(String, String)>>) -> Response {
    let params = match SearchParams::parse(&pairs, &[]) {
        Ok(p) => p,
        Err(err) => return error_page(&err),
    };
    let query = params.to_query();
    let result = state.with_store(move |store: &dyn Store| crate::api::map_data(store, &query)).await;
    respond(result.map(|places| {
        layout(
            "Map",
            html! {
                h1 { "Places in " @if params.q.is_empty() { "recent articles" } @else { "“" (params.q) "”" } }
                form action="/map" method="get" { input type="search" name="q" value=(params.q) aria-label="Search"; button type="submit" { "Map" } }
                (svg::map(&places))
                p.note { "Equirectangular projection; circle area grows with mentions. Country shapes: Natural Earth (public domain)." }
                ul { @for p in places.iter().take(30) { li { (p.name) " " small { (p.country.as_deref().unwrap_or("")) } " ×" (p.mentions) } } }
            },
        )
    }))
}

/// `/about`: what the app is and the credits of the data it serves.
pub async fn about() -> Response {
    ok_page(layout("About", crate::credits::about()))
}

pub async fn saved(State(state): State<AppState>) -> Response {
    let result =
        state.with_store(|store: &dyn Store| Ok((store.saved_searches()?, crate::hook_pages::list(store)?))).await;
    respond(result.map(|(saved, hooks)| {
        let names: Vec<String> = saved.iter().map(|(name, _)| name.clone()).collect();
        layout(
            "Saved searches",
            html! {
                h1 { "Saved searches" }
                p { "Each saved search is an Atom feed: subscribe to it in any feed reader." }
                ul { @for (name, query) in &saved {
                    @let params = SearchParams::from_query(query);
                    li { a href={"/search?" (params.query_string(None))} { (name) } " — " a href={"/feeds/" (encode(name)) ".atom"} { "Atom feed" } " · " a href={"/digest/" (encode(name))} { "daily digest" } }
                } }
                (crate::hook_pages::section(&names, &hooks))
            },
        )
    }))
}

/// `POST /saved` from the search page's form: saves, then goes to the list.
pub async fn save_form(State(state): State<AppState>, Form(form): Form<HashMap<String, String>>) -> Response {
    match crate::api::save_pairs(&state, form.into_iter().collect()).await {
        Ok(_) => (StatusCode::SEE_OTHER, [(header::LOCATION, "/saved")]).into_response(),
        Err(err) => error_page(&err),
    }
}

/// Re-exported for the API: a saved name check in one place.
pub fn saved_name(name: &str) -> Result<&str, WebError> {
    check_saved_name(name)
}

#[cfg(test)]
mod tests {
    use super::when;

    #[test]
    fn publication_times_state_their_zone() {
        assert_eq!(when("2019-01-04"), "2019-01-04");
        assert_eq!(when("2021-12-30T16:06:00Z"), "2021-12-30T16:06:00 UTC");
        assert_eq!(when("2021-12-30T16:06+01:00"), "2021-12-30T16:06 UTC+01:00");
        assert_eq!(when("2021-12-30T16:06-05:00"), "2021-12-30T16:06 UTC-05:00");
        assert_eq!(when("2021-12-30T16:06"), "2021-12-30T16:06 (time zone not stated)");
    }
}
