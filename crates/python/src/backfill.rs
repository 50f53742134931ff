//! What the Spark backfill job needs from Rust: the records of one input file,
//! streamed and processed in batches, with each article's near-duplicate MinHash
//! and GKG row computed beside it.
//!
//! [`RecordStream`] reads one file of any kind the CLI reads (WARC, WARC.gz,
//! `.jsonl`, `.gz`, HTML) from a local path or from a Python binary file object
//! (a file on s3a/hdfs opened through `pyarrow.fs`), one record at a time, and
//! yields Arrow IPC batches of processed rows (the schema is [`ROW_COLUMNS`]).
//! A record that cannot be read or cleaned becomes the CLI's error record
//! ([`newsgraph_pipeline::error_record`]) with a short failure reason, and the
//! stream goes on; a truncated file ends after its error. The GIL is released
//! while a batch runs through the pipeline.
//!
//! The MinHash signature and band keys are the embedded store's
//! ([`newsgraph_store::dedup`]); grouping the candidates is the job's work (in
//! Spark), not this module's. Nothing here writes files or talks to Spark.

use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_ipc::writer::StreamWriter;
use arrow_schema::{DataType, Field, Schema};
use newsgraph_extract::ExtractError;
use newsgraph_model::Article;
use newsgraph_pipeline::{error_record, Overrides, Pipeline, PipelineError};
use newsgraph_source::{Input, SourceError, SourceErrorKind};
use newsgraph_store::dedup;
use newsgraph_store::export::gkg_row;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use rayon::prelude::*;

use crate::pipeline::PyPipeline;

/// The columns of a [`RecordStream`] batch, in order (see [`row_schema`] for types).
pub(crate) const ROW_COLUMNS: [&str; 13] = [
    "seq",
    "origin",
    "status",
    "reason",
    "message",
    "id",
    "language",
    "date",
    "words",
    "record",
    "gkg",
    "signature",
    "band_keys",
];

/// `date` of an article without a usable publication date.
const UNKNOWN_DATE: &str = "unknown";

fn row_schema() -> Arc<Schema> {
    let text = |name: &str, nullable| Field::new(name, DataType::Utf8, nullable);
    let longs =
        |name: &str| Field::new(name, DataType::List(Arc::new(Field::new("item", DataType::Int64, true))), true);
    Arc::new(Schema::new(vec![
        Field::new("seq", DataType::Int64, false),
        text("origin", false),
        text("status", false),
        text("reason", true),
        text("message", true),
        text("id", true),
        text("language", true),
        text("date", false),
        Field::new("words", DataType::Int64, false),
        text("record", true),
        text("gkg", true),
        longs("signature"),
        longs("band_keys"),
    ]))
}

/// One processed input item: an article, a failure, or an article of a language not asked for.
struct Row {
    origin: String,
    status: &'static str,
    reason: Option<String>,
    message: Option<String>,
    id: Option<String>,
    language: Option<String>,
    date: String,
    words: i64,
    record: Option<String>,
    gkg: Option<String>,
    signature: Option<Vec<u32>>,
}

/// The short, countable reason of a failure: the stage and the kind of error.
fn failure_reason(error: &PipelineError) -> String {
    match error {
        PipelineError::Source(SourceError { kind, .. }) => {
            let kind = match kind {
                SourceErrorKind::Io(_) => "io",
                SourceErrorKind::Unsupported => "unsupported",
                SourceErrorKind::Jsonl(_) => "jsonl",
                SourceErrorKind::Warc(_) => "warc",
                SourceErrorKind::Gzip(_) => "gzip",
                SourceErrorKind::TooLarge { .. } => "too_large",
                SourceErrorKind::NotAFeed | SourceErrorKind::FeedItem(_) => "feed",
            };
            format!("source:{kind}")
        }
        PipelineError::Extract { error, .. } => {
            let kind = match error {
                ExtractError::Empty => "empty",
                ExtractError::Binary(_) => "binary",
                ExtractError::NoText => "no_text",
            };
            format!("clean:{kind}")
        }
        PipelineError::Internal { .. } => "clean:internal".into(),
        PipelineError::Load { stage, .. } => format!("load:{stage}"),
    }
}

