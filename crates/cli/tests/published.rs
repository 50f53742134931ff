//! Dates on the command line (`extract --published`, `search --from`): a real
//! date in one of the record's forms is kept as written; anything else is a
//! usage error (exit 2), never a panic.

use std::process::{Command, Output};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seed-article.txt");

fn extract(published: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["extract", "--stages", "clean", "--published", published, SEED])
        .output()
        .expect("run newsgraph")
}

#[test]
fn a_date_that_is_not_one_is_a_usage_error() {
    for bad in ["2024", "2021-02-31", "yesterday", "2021-1", "2021-12-30T25:00"] {
        let out = extract(bad);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {stderr}");
        assert!(stderr.contains("--published") && stderr.contains("YYYY-MM-DD"), "{bad}: {stderr}");
        assert!(!stderr.contains("panicked"), "{bad}: {stderr}");
        assert!(out.stdout.is_empty(), "{bad}");
    }
}

#[test]
fn a_valid_date_is_kept_as_written() {
    for good in ["2021-12-30T16:06", "2021-12-30", "2024-02-29T08:00:00+01:00"] {
        let out = extract(good);
        assert_eq!(out.status.code(), Some(0), "{good}: {}", String::from_utf8_lossy(&out.stderr));
        let record: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON record");
        assert_eq!(record["published"]["value"], good);
    }
}

#[test]
fn search_date_filters_are_checked_before_the_store_is_opened() {
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["search", "--data", "no-such-store", "--from", "2021-02-31"])
        .output()
        .expect("run newsgraph");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--from") && stderr.contains("YYYY-MM-DD"), "{stderr}");
}
