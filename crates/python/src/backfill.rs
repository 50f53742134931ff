//! What the Spark job needs from Rust: WARC records streamed from a file, and
//! the store's MinHash signature and band keys for near-duplicates.

use pyo3::prelude::*;

pub(crate) fn register(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}
