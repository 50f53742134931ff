//! `newsgraph ingest` of Parquet output through the command line: the flags, the
//! summary and the exit status (the reading itself is tested in crates/ingest).

use std::process::Command;

fn newsgraph(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(args).output().expect("run newsgraph")
}

#[test]
fn an_export_goes_back_in_by_date_and_a_bad_file_fails_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let lines: String = [
        ("p1", "Ferry fares between the islands will fall by a fifth from March.", "2021-08-01"),
        ("p2", "The central bank raised interest rates by half a point on Thursday.", "2021-09-02"),
        ("p3", "Dockworkers in Rotterdam ended a week-long strike on Friday.", "2021-10-03"),
    ]
    .iter()
    .map(|(id, text, date)| format!("{}\n", serde_json::json!({"id": id, "text": text, "published": date})))
    .collect();
    let input = tmp.path().join("ready.jsonl");
    std::fs::write(&input, lines).unwrap();
    let source = tmp.path().join("source");
    let out = newsgraph(&["ingest", "--data", source.to_str().unwrap(), "--stages", "clean", input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let parquet = tmp.path().join("export/all.parquet");
    std::fs::create_dir_all(parquet.parent().unwrap()).unwrap();
    let out = newsgraph(&[
        "export",
        "--data",
        source.to_str().unwrap(),
        "--format",
        "parquet",
        "--out",
        parquet.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let slice = tmp.path().join("slice");
    let slice_arg = slice.to_str().unwrap();
    let args = ["ingest", "--data", slice_arg, "--log", "--from", "2021-09-01", "--to", "2021-10-31"];
    let out = newsgraph(&[&args[..], &[parquet.to_str().unwrap()]].concat());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("2 new") && stderr.contains("the store holds 2 articles"), "{stderr}");
    assert!(stderr.contains("outside --from/--to, skipped: 1"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stored: Vec<&str> = stdout.lines().filter_map(|l| l.strip_prefix("stored\t")).collect();
    assert_eq!(stored.len(), 2, "{stdout}");
    assert!(stored[0].starts_with("p2\t") && stored[0].ends_with("all.parquet#2"), "{stdout}");

    // A truncated file beside the good one: one failure, exit status 1, the rest goes in.
    let good = std::fs::read(&parquet).unwrap();
    std::fs::write(parquet.with_file_name("broken.parquet"), &good[..good.len() - 9]).unwrap();
    let whole = tmp.path().join("whole");
    let out = newsgraph(&["ingest", "--data", whole.to_str().unwrap(), parquet.parent().unwrap().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("3 new") && stderr.contains("1 failed"), "{stderr}");
    assert!(stderr.contains("broken.parquet: not a readable Parquet file"), "{stderr}");

    let out = newsgraph(&["ingest", "--data", slice_arg, "--from", "2021-10-01", "--to", "2021-09-01", "x.parquet"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from 2021-10-01 is after --to 2021-09-01"));
}
