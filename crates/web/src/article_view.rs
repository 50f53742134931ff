//! The article page: clean text with every layer highlighted by its offsets.
//!
//! Record offsets are code points; the text is cut at byte offsets converted
//! with [`CharIndex`], clamped to the text, so a bad span can only shorten a
//! highlight, never panic. Overlapping spans are handled by cutting the text at
//! every span boundary and giving each piece the classes of all spans that
//! cover it (and a link to the innermost entity).

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{html, Markup};
use newsgraph_model::{Article, CharIndex, CharSpan, Entity};
use newsgraph_store::{DuplicateGroup, Store};

use crate::pages::{entity_href, error_page, layout, ok_page, url_link};
use crate::params::check_article_id;
use crate::{AppState, WebError};

/// Spans beyond this many per article are not highlighted (bounds work on hostile records).
const MAX_SPANS: usize = 5000;

pub async fn page(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let result = async {
        let id = check_article_id(&id)?.to_string();
        let (article, dups0, dups1) = state
            .with_store(move |store: &dyn Store| {
                let article = store.get(&id)?.ok_or_else(|| WebError::NotFound(format!("no article {id:?}")))?;
                let dups = store.duplicates_of(&id)?;
                let story = store.story_of(&id)?;
                Ok((article, dups, story))
            })
            .await?;
        Ok::<_, WebError>(render(&article, dups0.as_ref(), dups1))
    }
    .await;
    match result {
        Ok(markup) => ok_page(markup),
        Err(err) => error_page(&err),
    }
}

/// One highlighted span: its code-point range, CSS class, hover title and entity link.
struct Mark {
    span: CharSpan,
    class: &'static str,
    title: String,
    entity: Option<usize>,
}

fn marks(article: &Article) -> Vec<Mark> {
    let mut marks = Vec::new();
    let entity_name =
        |id: &newsgraph_model::EntityId| article.entities.iter().find(|e| &e.id == id).map(|e| e.name.clone());
    for (i, entity) in article.entities.iter().enumerate() {
        for m in &entity.mentions {
            marks.push(Mark {
                span: CharSpan::new(m.span.start(), m.span.end().max(m.span.start())),
                class: "ent",
                title: format!("{} ({})", entity.name, entity.kind.label()),
                entity: Some(i),
            });
        }
    }
    for quote in &article.quotes {
        let speaker = quote
            .speaker
            .as_ref()
            .and_then(entity_name)
            .or_else(|| quote.speaker_mention.as_ref().map(|m| m.text.clone()))
            .unwrap_or_else(|| "unknown speaker".to_string());
        marks.push(Mark {
            span: CharSpan::new(quote.span.start(), quote.span.end().max(quote.span.start())),
            class: "quote",
            title: format!("Quote ({}) by {speaker}", format!("{:?}", quote.kind).to_lowercase()),
            entity: None,
        });
    }
    for t in &article.times {
        marks.push(Mark {
            span: CharSpan::new(t.span.start(), t.span.end().max(t.span.start())),
            class: "time",
            title: format!("Time {:?}: {}", t.kind, t.value.as_deref().unwrap_or("?")),
            entity: None,
        });
    }
    for c in &article.counts {
        marks.push(Mark {
            span: CharSpan::new(c.span.start(), c.span.end().max(c.span.start())),
            class: "count",
            title: format!("Count {:?}: {} {}", c.kind, c.value, c.object.as_deref().unwrap_or("")),
            entity: None,
        });
    }
    for e in &article.events {
        for m in &e.evidence {
            marks.push(Mark {
                span: CharSpan::new(m.span.start(), m.span.end().max(m.span.start())),
                class: "event",
                title: format!("Event {} ({:?})", e.kind.label(), e.status),
                entity: None,
            });
        }
    }
    marks.retain(|m| !m.span.is_empty());
    marks.truncate(MAX_SPANS);
    marks
}

/// The text cut at every span boundary, each piece with the marks covering it.
fn highlighted(article: &Article) -> Markup {
    let text = article.text.as_str();
    let index = CharIndex::new(text);
    let marks = marks(article);
    // Every span boundary, in code points, clamped to the text.
    let mut cuts: Vec<usize> = vec![0, index.len_chars()];
    for m in &marks {
        cuts.push(m.span.start().min(index.len_chars()));
        cuts.push(m.span.end().min(index.len_chars()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut starts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, m) in marks.iter().enumerate() {
        starts.entry(m.span.start()).or_default().push(i);
    }
    // Each piece: its text, and (classes, title, innermost entity) when marks cover it.
    let mut pieces: Vec<(&str, Option<Covered>)> = Vec::with_capacity(cuts.len());
    let mut active: Vec<usize> = Vec::new();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        active.retain(|&i| marks[i].span.end() > from);
        if let Some(new) = starts.get(&from) {
            active.extend(new.iter().copied());
        }
        let piece = text.get(index.byte_of(from)..index.byte_of(to)).unwrap_or("");
        if active.is_empty() {
            pieces.push((piece, None));
            continue;
        }
        let title = active.iter().take(4).map(|&i| marks[i].title.as_str()).collect::<Vec<_>>().join("; ");
        let entity = active
            .iter()
            .filter_map(|&i| marks[i].entity.map(|e| (marks[i].span.len(), e)))
            .min()
            .and_then(|(_, e)| article.entities.get(e));
        pieces.push((piece, Some((piece_classes(&marks, &active), title, entity))));
    }
    html! {
        @for (piece, mark) in &pieces {
            @match mark {
                None => { (piece) }
                Some((classes, title, Some(entity))) => { a class=(classes) title=(title) href=(entity_href(entity)) { (piece) } }
                Some((classes, title, None)) => { span class=(classes) title=(title) { (piece) } }
            }
        }
    }
}

/// What covers a piece of text: its CSS classes, hover title and innermost entity.
type Covered<'a> = (String, String, Option<&'a Entity>);

