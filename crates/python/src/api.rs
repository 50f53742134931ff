//! Registers what the package offers: `extract`, `Pipeline`, `Store`, `ingest`,
//! Arrow tables and the `NewsgraphError` exception.

use pyo3::prelude::*;

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("NewsgraphError", m.py().get_type::<crate::NewsgraphError>())?;
    crate::pipeline::register(m)?;
    crate::arrow::register(m)?;
    crate::store::register(m)?;
    crate::ingest::register(m)?;
    Ok(())
}
