//! The JSON API under `/api/`, and the data the entity, story and map pages share with it.
//!
//! Besides the store's own views, this computes what the store does not offer
//! directly: co-occurring entities and places of an entity, duplicate groups
//! of a story's articles, and the places of a search (from the stored records).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use newsgraph_store::{ArticleRef, EntityTimeline, SearchQuery, Store, Story, LIST_LIMIT};
use serde::Serialize;

use crate::pages::saved_name;
use crate::params::{check_article_id, check_entity_key, check_page_only, check_story_id, SearchParams};
use crate::{AppState, WebError};

/// Stored records read to compute co-occurrences and places: bounds a request's work.
const RECORDS_READ: usize = 30;

pub async fn search(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let query = SearchParams::parse(&pairs, &[])?.to_query();
    let results = state.with_store(move |store: &dyn Store| Ok(store.search(&query)?)).await?;
    Ok(Json(results).into_response())
}

pub async fn article(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = check_article_id(&id)?.to_string();
    let article = state
        .with_store(move |store: &dyn Store| {
            store.get(&id)?.ok_or_else(|| WebError::NotFound(format!("no article {id:?}")))
        })
        .await?;
    Ok(Json(article).into_response())
}

/// An entity's store timeline plus what the web computes from its articles.
#[derive(Serialize)]
pub struct EntityData {
    #[serde(flatten)]
    pub timeline: EntityTimeline,
    /// Other named entities in its articles: (name, articles), most frequent first.
    pub cooccurring: Vec<(String, usize)>,
    pub places: Vec<MapPlace>,
}

pub fn entity_data(store: &dyn Store, key: &str) -> Result<EntityData, WebError> {
    let timeline = store.entity(key)?.ok_or_else(|| WebError::NotFound(format!("no entity {key:?}")))?;
    let mut together: HashMap<String, usize> = HashMap::new();
    let mut places = PlaceCounter::default();
    for article_ref in timeline.articles.iter().take(RECORDS_READ) {
        let Some(article) = store.get(&article_ref.id)? else { continue };
        let mut seen = std::collections::HashSet::new();
        for e in &article.entities {
            let same = e.name.eq_ignore_ascii_case(&timeline.name)
                || e.kb
                    .as_ref()
                    .and_then(|kb| kb.wikidata.as_deref())
                    .is_some_and(|q| Some(q) == timeline.wikidata.as_deref());
            if e.kind.is_named() && !same && seen.insert(e.name.clone()) {
                *together.entry(e.name.clone()).or_default() += 1;
            }
        }
        places.add(&article);
    }
    let mut cooccurring: Vec<(String, usize)> = together.into_iter().collect();
    cooccurring.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    cooccurring.truncate(20);
    Ok(EntityData { timeline, cooccurring, places: places.finish() })
}

pub async fn entity(State(state): State<AppState>, Path(key): Path<String>) -> Result<Response, WebError> {
    let key = check_entity_key(&key)?.to_string();
    let data = state.with_store(move |store: &dyn Store| entity_data(store, &key)).await?;
    Ok(Json(data).into_response())
}

/// A story with one page of its articles grouped into near-duplicate sets.
#[derive(Serialize)]
pub struct StoryData {
    #[serde(flatten)]
    pub story: Story,
    /// The page of articles listed (from 1), [`LIST_LIMIT`] a page.
    pub page: usize,
    pub pages: usize,
    /// The page's articles, copies of one text together, largest group first.
    pub groups: Vec<Vec<ArticleRef>>,
}

/// A story and page `page` (from 1) of its articles: a bounded amount of work
/// whatever the story's size (the store keeps its sources and counts).
pub fn story_data(store: &dyn Store, id: i64, page: usize) -> Result<StoryData, WebError> {
    let mut story = store.story(id)?.ok_or_else(|| WebError::NotFound(format!("no story {id}")))?;
    let pages = story.num_articles.div_ceil(LIST_LIMIT).max(1);
    let page = page.clamp(1, pages);
    if page > 1 {
        story.articles = store.story_articles(id, (page - 1) * LIST_LIMIT, LIST_LIMIT)?;
    }
    // Groups in order of their first article; an article without a group is its own.
    let mut order: Vec<Vec<ArticleRef>> = Vec::new();
    let mut slot: HashMap<i64, usize> = HashMap::new();
    for a in &story.articles {
        match a.dup_group.and_then(|g| slot.get(&g).copied()) {
            Some(i) => order[i].push(a.clone()),
            None => {
                if let Some(g) = a.dup_group {
                    slot.insert(g, order.len());
                }
                order.push(vec![a.clone()]);
            }
        }
    }
    order.sort_by_key(|g| std::cmp::Reverse(g.len()));
    Ok(StoryData { story, page, pages, groups: order })
}

pub async fn story(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = check_story_id(&id)?;
    let page = check_page_only(&pairs)?;
    let data = state.with_store(move |store: &dyn Store| story_data(store, id, page)).await?;
    Ok(Json(data).into_response())
}

/// A place on the map with its mentions over the articles read.
#[derive(Debug, Clone, Serialize)]
pub struct MapPlace {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub mentions: usize,
}

