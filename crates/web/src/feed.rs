//! Saved searches as a newsletter: `/feeds/{name}.atom` (an Atom 1.0 feed of
//! the newest hits) and `/digest/{name}` (the same hits as a page, by day).

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use newsgraph_store::{SearchResults, Store};

use crate::params::{check_saved_name, encode, SearchParams};
use crate::{AppState, WebError};

const FEED_ENTRIES: usize = 50;

/// The newest hits of a saved search and the query string of its search page.
async fn saved_hits(state: &AppState, name: &str) -> Result<(SearchResults, String), WebError> {
    let name = check_saved_name(name)?.to_string();
    state
        .with_store(move |store: &dyn Store| {
            let (_, query) = store
                .saved_searches()?
                .into_iter()
                .find(|(n, _)| *n == name)
                .ok_or_else(|| WebError::NotFound(format!("no saved search {name:?}")))?;
            let params = SearchParams::from_query(&query);
            let mut query = query;
            query.offset = 0;
            query.limit = FEED_ENTRIES;
            query.facets = false;
            Ok((store.search(&query)?, params.query_string(None)))
        })
        .await
}

pub async fn atom(State(state): State<AppState>, Path(file): Path<String>) -> Result<Response, WebError> {
    let name = file.strip_suffix(".atom").ok_or_else(|| WebError::NotFound("feeds end in .atom".into()))?;
    let (results, query_string) = saved_hits(&state, name).await?;
    let body = render(&file, &query_string, &results);
    Ok(([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], body).into_response())
}

/// Escapes text for XML element content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped rather than breaking the feed.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An RFC 3339 time for a publication value (`YYYY-MM-DD[THH:MM[:SS]]`).
fn rfc3339(published: Option<&str>) -> String {
    let value = published.unwrap_or("1970-01-01");
    match value.len() {
        10 => format!("{value}T00:00:00Z"),
        16 => format!("{value}:00Z"),
        19 => format!("{value}Z"),
        _ if value.get(..10).is_some_and(|d| d.len() == 10) => format!("{}T00:00:00Z", &value[..10]),
        _ => "1970-01-01T00:00:00Z".to_string(),
    }
}

fn render(file: &str, query_string: &str, results: &SearchResults) -> String {
    let updated = results.hits.iter().filter_map(|h| h.published.as_deref()).max();
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let name = file.trim_end_matches(".atom");
    out += &format!("<title>newsgraph: {}</title>\n", xml(name));
    out += &format!("<id>urn:newsgraph:saved:{}</id>\n", encode(name));
    out += &format!("<updated>{}</updated>\n", rfc3339(updated));
    out += "<author><name>newsgraph</name></author>\n";
    out += &format!("<link rel=\"self\" href=\"/feeds/{}\"/>\n", xml(file));
    out += &format!("<link rel=\"alternate\" type=\"text/html\" href=\"/search?{}\"/>\n", xml(query_string));
    for hit in &results.hits {
        out += "<entry>\n";
        out += &format!("<title>{}</title>\n", xml(hit.title.as_deref().unwrap_or("(untitled)")));
        out += &format!("<id>urn:newsgraph:article:{}</id>\n", encode(&hit.id));
        out += &format!("<updated>{}</updated>\n", rfc3339(hit.published.as_deref()));
        out += &format!("<link rel=\"alternate\" type=\"text/html\" href=\"/articles/{}\"/>\n", encode(&hit.id));
        if let Some(site) = &hit.site {
            out += &format!("<author><name>{}</name></author>\n", xml(site));
        }
        out += &format!("<summary>{}</summary>\n", xml(&hit.snippet));
        out += "</entry>\n";
    }
    out += "</feed>\n";
    out
}

/// `/digest/{name}`: the saved search's newest hits as a page, grouped by publication day.
pub async fn digest(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    let (results, query_string) = match saved_hits(&state, &name).await {
        Ok(found) => found,
        Err(err) => return crate::pages::error_page(&err),
    };
    let mut days: Vec<(String, Vec<&newsgraph_store::SearchHit>)> = Vec::new();
    for hit in &results.hits {
        let day = hit.published.as_deref().and_then(|p| p.get(..10)).unwrap_or("undated").to_string();
        match days.iter_mut().find(|(d, _)| *d == day) {
            Some((_, hits)) => hits.push(hit),
            None => days.push((day, vec![hit])),
        }
    }
    days.sort_by(|a, b| b.0.cmp(&a.0));
    let markup = maud::html! {
        h1 { "Digest: " (name) }
        p { a href={"/feeds/" (encode(&name)) ".atom"} { "Atom feed" } " · " a href={"/search?" (query_string)} { "the search" } }
        @for (day, hits) in &days {
            h2 { (day) }
            ul { @for hit in hits {
                li { a href={"/articles/" (encode(&hit.id))} { (hit.title.as_deref().unwrap_or("(untitled)")) } " · " (hit.site.as_deref().unwrap_or(""))
                     p.snippet { (hit.snippet) } }
            } }
        }
    };
    crate::pages::ok_page(crate::pages::layout(&format!("Digest {name}"), markup))
}
