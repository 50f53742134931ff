//! `search_after_seq`, which webhooks match new articles with: every filter of
//! a saved query applies, and only articles stored after the cursor count.

mod common;

use common::{article, filler, Spec};
use newsgraph_model::{EntityType, EventType};
use newsgraph_store::{EmbeddedStore, SearchQuery, Store};

fn story(id: &str, place: &str, country: &str, day: &str, event: EventType) -> newsgraph_model::Article {
    let text = format!("Crowds gathered in {place} on Monday. {}", filler(id.len() as u64 * 31 + day.len() as u64, 5));
    let mut a = article(&Spec {
        id,
        url: &format!("https://news.example/{id}"),
        title: &format!("Crowds in {place}"),
        text: &text,
        published: day,
        entities: &[(place, EntityType::Gpe, None, Some(country))],
        event: Some(event),
        quote: None,
    });
    a.text = text;
    a
}

fn ids(store: &EmbeddedStore, query: &SearchQuery, after: i64) -> (Vec<String>, i64) {
    let (found, last) = store.search_after_seq(query, after, 100).expect("search_after_seq");
    (found.into_iter().map(|a| a.id).collect(), last)
}

#[test]
fn new_articles_are_matched_with_every_filter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = EmbeddedStore::open(dir.path()).expect("open");
    store.put_batch(&[story("old00000000000001", "Kyiv", "UA", "2024-03-04", EventType::Protest)]).expect("put");
    store.flush().expect("flush");
    let cursor = ids(&store, &SearchQuery::default(), 0).1;
    assert_eq!(cursor, 1);
    store
        .put_batch(&[
            story("kyiv0000000000001", "Kyiv", "UA", "2024-03-05", EventType::Protest),
            story("kyiv0000000000002", "Kyiv", "UA", "2024-02-01", EventType::Protest), // before `from`
            story("lviv0000000000001", "Lviv", "UA", "2024-03-05", EventType::Agree),   // another event type
            story("paris000000000001", "Paris", "FR", "2024-03-05", EventType::Protest), // another country
        ])
        .expect("put");
    store.flush().expect("flush");
    let query = SearchQuery {
        text: "crowds".into(),
        country: Some("UA".into()),
        event_type: Some("PROTEST".into()),
        from: Some("2024-03-01".into()),
        ..SearchQuery::default()
    };
    assert_eq!(ids(&store, &query, cursor), (vec!["kyiv0000000000001".to_string()], 5));
    assert_eq!(ids(&store, &SearchQuery::text("crowds").entity("Paris"), cursor).0, ["paris000000000001"]);
    assert_eq!(ids(&store, &SearchQuery::text("crowds"), 5), (vec![], 5));
}

#[test]
fn a_due_delivery_is_claimed_by_one_worker_only() {
    use newsgraph_store::webhooks::HookTarget;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = EmbeddedStore::open(dir.path()).expect("open");
    store.save_search("kyiv", &SearchQuery::text("Kyiv")).expect("save");
    let hooks = store.webhooks().expect("the embedded store keeps webhooks");
    hooks.add(&HookTarget::SavedSearch { name: "kyiv".into() }, "http://127.0.0.1:9/hook", "s3cret").expect("add");
    store.put_batch(&[story("new00000000000001", "Kyiv", "UA", "2024-03-05", EventType::Protest)]).expect("put");
    store.flush().expect("flush");
    assert_eq!(hooks.queue_new().expect("queue"), 1);
    // A second worker: another process's read-only view of the same store.
    let other = EmbeddedStore::open_read_only(dir.path()).expect("open read-only");
    let first = hooks.due(10).expect("due");
    assert_eq!(first.len(), 1, "the first worker claims the delivery");
    assert!(other.webhooks().expect("webhooks").due(10).expect("due").is_empty(), "the second finds it claimed");
    assert!(hooks.due(10).expect("due").is_empty(), "and so does the first, until the claim runs out");
}
