//! The analyst view (`/analyze`, `/api/analyze`, `/analyze.csv`) and the story
//! timeline's statuses, on a server of this test's own over a few synthetic articles.

mod common;

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, OnceLock};

use common::{protest_article, request_at, Reply};
use newsgraph_model::*;
use newsgraph_store::{EmbeddedStore, Store};

/// Two days of protest articles with tones and themes, one with a feared
/// (hypothetical) assault, and one about something else.
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir").keep();
        let store: Arc<dyn Store> = Arc::new(EmbeddedStore::open(&dir).expect("open store"));
        let mut articles = Vec::new();
        for (i, (day, site, tone)) in [
            ("2024-03-04", "news.example", -2.5),
            ("2024-03-04", "wire.example", 1.0),
            ("2024-03-05", "news.example", -4.0),
        ]
        .into_iter()
        .enumerate()
        {
            let mut a = protest_article(&format!("an{i:014}"), site, day);
            a.tone = Some(Tone { tone, ..Tone::default() });
            a.themes = vec![Theme { code: "PROTEST".into(), span: CharSpan::new(0, 4) }];
            if i == 0 {
                let mut feared = a.events[0].clone();
                feared.kind = EventType::Assault;
                feared.status = EventStatus::Hypothetical;
                feared.date = Some("2024-03-10".into());
                feared.evidence = vec![common::mention(&a.text, "Thousands")];
                a.events.push(feared);
            }
            articles.push(a);
        }
        let mut other = Article::from_text("other000000000001", "A quiet day at the harbour market.");
        other.published = Some(Published { value: "2024-03-06".into(), from: DateSource::Meta });
        other.source.url = Some("https://harbour.example/x".into());
        articles.push(other);
        store.put_batch(&articles).expect("put");
        store.flush().expect("flush");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        std::thread::spawn(move || newsgraph_web::serve_listener(listener, store));
        addr
    })
}

fn get(path: &str) -> Reply {
    request_at(server(), "GET", path, None, "")
}

#[test]
fn analyze_page_has_chart_numbers_lists_and_map() {
    let page = get("/analyze?q=kyiv&q2=harbour");
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    assert!(body.contains("<svg") && body.contains("<title id=\"chart-title\">"), "no chart");
    assert!(body.contains("<desc id=\"chart-desc\">"));
    assert!(body.contains("“kyiv”") && body.contains("“harbour”"), "both series in the legend");
    assert!(body.contains("<td>2024-03-04</td><td>2</td><td>-0.750</td>"), "numbers table: {body}");
    assert!(body.contains("href=\"/analyze?q=kyiv&amp;entity=Olena%20Kovalenko&amp;q2=harbour\""), "narrowed link");
    assert!(body.contains("href=\"/analyze?q=kyiv&amp;theme=PROTEST&amp;q2=harbour\""));
    assert!(body.contains("href=\"/analyze?q=kyiv&amp;site=news.example&amp;q2=harbour\""));
    assert!(body.contains("class=\"map\""), "map of places");
    assert!(!body.contains("<script") && !body.contains("style="));
    // The search page links here.
    assert!(get("/search?q=kyiv").body.contains("href=\"/analyze?q=kyiv\""));
    // Narrowed by theme: the other article is gone from the chart's numbers.
    let narrowed: serde_json::Value = serde_json::from_str(&get("/api/analyze?theme=protest").body).expect("json");
    assert_eq!(narrowed["total"], 3);
}

#[test]
fn csv_matches_the_api() {
    let api: serde_json::Value = serde_json::from_str(&get("/api/analyze?q=kyiv").body).expect("json");
    assert_eq!(api["total"], 3);
    assert_eq!(api["people"][0]["value"], "Olena Kovalenko");
    assert_eq!(api["places"][0]["name"], "Kyiv");
    let csv = get("/analyze.csv?q=kyiv");
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-disposition").is_some_and(|v| v.starts_with("attachment")));
    assert!(csv.header("content-type").is_some_and(|v| v.starts_with("text/csv")));
    let mut lines = csv.body.lines();
    assert_eq!(lines.next(), Some("day,articles,average_tone,tone_sum,toned_articles"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let days = api["days"].as_array().expect("days");
    assert_eq!(rows.len(), days.len());
    assert_eq!(rows.len(), 2);
    for (row, day) in rows.iter().zip(days) {
        assert_eq!(row[0], day["day"]);
        assert_eq!(row[1].parse::<u64>().ok(), day["articles"].as_u64());
        assert_eq!(row[2].parse::<f64>().ok(), day["tone"].as_f64());
        assert_eq!(row[3].parse::<f64>().ok(), day["tone_sum"].as_f64());
    }
    assert_eq!(rows[0][2], "-0.75");
}

#[test]
fn bad_parameters_are_400() {
    for path in [
        "/analyze?from=2024-02-30",
        "/analyze?colour=red",
        "/analyze?theme=a%20b",
        "/api/analyze?type=DANCE",
        "/analyze.csv?q2=x",
        "/analyze?q2=%01",
    ] {
        let reply = get(path);
        assert_eq!(reply.status, 400, "{path}: {}", reply.body);
    }
    assert!(get("/api/analyze?from=2024-02-30").body.contains("must be a date YYYY-MM-DD"));
}

#[test]
fn story_timeline_separates_the_feared_event() {
    let stories: serde_json::Value = {
        let article: serde_json::Value = serde_json::from_str(&get("/api/search?q=kyiv").body).expect("search json");
        article
    };
    let story = stories["hits"][0]["story"].as_i64().expect("a story");
    let json: serde_json::Value = serde_json::from_str(&get(&format!("/api/stories/{story}")).body).expect("json");
    let statuses: Vec<(String, String)> = json["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter(|e| e["kind"] == "event")
        .map(|e| (e["label"].as_str().unwrap_or("").to_string(), e["status"].as_str().unwrap_or("").to_string()))
        .collect();
    assert!(statuses.contains(&("ASSAULT".into(), "hypothetical".into())), "{statuses:?}");
    let page = get(&format!("/stories/{story}")).body;
    let happened = page.find("What happened").expect("happened section");
    let other = page.find("Expected, feared, denied or earlier events").expect("other section");
    let assault = page.find("ASSAULT").expect("assault listed");
    let protest = page.find("PROTEST").expect("protest listed");
    assert!(happened < protest && protest < other && other < assault, "feared assault is apart");
    assert!(page.contains("class=\"status\""));
    assert!(page.contains("Quotes by speaker") && page.contains("Sources in the order they joined"));
    assert!(page.contains("Counts across the articles"));
    // Story events: the protest that happened, not the feared assault, with its counts.
    let events = json["events"].as_array().expect("story events");
    assert!(events.iter().any(|e| e["type"] == "PROTEST" && e["num_articles"].as_u64() >= Some(1)), "{events:?}");
    assert!(!events.iter().any(|e| e["type"] == "ASSAULT"), "a hypothetical event is no happening");
    assert!(page.contains("<h2 id=\"events\">Events</h2>"));
}
