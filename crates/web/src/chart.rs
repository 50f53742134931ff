//! The analyst chart: articles per day and average tone per day of one or two
//! queries, as one server-rendered SVG with two panels that share a day axis.
//!
//! Accessible without pictures: the SVG has a `<title>` and a `<desc>` that
//! says what it plots and the range, axis labels in text, and the caller puts
//! the numbers in a table beside it. Presentation attributes only (no
//! `style=`), so the strict CSP allows them. It draws days with no articles
//! as zero on the articles line and leaves a gap in the tone line; it does
//! not smooth or bucket (a long range is cut to its latest [`MAX_DAYS`]).

use std::collections::HashMap;

use maud::{html, Markup};
use newsgraph_store::AnalysisDay;

const W: f64 = 720.0;
/// Left margin for the value labels; the plots start there.
const LEFT: f64 = 48.0;
const PANEL_H: f64 = 140.0;
const GAP: f64 = 36.0;
/// The most days drawn (the latest ones).
pub const MAX_DAYS: i64 = 731;
/// Colours of the first and second series (also in the legend).
pub const COLOURS: [&str; 2] = ["#3465a4", "#c45c00"];

/// One query's days, with the label the legend gives it.
pub struct Series<'a> {
    pub label: &'a str,
    pub days: &'a [AnalysisDay],
}

fn day_number(day: &str) -> Option<i64> {
    newsgraph_store::dates::parse_seconds(day).map(|s| s.div_euclid(86_400))
}

/// The two-panel chart of `series` (one or two).
pub fn articles_and_tone(series: &[Series]) -> Markup {
    let numbered: Vec<HashMap<i64, &AnalysisDay>> =
        series.iter().map(|s| s.days.iter().filter_map(|d| Some((day_number(&d.day)?, d))).collect()).collect();
    let last = numbered.iter().flat_map(|m| m.keys().copied()).max();
    let first = numbered.iter().flat_map(|m| m.keys().copied()).min();
    let (Some(first), Some(last)) = (first, last) else {
        return html! { p.note { "No dated articles to chart." } };
    };
    let first = first.max(last - MAX_DAYS + 1);
    let span = (last - first).max(1) as f64;
    let x = |day: i64| LEFT + (day - first) as f64 / span * (W - LEFT - 8.0);
    let max_articles = numbered
        .iter()
        .flat_map(|m| m.iter().filter(|(d, _)| **d >= first).map(|(_, v)| v.articles))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let tones: Vec<f64> = numbered.iter().flat_map(|m| m.values().filter_map(|d| d.tone)).collect();
    let tone_abs = tones.iter().fold(1.0f64, |m, t| m.max(t.abs())).ceil();
    let top2 = PANEL_H + GAP;
    let y_articles = |n: u64| PANEL_H - n as f64 / max_articles * PANEL_H;
    let y_tone = |t: f64| top2 + PANEL_H / 2.0 - t / tone_abs * (PANEL_H / 2.0);
    let height = top2 + PANEL_H + 40.0;
    let first_day = newsgraph_store::dates::day_of(first * 86_400);
    let last_day = newsgraph_store::dates::day_of(last * 86_400);
    let labels: Vec<&str> = series.iter().map(|s| s.label).collect();
    let desc = format!(
        "Two panels over the days {first_day} to {last_day} (UTC). Top: articles per day, from 0 to {max_articles}. \
         Bottom: average tone per day, from -{tone_abs} to {tone_abs}. Series: {}. The numbers are in the table below.",
        labels.join("; ")
    );
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {W} {height}")) width="100%" role="img" aria-labelledby="chart-title chart-desc" {
            title #chart-title { "Articles and average tone per day" }
            desc #chart-desc { (desc) }
            // Axes and their labels.
            line x1=(LEFT) y1="0" x2=(LEFT) y2=(PANEL_H) stroke="#888" {}
            line x1=(LEFT) y1=(PANEL_H) x2=(W - 8.0) y2=(PANEL_H) stroke="#888" {}
            text x=(LEFT - 4.0) y="10" font-size="11" text-anchor="end" { (max_articles) }
            text x=(LEFT - 4.0) y=(PANEL_H) font-size="11" text-anchor="end" { "0" }
            text x=(LEFT + 4.0) y="10" font-size="11" { "Articles per day" }
            line x1=(LEFT) y1=(top2) x2=(LEFT) y2=(top2 + PANEL_H) stroke="#888" {}
            line x1=(LEFT) y1=(y_tone(0.0)) x2=(W - 8.0) y2=(y_tone(0.0)) stroke="#bbb" stroke-dasharray="3 3" {}
            text x=(LEFT - 4.0) y=(top2 + 10.0) font-size="11" text-anchor="end" { "+" (tone_abs) }
            text x=(LEFT - 4.0) y=(y_tone(0.0) + 4.0) font-size="11" text-anchor="end" { "0" }
            text x=(LEFT - 4.0) y=(top2 + PANEL_H) font-size="11" text-anchor="end" { "-" (tone_abs) }
            text x=(LEFT + 4.0) y=(top2 + 10.0) font-size="11" { "Average tone per day" }
            text x=(LEFT) y=(height - 22.0) font-size="11" { (first_day) }
            text x=(W - 8.0) y=(height - 22.0) font-size="11" text-anchor="end" { (last_day) " (UTC)" }
            @for (i, (s, days)) in series.iter().zip(&numbered).enumerate() {
                @let colour = COLOURS[i % COLOURS.len()];
                @let articles: Vec<String> = (first..=last).map(|d| format!("{:.1},{:.1}", x(d), y_articles(days.get(&d).map_or(0, |v| v.articles)))).collect();
                polyline points=(articles.join(" ")) fill="none" stroke=(colour) stroke-width="1.5" {}
                @for segment in tone_segments(first, last, days) {
                    @let points: Vec<String> = segment.iter().map(|(d, t)| format!("{:.1},{:.1}", x(*d), y_tone(*t))).collect();
                    polyline points=(points.join(" ")) fill="none" stroke=(colour) stroke-width="1.5" {}
                }
                @if last - first <= 62 {
                    @for (d, v) in days.iter().filter(|(d, _)| **d >= first) {
                        circle cx=(format!("{:.1}", x(*d))) cy=(format!("{:.1}", y_articles(v.articles))) r="2.5" fill=(colour) {
                            title { (s.label) " · " (v.day) ": " (v.articles) " articles" }
                        }
                        @if let Some(t) = v.tone {
                            circle cx=(format!("{:.1}", x(*d))) cy=(format!("{:.1}", y_tone(t))) r="2.5" fill=(colour) {
                                title { (s.label) " · " (v.day) ": average tone " (format!("{t:.2}")) }
                            }
                        }
                    }
                }
                // The legend, one entry per series.
                rect x=(LEFT + i as f64 * 260.0) y=(height - 12.0) width="12" height="8" fill=(colour) {}
                text x=(LEFT + 16.0 + i as f64 * 260.0) y=(height - 4.0) font-size="11" { (s.label) }
            }
        }
    }
}

