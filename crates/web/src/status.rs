//! `/api/status` (JSON) and `/status` (HTML): the store's health and progress.
//!
//! Both show [`newsgraph_store::StoreStatus`]: articles stored, articles per
//! hour over the last day, how far the search index lags SQLite, who writes
//! the store (from `writer.lock`), and each followed feed's schedule and
//! errors when this server follows feeds. Nothing here polls or writes.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use maud::html;
use newsgraph_store::{Store, StoreStatus};

use crate::pages::{error_page, layout, ok_page};
use crate::{AppState, WebError};

async fn read(state: &AppState) -> Result<StoreStatus, WebError> {
    state.with_store(|store: &dyn Store| Ok(store.status()?)).await
}

pub async fn api(State(state): State<AppState>) -> Result<Response, WebError> {
    Ok(Json(read(&state).await?).into_response())
}

pub async fn page(State(state): State<AppState>) -> Response {
    let status = match read(&state).await {
        Ok(status) => status,
        Err(err) => return error_page(&err),
    };
    let last_day: u64 = status.per_hour.iter().map(|h| h.articles).sum();
    let writer = match (&status.writer.holder, status.writer.this_process) {
        (Some(holder), true) => format!("this server ({holder})"),
        (Some(holder), false) => holder.clone(),
        (None, _) => "nobody (no ingest or follow run is writing)".to_string(),
    };
    ok_page(layout(
        "Status",
        html! {
            h1 { "Status" }
            p { "As of " (status.now) " (UTC). " a href="/api/status" { "JSON" } }
            dl {
                dt { "Articles stored" } dd { (status.articles) }
                dt { "Stored in the last 24 hours" } dd { (last_day) }
                dt { "Index lag" } dd { (status.index_lag) " articles not yet searchable" }
                dt { "Writer" } dd { (writer) }
            }
            h2 { "Articles stored per hour (UTC)" }
            table {
                thead { tr { th scope="col" { "Hour" } th scope="col" { "Articles" } } }
                tbody {
                    @for hour in status.per_hour.iter().rev().filter(|h| h.articles > 0) {
                        tr { td { (hour.hour) } td { (hour.articles) } }
                    }
                }
            }
            h2 { "Followed feeds" }
            @if status.feeds.is_empty() {
                p { "This server follows no feeds (start it with " code { "newsgraph serve --follow FEEDS.txt" } ")." }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { "Feed" } th scope="col" { "Every" } th scope="col" { "Last poll" }
                        th scope="col" { "Next poll" } th scope="col" { "Status" } th scope="col" { "Errors in a row" }
                        th scope="col" { "Last error" } th scope="col" { "Stored" }
                    } }
                    tbody {
                        @for feed in &status.feeds {
                            tr {
                                td { (feed.url) }
                                td { (feed.every_seconds) " s" }
                                td { (feed.last_poll.as_deref().unwrap_or("never")) }
                                td { (feed.next_poll.as_deref().unwrap_or("")) }
                                td { (feed.last_status.as_deref().unwrap_or("")) }
                                td { (feed.consecutive_errors) }
                                td { (feed.last_error.as_deref().unwrap_or("")) }
                                td { (feed.items_stored) }
                            }
                        }
                    }
                }
            }
        },
    ))
}
