//! `newsgraph eval events`: PLOVER GSR sentences and the PETRARCH2 unit tests.

use super::EvalOptions;

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let _data = super::data_dir(options)?;
    anyhow::bail!("the events evaluation is not built yet")
}
