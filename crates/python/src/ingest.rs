//! `newsgraph.ingest`: the CLI's `newsgraph ingest` run (the `newsgraph-ingest`
//! crate) from Python, so a notebook or the Spark driver can fill a store (pages,
//! WARCs, feeds, URLs, or the job's Parquet output) and then read it with
//! `newsgraph.Store`. It prints nothing and draws no progress bar: the summary
//! comes back as a dict.

use newsgraph_ingest::{Config, DateRange, Quiet, Summary};
use newsgraph_model::calendar::RecordDate;
use newsgraph_store::EmbeddedStore;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::pages::layer_of;
use crate::NewsgraphError;

fn day(value: Option<&str>, name: &str) -> PyResult<Option<RecordDate>> {
    value.map(|v| RecordDate::parse(v.trim())).transpose().map_err(|e| PyValueError::new_err(format!("{name}: {e}")))
}

/// ingest(inputs, data="newsgraph-data", stages="all", from_=None, to=None) -> dict
///
/// Runs `newsgraph ingest --data DATA INPUTS...`: files, folders, feeds, URLs
/// and Parquet output (`from_`/`to` select Parquet records by day) go into the
/// store in `data`, made if missing. A failing input does not raise: it is
/// counted in the summary (`failed`, `reasons`), as on the CLI. Returns the
/// counts and `summary`, the lines the CLI prints at the end.
#[pyfunction]
#[pyo3(signature = (inputs, data = std::path::PathBuf::from("newsgraph-data"), stages = "all", from_ = None, to = None))]
pub(crate) fn ingest<'py>(
    py: Python<'py>,
    inputs: Vec<String>,
    data: std::path::PathBuf,
    stages: &str,
    from_: Option<&str>,
    to: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    let (from, to) = (day(from_, "from_")?, day(to, "to")?);
    if let (Some(from), Some(to)) = (&from, &to) {
        if from.date() > to.date() {
            return Err(PyValueError::new_err(format!("from_ {} is after to {}", from.as_str(), to.as_str())));
        }
    }
    let config = Config {
        data_dir: data.clone(),
        layer: layer_of(stages)?,
        dates: DateRange::new(from.as_ref(), to.as_ref()),
        inputs,
        ..Config::default()
    };
    let summary = py
        .allow_threads(|| -> Result<Summary, String> {
            let store =
                EmbeddedStore::open(&data).map_err(|e| format!("cannot open the store in {}: {e}", data.display()))?;
            newsgraph_ingest::run(&config, &store, &Quiet).map_err(|e| e.to_string())
        })
        .map_err(NewsgraphError::new_err)?;
    summary_dict(py, &summary)
}

fn summary_dict<'py>(py: Python<'py>, summary: &Summary) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("new", summary.new)?;
    dict.set_item("duplicate", summary.duplicate)?;
    dict.set_item("resumed", summary.resumed)?;
    dict.set_item("not_modified", summary.not_modified)?;
    dict.set_item("out_of_range", summary.out_of_range)?;
    dict.set_item("failed", summary.failed)?;
    dict.set_item("words", summary.words)?;
    dict.set_item("stored", summary.stored)?;
    dict.set_item("seconds", summary.elapsed.as_secs_f64())?;
    let reasons = PyDict::new(py);
    for (reason, (count, example)) in &summary.reasons {
        reasons.set_item(reason, (count, example))?;
    }
    dict.set_item("reasons", reasons)?;
    dict.set_item("clean_only", summary.clean_only.clone())?;
    dict.set_item("summary", summary.to_string())?;
    Ok(dict)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(ingest, m)?)
}
