//! The analyst view of a query and the story timeline's statuses, counts,
//! speakers and sources, on a handful of synthetic articles.

mod common;

use common::{article, filler, Spec};
use newsgraph_model::*;
use newsgraph_store::{EmbeddedStore, SearchQuery, Store};

const PEOPLE: &[(&str, EntityType, Option<&str>, Option<&str>)] = &[
    ("Olena Kovalenko", EntityType::Person, None, Some("UA")),
    ("Kyiv", EntityType::Gpe, None, Some("UA")),
    ("Red Cross", EntityType::Org, None, None),
];

/// Article `n` of `day`, with tone `tone` and the theme `theme`.
fn item(n: usize, day: &str, tone: Option<f64>, theme: &str, site: &str) -> Article {
    let text = format!("Kyiv protest {n}. Kovalenko said \"we stay\". Red Cross helps. {}", filler(n as u64, 6));
    let id = format!("an{n:014}");
    let url = format!("https://{site}/a/{n}");
    let mut a = article(&Spec {
        id: &id,
        url: &url,
        title: "Kyiv protest",
        text: &text,
        published: day,
        entities: PEOPLE,
        event: Some(EventType::Protest),
        quote: Some(("Olena Kovalenko", "we stay")),
    });
    a.tone = tone.map(|tone| Tone { tone, ..Tone::default() });
    a.themes = vec![Theme { code: theme.into(), span: CharSpan::new(0, 4) }];
    a
}

#[test]
fn per_day_counts_tone_and_top_lists() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    // Tones that add exactly in binary, so the averages are exact.
    let articles = vec![
        item(1, "2024-03-04T10:00:00Z", Some(-2.5), "PROTEST", "news.example"),
        item(2, "2024-03-04T23:59:00Z", Some(1.25), "PROTEST", "wire.example"),
        item(3, "2024-03-04", None, "ECON_INFLATION", "news.example"),
        item(4, "2024-03-06", Some(-4.0), "PROTEST", "news.example"),
    ];
    store.put_batch(&articles).unwrap();
    store.flush().unwrap();

    let all = store.analyze(&SearchQuery::text("kyiv")).unwrap();
    assert_eq!(all.total, 4);
    assert_eq!(all.undated, 0);
    let days: Vec<(&str, u64, u64, f64, Option<f64>)> =
        all.days.iter().map(|d| (d.day.as_str(), d.articles, d.toned, d.tone_sum, d.tone)).collect();
    assert_eq!(days, [("2024-03-04", 3, 2, -1.25, Some(-0.625)), ("2024-03-06", 1, 1, -4.0, Some(-4.0))]);
    let top = |list: &[newsgraph_store::FacetCount]| -> Vec<(String, u64)> {
        list.iter().map(|c| (c.value.clone(), c.count)).collect()
    };
    assert_eq!(top(&all.people), [("Olena Kovalenko".to_string(), 4)]);
    assert_eq!(top(&all.organisations), [("Red Cross".to_string(), 4)]);
    assert_eq!(top(&all.themes), [("PROTEST".to_string(), 3), ("ECON_INFLATION".to_string(), 1)]);
    assert_eq!(top(&all.event_types), [("PROTEST".to_string(), 4)]);
    assert_eq!(top(&all.speakers), [("Olena Kovalenko".to_string(), 4)]);
    assert_eq!(top(&all.sources), [("news.example".to_string(), 3), ("wire.example".to_string(), 1)]);
    assert_eq!(all.places.len(), 1);
    let kyiv = &all.places[0];
    assert_eq!(
        (kyiv.name.as_str(), kyiv.country.as_deref(), kyiv.lat, kyiv.lon, kyiv.count),
        ("Kyiv", Some("UA"), 50.45, 30.52, 4)
    );

    // Narrowed by a theme, a site and a date range: only the matching days remain.
    let theme =
        store.analyze(&SearchQuery { theme: Some("econ_inflation".into()), ..SearchQuery::text("kyiv") }).unwrap();
    assert_eq!(theme.total, 1);
    assert_eq!(theme.days.len(), 1);
    assert_eq!((theme.days[0].articles, theme.days[0].tone), (1, None));
    let narrowed =
        store.analyze(&SearchQuery::text("kyiv").site("news.example").between(Some("2024-03-05"), None)).unwrap();
    assert_eq!(narrowed.total, 1);
    assert_eq!(narrowed.days[0].day, "2024-03-06");
    // The search agrees on the matching set.
    assert_eq!(
        store.search(&SearchQuery { theme: Some("PROTEST".into()), ..SearchQuery::default() }).unwrap().total,
        3
    );
}

