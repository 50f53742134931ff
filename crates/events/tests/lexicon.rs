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
