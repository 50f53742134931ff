//! End-to-end in headless Chromium: render each page, keep a screenshot, read the DOM.
//!
//! Needs `/usr/bin/chromium`: fails under CI without it, skips loudly elsewhere. Screenshots are kept in
//! `<target>/tmp/screenshots/` as test artefacts.

mod common;

use std::path::{Path, PathBuf};

use common::{request, server};
use newsgraph_testkit::browser::{self, dom};

fn screenshot(dir: &Path, name: &str, url: &str) {
    browser::screenshot(dir, name, url, "1280,1200");
}

#[test]
fn pages_render_in_headless_chromium() {
    if !browser::available() {
        return;
    }
    let base = format!("http://{}", server().addr);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");

    let search = dom(&format!("{base}/search?q=marched"));
    assert!(search.contains("Thousands march in Kyiv"), "{search}");
    screenshot(&dir, "search", &format!("{base}/search?q=marched"));

    let article = dom(&format!("{base}/articles/kyiv000000000001"));
    assert!(article.contains("title=\"Quote (direct) by Olena Kovalenko\""), "{article}");
    screenshot(&dir, "article", &format!("{base}/articles/kyiv000000000001"));

    let entity = dom(&format!("{base}/entities/Q4115189"));
    assert!(entity.contains("<h1>Olena Kovalenko</h1>"));
    screenshot(&dir, "entity", &format!("{base}/entities/Q4115189"));

    let hits: serde_json::Value =
        serde_json::from_str(&request("GET", "/api/search?q=marched", None, "").body).expect("json");
    if let Some(story) = hits["hits"].as_array().and_then(|h| h.iter().find_map(|h| h["story"].as_i64())) {
        screenshot(&dir, "story", &format!("{base}/stories/{story}"));
    }
    screenshot(&dir, "map", &format!("{base}/map?q=marched"));

    // The hostile article: its scripts are text, so the document keeps its own title.
    let hostile = dom(&format!("{base}/articles/hostile0000000001"));
    assert!(hostile.contains("&lt;script&gt;alert('title')&lt;/script&gt;"), "{hostile}");
    assert!(!hostile.to_ascii_lowercase().contains("<script"), "{hostile}");
    screenshot(&dir, "hostile", &format!("{base}/articles/hostile0000000001"));

    let saved = request("POST", "/api/saved", Some("application/json"), r#"{"name":"browser-feed","q":"marched"}"#);
    assert_eq!(saved.status, 201);
    let feed = dom(&format!("{base}/feeds/browser-feed.atom"));
    assert!(feed.contains("Thousands march in Kyiv"), "{feed}");
    eprintln!("screenshots in {}", dir.display());
}
