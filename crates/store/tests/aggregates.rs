//! The write-time aggregates behind the entity, story and duplicate views:
//! a store written by older code (schema version 1, no aggregates) is upgraded
//! on open to exactly what writing the same articles now produces, and the
//! views stay bounded and paged.

mod common;

use common::{article, Spec};
use newsgraph_model::{EntityType, EventType};
use newsgraph_store::{EmbeddedStore, Store};

fn articles() -> Vec<newsgraph_model::Article> {
    let mut out = Vec::new();
    for (i, day) in ["2022-01-10", "2022-01-11", "2022-01-11", "2022-01-13"].iter().enumerate() {
        let id = format!("kyiv{i}");
        let text = "Protesters gathered in Kyiv on Monday near the council building. Olena Petrenko said \"we will \
                    not leave\" to reporters. The harbour workers and the teachers union joined the march by the river.";
        out.push(article(&Spec {
            id: &id,
            url: &format!("https://site{}.example.com/news/{id}", i % 3),
            title: "Protest in Kyiv",
            text,
            published: day,
            entities: &[
                ("Olena Petrenko", EntityType::Person, Some("Q1001"), Some("UA")),
                ("Kyiv", EntityType::Gpe, Some("Q1899"), Some("UA")),
            ],
            event: Some(EventType::Protest),
            quote: Some(("Olena Petrenko", "we will not leave")),
        }));
    }
    out.push(article(&Spec {
        id: "paris0",
        url: "https://other.example.org/paris0",
        title: "Budget talks in Paris",
        text: "The budget talks in Paris ended on Friday. Marc Dubois said \"the deal is fair\" after the meeting \
               of finance ministers, who argued about pensions, taxes and the deficit for eleven hours.",
        published: "2023-05-05",
        entities: &[
            ("Marc Dubois", EntityType::Person, None, Some("FR")),
            ("Paris", EntityType::Gpe, Some("Q90"), Some("FR")),
        ],
        event: None,
        quote: Some(("Marc Dubois", "the deal is fair")),
    }));
    out
}

/// Everything the read views return, as JSON, for comparing two stores.
fn views(store: &EmbeddedStore, ids: &[String]) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    for name in ["Olena Petrenko", "q1001", "Kyiv", "Marc Dubois", "Q90"] {
        out.insert(format!("entity {name}"), serde_json::to_value(store.entity(name).unwrap()).unwrap());
    }
    for id in ids {
        let story = store.story_of(id).unwrap();
        out.insert(format!("story of {id}"), serde_json::to_value(story).unwrap());
        out.insert(format!("story {id}"), serde_json::to_value(store.story(story.unwrap()).unwrap()).unwrap());
        out.insert(format!("dups {id}"), serde_json::to_value(store.duplicates_of(id).unwrap()).unwrap());
    }
    out.insert("groups".into(), serde_json::to_value(store.duplicate_groups(1, 0, 10).unwrap()).unwrap());
    serde_json::Value::Object(out)
}

#[test]
fn an_old_store_is_upgraded_to_what_writing_now_gives() {
    let dir = tempfile::tempdir().unwrap();
    let batch = articles();
    let ids: Vec<String> = batch.iter().map(|a| a.id.0.clone()).collect();
    let before = {
        let store = EmbeddedStore::open(dir.path()).unwrap();
        store.put_batch(&batch).unwrap();
        store.flush().unwrap();
        views(&store, &ids)
    };
    let timeline = &before["entity Olena Petrenko"];
    assert_eq!(timeline["num_articles"], 4);
    assert_eq!(timeline["by_day"].as_array().unwrap().len(), 3);
    assert_eq!(timeline["quotes"].as_array().unwrap().len(), 4);
    assert_eq!(before["entity q1001"]["name"], "Olena Petrenko");
    assert_eq!(before["entity Marc Dubois"]["roles"][0], "Minister (FR)");
    // The four Kyiv copies are one group and one story; Paris is apart.
    assert_eq!(before["dups kyiv0"]["num_articles"], 4);
    assert_eq!(before["dups kyiv0"]["num_sources"], 3);
    assert_eq!(before["story kyiv0"]["num_articles"], 4);
    assert_eq!(before["story kyiv0"]["num_sources"], 3);
    assert_ne!(before["story of kyiv0"], before["story of paris0"]);
    let timeline = before["story kyiv0"]["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 8);
    assert_eq!(timeline[0]["date"], "2022-01-10");

    // Make it look like a version-1 store: no aggregates, no copied columns.
    {
        let conn = rusqlite::Connection::open(dir.path().join("records.sqlite")).unwrap();
        conn.execute_batch(
            "DELETE FROM entity_stats; DELETE FROM entity_names; DELETE FROM entity_days;
             DELETE FROM entity_roles; DELETE FROM entity_articles; DELETE FROM dup_groups;
             DELETE FROM dup_sources; DELETE FROM story_sources;
             UPDATE quotes SET time = NULL, day = NULL, story = NULL;
             UPDATE events SET day = NULL, story = NULL;
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let store = EmbeddedStore::open_read_only(dir.path()).unwrap();
    assert_eq!(views(&store, &ids), before);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn story_articles_are_paged() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let batch = articles();
    store.put_batch(&batch).unwrap();
    let story = store.story_of("kyiv0").unwrap().unwrap();
    let first = store.story_articles(story, 0, 2).unwrap();
    let rest = store.story_articles(story, 2, 100).unwrap();
    assert_eq!((first.len(), rest.len()), (2, 2));
    assert_eq!(first[0].id, "kyiv0");
    assert!(first.iter().chain(&rest).all(|a| a.dup_group.is_some()));
    assert_eq!(store.story_of("nothing").unwrap(), None);
}
