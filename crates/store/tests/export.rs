//! Exports: JSON Lines of the record, GDELT GKG 2.1 TSV, and Parquet read back.

mod common;

use common::{article, Spec};
use newsgraph_model::{Article, EntityType, EventType};
use newsgraph_store::export::{export, ExportFormat, GKG_COLUMNS};
use newsgraph_store::{EmbeddedStore, Store};

fn sample(i: usize) -> Article {
    let text = format!(
        "Ukrainian President Volodymyr Zelensky met officials in Kyiv on Monday, article {i}. \
         He said \"we need more air defence\" and NATO promised support."
    );
    article(&Spec {
        id: &format!("g{i}"),
        url: &format!("https://www.example.com/world/{i}"),
        title: "Zelensky meets officials",
        text: &text,
        published: "2022-01-10T16:06",
        entities: &[
            ("Volodymyr Zelensky", EntityType::Person, Some("Q3874799"), Some("UA")),
            ("NATO", EntityType::Org, Some("Q7184"), None),
            ("Kyiv", EntityType::Gpe, Some("Q1899"), Some("UA")),
        ],
        event: Some(EventType::Consult),
        quote: Some(("Volodymyr Zelensky", "we need more air defence")),
    })
}

fn store_with(n: usize) -> (tempfile::TempDir, EmbeddedStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let batch: Vec<Article> = (0..n).map(sample).collect();
    store.put_batch(&batch).unwrap();
    store.flush().unwrap();
    (dir, store)
}

#[test]
fn jsonl_export_round_trips_every_record() {
    let (_dir, store) = store_with(3);
    let mut out = Vec::new();
    assert_eq!(export(&store, ExportFormat::Jsonl, &mut out).unwrap(), 3);
    let records: Vec<Article> =
        String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 3);
    assert_eq!(records[1], store.get("g1").unwrap().unwrap());
}

#[test]
fn gkg_export_fills_the_codebook_columns() {
    let (_dir, store) = store_with(2);
    let mut out = Vec::new();
    export(&store, ExportFormat::Gkg, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2);
    let row = &rows[0];
    assert_eq!(row.len(), GKG_COLUMNS.len());
    let col = |name: &str| row[GKG_COLUMNS.iter().position(|c| *c == name).unwrap()];
    assert_eq!(col("GKGRECORDID"), "20220110160600-1");
    assert_eq!(col("V2.1DATE"), "20220110160600");
    assert_eq!(col("V2SOURCECOMMONNAME"), "example.com");
    assert_eq!(col("V1PERSONS"), "Volodymyr Zelensky");
    assert!(col("V2ENHANCEDPERSONS").starts_with("Volodymyr Zelensky,"));
    assert_eq!(col("V1ORGANIZATIONS"), "NATO");
    // FIPS country code (UP for Ukraine), FIPS-prefixed ADM1, world city type.
    assert_eq!(col("V1LOCATIONS"), "4#Kyiv#UP#UP12#50.4500#30.5200#703448");
    assert!(col("V2ENHANCEDLOCATIONS").starts_with("4#Kyiv#UP#UP12##50.4500#30.5200#703448#"));
    assert_eq!(col("V1COUNTS"), "KILL#12#people#0######;");
    assert_eq!(col("V1.5TONE"), "-2.5,1,3.5,4.5,20,0,50");
    assert_eq!(col("V2.1ENHANCEDDATES"), "3#1#10#2022#0;");
    assert!(col("V2.1QUOTATIONS").ends_with("|said|we need more air defence"));
    assert!(col("V2.1ALLNAMES").contains("NATO,"));
    assert_eq!(col("V2.1AMOUNTS"), "12,people,0;");
    assert_eq!(col("V1THEMES"), "PROTEST");
    assert_eq!(col("V2EXTRASXML"), "<PAGE_TITLE>Zelensky meets officials</PAGE_TITLE>");
    assert_eq!(rows[1][0], "20220110160600-2");
}

#[test]
fn parquet_export_reads_back_with_the_store_row_count() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let (dir, store) = store_with(5);
    let path = dir.path().join("out.parquet");
    let mut file = std::fs::File::create(&path).unwrap();
    assert_eq!(export(&store, ExportFormat::Parquet, &mut file).unwrap(), 5);
    drop(file);
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let rows = reader.metadata().file_metadata().num_rows();
    assert_eq!(rows as u64, store.count().unwrap());
    let columns: Vec<String> =
        reader.metadata().file_metadata().schema_descr().columns().iter().map(|c| c.path().string()).collect();
    assert!(columns.iter().any(|c| c == "id"));
    assert!(columns.iter().any(|c| c.starts_with("persons")));

    // DuckDB must open it with the same count (fetchall: DuckDB 2 relations have no fetchone).
    if !newsgraph_testkit::python_with("duckdb") {
        return;
    }
    let script = format!(
        "import duckdb; print(duckdb.sql(\"select count(*), count(distinct id), max(len(persons)) from '{}'\").fetchall()[0])",
        path.display()
    );
    let out = std::process::Command::new("python3").args(["-c", &script]).output().expect("python3 runs");
    assert!(out.status.success(), "duckdb failed: {}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(printed.trim(), "(5, 5, 1)", "duckdb read: {printed}");
}
