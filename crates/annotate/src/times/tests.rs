//! Behaviour of the times stage on the seed article and on hostile input.

use newsgraph_model::words::WordRules;
use newsgraph_model::{Article, DateSource, Published, Stage, TimeAnchor, TimexType};

use super::{find_times, Times};

pub(crate) fn en() -> &'static WordRules {
    WordRules::for_language(Some("en"))
}

/// The seed page's body as the clean stage gives it (paragraphs, no chrome), published 2021-12-30T16:06.
pub(crate) fn seed_article() -> Article {
    let page = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seed-article.txt"));
    let start = page.find("Talks were underway").unwrap_or(0);
    let end = page.find("nuclear weapons.").map_or(page.len(), |e| e + "nuclear weapons.".len());
    let chrome = ["By Stefan J. Bos", "Listen to Stefan Bos' report", "Halting expansion?", "NATO reacts"];
    let body: Vec<&str> =
        page[start..end].lines().map(str::trim).filter(|l| !l.is_empty() && !chrome.contains(l)).collect();
    let mut article = Article::from_text("seed", body.join("\n\n"));
    article.published = Some(Published { value: "2021-12-30T16:06".into(), from: DateSource::Dateline });
    article
}

fn value_of<'a>(article: &'a Article, text: &str) -> Option<&'a str> {
    article.times.iter().find(|t| t.text == text).and_then(|t| t.value.as_deref())
}

#[test]
fn seed_times_resolve_against_the_dateline() {
    let mut article = seed_article();
    Times::new().annotate(&mut article);
    let found: Vec<(&str, Option<&str>)> =
        article.times.iter().map(|t| (t.text.as_str(), t.value.as_deref())).collect();
    assert_eq!(value_of(&article, "Thursday"), Some("2021-12-30"), "{found:?}");
    assert_eq!(value_of(&article, "next month"), Some("2022-01"), "{found:?}");
    assert_eq!(value_of(&article, "Earlier this month"), Some("2021-12"), "{found:?}");
    assert_eq!(value_of(&article, "2014"), Some("2014"), "{found:?}");
    assert_eq!(value_of(&article, "January 10"), Some("2022-01-10"), "{found:?}");
    let thirty = article.times.iter().find(|t| t.text == "30 years").expect("30 years");
    assert_eq!((thirty.kind, thirty.value.as_deref()), (TimexType::Duration, Some("P30Y")));
    // Offsets are code points into the text.
    for t in &article.times {
        let slice: String = article.text.chars().skip(t.span.start()).take(t.span.len()).collect();
        assert_eq!(slice, t.text);
    }
    let thursday = article.times.iter().find(|t| t.text == "Thursday").expect("Thursday");
    assert_eq!(thursday.anchor, Some(TimeAnchor::Published));
    // The counts and names of the seed are not times.
    assert!(value_of(&article, "10,000").is_none() && value_of(&article, "100,000").is_none(), "{found:?}");
}

fn values(text: &str, published: Option<&str>) -> Vec<(String, TimexType, Option<String>)> {
    find_times(text, published, &[], en()).into_iter().map(|t| (t.text, t.kind, t.value)).collect()
}

fn one(text: &str, published: &str) -> (String, Option<String>) {
    let found = values(text, Some(published));
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    (found[0].0.clone(), found[0].2.clone())
}

#[test]
fn absolute_dates_in_common_forms() {
    let p = "2021-12-30";
    assert_eq!(one("It happened on 10 January 2022.", p), ("10 January 2022".into(), Some("2022-01-10".into())));
    assert_eq!(one("It began on Jan. 10, 2022, in Geneva.", p), ("Jan. 10, 2022".into(), Some("2022-01-10".into())));
    assert_eq!(one("Filed 12/30/2021 at the court.", p), ("12/30/2021".into(), Some("2021-12-30".into())));
    assert_eq!(one("Filed 2021-12-30 at the court.", p), ("2021-12-30".into(), Some("2021-12-30".into())));
    assert_eq!(one("Growth slowed in the 1990s.", p), ("the 1990s".into(), Some("199X".into())));
    assert_eq!(one("Sales fell in the third quarter.", p), ("the third quarter".into(), Some("2021-Q3".into())));
}

