//! `newsgraph eval quotes`: PolNeAR dev (source/cue/content spans, speaker accuracy).

use super::EvalOptions;

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let _data = super::data_dir(options)?;
    anyhow::bail!("the quotes evaluation is not built yet")
}
