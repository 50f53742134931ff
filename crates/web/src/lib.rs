//! The web app and JSON API over the store: `newsgraph serve`.
//!
//! An axum server with server-rendered HTML pages that work without any
//! JavaScript (`/`, `/search`, `/articles/{id}`, `/entities/{id}`,
//! `/stories/{id}`, `/map`, `/saved`, `/feeds/{name}.atom`, `/digest/{name}`, `/status`,
//! `/about`, `/analyze` and its `/analyze.csv`) and a JSON API
//! under `/api/` with the same names plus `/api/openapi.json`.
//!
//! Security model: every response carries a strict Content-Security-Policy
//! (`default-src 'self'`, no script at all), `X-Content-Type-Options: nosniff`
//! and `Referrer-Policy: no-referrer`. All HTML goes through maud, which
//! escapes every interpolated value; article URLs are rendered as links only
//! when they are `http`/`https`. No route touches the file system: ids are
//! validated and only ever used as store keys. Query parameters are checked
//! strictly ([`params`]) and the API answers bad ones with 400 and a JSON
//! `{"error": ...}` message.
//!
//! The store is synchronous (SQLite, tantivy), so every handler runs its store
//! work on tokio's blocking pool. The crate does not ingest; it only reads,
//! except for saving searches and webhooks. Webhook deliveries are sent by
//! [`hooks::HookWorker`], a thread of its own beside the server.

mod analyst;
mod api;
mod article_view;
mod chart;
mod credits;
mod feed;
mod home;
mod hook_pages;
pub mod hooks;
mod pages;
pub mod params;
mod status;
mod story_page;
mod svg;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use newsgraph_store::{Store, StoreError};

/// The Content-Security-Policy every response carries: nothing but same-origin
/// styles, images and forms, and no script of any kind.
pub const CSP: &str = "default-src 'self'; script-src 'none'; object-src 'none'; style-src 'self'; \
                       img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Everything that can go wrong while answering a request or starting the server.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("store: {0}")]
    Store(#[from] StoreError),
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
    #[error("internal: {0}")]
    Internal(String),
}

impl WebError {
    fn status(&self) -> StatusCode {
        match self {
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// API errors render as `{"error": "..."}` with the matching status.
impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.to_string(), "status": self.status().as_u16() });
        (self.status(), axum::Json(body)).into_response()
    }
}

/// Shared state of every handler: the store, behind the trait.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
}

impl AppState {
    /// Runs blocking store work off the async workers.
    async fn with_store<T, F>(&self, f: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, WebError> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || f(store.as_ref()))
            .await
            .map_err(|e| WebError::Internal(format!("worker failed: {e}")))?
    }
}

/// The application's routes over `store`.
pub fn router(store: Arc<dyn Store>) -> Router {
    let state = AppState { store };
    Router::new()
        .route("/", get(home::page))
        .route("/search", get(pages::search))
        .route("/articles/{id}", get(article_view::page))
        .route("/entities/{id}", get(pages::entity))
        .route("/stories/{id}", get(pages::story))
        .route("/map", get(pages::map))
        .route("/about", get(pages::about))
        .route("/analyze", get(analyst::page))
        .route("/analyze.csv", get(analyst::csv))
        .route("/api/analyze", get(analyst::api))
        .route("/saved", get(pages::saved).post(pages::save_form))
        .route("/saved/webhooks", axum::routing::post(hook_pages::add_form))
        .route("/saved/webhooks/{id}/delete", axum::routing::post(hook_pages::remove_form))
        .route("/feeds/{file}", get(feed::atom))
        .route("/digest/{name}", get(feed::digest))
        .route("/static/style.css", get(style))
        .route("/static/world.svg", get(world))
        .route("/api/search", get(api::search))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/entities/{id}", get(api::entity))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/map", get(api::map))
        .route("/api/saved", get(api::saved).post(api::save))
        .route("/api/webhooks", get(hook_pages::api_list).post(hook_pages::api_add))
        .route("/api/webhooks/{id}", axum::routing::delete(hook_pages::api_remove))
        .route("/api/openapi.json", get(api::openapi))
        .route("/status", get(status::page))
        .route("/api/status", get(status::api))
        .fallback(not_found)
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Adds the security headers to every response, errors and 404s included.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

async fn not_found() -> Response {
    pages::error_page(&WebError::NotFound("no such page".into()))
}

async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("style.css")).into_response()
}

/// The offline base map (Natural Earth country shapes, see `models/web/ATTRIBUTION`).
async fn world() -> Response {
    let svg = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/web/world-110m.svg"));
    ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")], svg).into_response()
}

/// Serves the app on an already bound listener until the process ends (blocking).
///
/// Binding first lets callers (tests, `--addr 127.0.0.1:0`) learn the port.
pub fn serve_listener(listener: std::net::TcpListener, store: Arc<dyn Store>) -> Result<(), WebError> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, router(store))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })?;
    Ok(())
}

/// Binds `addr` and serves the app (blocking); `on_bound` learns the real address first.
pub fn serve(addr: SocketAddr, store: Arc<dyn Store>, on_bound: impl FnOnce(SocketAddr)) -> Result<(), WebError> {
    let listener = std::net::TcpListener::bind(addr)?;
    on_bound(listener.local_addr()?);
    serve_listener(listener, store)
}
