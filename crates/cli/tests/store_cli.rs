//! `newsgraph ingest`, `search`, `entity`, `stories` and `export` end to end on
//! small fixtures written here. The upstream stages may fill more layers over
//! time; the assertions hold whatever they add.

use std::path::Path;
use std::process::Command;

fn newsgraph(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(args).output().expect("run newsgraph")
}

fn page(title: &str, body: &str, url: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title><link rel=\"canonical\" href=\"{url}\">\
         <meta property=\"article:published_time\" content=\"2022-01-10T09:00:00Z\"></head>\
         <body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{body}</article>\
         <footer>Copyright 2022 Example News</footer></body></html>"
    )
}

fn paragraphs(topic: &str) -> String {
    (0..6)
        .map(|i| {
            format!(
                "<p>The {topic} story continued on Monday in Lisbon as officials met for the {i}th time. \
                 Maria Santos, the minister, said the talks had been difficult but useful for everyone involved.</p>"
            )
        })
        .collect()
}

fn write_fixtures(dir: &Path) {
    std::fs::create_dir_all(dir.join("pages")).unwrap();
    std::fs::write(
        dir.join("pages/harbour.html"),
        page("Harbour strike ends", &paragraphs("harbour strike"), "https://news.example.com/harbour"),
    )
    .unwrap();
    std::fs::write(
        dir.join("pages/rail.html"),
        page("Rail fares frozen", &paragraphs("rail fares"), "https://daily.example.org/rail"),
    )
    .unwrap();
    let lines = [
        serde_json::json!({"id": "ready-1", "text": "Wildfires spread across the northern hills on Sunday, forcing villages to evacuate as firefighters battled strong winds through the night.", "published": "2021-08-01"}),
        serde_json::json!({"id": "ready-2", "text": "The central bank raised interest rates by half a point on Thursday, its third increase this year, citing stubborn inflation in food and energy prices.", "published": "2021-09-02"}),
    ];
    let jsonl: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.join("ready.jsonl"), jsonl).unwrap();
    std::fs::write(dir.join("not-a-feed.xml"), "<!DOCTYPE html><html><body><p>just a page</p></body></html>").unwrap();
}

#[test]
fn ingest_is_idempotent_and_feeds_search_entity_stories_and_export() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    write_fixtures(&inputs);
    let data = tmp.path().join("data");
    let data_arg = data.to_str().unwrap();
    let pages = inputs.join("pages");
    let jsonl = inputs.join("ready.jsonl");
    let bad_feed = inputs.join("not-a-feed.xml");

    let first = newsgraph(&[
        "ingest",
        "--data",
        data_arg,
        "--log",
        pages.to_str().unwrap(),
        jsonl.to_str().unwrap(),
        bad_feed.to_str().unwrap(),
        "https://unreachable.example/page",
    ]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert_eq!(stdout.lines().filter(|l| l.starts_with("stored\t")).count(), 4, "stdout: {stdout}\nstderr: {stderr}");
    assert!(stderr.contains("4 new"), "{stderr}");
    assert!(stderr.contains("2 failed"), "{stderr}");
    assert!(stderr.contains("not an RSS or Atom feed"), "{stderr}");
    assert!(!first.status.success(), "failures give a non-zero exit");

    // Re-ingesting skips everything already stored.
    let again = newsgraph(&["ingest", "--data", data_arg, pages.to_str().unwrap(), jsonl.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{stderr}");
    assert!(stderr.contains("0 new") && stderr.contains("4 already ingested"), "{stderr}");
    assert!(stderr.contains("the store holds 4 articles"), "{stderr}");

    let search = newsgraph(&["search", "--data", data_arg, "wildfires", "--json"]);
    let results: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(results["total"], 1, "{results}");
    assert_eq!(results["hits"][0]["id"], "ready-1");
    let dated = newsgraph(&["search", "--data", data_arg, "--from", "2021-09-01", "--to", "2021-09-30", "--json"]);
    let results: serde_json::Value = serde_json::from_slice(&dated.stdout).unwrap();
    assert_eq!(results["total"], 1, "{results}");
    assert_eq!(results["hits"][0]["id"], "ready-2");
    // (The clean stage may or may not take the canonical URL; a site nobody has matches nothing.)
    let site = newsgraph(&["search", "--data", data_arg, "--site", "nowhere.example", "--json"]);
    let results: serde_json::Value = serde_json::from_slice(&site.stdout).unwrap();
    assert_eq!(results["total"], 0, "{results}");

    let text = newsgraph(&["search", "--data", data_arg, "harbour"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Harbour strike ends"));

    let stories = newsgraph(&["stories", "--data", data_arg, "--json"]);
    let stories: serde_json::Value = serde_json::from_slice(&stories.stdout).unwrap();
    let total: u64 = stories.as_array().unwrap().iter().map(|s| s["num_articles"].as_u64().unwrap()).sum();
    assert_eq!(total, 4);

    let jsonl_out = newsgraph(&["export", "--data", data_arg, "--format", "jsonl"]);
    assert_eq!(String::from_utf8_lossy(&jsonl_out.stdout).lines().count(), 4);
    let gkg = newsgraph(&["export", "--data", data_arg, "--format", "gkg"]);
    let gkg = String::from_utf8_lossy(&gkg.stdout);
    assert_eq!(gkg.lines().count(), 4);
    assert!(gkg.lines().all(|l| l.split('\t').count() == 27));
    let parquet = tmp.path().join("out.parquet");
    let out = newsgraph(&["export", "--data", data_arg, "--format", "parquet", "--out", parquet.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&parquet).unwrap().starts_with(b"PAR1"));
}

#[test]
fn a_feed_item_with_an_entity_before_multibyte_text_is_ingested_with_its_title() {
    // The old hand-written scanner panicked on this title (a byte slice inside `«`) and stopped the ingest.
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("news.rss");
    let body = paragraphs("fish market");
    std::fs::write(
        &feed,
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Fish news</title>\
             <item><title>Fish &amp;«Привет» story</title><link>https://news.example.com/fish</link>\
             <pubDate>Tue, 10 Jan 2022 16:06:00 GMT</pubDate><description><![CDATA[{body}]]></description></item>\
             </channel></rss>"
        ),
    )
    .unwrap();
    let data = tmp.path().join("data");
    let data_arg = data.to_str().unwrap();
    let out = newsgraph(&["ingest", "--data", data_arg, feed.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("1 new"), "{stderr}");
    let jsonl = newsgraph(&["export", "--data", data_arg, "--format", "jsonl"]);
    let record: serde_json::Value = serde_json::from_slice(&jsonl.stdout).unwrap();
    assert_eq!(record["title"], "Fish &«Привет» story", "{record}");
    assert_eq!(record["source"]["url"], "https://news.example.com/fish");
}
