//! The Parquet export opens in DuckDB with the store's row count (issue 6's export check).
//!
//! DuckDB is driven through its Python package (`.ci/run` installs it); where
//! `python3` or the `duckdb` module is missing the test fails under CI and skips
//! loudly elsewhere.

use std::process::Command;

fn newsgraph(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(args).output().expect("run newsgraph")
}

#[test]
fn parquet_export_opens_in_duckdb_with_the_row_count_of_the_store() {
    if !newsgraph_testkit::python_with("duckdb") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let lines: String = [
        ("d1", "Wildfires spread across the northern hills on Sunday, forcing villages to evacuate.", "2021-08-01"),
        ("d2", "The central bank raised interest rates by half a point on Thursday, citing inflation.", "2021-09-02"),
        ("d3", "Dockworkers in Rotterdam ended a week-long strike after a new pay offer on Friday.", "2021-10-03"),
    ]
    .iter()
    .map(|(id, text, date)| format!("{}\n", serde_json::json!({"id": id, "text": text, "published": date})))
    .collect();
    let input = tmp.path().join("ready.jsonl");
    std::fs::write(&input, lines).unwrap();
    let page = tmp.path().join("page.html");
    std::fs::write(
        &page,
        "<html><head><title>Ferry fares cut</title></head><body><article><h1>Ferry fares cut</h1>\
         <p>Ferry fares between the islands will fall by a fifth from March, the transport minister said on Tuesday.</p>\
         <p>Operators said the cut would be paid for by a new fuel subsidy agreed with the regional government.</p>\
         </article></body></html>",
    )
    .unwrap();
    let data = tmp.path().join("data");
    let data_arg = data.to_str().unwrap();
    let ingest = newsgraph(&["ingest", "--data", data_arg, input.to_str().unwrap(), page.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&ingest.stderr);
    assert!(ingest.status.success(), "{stderr}");
    let held: u64 = stderr
        .split("the store holds ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no store size in: {stderr}"));
    assert_eq!(held, 4, "{stderr}");

    let parquet = tmp.path().join("store.parquet");
    let out = newsgraph(&["export", "--data", data_arg, "--format", "parquet", "--out", parquet.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let script = "import duckdb, sys\n\
                  con = duckdb.connect()\n\
                  n = con.execute('select count(*) from read_parquet(?)', [sys.argv[1]]).fetchone()[0]\n\
                  ids = con.execute('select count(distinct id) from read_parquet(?)', [sys.argv[1]]).fetchone()[0]\n\
                  print(n, ids)";
    let duck = Command::new("python3").args(["-c", script, parquet.to_str().unwrap()]).output().unwrap();
    let printed = String::from_utf8_lossy(&duck.stdout);
    assert!(duck.status.success(), "duckdb failed: {}", String::from_utf8_lossy(&duck.stderr));
    assert_eq!(printed.trim(), format!("{held} {held}"), "rows and distinct ids in DuckDB");
}