/// The partition day of an article: `YYYY-MM-DD` of its publication date, else `unknown`.
fn partition_date(article: &Article) -> String {
    let day: Option<&str> = article.published.as_ref().and_then(|p| p.value.get(..10));
    match day {
        Some(d) if is_day(d) => d.to_string(),
        _ => UNKNOWN_DATE.to_string(),
    }
}

fn is_day(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Everything the job keeps of one input item. `seq` numbers the GKG record.
fn process_item(
    pipeline: &Pipeline,
    item: Result<Input, SourceError>,
    languages: Option<&[String]>,
    seq: i64,
    fallback_time: i64,
) -> Row {
    let origin = match &item {
        Ok(input) => input.origin(),
        Err(err) => err.origin.clone(),
    };
    let cleaned = item.map_err(PipelineError::from).and_then(|input| pipeline.clean(input, &Overrides::default()));
    let mut article = match cleaned {
        Ok(article) => article,
        Err(error) => {
            let record = error_record(&error);
            return Row {
                origin,
                status: "failed",
                reason: Some(failure_reason(&error)),
                message: Some(error.to_string()),
                id: Some(record.id.0.clone()),
                language: None,
                date: UNKNOWN_DATE.to_string(),
                words: 0,
                record: serde_json::to_string(&record).ok(),
                gkg: None,
                signature: None,
            };
        }
    };
    let language = article.language.clone();
    let wanted = languages.is_none_or(|list| list.iter().any(|l| Some(l.as_str()) == language.as_deref()));
    let date = partition_date(&article);
    if !wanted {
        // Not annotated, not kept: counted by language in the summary only.
        return Row {
            origin,
            status: "filtered",
            reason: None,
            message: None,
            id: Some(article.id.0.clone()),
            language,
            date,
            words: 0,
            record: None,
            gkg: None,
            signature: None,
        };
    }
    pipeline.annotate(&mut article);
    let words = article.tone.map_or_else(|| article.text.split_whitespace().count(), |t| t.words) as i64;
    let (status, reason, message, record) = match serde_json::to_string(&article) {
        Ok(json) => ("ok", None, None, Some(json)),
        Err(e) => ("failed", Some("record:json".to_string()), Some(format!("{origin}: {e}")), None),
    };
    Row {
        status,
        reason,
        message,
        id: Some(article.id.0.clone()),
        language,
        date,
        words,
        record,
        gkg: Some(gkg_row(&article, seq.max(0) as u64, fallback_time)),
        signature: dedup::signature(&article.text),
        origin,
    }
}

/// The rows of one batch as an Arrow IPC stream (one record batch).
fn to_ipc(rows: &[Row], first_seq: i64) -> Result<Vec<u8>, arrow_schema::ArrowError> {
    let mut seq = Int64Builder::new();
    let mut strings: Vec<StringBuilder> = (0..9).map(|_| StringBuilder::new()).collect();
    let mut words = Int64Builder::new();
    let mut signature = ListBuilder::new(Int64Builder::new());
    let mut band_keys = ListBuilder::new(Int64Builder::new());
    for (n, row) in rows.iter().enumerate() {
        seq.append_value(first_seq + n as i64);
        let values = [
            Some(row.origin.as_str()),
            Some(row.status),
            row.reason.as_deref(),
            row.message.as_deref(),
            row.id.as_deref(),
            row.language.as_deref(),
            Some(row.date.as_str()),
            row.record.as_deref(),
            row.gkg.as_deref(),
        ];
        for (builder, value) in strings.iter_mut().zip(values) {
            builder.append_option(value);
        }
        words.append_value(row.words);
        match &row.signature {
            Some(sig) => {
                signature.values().append_slice(&sig.iter().map(|&v| i64::from(v)).collect::<Vec<_>>());
                signature.append(true);
                band_keys.values().append_slice(&dedup::band_keys(sig));
                band_keys.append(true);
            }
            None => {
                signature.append(false);
                band_keys.append(false);
            }
        }
    }
    let mut s = strings.into_iter().map(|mut b| Arc::new(b.finish()) as ArrayRef);
    let mut next = || s.next().ok_or_else(|| arrow_schema::ArrowError::SchemaError("columns".into()));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(seq.finish()),
        next()?,
        next()?,
        next()?,
        next()?,
        next()?,
        next()?,
        next()?,
        Arc::new(words.finish()),
        next()?,
        next()?,
        Arc::new(signature.finish()),
        Arc::new(band_keys.finish()),
    ];
    let schema = row_schema();
    let batch = RecordBatch::try_new(schema.clone(), columns)?;
    let mut out = Vec::new();
    let mut writer = StreamWriter::try_new(&mut out, &schema)?;
    writer.write(&batch)?;
    writer.finish()?;
    drop(writer);
    Ok(out)
}

