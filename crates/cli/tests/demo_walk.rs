//! The demo as a new user meets it, in headless Chromium: `newsgraph demo`
//! ingests the bundled examples (the seed page and the Wikinews corpus), then
//! `serve` answers the walk: home, a query's analyst view (chart, top lists,
//! map, CSV download), a story timeline, an entity page, and the home page at
//! a phone's width. Screenshots are kept in `<target>/tmp/demo-screenshots/`.
//!
//! Needs `/usr/bin/chromium`: fails under CI without it, skips loudly elsewhere.

mod live;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;

use live::Serve;
use newsgraph_testkit::browser::{self, dom, screenshot};

/// One GET; the whole reply, head and body.
fn raw_get(addr: SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    reply
}

#[test]
fn the_demo_walks_from_home_to_analysis_story_and_entity() {
    if !browser::available() {
        return;
    }
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["demo", "--no-serve", "--examples", examples.to_str().unwrap(), "--data", data.to_str().unwrap()])
        .output()
        .expect("run newsgraph demo");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("294 new") && said.contains("0 failed"), "the seed and 293 Wikinews articles: {said}");

    let serve = Serve::start(&data, &[]);
    let base = format!("http://{}", serve.addr);
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("demo-screenshots");
    std::fs::create_dir_all(&shots).unwrap();

    // Home: the largest stories, a map, the busiest entities and the corpus's credit.
    let home = dom(&format!("{base}/"));
    for part in ["Largest stories", "Where the news is", "Busiest", "Organisations", "CC BY 2.5"] {
        assert!(home.contains(part), "home lacks {part:?}");
    }
    assert!(home.contains("aria-label=\"Map of places\""), "home has no map");
    assert!(home.contains("href=\"/entities/Donald%20Trump\""), "home's busiest people lack the corpus's most named");
    assert!(!home.contains("href=\"/entities/people\""), "a generic actor is listed as an entity");
    screenshot(&shots, "1-home", &format!("{base}/"), "1280,1800");
    screenshot(&shots, "1-home-phone", &format!("{base}/"), "390,1600");

    // A query's analyst view: the chart, the top lists, the map, and the CSV behind the chart.
    let analysis = serve.get_json("/api/analyze?q=Biden");
    let total = analysis["total"].as_u64().unwrap();
    assert!(total >= 10, "Biden is in many Wikinews articles: {total}");
    let view = dom(&format!("{base}/analyze?q=Biden&q2=Trump"));
    for part in [
        "Articles and tone over time",
        "Articles per 30 days",
        "People",
        "Speakers",
        "Map of the places",
        "<svg",
        "Trump",
    ] {
        assert!(view.contains(part), "analyst view lacks {part:?}");
    }
    assert!(
        view.contains("href=\"/analyze?q=Biden&amp;entity=Joe%20Biden&amp;q2=Trump\""),
        "top people link to the narrowed query"
    );
    screenshot(&shots, "2-analysis", &format!("{base}/analyze?q=Biden&q2=Trump"), "1280,2000");
    let csv = raw_get(serve.addr, "/analyze.csv?q=Biden");
    assert!(csv.to_ascii_lowercase().contains("content-disposition: attachment"), "{csv}");
    let body = csv.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    let mut rows = body.lines();
    assert_eq!(rows.next(), Some("day,articles,average_tone,tone_sum,toned_articles"));
    let dated: u64 = rows.map(|r| r.split(',').nth(1).and_then(|n| n.parse::<u64>().ok()).unwrap()).sum();
    assert_eq!(dated + analysis["undated"].as_u64().unwrap(), total, "the CSV's days add up to the view's total");

    // The seed's story reads as a timeline: the feared invasion is kept apart, marked.
    let hits = serve.get_json("/api/search?q=military+invasion+Ukraine");
    let story = hits["hits"][0]["story"].as_i64().expect("the seed article has a story");
    let timeline = dom(&format!("{base}/stories/{story}"));
    let happened = timeline.find("What happened").expect("a section of what happened");
    let apart = timeline.find("Expected, feared, denied or earlier events").expect("a section for the rest");
    let invasion = "<strong>ASSAULT</strong> invasion";
    assert!(happened < apart, "what happened leads");
    assert!(!timeline[..apart].contains(invasion), "the feared invasion is not listed as happened");
    let feared = timeline[apart..].find(invasion).expect("the feared invasion is listed apart");
    let marked = &timeline[apart..apart + feared];
    assert!(marked.ends_with("hypothetical</span> "), "and is marked as feared: {marked}");
    screenshot(&shots, "3-story", &format!("{base}/stories/{story}"), "1280,1800");

    // An entity page from the home page's list.
    let entity = dom(&format!("{base}/entities/Donald%20Trump"));
    assert!(entity.contains("<h1>Donald Trump</h1>"), "{entity}");
    screenshot(&shots, "4-entity", &format!("{base}/entities/Donald%20Trump"), "1280,1400");
    eprintln!("screenshots in {}", shots.display());
}
