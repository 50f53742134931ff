//! The `newsgraph` Python package's native part (`newsgraph._newsgraph`).
//!
//! It links the same [`newsgraph_pipeline::Pipeline`] as the binary and exposes
//! it to CPython through PyO3; nothing of the pipeline is written again in
//! Python. The pure-Python part (`python/newsgraph/`) adds the typed facade,
//! Arrow helpers and the Spark backfill job. It does not parse arguments or
//! print: errors become Python exceptions carrying the CLI's messages.

use pyo3::prelude::*;

mod api;
mod backfill;

#[pymodule]
fn _newsgraph(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    api::register(m)?;
    backfill::register(m)?;
    Ok(())
}