/// A Python binary file object (`.read(n)`) as a [`Read`]; each read takes the GIL.
struct PyFileReader {
    file: Py<PyAny>,
}

impl Read for PyFileReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        Python::with_gil(|py| {
            let chunk =
                self.file.bind(py).call_method1("read", (buf.len(),)).map_err(|e| io::Error::other(e.to_string()))?;
            if chunk.is_none() {
                return Err(io::Error::new(io::ErrorKind::WouldBlock, "the file object returned None"));
            }
            let bytes = chunk.downcast::<PyBytes>().map_err(|_| {
                io::Error::new(io::ErrorKind::InvalidData, "the file object's read() must return bytes")
            })?;
            let data = bytes.as_bytes();
            let n = data.len().min(buf.len());
            buf[..n].copy_from_slice(&data[..n]);
            Ok(n)
        })
    }
}

type Items = Box<dyn Iterator<Item = Result<Input, SourceError>>>;

/// The processed records of one input file, as Arrow IPC batches (`bytes`).
///
/// `RecordStream(pipeline, source, name=None, first_seq=0, batch=32, threads=1,
/// limit=None, languages=None, fallback_time=0)`: `source` is a path or a binary
/// file object (then `name` gives the file name that decides the format and the
/// records' origin). Rows are numbered from `first_seq` in input order. At most
/// `limit` articles are kept (failures and other languages do not count);
/// `languages` keeps the articles in those languages (ISO 639-1 codes), the
/// others are rows with status `filtered`. The file is read lazily: only one
/// batch of records is in memory at a time.
#[pyclass(unsendable, module = "newsgraph._newsgraph")]
pub(crate) struct RecordStream {
    items: Items,
    pipeline: Py<PyPipeline>,
    batch: usize,
    pool: Option<rayon::ThreadPool>,
    limit: Option<u64>,
    languages: Option<Vec<String>>,
    next_seq: i64,
    kept: u64,
    fallback_time: i64,
}

