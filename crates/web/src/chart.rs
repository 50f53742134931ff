//! The analyst chart: articles per day and average tone per day of one or two
//! queries, as one server-rendered SVG with two panels that share a day axis.
//!
//! Accessible without pictures: the SVG has a `<title>` and a `<desc>` that
//! says what it plots and the range, axis labels in text, and the caller puts
//! the numbers in a table beside it. Presentation attributes only (no
//! `style=`), so the strict CSP allows them. A range longer than three months
//! is drawn a week a point, longer than two years 30 days a point (a long range
//! is cut to its latest [`MAX_DAYS`]); a point with no articles is zero on the
//! articles line and a gap in the tone line. It does not smooth.

use std::collections::HashMap;

use maud::{html, Markup};
use newsgraph_store::AnalysisDay;

const W: f64 = 720.0;
/// Left margin for the value labels; the plots start there.
const LEFT: f64 = 48.0;
const PANEL_H: f64 = 140.0;
const GAP: f64 = 36.0;
/// The most days drawn (the latest ones).
pub const MAX_DAYS: i64 = 3653;
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

/// How many days one point of the chart covers: a day over a few months, else a
/// week, else 30 days, so that a sparse or long range still draws lines.
fn bucket_days(span_days: i64) -> i64 {
    match span_days {
        ..=92 => 1,
        93..=730 => 7,
        _ => 30,
    }
}

/// A series' days summed into buckets of `bucket` days, keyed by bucket number;
/// each bucket's `day` is its first day and its tone the mean over its articles.
fn bucketed(days: &[AnalysisDay], bucket: i64) -> HashMap<i64, AnalysisDay> {
    let mut out: HashMap<i64, AnalysisDay> = HashMap::new();
    for d in days {
        let Some(n) = day_number(&d.day) else { continue };
        let key = n.div_euclid(bucket);
        let sum = out.entry(key).or_insert_with(|| AnalysisDay {
            day: newsgraph_store::dates::day_of(key * bucket * 86_400),
            ..AnalysisDay::default()
        });
        sum.articles += d.articles;
        sum.toned += d.toned;
        sum.tone_sum += d.tone_sum;
    }
    for sum in out.values_mut() {
        sum.tone = (sum.toned > 0).then(|| sum.tone_sum / sum.toned as f64);
    }
    out
}

/// The two-panel chart of `series` (one or two).
pub fn articles_and_tone(series: &[Series]) -> Markup {
    let day_numbers = || series.iter().flat_map(|s| s.days.iter().filter_map(|d| day_number(&d.day)));
    let (Some(first_day), Some(last_day)) = (day_numbers().min(), day_numbers().max()) else {
        return html! { p.note { "No dated articles to chart." } };
    };
    let first_day = first_day.max(last_day - MAX_DAYS + 1);
    let bucket = bucket_days(last_day - first_day);
    let unit = match bucket {
        1 => "day",
        7 => "week",
        _ => "30 days",
    };
    let numbered: Vec<HashMap<i64, AnalysisDay>> = series.iter().map(|s| bucketed(s.days, bucket)).collect();
    let (first, last) = (first_day.div_euclid(bucket), last_day.div_euclid(bucket));
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
    let first_day = newsgraph_store::dates::day_of(first_day * 86_400);
    let last_day = newsgraph_store::dates::day_of(last_day * 86_400);
    let labels: Vec<&str> = series.iter().map(|s| s.label).collect();
    let desc = format!(
        "Two panels over the days {first_day} to {last_day} (UTC), one point per {unit}. Top: articles per {unit}, \
         from 0 to {max_articles}. Bottom: average tone per {unit}, from -{tone_abs} to {tone_abs}. Series: {}. The numbers are in the table below.",
        labels.join("; ")
    );
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {W} {height}")) width="100%" role="img" aria-labelledby="chart-title chart-desc" {
            title #chart-title { "Articles and average tone per " (unit) }
            desc #chart-desc { (desc) }
            // Axes and their labels.
            line x1=(LEFT) y1="0" x2=(LEFT) y2=(PANEL_H) stroke="#888" {}
            line x1=(LEFT) y1=(PANEL_H) x2=(W - 8.0) y2=(PANEL_H) stroke="#888" {}
            text x=(LEFT - 4.0) y="10" font-size="11" text-anchor="end" { (max_articles) }
            text x=(LEFT - 4.0) y=(PANEL_H) font-size="11" text-anchor="end" { "0" }
            text x=(LEFT + 4.0) y="10" font-size="11" { "Articles per " (unit) }
            line x1=(LEFT) y1=(top2) x2=(LEFT) y2=(top2 + PANEL_H) stroke="#888" {}
            line x1=(LEFT) y1=(y_tone(0.0)) x2=(W - 8.0) y2=(y_tone(0.0)) stroke="#bbb" stroke-dasharray="3 3" {}
            text x=(LEFT - 4.0) y=(top2 + 10.0) font-size="11" text-anchor="end" { "+" (tone_abs) }
            text x=(LEFT - 4.0) y=(y_tone(0.0) + 4.0) font-size="11" text-anchor="end" { "0" }
            text x=(LEFT - 4.0) y=(top2 + PANEL_H) font-size="11" text-anchor="end" { "-" (tone_abs) }
            text x=(LEFT + 4.0) y=(top2 + 10.0) font-size="11" { "Average tone per " (unit) }
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

/// The runs of consecutive points that have a tone (one without breaks the line).
fn tone_segments(first: i64, last: i64, days: &HashMap<i64, AnalysisDay>) -> Vec<Vec<(i64, f64)>> {
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
        assert_eq!(tone_segments(19783, 19785, &bucketed(&a, 1)).len(), 2);
        assert!(!svg.contains("style="));
        assert!(articles_and_tone(&[]).into_string().contains("No dated articles"));
    }

    #[test]
    fn a_long_range_is_drawn_a_week_or_a_month_a_point() {
        let days = [day("2024-01-01", 2, Some(-1.0)), day("2024-01-02", 1, Some(2.0)), day("2024-06-30", 1, None)];
        let weeks = bucketed(&days, 7);
        let first = &weeks[&day_number("2024-01-01").unwrap().div_euclid(7)];
        assert_eq!((first.articles, first.toned), (3, 2));
        assert!((first.tone.unwrap() - 0.5).abs() < 1e-9, "the mean over the week's toned articles");
        assert_eq!(weeks.values().map(|w| w.articles).sum::<u64>(), 4);
        let svg = articles_and_tone(&[Series { label: "q", days: &days }]).into_string();
        assert!(svg.contains("Articles per week") && svg.contains("2024-01-01 to 2024-06-30"), "{svg}");
        assert_eq!(bucket_days(92), 1);
        assert_eq!(bucket_days(800), 30);
    }
}
