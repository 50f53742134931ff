//! `newsgraph eval times`: TimeBank + AQUAINT TIMEX3 extent and value F1.

use super::EvalOptions;

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let _data = super::data_dir(options)?;
    anyhow::bail!("the times evaluation is not built yet")
}