#[pymethods]
impl RecordStream {
    #[new]
    #[pyo3(signature = (pipeline, source, name=None, first_seq=0, batch=32, threads=1, limit=None, languages=None, fallback_time=0))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        pipeline: Py<PyPipeline>,
        source: &Bound<'_, PyAny>,
        name: Option<String>,
        first_seq: i64,
        batch: usize,
        threads: usize,
        limit: Option<u64>,
        languages: Option<Vec<String>>,
        fallback_time: i64,
    ) -> PyResult<Self> {
        let items: Items = if source.hasattr("read")? {
            let name = name.ok_or_else(|| PyValueError::new_err("a file object needs name= (its file name)"))?;
            let reader = PyFileReader { file: source.clone().unbind() };
            Box::new(newsgraph_source::read_stream(&name, Box::new(reader)))
        } else {
            let path: std::path::PathBuf = source.extract()?;
            let name = name.unwrap_or_else(|| path.display().to_string());
            let file = std::fs::File::open(Path::new(&path))
                .map_err(|e| PyOSError::new_err(format!("{}: cannot read: {e}", path.display())))?;
            Box::new(newsgraph_source::read_stream(&name, Box::new(file)))
        };
        let pool = if threads > 1 {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| PyOSError::new_err(format!("cannot start {threads} threads: {e}")))?;
            Some(pool)
        } else {
            None
        };
        let languages = languages.map(|l| l.into_iter().map(|s| s.trim().to_ascii_lowercase()).collect());
        Ok(RecordStream {
            items,
            pipeline,
            batch: batch.max(1),
            pool,
            limit,
            languages,
            next_seq: first_seq,
            kept: 0,
            fallback_time,
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The next batch as Arrow IPC stream bytes, or `StopIteration` at the end of the file.
    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyBytes>>> {
        if self.limit.is_some_and(|limit| self.kept >= limit) {
            return Ok(None);
        }
        // Reading may call back into Python (file objects): it runs under the GIL.
        let todo: Vec<_> = self.items.by_ref().take(self.batch).collect();
        if todo.is_empty() {
            return Ok(None);
        }
        let pipeline: &Pipeline = self.pipeline.get().pipeline()?;
        let languages = self.languages.as_deref();
        let (first, fallback) = (self.next_seq, self.fallback_time);
        let pool = self.pool.as_ref();
        let mut rows: Vec<Row> = py.allow_threads(|| {
            let work = |(n, item): (usize, Result<Input, SourceError>)| {
                process_item(pipeline, item, languages, first + n as i64, fallback)
            };
            match pool {
                Some(pool) => pool.install(|| todo.into_par_iter().enumerate().map(work).collect()),
                None => todo.into_iter().enumerate().map(work).collect(),
            }
        });
        if let Some(limit) = self.limit {
            // Keep rows up to the limit-th article; the rest of the file is not read.
            let mut kept = self.kept;
            let end = rows
                .iter()
                .position(|r| {
                    if r.status == "ok" {
                        kept += 1;
                    }
                    kept > limit
                })
                .unwrap_or(rows.len());
            rows.truncate(end);
        }
        self.kept += rows.iter().filter(|r| r.status == "ok").count() as u64;
        self.next_seq += rows.len() as i64;
        let ipc = to_ipc(&rows, first).map_err(|e| PyValueError::new_err(format!("arrow: {e}")))?;
        Ok(Some(PyBytes::new(py, &ipc)))
    }
}

/// The store's MinHash signature of a text (64 values) and its LSH band keys,
/// or `None` for a text without words.
#[pyfunction]
fn minhash(text: &str) -> Option<(Vec<u32>, Vec<i64>)> {
    let signature = dedup::signature(text)?;
    let keys = dedup::band_keys(&signature);
    Some((signature, keys))
}

/// The estimated Jaccard similarity of two signatures, as the store computes it.
#[pyfunction]
fn minhash_similarity(a: Vec<u32>, b: Vec<u32>) -> f64 {
    dedup::similarity(&a, &b)
}

/// The GDELT GKG 2.1 row (27 tab-separated columns, no newline) of a JSON record.
#[pyfunction]
#[pyo3(signature = (record, n, fallback_time=0))]
fn gkg(record: &str, n: u64, fallback_time: i64) -> PyResult<String> {
    let article: Article =
        serde_json::from_str(record).map_err(|e| PyValueError::new_err(format!("not a newsgraph record: {e}")))?;
    Ok(gkg_row(&article, n, fallback_time))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<RecordStream>()?;
    m.add_function(wrap_pyfunction!(minhash, m)?)?;
    m.add_function(wrap_pyfunction!(minhash_similarity, m)?)?;
    m.add_function(wrap_pyfunction!(gkg, m)?)?;
    m.add("NEAR_JACCARD", dedup::NEAR_JACCARD)?;
    m.add("SIGNATURE_LEN", dedup::SIGNATURE_LEN)?;
    m.add("GKG_COLUMNS", newsgraph_store::export::GKG_COLUMNS.to_vec())?;
    m.add("RECORD_STREAM_COLUMNS", ROW_COLUMNS.to_vec())?;
    Ok(())
}
