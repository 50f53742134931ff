//! Ingest of newsgraph Parquet output: records stored as they are, date ranges,
//! and files that are not newsgraph Parquet. Everything is written here.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use newsgraph_ingest::{Config, DateRange, Quiet, Summary};
use newsgraph_model::calendar::RecordDate;
use newsgraph_model::{Article, DateSource, Layer, Published};
use newsgraph_store::export::{export, ExportFormat};
use newsgraph_store::{EmbeddedStore, Store};

fn ingest(data: &Path, inputs: &[&Path], dates: DateRange) -> Summary {
    let store = EmbeddedStore::open(data).unwrap();
    let config = Config {
        data_dir: data.to_path_buf(),
        layer: Layer::Events,
        dates,
        inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
        ..Config::default()
    };
    newsgraph_ingest::run(&config, &store, &Quiet).unwrap()
}

/// Every stored record as JSON, by id.
fn records(data: &Path) -> Vec<(String, String)> {
    let store = EmbeddedStore::open_read_only(data).unwrap();
    let mut out = Vec::new();
    store
        .for_each(&mut |a| {
            out.push((a.id.0.clone(), serde_json::to_string(&a).unwrap()));
            Ok(())
        })
        .unwrap();
    out.sort();
    out
}

fn dated(id: &str, day: &str) -> Article {
    let mut article = Article::from_text(id, format!("Article {id}: the harbour workers met on {day} to vote."));
    article.published = Some(Published { value: day.to_string(), from: DateSource::Meta });
    article
}

/// Writes `articles` as the store's Parquet export at `path` (through a store of their own).
fn write_parquet(path: &Path, articles: &[Article]) {
    let tmp = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(tmp.path()).unwrap();
    store.put_batch(articles).unwrap();
    store.flush().unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut file = std::fs::File::create(path).unwrap();
    assert_eq!(export(&store, ExportFormat::Parquet, &mut file).unwrap(), articles.len() as u64);
}

fn range(from: &str, to: &str) -> DateRange {
    DateRange::new(Some(&RecordDate::parse(from).unwrap()), Some(&RecordDate::parse(to).unwrap()))
}

fn ids(data: &Path) -> Vec<String> {
    records(data).into_iter().map(|(id, _)| id).collect()
}

#[test]
fn an_exported_store_ingested_into_a_fresh_one_holds_the_same_records() {
    let tmp = tempfile::tempdir().unwrap();
    let jsonl = tmp.path().join("ready.jsonl");
    let lines = [
        serde_json::json!({"id": "r1", "text": "Maria Santos, the Portuguese finance minister, said on Monday in Lisbon that the budget would be cut by 3 percent.", "published": "2022-03-07"}),
        serde_json::json!({"id": "r2", "text": "Dockworkers in Rotterdam ended a week-long strike on Friday after Unilever and the port authority made a new pay offer.", "published": "2022-03-11"}),
        serde_json::json!({"id": "r3", "text": "Wildfires spread across the northern hills on Sunday, forcing villages to evacuate.", "published": "2022-03-13"}),
    ];
    std::fs::write(&jsonl, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
    let first = tmp.path().join("first");
    let summary = ingest(&first, &[&jsonl], DateRange::default());
    assert_eq!((summary.new, summary.failed), (3, 0), "{summary}");

    let parquet = tmp.path().join("export.parquet");
    let store = EmbeddedStore::open_read_only(&first).unwrap();
    export(&store, ExportFormat::Parquet, &mut std::fs::File::create(&parquet).unwrap()).unwrap();
    drop(store);

    let second = tmp.path().join("second");
    let summary = ingest(&second, &[&parquet], DateRange::default());
    assert_eq!((summary.new, summary.duplicate, summary.failed, summary.stored), (3, 0, 0, 3), "{summary}");
    let (original, loaded) = (records(&first), records(&second));
    assert_eq!(loaded, original, "same ids, same records");
    assert!(original.iter().any(|(_, json)| json.contains("\"entities\":[{")), "the records carry annotations");

    // The stored records are searchable in the new store, as ingested pages are.
    let store = EmbeddedStore::open_read_only(&second).unwrap();
    let hits = store.search(&newsgraph_store::SearchQuery::text("dockworkers")).unwrap();
    assert_eq!(hits.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["r2"]);
    drop(store);

    // Again: every id is already stored, nothing changes.
    let again = ingest(&second, &[&parquet], DateRange::default());
    assert_eq!((again.new, again.duplicate, again.stored), (0, 3, 3), "{again}");
    assert_eq!(records(&second), original);
}

/// `OUT/articles/date=D/part-00000.parquet` for each day, as the Spark job writes them.
fn partitioned_tree(root: &Path) -> PathBuf {
    let articles = root.join("articles");
    for (day, ids) in [("2021-08-01", ["a1", "a2"]), ("2021-08-02", ["b1", "b2"]), ("2021-08-03", ["c1", "c2"])] {
        let records: Vec<Article> = ids.iter().map(|id| dated(id, day)).collect();
        write_parquet(&articles.join(format!("date={day}/part-00000.parquet")), &records);
    }
    // An unfinished job's output and Spark's marker are not records.
    write_parquet(&articles.join("_temporary/0/date=2021-08-02/part-00009.parquet"), &[dated("tmp1", "2021-08-02")]);
    std::fs::write(articles.join("_SUCCESS"), "").unwrap();
    articles
}

#[test]
fn a_date_range_reads_only_the_partitions_inside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = partitioned_tree(tmp.path());
    // A partition outside the range is not even opened: make one unreadable to prove it.
    std::fs::write(articles.join("date=2021-08-01/part-00001.parquet"), "not parquet").unwrap();

    let data = tmp.path().join("slice");
    let summary = ingest(&data, &[&articles], range("2021-08-02", "2021-08-03"));
    assert_eq!((summary.new, summary.failed, summary.out_of_range), (4, 0, 0), "{summary}");
    assert_eq!(ids(&data), ["b1", "b2", "c1", "c2"]);

    let data = tmp.path().join("one-day");
    let file = articles.join("date=2021-08-03/part-00000.parquet");
    let summary = ingest(
        &data,
        &[&file, &articles.join("date=2021-08-01/part-00000.parquet")],
        range("2021-08-03", "2021-08-03"),
    );
    assert_eq!((summary.new, summary.failed), (2, 0), "a named file's date= folder decides too: {summary}");
    assert_eq!(ids(&data), ["c1", "c2"]);
}

