//! Webhooks in the app: their section of `/saved` (state and the forms that add
//! and remove them) and `/api/webhooks`. Delivery itself is [`crate::hooks`].
//!
//! A secret goes in through a form or JSON and never comes back out: pages and
//! the API show its fingerprint only.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use maud::{html, Markup};
use newsgraph_store::webhooks::{check_url, HookTarget, Webhook, DEFAULT_MIN_ARTICLES, DEFAULT_WINDOW_HOURS};
use newsgraph_store::{Store, StoreError};
use serde::Deserialize;

use crate::pages::{error_page, saved_name};
use crate::{AppState, WebError};

/// A webhook to add, as the API's JSON or the form gives it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewHook {
    /// The saved search it follows; absent (or empty) for a story alert.
    #[serde(default)]
    pub saved_search: Option<String>,
    pub url: String,
    pub secret: String,
    #[serde(default)]
    pub min_articles: Option<u32>,
    #[serde(default)]
    pub window_hours: Option<u32>,
}

fn store_error(err: StoreError) -> WebError {
    match err {
        StoreError::Invalid(message) => WebError::BadRequest(message),
        other => WebError::Store(other),
    }
}

/// Every webhook, or none where the store keeps none.
pub fn list(store: &dyn Store) -> Result<Vec<Webhook>, WebError> {
    match store.webhooks() {
        Some(hooks) => hooks.list().map_err(store_error),
        None => Ok(Vec::new()),
    }
}

/// Checks a webhook's URL and secret (the store checks the rest).
pub fn check(hook: &NewHook) -> Result<(), WebError> {
    check_url(hook.url.trim()).map_err(WebError::BadRequest)?;
    if hook.secret.is_empty() || hook.secret.len() > 256 {
        return Err(WebError::BadRequest("a webhook secret must be 1 to 256 bytes".into()));
    }
    Ok(())
}

/// Checks and adds a webhook; returns its id.
pub fn add(store: &dyn Store, hook: &NewHook) -> Result<i64, WebError> {
    check(hook)?;
    let target = match hook.saved_search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(name) => HookTarget::SavedSearch { name: saved_name(name)?.to_string() },
        None => HookTarget::StoryAlert {
            min_articles: hook.min_articles.unwrap_or(DEFAULT_MIN_ARTICLES),
            window_hours: hook.window_hours.unwrap_or(DEFAULT_WINDOW_HOURS),
        },
    };
    let hooks = store.webhooks().ok_or_else(|| WebError::BadRequest("this store keeps no webhooks".into()))?;
    hooks.add(&target, hook.url.trim(), &hook.secret).map_err(store_error)
}

/// The webhooks of the saved search `name`, for `/api/saved`.
pub fn of_search<'a>(hooks: &'a [Webhook], name: &'a str) -> impl Iterator<Item = &'a Webhook> {
    hooks.iter().filter(move |h| matches!(&h.target, HookTarget::SavedSearch { name: n } if n == name))
}

