//! Inline SVG: the mentions-over-time bar chart and the offline world map.
//!
//! Attributes only (no `style=`), so the strict CSP allows them. The map is an
//! equirectangular projection: country shapes come from `/static/world.svg`
//! (Natural Earth 1:110m, built by `models/web/build.py`), with a graticule
//! and the places drawn on top.

use maud::{html, Markup};
use newsgraph_store::DayCount;

use crate::api::MapPlace;

const CHART_W: f64 = 640.0;
const CHART_H: f64 = 120.0;
/// The chart shows at most this many of the latest days.
const MAX_BARS: usize = 180;

/// Mentions per day as bars, the latest [`MAX_BARS`] days.
pub fn bar_chart(days: &[DayCount]) -> Markup {
    let days = &days[days.len().saturating_sub(MAX_BARS)..];
    let max = days.iter().map(|d| d.mentions).max().unwrap_or(0).max(1) as f64;
    // Few days would give absurdly wide bars: cap them.
    let width = (CHART_W / days.len().max(1) as f64).min(24.0);
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {CHART_W} {}", CHART_H + 16.0)) width="100%" role="img" aria-label="Mentions per day" {
            @for (i, d) in days.iter().enumerate() {
                @let h = (d.mentions as f64 / max * CHART_H).max(1.0);
                rect x=(format!("{:.1}", i as f64 * width)) y=(format!("{:.1}", CHART_H - h)) width=(format!("{:.1}", (width - 1.0).max(0.5))) height=(format!("{:.1}", h)) fill="#3465a4" {
                    title { (d.day) ": " (d.mentions) " mentions in " (d.articles) " articles" }
                }
            }
            @if let (Some(first), Some(last)) = (days.first(), days.last()) {
                text x="0" y=(format!("{}", CHART_H + 14.0)) font-size="11" { (first.day) }
                text x=(format!("{CHART_W}")) y=(format!("{}", CHART_H + 14.0)) font-size="11" text-anchor="end" { (last.day) }
            }
        }
    }
}

const MAP_W: f64 = 720.0;
const MAP_H: f64 = 360.0;

/// Places as circles on an equirectangular world grid, area proportional to mentions.
pub fn map(places: &[MapPlace]) -> Markup {
    let max = places.iter().map(|p| p.mentions).max().unwrap_or(1).max(1) as f64;
    html! {
        svg.map xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {MAP_W} {MAP_H}")) width="100%" role="img" aria-label="Map of places" {
            rect x="0" y="0" width=(format!("{MAP_W}")) height=(format!("{MAP_H}")) fill="#eef3f8" {}
            image href="/static/world.svg" x="0" y="0" width=(format!("{MAP_W}")) height=(format!("{MAP_H}")) {}
            @for lon in (-180..=180).step_by(30) {
                @let x = (lon as f64 + 180.0) / 360.0 * MAP_W;
                line x1=(format!("{x:.1}")) y1="0" x2=(format!("{x:.1}")) y2=(format!("{MAP_H}")) stroke="#c8d3df" stroke-width="0.5" {}
            }
            @for lat in (-90..=90).step_by(30) {
                @let y = (90.0 - lat as f64) / 180.0 * MAP_H;
                line x1="0" y1=(format!("{y:.1}")) x2=(format!("{MAP_W}")) y2=(format!("{y:.1}")) stroke=(if lat == 0 { "#9aa9b9" } else { "#c8d3df" }) stroke-width="0.5" {}
            }
            @for p in places {
                @let x = (p.lon + 180.0) / 360.0 * MAP_W;
                @let y = (90.0 - p.lat) / 180.0 * MAP_H;
                @let r = 2.0 + 14.0 * (p.mentions as f64 / max).sqrt();
                circle cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r=(format!("{r:.1}")) fill="#cc0000" fill-opacity="0.5" stroke="#800000" stroke-width="0.5" {
                    title { (p.name) " (" (p.mentions) ")" }
                }
            }
        }
    }
}
