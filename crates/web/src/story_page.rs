//! The story page's timeline sections: what happened (actual events, in date
//! order), what was reported but did not (or not yet) happen, each marked with
//! its status, quotes grouped by speaker, counts as they change across the
//! story's articles, the sources in the order they joined, and its events
//! (one per happening across the articles, with GDELT's counts).
//!
//! Only rendering: the store gives all of it with the story
//! ([`newsgraph_store::Story`]).

use maud::{html, Markup};
use newsgraph_store::{Story, TimelineEntry};

use crate::params::encode;

/// What a status means, in words a reader understands.
fn status_words(status: &str) -> &'static str {
    match status {
        "future" => "planned or expected",
        "hypothetical" => "feared or possible, not reported as happened",
        "negated" => "denied, or reported as not happening",
        "historical" => "background: an earlier event",
        "actual" => "reported as happened",
        _ => "status not recorded",
    }
}

/// Whether a timeline entry leads the page: a quote, or an event reported as
/// happened (rows stored without a status count as happened, as they were shown).
fn leads(entry: &TimelineEntry) -> bool {
    entry.kind != "event" || entry.status.as_deref().is_none_or(|s| s == "actual")
}

fn source_link(entry: &TimelineEntry) -> Markup {
    html! { a href={"/articles/" (encode(&entry.article_id))} { (entry.site.as_deref().unwrap_or("source")) } }
}

/// The timeline sections of a story page.
pub fn sections(s: &Story) -> Markup {
    let (happened, other): (Vec<&TimelineEntry>, Vec<&TimelineEntry>) =
        s.timeline.iter().filter(|e| e.kind == "event").partition(|e| leads(e));
    html! {
        h2 #happened { "What happened" }
        p.note { "Events the articles report as having happened, by the date they happened (else the article's date; UTC)." }
        @if happened.is_empty() { p { "No event reported as having happened." } }
        ol.timeline { @for e in &happened {
            li.event {
                span.date { (e.date.as_deref().unwrap_or("undated")) } " " strong { (e.label) } " " (e.text) " " (source_link(e))
            }
        } }
        @if !other.is_empty() {
            h2 #not-happened { "Expected, feared, denied or earlier events" }
            p.note { "Reported, but not as something that happened in this story: each is marked with its status." }
            ol.timeline.other { @for e in &other {
                @let status = e.status.as_deref().unwrap_or("unknown");
                li class={"event " (status)} {
                    span.date { (e.date.as_deref().unwrap_or("undated")) } " "
                    span.status title=(status_words(status)) { (status) } " "
                    strong { (e.label) } " " (e.text) " " small { "(" (status_words(status)) ")" } " " (source_link(e))
                }
            } }
        }
        @if !s.quotes_by_speaker.is_empty() {
            h2 #quotes { "Quotes by speaker" }
            @for group in &s.quotes_by_speaker {
                h3 { @if group.speaker.is_empty() { "Unattributed" } @else { a href={"/entities/" (encode(&group.speaker))} { (group.speaker) } } " " small { (group.quotes.len()) } }
                ul.quotes { @for q in &group.quotes {
                    li { span.date { (q.date.as_deref().unwrap_or("undated")) } " " q { (q.text) } " " (source_link(q)) }
                } }
            }
        }
        @if !s.counts.is_empty() {
            h2 #counts { "Counts across the articles" }
            table.counts {
                caption { "Numbers the articles report (killed, wounded, troops ...), in article date order (UTC)" }
                thead { tr { th scope="col" { "Date" } th scope="col" { "Count" } th scope="col" { "What" } th scope="col" { "Kind" } th scope="col" { "Article" } } }
                tbody { @for c in &s.counts {
                    tr {
                        td { (c.date.as_deref().unwrap_or("")) }
                        td { @if c.qualifier != "exact" { (c.qualifier.replace('-', " ")) " " } (c.value) }
                        td { (c.what) }
                        td { (c.kind.to_lowercase()) }
                        td { a href={"/articles/" (encode(&c.article_id))} { (c.site.as_deref().unwrap_or("source")) } }
                    }
                } }
            }
        }
        @if !s.events.is_empty() {
            h2 #events { "Events" }
            p.note { "One row per happening across the story's articles (same type, actors, targets, place, within two days); mentions count every evidence span." }
            table.events {
                thead { tr {
                    th scope="col" { "Date" } th scope="col" { "Type" } th scope="col" { "Who → whom" } th scope="col" { "CAMEO" }
                    th scope="col" { "Articles" } th scope="col" { "Sources" } th scope="col" { "Mentions" }
                } }
                tbody { @for e in &s.events {
                    @let names = |list: &[newsgraph_store::EventActor]| list.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ");
                    tr {
                        td { (e.day) } td { (e.info.kind) @if e.info.status != "actual" { " " small { "(" (e.info.status) ")" } } }
                        td { (names(&e.info.actors)) @if !e.info.targets.is_empty() { " → " (names(&e.info.targets)) } }
                        td { (e.info.cameo) } td { (e.num_articles) } td { (e.num_sources) } td { (e.num_mentions) }
                    }
                } }
            }
        }
        @if !s.joined.is_empty() {
            h2 #joined { "Sources in the order they joined" }
            ol.joined { @for j in &s.joined {
                li { (j.site) " · first article " a href={"/articles/" (encode(&j.first_article))} { (j.first) } " · " (j.articles) " articles" }
            } }
        }
    }
}
