//! Pages that are not news: stored and searchable by page type, but in no story, not
//! among the newest news, and not in the entity pages' counts.

mod common;

use common::{article, filler, Spec};
use newsgraph_model::*;
use newsgraph_store::{EmbeddedStore, SearchQuery, Store};

const NAMES: &[(&str, EntityType, Option<&str>, Option<&str>)] = &[("Kyiv", EntityType::Gpe, None, Some("UA"))];

fn item(n: usize, kind: Option<PageKind>) -> Article {
    let text = format!("Kyiv harbour {n}. {}", filler(n as u64, 6));
    let id = format!("pt{n:014}");
    let url = format!("https://site{n}.example/a/{n}");
    let day = format!("2024-03-{:02}", n + 1);
    let mut a = article(&Spec {
        id: &id,
        url: &url,
        title: "Kyiv harbour",
        text: &text,
        published: &day,
        entities: NAMES,
        event: None,
        quote: None,
    });
    a.page_type = kind.map(|kind| PageType { kind, confidence: 0.8 });
    a
}

fn ids(store: &EmbeddedStore, query: &SearchQuery) -> Vec<String> {
    let mut ids: Vec<String> = store.search(query).unwrap().hits.into_iter().map(|h| h.id).collect();
    ids.sort();
    ids
}

#[test]
fn search_filters_by_page_type_and_non_news_joins_no_story() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    // The newest page is a product page: it must not lead the news.
    let batch = vec![
        item(1, Some(PageKind::Article)),
        item(2, None),
        item(3, Some(PageKind::Forum)),
        item(4, Some(PageKind::Product)),
    ];
    let put = store.put_batch(&batch).unwrap();
    assert!(put[0].story.is_some() && put[1].story.is_some(), "{put:?}");
    assert_eq!((put[2].story, put[3].story), (None, None), "pages that are not news join no story");
    store.flush().unwrap();

    let by = |value: &str| SearchQuery { page_type: Some(value.into()), limit: 20, ..SearchQuery::default() };
    assert_eq!(ids(&store, &by("product")), [batch[3].id.0.clone()]);
    assert_eq!(ids(&store, &by("forum")), [batch[2].id.0.clone()]);
    // News: the article and the untyped record, in an exclusion-only query.
    assert_eq!(ids(&store, &by("news")), [batch[0].id.0.clone(), batch[1].id.0.clone()]);
    let newest = store.search(&by("news").page(0, 1)).unwrap();
    assert_eq!(newest.hits[0].id, batch[1].id.0, "the newest news is the untyped record, not the product");

    let facets = store.search(&SearchQuery::default().with_facets()).unwrap().facets.unwrap();
    let mut types: Vec<(String, u64)> = facets.page_types.into_iter().map(|f| (f.value, f.count)).collect();
    types.sort();
    assert_eq!(types, [("article".into(), 1), ("forum".into(), 1), ("product".into(), 1)]);

    // The entity page counts the news only.
    let kyiv = store.entity("Kyiv").unwrap().expect("Kyiv has a page");
    assert_eq!(kyiv.num_articles, 2, "{kyiv:?}");
}
