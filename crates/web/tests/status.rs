//! `/status` and `/api/status` over a real server: counts, articles per hour,
//! the writer (the test's store is opened for writing), no followed feeds.

mod common;

use common::{get, server};

#[test]
fn status_reports_the_store_and_its_writer() {
    let api = get("/api/status");
    assert_eq!(api.status, 200);
    let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    let count = server().store.count().unwrap();
    assert_eq!(json["articles"], count);
    let hours = json["per_hour"].as_array().unwrap();
    assert_eq!(hours.len(), 24);
    // Every fixture article was ingested moments ago: all in the current hour.
    assert_eq!(hours[23]["articles"], count, "{json}");
    assert_eq!(json["index_lag"], 0);
    assert_eq!(json["writer"]["this_process"], true);
    assert!(json["writer"]["holder"].as_str().unwrap().starts_with(&format!("pid {}: `", std::process::id())));
    assert_eq!(json["feeds"].as_array().unwrap().len(), 0);

    let page = get("/status");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<h1>Status</h1>"), "{}", page.body);
    assert!(page.body.contains("This server follows no feeds"));
    let doc: serde_json::Value = serde_json::from_str(&get("/api/openapi.json").body).unwrap();
    assert!(doc["paths"]["/api/status"].is_object());
}
