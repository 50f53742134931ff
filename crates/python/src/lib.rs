//! The `newsgraph` Python package's native part (`newsgraph._newsgraph`).
//!
//! It links the same [`newsgraph_pipeline::Pipeline`] as the binary and exposes
//! it to CPython through PyO3; nothing of the pipeline is written again in
//! Python. The pure-Python part (`python/newsgraph/`) adds the typed facade,
//! Arrow helpers and the Spark backfill job. It does not parse arguments or
//! print: errors become Python exceptions carrying the CLI's messages.

use pyo3::prelude::*;

mod api;
mod arrow;
mod backfill;
mod ingest;
mod pages;
mod pipeline;
mod store;

// The package's one error type: a page that cannot be read or cleaned, a store
// that cannot be opened. Its message is the CLI's.
pyo3::create_exception!(
    _newsgraph,
    NewsgraphError,
    pyo3::exceptions::PyException,
    "A page, record or store newsgraph could not handle; the message is the CLI's."
);

#[pymodule]
fn _newsgraph(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    api::register(m)?;
    backfill::register(m)?;
    Ok(())
}
