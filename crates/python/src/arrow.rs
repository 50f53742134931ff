//! Arrow tables for Python: the store's columnar builder
//! ([`newsgraph_store::export::record_batch`]) writes each table as an Arrow IPC
//! stream, which `pyarrow.ipc.open_stream` maps without copying through Python
//! objects. The schemas are those of `newsgraph export --format parquet`.
//!
//! pyarrow is optional: it is imported only when tables are asked for, by the
//! pure-Python side (`newsgraph/_arrow.py`).

use arrow_ipc::writer::StreamWriter;
use newsgraph_model::Article;
use newsgraph_store::export::{record_batch, table_schema, Table};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use crate::NewsgraphError;

/// One table as Arrow IPC stream bytes (schema, one batch, end marker).
fn ipc_stream(table: Table, articles: &[Article]) -> Result<Vec<u8>, String> {
    let batch = record_batch(table, articles).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    let mut writer = StreamWriter::try_new(&mut bytes, &table_schema(table)).map_err(|e| e.to_string())?;
    writer.write(&batch).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    drop(writer);
    Ok(bytes)
}

/// `{table name: IPC stream bytes}` for the tables asked for (all by default).
fn ipc_tables<'py>(py: Python<'py>, articles: &[Article], names: Option<Vec<String>>) -> PyResult<Bound<'py, PyDict>> {
    let tables: Vec<Table> = match names {
        Some(names) => {
            names.iter().map(|n| n.parse::<Table>().map_err(PyValueError::new_err)).collect::<PyResult<_>>()?
        }
        None => Table::ALL.to_vec(),
    };
    let streams = py.allow_threads(|| {
        tables.iter().map(|&t| ipc_stream(t, articles).map(|b| (t.name(), b))).collect::<Result<Vec<_>, _>>()
    });
    let out = PyDict::new(py);
    for (name, bytes) in streams.map_err(NewsgraphError::new_err)? {
        out.set_item(name, PyBytes::new(py, &bytes))?;
    }
    Ok(out)
}

/// `{table name: pyarrow.Table}` of articles already in Rust (`process_many(as_arrow=True)`).
pub(crate) fn tables<'py>(py: Python<'py>, articles: &[Article]) -> PyResult<Bound<'py, PyAny>> {
    let streams = ipc_tables(py, articles, None)?;
    py.import("newsgraph._arrow")?.call_method1("tables_from_ipc", (streams,))
}

/// Reads records (dicts as the pipeline returns them, or their JSON text) back into articles.
fn articles_of(records: &Bound<'_, PyAny>) -> PyResult<Vec<Article>> {
    let py = records.py();
    let json = py.import("json")?;
    let mut articles = Vec::new();
    for (i, record) in records.try_iter()?.enumerate() {
        let record = record?;
        let text: String = if let Ok(s) = record.downcast::<PyString>() {
            s.to_cow()?.into_owned()
        } else if record.downcast::<PyDict>().is_ok() {
            json.call_method1("dumps", (&record,))?.extract()?
        } else {
            let kind = record.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
            return Err(PyTypeError::new_err(format!("record {i}: expected a record dict, not {kind}")));
        };
        let article: Article = serde_json::from_str(&text)
            .map_err(|e| NewsgraphError::new_err(format!("record {i}: not a newsgraph record: {e}")))?;
        articles.push(article);
    }
    Ok(articles)
}

/// arrow_ipc(records, tables=None) -> dict[str, bytes]: the tables of records as Arrow IPC streams.
#[pyfunction]
#[pyo3(name = "arrow_ipc", signature = (records, tables = None))]
fn ipc_of_records<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    tables: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyDict>> {
    let articles = articles_of(records)?;
    ipc_tables(py, &articles, tables)
}

/// The names of the tables, `articles` first.
#[pyfunction]
fn table_names() -> Vec<&'static str> {
    Table::ALL.iter().map(|t| t.name()).collect()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(ipc_of_records, m)?)?;
    m.add_function(wrap_pyfunction!(table_names, m)?)?;
    Ok(())
}
