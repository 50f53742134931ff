//! End-to-end in headless Chromium: render each page, keep a screenshot, read the DOM.
//!
//! Needs `/usr/bin/chromium`: fails under CI without it, skips loudly elsewhere. Screenshots are kept in
//! `<target>/tmp/screenshots/` as test artefacts.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{request, server};

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium(args: &[&str], url: &str) -> std::process::Output {
    Command::new("timeout")
        .arg("90")
        .arg(CHROMIUM)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"])
        .args(args)
        .arg(url)
        .output()
        .expect("run chromium")
}

/// The DOM after the page ran (any script would have run by now).
fn dom(url: &str) -> String {
    let out = chromium(&["--dump-dom"], url);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn screenshot(dir: &Path, name: &str, url: &str) {
    let file = dir.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&file);
    let arg = format!("--screenshot={}", file.display());
    chromium(&[&arg, "--window-size=1280,1200"], url);
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    assert!(size > 1000, "no screenshot of {url} in {}", file.display());
}

#[test]
fn pages_render_in_headless_chromium() {
    if newsgraph_testkit::program(CHROMIUM, "install the Debian package chromium").is_none() {
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
