//! `newsgraph eval extraction`: AEB, trafilatura-eval and WCXB.

use super::EvalOptions;

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let data = super::data_dir(options)?;
    let _ = super::set_dir(&data, "extraction")?;
    anyhow::bail!("extraction evaluation is not built yet")
}