#[test]
fn without_partitions_each_record_is_checked_by_its_publication_day() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("export.parquet");
    let mut articles = vec![dated("early", "2020-12-31"), dated("in", "2021-01-01T23:30"), dated("late", "2021-01-03")];
    articles.push(Article::from_text("undated", "No date is known for this one."));
    write_parquet(&file, &articles);

    let data = tmp.path().join("from");
    let summary = ingest(&data, &[&file], DateRange::new(Some(&RecordDate::parse("2021-01-01").unwrap()), None));
    assert_eq!((summary.new, summary.out_of_range), (2, 2), "{summary}");
    assert_eq!(ids(&data), ["in", "late"]);
    assert!(summary.to_string().contains("outside --from/--to, skipped: 2"), "{summary}");

    let data = tmp.path().join("all");
    assert_eq!(ingest(&data, &[&file], DateRange::default()).new, 4, "no range: every record, dated or not");
}

/// A Parquet file of the right shape but not newsgraph's: no `record` column.
fn write_foreign_parquet(path: &Path) {
    use arrow_array::{ArrayRef, RecordBatch, StringArray};
    let column: ArrayRef = Arc::new(StringArray::from(vec!["x", "y"]));
    let batch = RecordBatch::try_from_iter([("text", column)]).unwrap();
    let file = std::fs::File::create(path).unwrap();
    let mut writer = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();
}

#[test]
fn a_corrupt_or_foreign_file_is_one_failure_and_the_other_files_go_in() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    write_parquet(&dir.join("a.parquet"), &[dated("a1", "2021-05-01"), dated("a2", "2021-05-01")]);
    write_parquet(&dir.join("d.parquet"), &[dated("d1", "2021-05-02")]);
    let good = std::fs::read(dir.join("a.parquet")).unwrap();
    std::fs::write(dir.join("b-truncated.parquet"), &good[..good.len() / 2]).unwrap();
    std::fs::write(dir.join("c-text.parquet"), "id,text\n1,hello\n").unwrap();
    write_foreign_parquet(&dir.join("c-foreign.parquet"));

    let data = tmp.path().join("data");
    let summary = ingest(&data, &[&dir], DateRange::default());
    assert_eq!((summary.new, summary.failed), (3, 3), "{summary}");
    assert_eq!(ids(&data), ["a1", "a2", "d1"]);
    let text = summary.to_string();
    assert!(text.contains("failed 2x: not a readable Parquet file"), "{text}");
    assert!(text.contains("failed 1x: not newsgraph Parquet output"), "{text}");

    let store = EmbeddedStore::open_read_only(&data).unwrap();
    let mut failures: Vec<(String, String)> = store
        .failures(10)
        .unwrap()
        .into_iter()
        .map(|f| (Path::new(&f.origin).file_name().unwrap().to_string_lossy().into_owned(), f.reason))
        .collect();
    failures.sort();
    let names: Vec<&str> = failures.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["b-truncated.parquet", "c-foreign.parquet", "c-text.parquet"], "{failures:?}");
    assert!(failures[0].1.starts_with("not a readable Parquet file ("), "{failures:?}");
    assert_eq!(failures[1].1, "not newsgraph Parquet output (no `record` column)");
}