#[derive(Default)]
struct PlaceCounter {
    by_key: HashMap<String, MapPlace>,
}

impl PlaceCounter {
    fn add(&mut self, article: &newsgraph_model::Article) {
        for place in &article.places {
            if !(place.lat.is_finite() && place.lon.is_finite()) {
                continue;
            }
            let entity = article.entities.iter().find(|e| e.id == place.entity);
            let name = entity.map_or_else(|| format!("{:.2},{:.2}", place.lat, place.lon), |e| e.name.clone());
            let mentions = entity.map_or(1, |e| e.mentions.len().max(1));
            let key = format!("{:.2},{:.2}", place.lat, place.lon);
            self.by_key
                .entry(key)
                .or_insert_with(|| MapPlace {
                    name,
                    country: place.country.clone(),
                    lat: place.lat.clamp(-90.0, 90.0),
                    lon: place.lon.clamp(-180.0, 180.0),
                    mentions: 0,
                })
                .mentions += mentions;
        }
    }

    fn finish(self) -> Vec<MapPlace> {
        let mut places: Vec<MapPlace> = self.by_key.into_values().collect();
        places.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.name.cmp(&b.name)));
        places.truncate(300);
        places
    }
}

/// Places mentioned in the top hits of a search (their stored records).
pub fn map_data(store: &dyn Store, query: &SearchQuery) -> Result<Vec<MapPlace>, WebError> {
    let mut query = query.clone();
    query.offset = 0;
    query.limit = RECORDS_READ;
    query.facets = false;
    let mut places = PlaceCounter::default();
    for hit in store.search(&query)?.hits {
        if let Some(article) = store.get(&hit.id)? {
            places.add(&article);
        }
    }
    Ok(places.finish())
}

pub async fn map(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let query = SearchParams::parse(&pairs, &[])?.to_query();
    let places = state.with_store(move |store: &dyn Store| map_data(store, &query)).await?;
    Ok(Json(places).into_response())
}

pub async fn saved(State(state): State<AppState>) -> Result<Response, WebError> {
    let (saved, hooks) =
        state.with_store(|store: &dyn Store| Ok((store.saved_searches()?, crate::hook_pages::list(store)?))).await?;
    let list: Vec<serde_json::Value> = saved
        .into_iter()
        .map(|(name, query)| {
            let feed = format!("/feeds/{name}.atom");
            let webhooks: Vec<_> = crate::hook_pages::of_search(&hooks, &name).collect();
            serde_json::json!({ "name": name, "query": SearchParams::from_query(&query), "feed": feed, "webhooks": webhooks })
        })
        .collect();
    Ok(Json(list).into_response())
}

/// Validates and saves a search given as `name` plus search parameters.
pub async fn save_pairs(state: &AppState, pairs: Vec<(String, String)>) -> Result<String, WebError> {
    let name = pairs
        .iter()
        .find(|(k, _)| k == "name")
        .map(|(_, v)| v.trim().to_string())
        .ok_or_else(|| WebError::BadRequest("a saved search needs a \"name\"".into()))?;
    saved_name(&name)?;
    let params = SearchParams::parse(&pairs, &["name"])?;
    let mut query = params.to_query();
    query.offset = 0;
    query.facets = false;
    let stored_name = name.clone();
    state.with_store(move |store: &dyn Store| Ok(store.save_search(&stored_name, &query)?)).await?;
    Ok(name)
}

/// `POST /api/saved` with a JSON object `{"name": ..., "q": ..., "country": ...}`.
pub async fn save(State(state): State<AppState>, Json(body): Json<serde_json::Value>) -> Result<Response, WebError> {
    let object = body.as_object().ok_or_else(|| WebError::BadRequest("expected a JSON object".into()))?;
    // `webhook: {url, secret}` adds a webhook to the search once it is saved.
    let webhook = match object.get("webhook").filter(|v| !v.is_null()) {
        Some(value) => Some(
            serde_json::from_value::<crate::hook_pages::NewHook>(value.clone())
                .map_err(|e| WebError::BadRequest(format!("webhook: {e}")))?,
        ),
        None => None,
    };
    let mut pairs = Vec::new();
    for (key, value) in object.iter().filter(|(key, _)| key.as_str() != "webhook") {
        let value = match value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Null => continue,
            _ => return Err(WebError::BadRequest(format!("field {key:?} must be a string or a number"))),
        };
        pairs.push((key.clone(), value));
    }
    if let Some(hook) = &webhook {
        crate::hook_pages::check(hook)?;
    }
    let name = save_pairs(&state, pairs).await?;
    let mut body = serde_json::json!({ "name": name, "feed": format!("/feeds/{name}.atom") });
    if let Some(mut hook) = webhook {
        hook.saved_search = Some(name.clone());
        let fingerprint = newsgraph_store::webhooks::fingerprint(&hook.secret);
        let id = state.with_store(move |store: &dyn Store| crate::hook_pages::add(store, &hook)).await?;
        body["webhook"] = serde_json::json!({ "id": id, "secret_fingerprint": fingerprint });
    }
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub async fn openapi() -> Response {
    let doc: serde_json::Value = serde_json::from_str(include_str!("openapi.json")).unwrap_or_default();
    Json(doc).into_response()
}
