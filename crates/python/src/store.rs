//! `newsgraph.Store`: an embedded store (made by `newsgraph ingest`) opened for
//! reading, so a notebook can search what the CLI ingested.
//!
//! It opens the store as `newsgraph search` does (read-only, beside a running
//! ingest or server) and returns the same JSON as `newsgraph search --json`,
//! as dicts. It does not ingest or change the store.

use newsgraph_model::calendar::RecordDate;
use newsgraph_store::{EmbeddedStore, SearchQuery, Store};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use serde::Serialize;

use crate::NewsgraphError;

#[pyclass(name = "Store", module = "newsgraph._newsgraph", frozen)]
pub(crate) struct PyStore {
    store: EmbeddedStore,
    path: String,
}

/// A serializable value as the Python value of its JSON.
fn to_python<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_string(value).map_err(|e| NewsgraphError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (json,))
}

/// A `from_`/`to` bound checked as the CLI's `--from`/`--to` are.
fn day(value: Option<String>, name: &str) -> PyResult<Option<String>> {
    value
        .map(|v| RecordDate::parse(v.trim()).map(|d| d.as_str().to_string()))
        .transpose()
        .map_err(|e| PyValueError::new_err(format!("{name}: {e}")))
}

fn store_error(error: newsgraph_store::StoreError) -> PyErr {
    NewsgraphError::new_err(error.to_string())
}

#[pymethods]
impl PyStore {
    /// Store(path): opens the store in `path` (a `newsgraph ingest --data` folder) for reading.
    #[new]
    fn new(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let store = py
            .allow_threads(|| EmbeddedStore::open_read_only(&path))
            .map_err(|e| NewsgraphError::new_err(format!("cannot open the store in {}: {e}", path.display())))?;
        Ok(PyStore { store, path: path.display().to_string() })
    }

    /// Notices the store gave when it was opened (an index to rebuild, ...).
    #[getter]
    fn notices(&self) -> Vec<String> {
        self.store.notices().iter().map(|n| n.to_string()).collect()
    }

    /// search(query="", limit=20, ...) -> {"total", "hits", "facets"}, as `newsgraph search --json`.
    #[pyo3(signature = (query = "", limit = 20, offset = 0, *, from_ = None, to = None, entity = None,
                        country = None, site = None, event_type = None, speaker = None, language = None,
                        facets = false))]
    #[allow(clippy::too_many_arguments)]
    fn search<'py>(
        &self,
        py: Python<'py>,
        query: &str,
        limit: usize,
        offset: usize,
        from_: Option<String>,
        to: Option<String>,
        entity: Option<String>,
        country: Option<String>,
        site: Option<String>,
        event_type: Option<String>,
        speaker: Option<String>,
        language: Option<String>,
        facets: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let query = SearchQuery {
            text: query.to_string(),
            from: day(from_, "from_")?,
            to: day(to, "to")?,
            entity,
            country,
            site,
            event_type,
            speaker,
            language,
            theme: None,
            page_type: None,
            offset,
            limit,
            facets,
        };
        let results = py.allow_threads(|| self.store.search(&query)).map_err(store_error)?;
        to_python(py, &results)
    }

    /// get(id) -> the stored record (a dict, as `newsgraph export --format jsonl` writes it) or None.
    fn get<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        match py.allow_threads(|| self.store.get(id)).map_err(store_error)? {
            Some(article) => to_python(py, &article).map(Some),
            None => Ok(None),
        }
    }

    /// The number of stored articles.
    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        let count = py.allow_threads(|| self.store.count()).map_err(store_error)?;
        Ok(count as usize)
    }

    fn __repr__(&self) -> String {
        format!("Store({:?})", self.path)
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyStore>()
}
