//! `newsgraph export --format events|mentions` on the seed page: the GDELT 2.0
//! Event file read with the codebook's column names carries the seed's events
//! (actor country codes, CAMEO codes, QuadClass and Goldstein that agree with
//! the code, the place as ActionGeo, the URL), its Mentions rows point at those
//! events and into the text, and ingesting the same articles again changes no
//! row.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use newsgraph_store::export::{EVENT_COLUMNS, MENTION_COLUMNS};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seed-article.txt");
const URL: &str = "https://www.example.com/world/russian-us-presidents-set-to-discuss-ukraine-crisis";

fn newsgraph(args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(args).output().expect("run newsgraph");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The rows of a header-less TSV file as maps from the codebook's column names.
fn read_table(path: &Path, columns: &[&str]) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), columns.len(), "row width: {line}");
            columns.iter().zip(fields).map(|(c, f)| (c.to_string(), f.to_string())).collect()
        })
        .collect()
}

fn export(data: &str, format: &str, out: &Path) {
    newsgraph(&["export", "--data", data, "--format", format, "--out", out.to_str().unwrap()]);
}

/// CAMEO's QuadClass of a root code: verbal and material cooperation, verbal and material conflict.
fn quad_of(root: u32) -> &'static str {
    match root {
        1..=5 => "1",
        6..=8 => "2",
        9..=13 => "3",
        _ => "4",
    }
}

#[test]
fn the_seed_exports_as_gdelt_events_and_mentions() {
    let tmp = tempfile::tempdir().unwrap();
    // The seed page cleaned, as one ready-text line with its URL and date.
    let record = newsgraph(&["extract", "--stages", "clean", "--published", "2021-12-30T16:06", SEED]);
    let record: serde_json::Value = serde_json::from_slice(&record.stdout).unwrap();
    let line = serde_json::json!({
        "id": "seed", "text": record["text"], "title": record["title"], "url": URL, "published": "2021-12-30T16:06",
    });
    let input = tmp.path().join("seed.jsonl");
    std::fs::write(&input, format!("{line}\n")).unwrap();
    let data = tmp.path().join("data");
    let data = data.to_str().unwrap();
    newsgraph(&["ingest", "--data", data, input.to_str().unwrap()]);

    let (events_file, mentions_file) = (tmp.path().join("events.tsv"), tmp.path().join("mentions.tsv"));
    export(data, "events", &events_file);
    export(data, "mentions", &mentions_file);
    let events = read_table(&events_file, &EVENT_COLUMNS);
    let mentions = read_table(&mentions_file, &MENTION_COLUMNS);
    assert!(!events.is_empty());

    for e in &events {
        let root: u32 = e["EventRootCode"].parse().unwrap();
        assert!((1..=20).contains(&root), "{e:?}");
        assert!(e["EventCode"].starts_with(&e["EventRootCode"]) && e["EventBaseCode"].starts_with(&e["EventRootCode"]));
        assert_eq!(e["QuadClass"], quad_of(root), "{e:?}");
        let goldstein: f64 = e["GoldsteinScale"].parse().unwrap();
        let cooperation = root <= 8;
        assert!((-10.0..=10.0).contains(&goldstein) && (goldstein >= 0.0) == cooperation, "{e:?}");
        assert_eq!(e["SOURCEURL"], URL);
        assert_eq!((e["NumArticles"].as_str(), e["NumSources"].as_str()), ("1", "1"));
        assert_eq!(e["DATEADDED"], "20211230160600");
    }
    let find = |root: &str, actor: &str| {
        events.iter().find(|e| e["EventRootCode"] == root && e["Actor1Name"].contains(actor)).cloned()
    };
    // The phone talk: Biden or Putin consults, coded with their governments' country codes.
    let talk = find("04", "BIDEN").or_else(|| find("04", "PUTIN")).expect("the phone talk (CAMEO 04)");
    assert!(["USAGOV", "RUSGOV"].contains(&talk["Actor1Code"].as_str()), "{talk:?}");
    assert!(["USA", "RUS"].contains(&talk["Actor1CountryCode"].as_str()));
    // The troop buildup: Russia against Ukraine (CAMEO 15, mobilise).
    let buildup = find("15", "RUSSIA").expect("the troop buildup (CAMEO 15)");
    assert_eq!((buildup["Actor1Code"].as_str(), buildup["Actor1CountryCode"].as_str()), ("RUS", "RUS"));
    assert_eq!(buildup["Actor2Code"], "UKR");
    assert_eq!(buildup["Actor1Geo_CountryCode"], "RS", "FIPS 10-4, not ISO");
    // Putin's demands (CAMEO 10) of NATO or the United States.
    let demand = find("10", "PUTIN").expect("Putin's demands (CAMEO 10)");
    assert_eq!(demand["Actor1Code"], "RUSGOV");
    assert!(["NAT", "USA", "USAGOV"].contains(&demand["Actor2Code"].as_str()), "{demand:?}");
    // The talks in Geneva: the place is the ActionGeo, a world city in Switzerland.
    let geneva = events.iter().find(|e| e["ActionGeo_FullName"].starts_with("Geneva")).expect("an event in Geneva");
    assert_eq!((geneva["ActionGeo_Type"].as_str(), geneva["ActionGeo_CountryCode"].as_str()), ("4", "SZ"));
    let lat: f64 = geneva["ActionGeo_Lat"].parse().unwrap();
    assert!((lat - 46.2).abs() < 0.1, "{geneva:?}");

    // Every mention points at an exported event, inside the text; NumMentions counts them.
    let ids: HashSet<&str> = events.iter().map(|e| e["GlobalEventID"].as_str()).collect();
    for m in &mentions {
        assert!(ids.contains(m["GlobalEventID"].as_str()), "{m:?}");
        let (offset, len): (usize, usize) =
            (m["ActionCharOffset"].parse().unwrap(), m["MentionDocLen"].parse().unwrap());
        assert!(offset < len, "{m:?}");
        assert_eq!(m["MentionIdentifier"], URL);
    }
    for e in &events {
        let rows = mentions.iter().filter(|m| m["GlobalEventID"] == e["GlobalEventID"]).count();
        assert_eq!(rows.to_string(), e["NumMentions"], "{e:?}");
    }

    // The same article again changes no row.
    newsgraph(&["ingest", "--data", data, input.to_str().unwrap()]);
    let again = tmp.path().join("again.tsv");
    export(data, "events", &again);
    assert_eq!(std::fs::read_to_string(&again).unwrap(), std::fs::read_to_string(&events_file).unwrap());
}
