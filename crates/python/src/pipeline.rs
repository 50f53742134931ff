//! `newsgraph.Pipeline` and `newsgraph.extract`: the binary's pipeline, called
//! from Python.
//!
//! The stages load on first use, not when the object is made, so
//! `newsgraph.Pipeline()` is cheap; after that one value serves any number of
//! calls and threads. Records are the CLI's JSON records (serialized by
//! serde_json, then `json.loads`), so they match `newsgraph extract` field for
//! field. Pipeline work runs with the GIL released. This module does not read
//! files or URLs: the caller hands over the page itself.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use newsgraph_model::{Article, Layer};
use newsgraph_pipeline::{error_record, Overrides, Pipeline, PipelineError};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rayon::prelude::*;

use crate::pages::{layer_of, overrides, page_input, PageInput};
use crate::NewsgraphError;

/// Pages converted and processed at a time by `process_many`: enough to keep
/// every thread busy, few enough that a generator is not read all at once.
const BATCH: usize = 256;

/// The stages up to a layer, loaded once on first use and shared across threads.
#[pyclass(name = "Pipeline", module = "newsgraph._newsgraph", frozen)]
pub(crate) struct PyPipeline {
    layer: Layer,
    // A failed load is kept too: loading is deterministic, retrying would fail the same way.
    loaded: OnceLock<Result<Pipeline, String>>,
}

impl PyPipeline {
    /// The loaded pipeline, loading it on the first call. Loading takes a while:
    /// call it inside `py.allow_threads` when other Python threads should run meanwhile.
    pub(crate) fn pipeline(&self) -> PyResult<&Pipeline> {
        let loaded = self.loaded.get_or_init(|| match catch_unwind(AssertUnwindSafe(|| Pipeline::load(self.layer))) {
            Ok(Ok(pipeline)) => Ok(pipeline),
            Ok(Err(error)) => Err(error.to_string()),
            Err(_) => Err(format!("cannot load the {:?} stages: internal error", self.layer)),
        });
        loaded.as_ref().map_err(|message| NewsgraphError::new_err(message.clone()))
    }

    /// Processes every page, in input order, on a pool of `threads`, without the GIL.
    /// Each slot holds the article or the CLI's error record for that page.
    fn run_many(
        &self,
        py: Python<'_>,
        pages: Vec<PageInput>,
        overrides: &Overrides,
        pool: &rayon::ThreadPool,
    ) -> PyResult<Vec<Article>> {
        let pipeline = py.allow_threads(|| self.pipeline())?;
        Ok(py.allow_threads(|| {
            pool.install(|| pages.into_par_iter().map(|page| run_one(pipeline, page, overrides)).collect())
        }))
    }
}

/// One page through the pipeline; a failure (or a panic) becomes its error record.
fn run_one(pipeline: &Pipeline, page: PageInput, overrides: &Overrides) -> Article {
    match process_guarded(pipeline, page, overrides) {
        Ok(article) => article,
        Err(error) => error_record(&error),
    }
}

/// [`Pipeline::process`], with a panic outside the stages' own guards turned into an error.
fn process_guarded(pipeline: &Pipeline, page: PageInput, overrides: &Overrides) -> Result<Article, PipelineError> {
    let input = page?;
    let origin = input.origin();
    catch_unwind(AssertUnwindSafe(|| pipeline.process(input, overrides)))
        .unwrap_or_else(|_| Err(PipelineError::Internal { origin, message: "panic".into() }))
}

/// A record as the Python dict of its CLI JSON.
pub(crate) fn record_dict<'py>(py: Python<'py>, article: &Article) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_string(article).map_err(|e| NewsgraphError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (json,))
}

fn thread_pool(threads: Option<usize>) -> PyResult<rayon::ThreadPool> {
    let mut builder = rayon::ThreadPoolBuilder::new().thread_name(|i| format!("newsgraph-{i}"));
    if let Some(n) = threads {
        if n == 0 {
            return Err(pyo3::exceptions::PyValueError::new_err("threads must be at least 1"));
        }
        builder = builder.num_threads(n);
    }
    builder.build().map_err(|e| PyRuntimeError::new_err(format!("cannot start threads: {e}")))
}

