//! Story events: one event per happening across a story's articles, counted
//! once per article and source however often the same articles arrive, and
//! the GDELT 2.0 Event and Mentions exports of them.

mod common;

use common::{article, Spec};
use newsgraph_model::{Article, EntityType, EventType};
use newsgraph_store::export::{export, ExportFormat, EVENT_COLUMNS, MENTION_COLUMNS};
use newsgraph_store::{EmbeddedStore, Store, StoryEvent};

/// A report of the same protest in Kyiv, on `site`, published `day`.
fn report(id: &str, site: &str, day: &str, words: &str) -> Article {
    let text = format!(
        "Protesters led by Volodymyr Zelensky marched in Kyiv on {day}. {words} \
         Police watched the crowd near the parliament while NATO officials looked on."
    );
    article(&Spec {
        id,
        url: &format!("https://{site}/news/{id}"),
        title: "Protest march in Kyiv",
        text: &text,
        published: &format!("{day}T10:00"),
        entities: &[
            ("Volodymyr Zelensky", EntityType::Person, Some("Q3874799"), Some("UA")),
            ("NATO", EntityType::Org, Some("Q7184"), None),
            ("Kyiv", EntityType::Gpe, Some("Q1899"), Some("UA")),
        ],
        event: Some(EventType::Protest),
        quote: None,
    })
}

fn events(store: &EmbeddedStore) -> Vec<StoryEvent> {
    let mut all = Vec::new();
    store
        .for_each_story_event(&mut |e| {
            all.push(e);
            Ok(())
        })
        .unwrap();
    all
}

fn counts(store: &EmbeddedStore) -> Vec<(i64, usize, usize, usize)> {
    events(store).iter().map(|e| (e.id, e.num_mentions, e.num_sources, e.num_articles)).collect()
}

#[test]
fn one_happening_across_articles_is_one_event_and_reingesting_changes_no_count() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let first = vec![
        report("a1", "www.example.com", "2022-01-10", "Thousands joined."),
        report("a2", "news.example.org", "2022-01-11", "Thousands joined the march."),
        report(
            "a3",
            "www.example.com",
            "2022-01-11",
            "Later the protesters marched again past the parliament in Kyiv, and police said the crowd of \
             protesters near the parliament stayed calm while the march went on past the offices where NATO \
             officials met, as Zelensky spoke to the crowd in Kyiv until the evening.",
        ),
    ];
    let put = store.put_batch(&first).unwrap();
    assert!(put.iter().all(|r| r.story == put[0].story), "one story: {put:?}");
    let all = events(&store);
    assert_eq!(all.len(), 1, "three reports of one protest: {all:?}");
    let e = &all[0];
    assert_eq!((e.num_mentions, e.num_sources, e.num_articles), (3, 2, 3));
    assert_eq!(e.info.kind, "PROTEST");
    assert_eq!(e.mentions.len(), 3);
    assert_eq!(e.mentions[0].article_id, "a1");
    assert_eq!(e.avg_tone, Some(-2.5));
    let before = counts(&store);

    // The same articles again (same ids), and a near-copy fetched from the same site under another address.
    store.put_batch(&first).unwrap();
    let mut again = first[0].clone();
    again.id.0 = "a1-again".into();
    again.source.url = Some("https://www.example.com/news/a1?utm_source=feed".into());
    let copy = store.put_batch(&[again]).unwrap();
    assert!(copy[0].new);
    assert_eq!(counts(&store), before, "re-ingesting the same articles changed a count");

    // The same copy on another site is another source and article, as GDELT counts wire copies.
    let mut wire = first[0].clone();
    wire.id.0 = "a1-wire".into();
    wire.source.url = Some("https://wire.example.net/a1".into());
    store.put_batch(&[wire]).unwrap();
    let e = &events(&store)[0];
    assert_eq!((e.num_mentions, e.num_sources, e.num_articles), (4, 3, 4));

    // Three days after the last report, the same kind of protest in the same
    // story is another happening (outside the two-day window).
    let later = report("a9", "www.example.com", "2022-01-14", "Thousands joined.");
    let put = store.put_batch(&[later]).unwrap();
    let all = events(&store);
    assert_eq!(put[0].story, Some(all[0].story));
    assert_eq!(all.len(), 2, "a protest three days later merged: {all:?}");
    assert_eq!((all[1].num_articles, all[1].day.as_str()), (1, "2022-01-14"));

    // The story page lists them.
    let story = store.story(all[0].story).unwrap().unwrap();
    assert_eq!(story.events[0].id, all[0].id);
    assert_eq!(story.events[0].num_articles, 4);
}

#[test]
fn events_and_mentions_export_as_gdelt_tables() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let batch = vec![
        report("b1", "www.example.com", "2022-01-10", "Thousands joined."),
        report("b2", "news.example.org", "2022-01-10", "Thousands joined the march."),
    ];
    store.put_batch(&batch).unwrap();
    let mut out = Vec::new();
    assert_eq!(export(&store, ExportFormat::Events, &mut out).unwrap(), 1);
    let text = String::from_utf8(out).unwrap();
    let row: Vec<&str> = text.trim_end_matches('\n').split('\t').collect();
    assert_eq!(row.len(), EVENT_COLUMNS.len());
    let col = |name: &str| row[EVENT_COLUMNS.iter().position(|c| *c == name).unwrap()];
    assert_eq!(col("Day"), "20220110");
    assert_eq!(col("Actor1Code"), "UKR");
    assert_eq!(col("Actor1Name"), "VOLODYMYR ZELENSKY");
    assert_eq!(col("Actor1Geo_CountryCode"), "UP", "FIPS, not ISO");
    assert_eq!((col("EventCode"), col("EventBaseCode"), col("EventRootCode")), ("140", "140", "14"));
    assert_eq!((col("NumMentions"), col("NumSources"), col("NumArticles")), ("2", "2", "2"));
    assert_eq!(col("SOURCEURL"), "https://www.example.com/news/b1");
    assert_eq!(col("DATEADDED"), "20220110100000");

    let mut out = Vec::new();
    assert_eq!(export(&store, ExportFormat::Mentions, &mut out).unwrap(), 2);
    for line in String::from_utf8(out).unwrap().lines() {
        let m: Vec<&str> = line.split('\t').collect();
        assert_eq!(m.len(), MENTION_COLUMNS.len());
        assert_eq!(m[0], col("GlobalEventID"));
        let offset: usize = m[9].parse().unwrap();
        let len: usize = m[12].parse().unwrap();
        assert!(offset < len);
    }
}

#[test]
fn a_store_from_before_story_events_gets_them_on_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = EmbeddedStore::open(dir.path()).unwrap();
        store.put_batch(&[report("c1", "www.example.com", "2022-01-10", "Thousands joined.")]).unwrap();
        store.flush().unwrap();
    }
    let expected = {
        let store = EmbeddedStore::open(dir.path()).unwrap();
        counts(&store)
    };
    assert_eq!(expected.len(), 1);
    {
        // What a version-4 store looks like: no story events yet.
        let conn = rusqlite::Connection::open(dir.path().join("records.sqlite")).unwrap();
        conn.execute_batch(
            "DELETE FROM story_event_mentions; DELETE FROM story_events; DELETE FROM sqlite_sequence
             WHERE name = 'story_events'; PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    let store = EmbeddedStore::open(dir.path()).unwrap();
    assert_eq!(counts(&store), expected);
}
