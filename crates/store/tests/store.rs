//! The store end to end: idempotent puts, search filters and facets, readers
//! beside a writer, entity timelines, duplicates and stories.

mod common;

use common::{article, filler, Spec};
use newsgraph_model::{EntityType, EventType};
use newsgraph_store::{EmbeddedStore, SearchQuery, Store};

fn kyiv_article(id: &str, day: &str) -> newsgraph_model::Article {
    let text = format!(
        "Protesters gathered in Kyiv on Monday. Olena Petrenko said \"we will not leave\" to reporters. {}",
        filler(id.len() as u64 * 7 + day.len() as u64, 6)
    );
    let mut a = article(&Spec {
        id,
        url: &format!("https://www.kyivpost.example.com/news/{id}"),
        title: "Protest in Kyiv",
        text: &text,
        published: day,
        entities: &[
            ("Olena Petrenko", EntityType::Person, Some("Q1001"), Some("UA")),
            ("Kyiv", EntityType::Gpe, Some("Q1899"), Some("UA")),
        ],
        event: Some(EventType::Protest),
        quote: Some(("Olena Petrenko", "we will not leave")),
    });
    a.text = text;
    a
}

fn paris_article(id: &str, day: &str) -> newsgraph_model::Article {
    let text = format!(
        "The budget talks in Paris ended on Friday. Marc Dubois said \"the deal is fair\" after the meeting. {}",
        filler(id.len() as u64 * 13 + 5, 6)
    );
    article(&Spec {
        id,
        url: &format!("https://lemonde.example.fr/{id}"),
        title: "Budget deal in Paris",
        text: &text,
        published: day,
        entities: &[
            ("Marc Dubois", EntityType::Person, Some("Q2002"), Some("FR")),
            ("Paris", EntityType::Gpe, Some("Q90"), Some("FR")),
        ],
        event: Some(EventType::Agree),
        quote: Some(("Marc Dubois", "the deal is fair")),
    })
}

#[test]
fn put_is_idempotent_and_records_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let a = kyiv_article("a1", "2022-01-10T09:00");
    let first = store.put_batch(std::slice::from_ref(&a)).unwrap();
    assert!(first[0].new);
    let again = store.put_batch(&[a.clone(), a.clone()]).unwrap();
    assert!(again.iter().all(|r| !r.new));
    assert_eq!(store.count().unwrap(), 1);
    assert_eq!(store.get("a1").unwrap().as_ref(), Some(&a));
    assert_eq!(store.get("missing").unwrap(), None);
    assert!(store.has_origin(&newsgraph_store::origin_of(&a)).unwrap());
    store.flush().unwrap();
    assert_eq!(store.indexed_ids().unwrap(), vec!["a1".to_string()]);
}

#[test]
fn search_filters_rank_page_and_count_facets() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let mut batch = Vec::new();
    for i in 0..6 {
        batch.push(kyiv_article(&format!("k{i}"), &format!("2022-01-1{i}")));
        batch.push(paris_article(&format!("p{i}"), &format!("2022-02-1{i}")));
    }
    store.put_batch(&batch).unwrap();
    store.flush().unwrap();

    let all = store.search(&SearchQuery::default()).unwrap();
    assert_eq!(all.total, 12);
    // Without words the newest come first.
    assert_eq!(all.hits[0].id, "p5");

    let protest = store.search(&SearchQuery::text("protesters")).unwrap();
    assert_eq!(protest.total, 6);
    assert!(protest.hits.iter().all(|h| h.id.starts_with('k')));
    assert!(protest.hits[0].snippet.to_lowercase().contains("protesters"));

    let count = |q: SearchQuery| store.search(&q).unwrap().total;
    assert_eq!(count(SearchQuery::default().country("fr")), 6);
    assert_eq!(count(SearchQuery::default().entity("olena petrenko")), 6);
    assert_eq!(count(SearchQuery::default().entity("Q2002")), 6);
    assert_eq!(count(SearchQuery::default().site("kyivpost.example.com")), 6);
    assert_eq!(count(SearchQuery { event_type: Some("agree".into()), ..SearchQuery::default() }), 6);
    assert_eq!(count(SearchQuery { speaker: Some("Marc Dubois".into()), ..SearchQuery::default() }), 6);
    assert_eq!(count(SearchQuery { language: Some("EN".into()), ..SearchQuery::default() }), 12);
    assert_eq!(count(SearchQuery { language: Some("de".into()), ..SearchQuery::default() }), 0);
    assert_eq!(count(SearchQuery::default().between(Some("2022-01-11"), Some("2022-01-13"))), 3);
    assert_eq!(count(SearchQuery::text("talks").country("UA")), 0);
    assert_eq!(count(SearchQuery::text("talks").country("FR")), 6);
    assert_eq!(count(SearchQuery::text("\"budget talks\" paris")), 6);
    // Hostile query syntax still searches.
    assert_eq!(count(SearchQuery::text("paris AND (( \" :")), count(SearchQuery::text("paris")));

    let page = store.search(&SearchQuery::default().page(10, 5)).unwrap();
    assert_eq!(page.hits.len(), 2);

    let faceted = store.search(&SearchQuery::default().with_facets()).unwrap();
    let facets = faceted.facets.unwrap();
    let value = |list: &[newsgraph_store::FacetCount], v: &str| list.iter().find(|c| c.value == v).map(|c| c.count);
    assert_eq!(value(&facets.countries, "UA"), Some(6));
    assert_eq!(value(&facets.entities, "Marc Dubois"), Some(6));
    assert_eq!(value(&facets.event_types, "PROTEST"), Some(6));
    assert_eq!(value(&facets.sites, "lemonde.example.fr"), Some(6));
    assert_eq!(value(&facets.speakers, "Olena Petrenko"), Some(6));
}

