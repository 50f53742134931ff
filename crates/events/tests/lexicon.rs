//! The committed lexicon tables are what their scripts build from the shared data.
//! Needs ../shared and python3: fails under CI without them, skips loudly elsewhere.

use std::path::PathBuf;
use std::process::Command;

fn check(script: &str, table: &str) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    if newsgraph_testkit::shared_path("data/events").is_none() || !newsgraph_testkit::python_with("") {
        return;
    }
    let data = newsgraph_testkit::shared_dir().join("data");
    let models = root.join("models/events");
    let output = Command::new("python3").arg(models.join(script)).arg(&data).output().expect("python3 runs");
    assert!(output.status.success(), "{script} failed: {}", String::from_utf8_lossy(&output.stderr));
    let committed = std::fs::read(models.join(table)).expect("committed table");
    assert!(output.stdout == committed, "models/events/{table} differs from a fresh `{script}` run: rebuild it");
}

#[test]
fn verbs_table_matches_its_script() {
    check("build_lexicon.py", "verbs.tsv");
}

#[test]
fn agents_table_matches_its_script() {
    check("build_agents.py", "agents.tsv");
}

#[test]
fn cameo_table_matches_its_script() {
    check("build_cameo.py", "cameo.tsv");
}

/// The Rust reader of raw PETRARCH dictionaries (used for the PETRARCH2 suite's own) reads
/// CAMEO.2.0 into exactly the committed table's rows.
#[test]
fn cameo_reader_matches_the_committed_table() {
    let Some(dir) = newsgraph_testkit::shared_path("data/events/dictionaries") else { return };
    let raw = std::fs::read_to_string(dir.join("CAMEO.2.0.txt")).expect("CAMEO.2.0.txt readable");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let table = std::fs::read_to_string(root.join("models/events/cameo.tsv")).expect("committed table");
    let (verbs, patterns) = newsgraph_events::cameo::compile_petrarch(&raw);
    let (want_verbs, want_patterns) = newsgraph_events::cameo::parse_table(&table).expect("table parses");
    assert_eq!(verbs.len(), want_verbs.len());
    assert!(verbs == want_verbs, "verb rows differ");
    assert_eq!(patterns.len(), want_patterns.len());
    for (got, want) in patterns.iter().zip(&want_patterns) {
        assert_eq!(got, want);
    }
}
