//! The committed lexicon tables are what their scripts build from the shared data.
//! Skips when ../shared or python3 is missing.

use std::path::PathBuf;
use std::process::Command;

fn check(script: &str, table: &str) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let data = root.join("../shared/data");
    if !data.join("events").is_dir() {
        eprintln!("skipped: ../shared/data/events not found");
        return;
    }
    let models = root.join("models/events");
    let Ok(output) = Command::new("python3").arg(models.join(script)).arg(&data).output() else {
        eprintln!("skipped: python3 not available");
        return;
    };
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