/// The runs of consecutive days that have a tone (a day without one breaks the line).
fn tone_segments(first: i64, last: i64, days: &HashMap<i64, &AnalysisDay>) -> Vec<Vec<(i64, f64)>> {
    let mut segments: Vec<Vec<(i64, f64)>> = Vec::new();
    let mut current: Vec<(i64, f64)> = Vec::new();
    for d in first..=last {
        match days.get(&d).and_then(|v| v.tone) {
            Some(t) => current.push((d, t)),
            None if !current.is_empty() => segments.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        segments.push(current);
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(day: &str, articles: u64, tone: Option<f64>) -> AnalysisDay {
        AnalysisDay { day: day.into(), articles, toned: tone.map_or(0, |_| 1), tone_sum: tone.unwrap_or(0.0), tone }
    }

    #[test]
    fn draws_both_series_with_a_legend_and_gaps_in_tone() {
        let a = [day("2024-03-01", 2, Some(-1.0)), day("2024-03-03", 4, Some(2.0))];
        let b = [day("2024-03-02", 1, None)];
        let svg = articles_and_tone(&[Series { label: "first", days: &a }, Series { label: "second", days: &b }])
            .into_string();
        assert!(svg.contains("<title id=\"chart-title\">"), "{svg}");
        assert!(svg.contains("2024-03-01 to 2024-03-03 (UTC)"));
        assert!(svg.contains(COLOURS[0]) && svg.contains(COLOURS[1]));
        assert!(svg.contains(">first<") && svg.contains(">second<"));
        // Series one: an articles line plus two one-day tone segments.
        assert_eq!(tone_segments(19783, 19785, &a.iter().map(|d| (day_number(&d.day).unwrap(), d)).collect()).len(), 2);
        assert!(!svg.contains("style="));
        assert!(articles_and_tone(&[]).into_string().contains("No dated articles"));
    }
}