#[test]
fn story_timeline_keeps_event_status_counts_speakers_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let mut first = item(10, "2024-03-04", Some(1.0), "PROTEST", "news.example");
    let mut feared = first.events[0].clone();
    feared.kind = EventType::Assault;
    feared.status = EventStatus::Hypothetical;
    feared.date = Some("2024-03-01".into());
    first.events.push(feared);
    // A copy on another site a day later, with a higher count: same story.
    let mut second = first.clone();
    second.id = ArticleId("an00000000000011".into());
    second.source.url = Some("https://wire.example/a/11".into());
    second.published = Some(Published { value: "2024-03-05".into(), from: DateSource::Meta });
    second.counts[0].value = 20.0;
    second.events.truncate(1);
    let put = store.put_batch(&[first, second]).unwrap();
    store.flush().unwrap();
    assert_eq!(put[0].story, put[1].story);
    let story = store.story(put[0].story.unwrap()).unwrap().unwrap();

    let events: Vec<(&str, Option<&str>)> =
        story.timeline.iter().filter(|e| e.kind == "event").map(|e| (e.label.as_str(), e.status.as_deref())).collect();
    assert!(events.contains(&("ASSAULT", Some("hypothetical"))), "{events:?}");
    assert_eq!(events.iter().filter(|e| e.1 == Some("actual")).count(), 2, "{events:?}");
    assert!(story.timeline.iter().filter(|e| e.kind == "quote").all(|e| e.status.is_none()));

    let counts: Vec<(Option<&str>, f64, &str)> =
        story.counts.iter().map(|c| (c.date.as_deref(), c.value, c.kind.as_str())).collect();
    assert_eq!(counts, [(Some("2024-03-04"), 12.0, "KILL"), (Some("2024-03-05"), 20.0, "KILL")]);
    assert_eq!(story.counts[0].what, "people");

    assert_eq!(story.quotes_by_speaker.len(), 1);
    assert_eq!(story.quotes_by_speaker[0].speaker, "Olena Kovalenko");
    assert_eq!(story.quotes_by_speaker[0].quotes.len(), 2);

    let joined: Vec<(&str, &str, &str)> =
        story.joined.iter().map(|j| (j.site.as_str(), j.first.as_str(), j.first_article.as_str())).collect();
    assert_eq!(
        joined,
        [
            ("news.example", "2024-03-04T00:00:00Z", "an00000000000010"),
            ("wire.example", "2024-03-05T00:00:00Z", "an00000000000011")
        ]
    );
}

#[test]
fn a_version_2_store_gets_the_story_site_index_and_webhook_tables_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let story = {
        let store = EmbeddedStore::open(dir.path()).unwrap();
        let put = store.put_batch(&[item(20, "2024-03-04", Some(1.0), "PROTEST", "news.example")]).unwrap();
        put[0].story.unwrap()
    };
    let db = dir.path().join("records.sqlite");
    let index_count = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles_story_site'", [], |r| r.get(0))
            .unwrap()
    };
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP INDEX articles_story_site; DROP TABLE webhook_deliveries; DROP TABLE webhook_stories; \
             DROP TABLE webhooks; PRAGMA user_version = 2;",
        )
        .unwrap();
        assert_eq!(index_count(&conn), 0);
    }
    let store = EmbeddedStore::open_read_only(dir.path()).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(index_count(&conn), 1);
    assert_eq!(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), 5);
    let tables: i64 = conn
        .query_row("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'webhook%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 3, "the webhook tables are created on open");
    assert_eq!(store.story(story).unwrap().unwrap().joined.len(), 1);
}