#[pymethods]
impl PyPipeline {
    /// Pipeline(stages="all"): the stages up to `stages` (clean, entities, said,
    /// events or all, as the CLI's --stages). Models load on first use.
    #[new]
    #[pyo3(signature = (stages = "all"))]
    fn new(stages: &str) -> PyResult<Self> {
        Ok(PyPipeline { layer: layer_of(stages)?, loaded: OnceLock::new() })
    }

    /// The stages this pipeline runs up to: "clean", "entities", "said" or "events".
    #[getter]
    fn stages(&self) -> &'static str {
        match self.layer {
            Layer::Clean => "clean",
            Layer::Entities => "entities",
            Layer::Said => "said",
            Layer::Events => "events",
        }
    }

    /// Loads the models now rather than on the first page (to time loading apart).
    fn load(&self, py: Python<'_>) -> PyResult<()> {
        py.allow_threads(|| self.pipeline()).map(|_| ())
    }

    /// One page to one record (the CLI's JSON record as a dict). Raises
    /// NewsgraphError with the CLI's message when the page cannot be read or cleaned.
    #[pyo3(signature = (page, url = None, published = None))]
    fn process<'py>(
        &self,
        py: Python<'py>,
        page: &Bound<'py, PyAny>,
        url: Option<String>,
        published: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let overrides = overrides(url, published)?;
        let input = page_input(page)?;
        let pipeline = py.allow_threads(|| self.pipeline())?;
        let article = py
            .allow_threads(|| process_guarded(pipeline, input, &overrides))
            .map_err(|e| NewsgraphError::new_err(e.to_string()))?;
        record_dict(py, &article)
    }

    /// Many pages to records in input order, on `threads` threads (default: one per
    /// core) with the GIL released. A page that fails gives the CLI's error record
    /// (with `errors`) in its slot. With as_arrow=True, returns Arrow tables instead
    /// (as newsgraph.to_arrow).
    #[pyo3(signature = (pages, threads = None, as_arrow = false, url = None, published = None))]
    fn process_many<'py>(
        &self,
        py: Python<'py>,
        pages: &Bound<'py, PyAny>,
        threads: Option<usize>,
        as_arrow: bool,
        url: Option<String>,
        published: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let overrides = overrides(url, published)?;
        let pool = thread_pool(threads)?;
        let records = PyList::empty(py);
        let mut articles = Vec::new();
        let mut batch = Vec::with_capacity(BATCH);
        let mut pages = pages.try_iter()?;
        loop {
            let next = pages.next().transpose()?;
            if let Some(page) = &next {
                batch.push(page_input(page)?);
            }
            if batch.len() == BATCH || (next.is_none() && !batch.is_empty()) {
                let done = self.run_many(py, std::mem::take(&mut batch), &overrides, &pool)?;
                if as_arrow {
                    articles.extend(done);
                } else {
                    for article in &done {
                        records.append(record_dict(py, article)?)?;
                    }
                }
            }
            if next.is_none() {
                break;
            }
        }
        if as_arrow {
            return crate::arrow::tables(py, &articles);
        }
        Ok(records.into_any())
    }

    fn __repr__(&self) -> String {
        format!("Pipeline(stages={:?})", self.stages())
    }
}

/// extract(page, url=None, published=None, stages="all"): one page to one
/// record with a pipeline kept per `stages` for the process's lifetime.
#[pyfunction]
#[pyo3(signature = (page, url = None, published = None, stages = "all"))]
pub(crate) fn extract<'py>(
    py: Python<'py>,
    page: &Bound<'py, PyAny>,
    url: Option<String>,
    published: Option<String>,
    stages: &str,
) -> PyResult<Bound<'py, PyAny>> {
    static SHARED: [OnceLock<Py<PyPipeline>>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let layer = layer_of(stages)?;
    let slot = &SHARED[layer as usize];
    let pipeline = match slot.get() {
        Some(p) => p.clone_ref(py),
        None => {
            let made = Py::new(py, PyPipeline { layer, loaded: OnceLock::new() })?;
            slot.get_or_init(|| made).clone_ref(py)
        }
    };
    pipeline.get().process(py, page, url, published)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPipeline>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    Ok(())
}