#[test]
fn readers_see_commits_while_the_writer_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let writer = EmbeddedStore::open(dir.path()).unwrap();
    writer.put_batch(&[kyiv_article("r1", "2022-01-10")]).unwrap();
    writer.flush().unwrap();
    let reader = EmbeddedStore::open_read_only(dir.path()).unwrap();
    assert_eq!(reader.search(&SearchQuery::default()).unwrap().total, 1);
    writer.put_batch(&[paris_article("r2", "2022-01-11")]).unwrap();
    // SQLite shows it at once; the index after the writer's next commit.
    assert!(reader.get("r2").unwrap().is_some());
    writer.flush().unwrap();
    reader.flush().unwrap();
    assert_eq!(reader.search(&SearchQuery::default()).unwrap().total, 2);
    assert!(reader.put_batch(&[paris_article("r3", "2022-01-11")]).is_err());
}

#[test]
fn a_reader_beside_a_busy_writer_reports_the_index_lag() {
    // (The crash test covers the catch-up after a real crash, in another process.)
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    store.put_batch(&[kyiv_article("x1", "2022-01-10")]).unwrap();
    store.flush().unwrap();
    // Committed to SQLite; the index commits later (every few seconds, or at flush).
    store.put_batch(&[paris_article("x2", "2022-01-11")]).unwrap();
    let reader = EmbeddedStore::open_read_only(dir.path()).unwrap();
    assert!(reader.get("x2").unwrap().is_some());
    assert_eq!(reader.index_lag().unwrap(), 1);
    assert_eq!(reader.indexed_ids().unwrap(), vec!["x1"]);
    store.flush().unwrap();
    assert_eq!(reader.index_lag().unwrap(), 0);
}

#[test]
fn entity_timelines_list_days_roles_and_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    store
        .put_batch(&[
            kyiv_article("e1", "2022-01-10"),
            kyiv_article("e22", "2022-01-12"),
            kyiv_article("e333", "2022-01-12"),
        ])
        .unwrap();
    let timeline = store.entity("olena PETRENKO").unwrap().unwrap();
    assert_eq!(timeline.name, "Olena Petrenko");
    assert_eq!(timeline.num_articles, 3);
    let days: Vec<(&str, u64)> = timeline.by_day.iter().map(|d| (d.day.as_str(), d.articles)).collect();
    assert_eq!(days, vec![("2022-01-10", 1), ("2022-01-12", 2)]);
    assert_eq!(timeline.roles, vec!["Minister (UA)".to_string()]);
    assert_eq!(timeline.quotes.len(), 3);
    assert_eq!(timeline.quotes[0].text, "we will not leave");
    assert_eq!(store.entity("Q1001").unwrap().unwrap().num_articles, 3);
    assert!(store.entity("Nobody Here").unwrap().is_none());
}

#[test]
fn saved_searches_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let query = SearchQuery::text("ceasefire").country("UA").with_facets();
    store.save_search("ukraine", &query).unwrap();
    assert_eq!(store.saved_searches().unwrap(), vec![("ukraine".to_string(), query)]);
}