/// The `/saved` section: each webhook with its delivery state, and the forms.
pub fn section(names: &[String], hooks: &[Webhook]) -> Markup {
    html! {
        section.webhooks aria-labelledby="webhooks" {
            h2 #webhooks { "Webhooks" }
            p.note {
                "A webhook gets a signed JSON POST for each new article a saved search matches, or for each story "
                "that grows fast. The server itself sends these requests, to the URL given. Secrets are never shown: "
                "only a fingerprint."
            }
            @if hooks.is_empty() { p { "No webhooks yet." } }
            @for hook in hooks {
                article.webhook {
                    h3 {
                        @match &hook.target {
                            HookTarget::SavedSearch { name } => { "Saved search “" (name) "”" }
                            HookTarget::StoryAlert { min_articles, window_hours } => {
                                "Story alert: " (min_articles) " articles within " (window_hours) " h"
                            }
                        }
                    }
                    p { code { (hook.url) } " · secret " code { (hook.secret_fingerprint) } " · since " (hook.created) }
                    p { (hook.delivered) " delivered · " (hook.pending) " pending · " (hook.failed) " failed" }
                    @if !hook.recent.is_empty() {
                        table {
                            thead { tr { th { "Delivery" } th { "Event" } th { "State" } th { "Attempts" } th { "Last answer" } th { "Updated (UTC)" } } }
                            tbody { @for d in &hook.recent {
                                tr {
                                    td { code { (d.id.get(..12).unwrap_or(&d.id)) } }
                                    td { (d.event) " " small { (d.subject) } }
                                    td { (d.state) }
                                    td { (d.attempts) }
                                    td { (d.last_status.as_deref().unwrap_or("—")) }
                                    td { (d.updated) }
                                }
                            } }
                        }
                    }
                    form action={"/saved/webhooks/" (hook.id) "/delete"} method="post" {
                        button type="submit" { "Remove this webhook" }
                    }
                }
            }
            h3 { "Add a webhook" }
            form.webhook-form action="/saved/webhooks" method="post" {
                label { "For " select name="saved_search" {
                    @for name in names { option value=(name) { "saved search “" (name) "”" } }
                    option value="" { "story alerts (fast-growing stories)" }
                } }
                label { "URL " input type="url" name="url" required placeholder="https://example.com/hook"; }
                label { "Secret " input type="password" name="secret" required autocomplete="off"; }
                label { "Story alerts: articles " input type="number" name="min_articles" min="2" value=(DEFAULT_MIN_ARTICLES); }
                label { " within hours " input type="number" name="window_hours" min="1" value=(DEFAULT_WINDOW_HOURS); }
                button type="submit" { "Add webhook" }
            }
        }
    }
}

fn form_hook(form: &HashMap<String, String>) -> Result<NewHook, WebError> {
    let number = |key: &str| -> Result<Option<u32>, WebError> {
        match form.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| WebError::BadRequest(format!("{key} must be a whole number"))),
        }
    };
    Ok(NewHook {
        saved_search: form.get("saved_search").cloned(),
        url: form.get("url").cloned().unwrap_or_default(),
        secret: form.get("secret").cloned().unwrap_or_default(),
        min_articles: number("min_articles")?,
        window_hours: number("window_hours")?,
    })
}

fn back_to_saved() -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, "/saved")]).into_response()
}

/// `POST /saved/webhooks` from the form on `/saved`.
pub async fn add_form(State(state): State<AppState>, Form(form): Form<HashMap<String, String>>) -> Response {
    let result = match form_hook(&form) {
        Ok(hook) => state.with_store(move |store: &dyn Store| add(store, &hook)).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(_) => back_to_saved(),
        Err(err) => error_page(&err),
    }
}

fn hook_id(id: &str) -> Result<i64, WebError> {
    id.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| WebError::BadRequest(format!("{id:?} is not a webhook id")))
}

fn remove(store: &dyn Store, id: i64) -> Result<(), WebError> {
    let hooks = store.webhooks().ok_or_else(|| WebError::NotFound("no such webhook".into()))?;
    match hooks.remove(id).map_err(store_error)? {
        true => Ok(()),
        false => Err(WebError::NotFound(format!("no webhook {id}"))),
    }
}

/// `POST /saved/webhooks/{id}/delete` from the form on `/saved`.
pub async fn remove_form(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let result = match hook_id(&id) {
        Ok(id) => state.with_store(move |store: &dyn Store| remove(store, id)).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(()) => back_to_saved(),
        Err(err) => error_page(&err),
    }
}

/// `GET /api/webhooks`: every webhook with its delivery state (no secrets).
pub async fn api_list(State(state): State<AppState>) -> Result<Response, WebError> {
    let hooks = state.with_store(|store: &dyn Store| list(store)).await?;
    Ok(Json(hooks).into_response())
}

/// `POST /api/webhooks` with `{"saved_search"?, "url", "secret", "min_articles"?, "window_hours"?}`.
pub async fn api_add(State(state): State<AppState>, Json(hook): Json<NewHook>) -> Result<Response, WebError> {
    let fingerprint = newsgraph_store::webhooks::fingerprint(&hook.secret);
    let id = state.with_store(move |store: &dyn Store| add(store, &hook)).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": id, "secret_fingerprint": fingerprint }))).into_response())
}

/// `DELETE /api/webhooks/{id}`.
pub async fn api_remove(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = hook_id(&id)?;
    state.with_store(move |store: &dyn Store| remove(store, id)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