fn piece_classes(marks: &[Mark], active: &[usize]) -> String {
    let mut classes: Vec<&str> = active.iter().take(16).map(|&i| marks[i].class).collect();
    classes.sort_unstable();
    classes.dedup();
    classes.join(" ")
}

fn render(article: &Article, dups: Option<&DuplicateGroup>, story: Option<i64>) -> Markup {
    let title = article.title.clone().unwrap_or_else(|| format!("Article {}", article.id));
    let body = html! {
        article.record {
            h1 { (title) }
            dl.meta {
                dt { "Id" } dd { code { (article.id.as_str()) } " · " a href={"/api/articles/" (crate::params::encode(article.id.as_str()))} { "JSON" } }
                @if let Some(site) = &article.site { dt { "Site" } dd { a href={"/search?site=" (crate::params::encode(site))} { (site) } } }
                @if !article.authors.is_empty() { dt { "By" } dd { (article.authors.join(", ")) } }
                @if let Some(p) = &article.published { dt { "Published" } dd { (crate::pages::when(&p.value)) " (from " (format!("{:?}", p.from).to_lowercase()) ")" } }
                @if let Some(url) = &article.source.url { dt { "URL" } dd { (url_link(url)) } }
                @if let Some(credit) = article.site.as_deref().and_then(crate::credits::for_site) { dt { "Licence" } dd { (crate::credits::line(credit)) } }
                @if let Some(lang) = &article.language { dt { "Language" } dd { (lang) } }
                @if let Some(group) = dups {
                    @if group.num_articles > 1 {
                        dt { "Copies" } dd { (group.num_articles) " articles from " (group.num_sources) " sources" }
                    }
                }
            }
            p.legend { span.ent { "entity" } " " span.quote { "quote" } " " span.time { "time" } " " span.count { "count" } " " span.event { "event" } }
            div.text { (highlighted(article)) }
            @if !article.images.is_empty() {
                h2 { "Images" }
                ul { @for image in &article.images {
                    li { (image.caption.as_deref().unwrap_or("(no caption)")) @if let Some(url) = &image.url { " — " (url_link(url)) } }
                } }
            }
            @if !article.quotes.is_empty() {
                h2 { "Quotes" }
                ol.quotes { @for q in &article.quotes {
                    @let speaker = q.speaker.as_ref().and_then(|id| article.entities.iter().find(|e| &e.id == id));
                    li {
                        span.speaker { @match speaker { Some(e) => { a href=(entity_href(e)) { (e.name) } } None => { (q.speaker_mention.as_ref().map_or("unknown", |m| m.text.as_str())) } } }
                        ": " q { (q.text) }
                    }
                } }
            }
            @if !article.entities.is_empty() {
                h2 { "Entities" }
                ul.entities { @for e in article.entities.iter().filter(|e| e.kind.is_named()) { li { (entity_item(e)) } } }
            }
            @if !article.events.is_empty() {
                h2 { "Events" }
                ul { @for e in &article.events {
                    li { strong { (e.kind.label()) } " " (format!("{:?}", e.status).to_lowercase())
                        @if let Some(d) = &e.date { " · " (d) }
                        @if let Some(m) = e.evidence.first() { " — “" (m.text) "”" } }
                } }
            }
            @if let Some(group) = dups {
                @if group.articles.len() > 1 {
                    h2 { "Copies of this text" }
                    ul { @for a in group.articles.iter().filter(|a| a.id != article.id.as_str()) {
                        li { a href={"/articles/" (a.id)} { (a.title.as_deref().unwrap_or(&a.id)) } " · " (a.site.as_deref().unwrap_or("")) }
                    } }
                }
            }
            @if let Some(story) = story { p { a href={"/stories/" (story)} { "The story this article belongs to" } } }
            details.removed {
                summary { "Removed as boilerplate (" (article.removed.len()) ")" }
                ul { @for r in &article.removed {
                    li { span.reason { (format!("{:?}", r.reason)) } ": " (r.text) }
                } }
            }
        }
    };
    layout(&title, body)
}

fn entity_item(e: &Entity) -> Markup {
    html! {
        a href=(entity_href(e)) { (e.name) } " " small { (e.kind.label()) }
        @if let Some(kb) = &e.kb { @if let Some(q) = &kb.wikidata { " · " small { (q) } } }
        " ×" (e.mentions.len())
    }
}
