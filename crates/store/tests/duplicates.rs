//! Near-duplicate groups and stories: exact and near copies are grouped with
//! their sources and first-seen time; different articles on one topic are not.

mod common;

use common::{article, filler, Spec};
use newsgraph_model::{Article, EntityType, EventType};
use newsgraph_store::{EmbeddedStore, Store};

const WIRE: &str = "Heavy rain flooded the lower districts of the port city on Sunday, forcing more than \
    two thousand residents to leave their homes, the regional emergency service said. Rescue teams used \
    boats to reach families trapped on upper floors, and schools were turned into shelters. The river rose \
    three metres above its usual level overnight. Officials said the water would recede slowly over the \
    coming days and warned people not to return until engineers had inspected the buildings. The mayor \
    asked for help from the national government and said the damage would run into millions.";

fn copy(id: &str, site: &str, text: &str, day: &str) -> Article {
    article(&Spec {
        id,
        url: &format!("https://{site}/{id}"),
        title: "Floods force thousands from homes",
        text,
        published: day,
        entities: &[("Port City", EntityType::Gpe, None, Some("PT"))],
        event: Some(EventType::Aid),
        quote: None,
    })
}

#[test]
fn exact_and_near_copies_are_grouped_and_other_reports_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let light_rewrite = WIRE
        .replace("Heavy rain flooded", "Torrential rain flooded")
        .replace("on Sunday", "on Sunday night")
        .replace("The mayor asked", "The city's mayor asked")
        + " Updated at 10:40.";
    let other_report = "Residents of the port city began cleaning up on Tuesday after the floods that hit the \
        lower districts at the weekend. Volunteers shovelled mud out of shops while the national government \
        promised emergency funds. Engineers inspected the buildings near the river, and the mayor said schools \
        would reopen next week. Some families said they had lost everything and criticised the slow warnings.";
    let batch = vec![
        copy("wire-a", "agency.example.com", WIRE, "2023-03-05T08:00"),
        copy("wire-b", "daily.example.org", WIRE, "2023-03-05T09:30"),
        copy("wire-c", "herald.example.net", &light_rewrite, "2023-03-05T11:00"),
        copy("other", "times.example.com", other_report, "2023-03-07T10:00"),
    ];
    let results = store.put_batch(&batch).unwrap();
    assert_eq!(results[0].dup_group, results[1].dup_group, "exact copy");
    assert_eq!(results[0].dup_group, results[2].dup_group, "light rewrite");
    assert_ne!(results[0].dup_group, results[3].dup_group, "a different report on the same floods");

    let group = store.duplicates_of("wire-c").unwrap().unwrap();
    assert_eq!(group.num_articles, 3);
    assert_eq!(group.num_sources, 3);
    assert_eq!(group.first_seen.as_deref(), Some("2023-03-05T08:00:00Z"));
    assert_eq!(group.articles[0].id, "wire-a");
    let groups = store.duplicate_groups(2, 0, 10).unwrap();
    assert_eq!(groups.len(), 1);

    // Copies are one story; the follow-up two days later joins it by its entities and words.
    assert_eq!(results[0].story, results[1].story);
    assert_eq!(results[0].story, results[2].story);
}

#[test]
fn stories_cluster_follow_ups_and_keep_unrelated_articles_apart() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let strike = |id: &str, day: &str, lede: &str| {
        let text = lede.to_string();
        article(&Spec {
            id,
            url: &format!("https://news.example.com/{id}"),
            title: "Dockworkers strike at Rotterdam port",
            text: &text,
            published: day,
            entities: &[
                ("Rotterdam", EntityType::Gpe, Some("Q34370"), Some("NL")),
                ("Dockworkers Union", EntityType::Org, None, Some("NL")),
                ("Jan de Vries", EntityType::Person, None, Some("NL")),
            ],
            event: Some(EventType::Protest),
            quote: None,
        })
    };
    let mut batch = vec![
        strike("s1", "2023-06-01", "Dockworkers at Rotterdam walked out on Thursday, the Dockworkers Union said, and Jan de Vries led the strike."),
        strike("s22", "2023-06-02", "The Rotterdam dockworkers strike entered its second day as Jan de Vries of the Dockworkers Union rejected an offer."),
        strike("s333", "2023-06-04", "Ships queued outside Rotterdam as the strike by the Dockworkers Union and Jan de Vries continued for a fourth day."),
    ];
    // Background articles give the idf something to compare with.
    for i in 0..12 {
        let text = filler(1000 + i, 8);
        batch.push(article(&Spec {
            id: &format!("bg{i}"),
            url: &format!("https://other.example.com/bg{i}"),
            title: &format!("Local news {i}"),
            text: &text,
            published: "2023-06-02",
            entities: &[],
            event: None,
            quote: None,
        }));
    }
    let results = store.put_batch(&batch).unwrap();
    assert_eq!(results[0].story, results[1].story);
    assert_eq!(results[0].story, results[2].story);
    assert!(results[3..].iter().all(|r| r.story != results[0].story));
    let story = store.story(results[0].story.unwrap()).unwrap().unwrap();
    assert_eq!(story.articles.len(), 3);
    assert_eq!(story.title.as_deref(), Some("Dockworkers strike at Rotterdam port"));
    let dates: Vec<_> = story.timeline.iter().map(|e| e.date.clone()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "timeline in date order");
    assert!(story.timeline.iter().any(|e| e.kind == "event" && e.label == "PROTEST"));
    let listed = store.stories(0, 20).unwrap();
    assert!(listed.iter().any(|s| Some(s.id) == results[0].story && s.num_articles == 3));

    // Weeks later the same entities start a new story: the time window ended.
    let later = store
        .put_batch(&[strike(
            "s4444",
            "2023-08-20",
            "Rotterdam dockworkers and Jan de Vries of the Dockworkers Union met again.",
        )])
        .unwrap();
    assert_ne!(later[0].story, results[0].story);
}

#[test]
fn urls_differing_only_in_path_case_are_two_articles() {
    // Ids hash the canonical URL, which keeps the path's case: `/Report` and `/report` are two pages.
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let urls = ["https://www.example.com/2023/Report?id=1", "https://example.com/2023/report?id=1"];
    let ids: Vec<String> = urls.iter().map(|u| newsgraph_model::ArticleId::derive(Some(u), "").0).collect();
    assert_ne!(ids[0], ids[1]);
    let batch: Vec<Article> = ids
        .iter()
        .zip(urls)
        .map(|(id, url)| {
            let mut a = copy(id, "example.com", WIRE, "2023-03-05T08:00");
            a.source.url = Some(url.to_string());
            a
        })
        .collect();
    let results = store.put_batch(&batch).unwrap();
    assert!(results.iter().all(|r| r.new), "{results:?}");
    assert_eq!(store.count().unwrap(), 2);
    // The same page again, spelt with a tracking parameter and another scheme, is no new article.
    let again = newsgraph_model::ArticleId::derive(Some("http://example.com/2023/report/?id=1&utm_source=x"), "");
    assert_eq!(again.0, ids[1]);
}