#[test]
fn relative_dates_follow_tense() {
    let thursday = "2021-12-30";
    assert_eq!(one("They met on Monday.", thursday).1.as_deref(), Some("2021-12-27"));
    assert_eq!(one("They will meet on Monday.", thursday).1.as_deref(), Some("2022-01-03"));
    assert_eq!(one("He said it yesterday.", thursday).1.as_deref(), Some("2021-12-29"));
    assert_eq!(one("Prices rose last week.", thursday).1.as_deref(), Some("2021-W51"));
    assert_eq!(one("It was built two days ago.", thursday), ("two days ago".into(), Some("2021-12-28".into())));
    assert_eq!(one("Talks resume at 4 p.m. today.", thursday).1.as_deref(), Some("2021-12-30T16:00"));
    assert_eq!(one("The vote closed in the summer of 2004.", thursday).1.as_deref(), Some("2004-SU"));
}

#[test]
fn durations_sets_and_references() {
    let p = "2021-12-30";
    assert_eq!(values("a six-month truce", Some(p))[0].2.as_deref(), Some("P6M"));
    let found = values("Over the past three years, prices doubled.", Some(p));
    assert_eq!((found[0].0.as_str(), found[0].2.as_deref()), ("the past three years", Some("P3Y")));
    assert_eq!(values("They meet every Monday.", Some(p))[0].2.as_deref(), Some("XXXX-WXX-1"));
    assert_eq!(values("It is published weekly.", Some(p))[0].1, TimexType::Set);
    assert_eq!(values("Things are different now.", Some(p))[0].2.as_deref(), Some("PRESENT_REF"));
    assert_eq!(values("It lasted a decade.", Some(p))[0].2.as_deref(), Some("P10Y"));
}

#[test]
fn no_anchor_leaves_values_underspecified() {
    let found = values("They will meet on January 10.", None);
    assert_eq!(found[0].2.as_deref(), Some("XXXX-01-10"));
}

#[test]
fn hostile_input_is_survived_in_linear_time() {
    let p = Some("2021-12-30");
    // No invalid calendar value for a day that does not exist.
    for t in find_times("It was due on 31 February 2022 or the 45th of Smarch.", p, &[], en()) {
        assert!(t.value.as_deref().is_none_or(|v| !v.contains("-02-31")), "{t:?}");
    }
    let long = "9".repeat(400);
    assert!(find_times(&format!("{long} years ago"), p, &[], en()).iter().all(
        |t| t.value.is_none() || t.kind == TimexType::Duration && t.value.as_deref().is_some_and(|v| v.len() < 20)
    ));
    let quotes = "\"".repeat(10_000);
    let started = std::time::Instant::now();
    assert!(find_times(&quotes, p, &[], en()).is_empty());
    let big = "Talks were held on Thursday, 10 January 2022, and again two days later. ".repeat(2_000);
    // "Thursday, 10 January 2022" is one expression, as in TimeML.
    assert_eq!(find_times(&big, p, &[], en()).len(), 4_000);
    assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
}

#[test]
fn prefix_tables_start_on_the_listed_words() {
    for p in super::POSITION_PREFIXES {
        assert!(super::is_position_start(p[0]), "{p:?}");
    }
    for p in super::AMOUNT_PREFIXES {
        assert!(super::is_amount_start(p[0]), "{p:?}");
    }
}

#[test]
fn the_start_filter_passes_every_token_a_matcher_starts_on() {
    // The seed article, and this file: every sentence the tests above give the matchers.
    let corpus = format!("{}\n\n{}", seed_article().text, include_str!("tests.rs"));
    let tokens = super::Tokens::new(&corpus, en());
    let tenses = super::tenses(&tokens, &[]);
    let anchor = super::Day::parse("2021-12-30");
    let parser = super::Parser { t: &tokens, anchor, tenses, last_quarter: std::cell::Cell::new(None) };
    let mut matched = 0;
    for i in 0..tokens.len() {
        if let Some(hit) = parser.longest_match(i) {
            matched += 1;
            assert!(parser.may_start_at(i), "a matcher starts on {:?} ({:?})", tokens.low(i), hit.value);
        }
    }
    assert!(matched > 100, "{matched} matches");
}
