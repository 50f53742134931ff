//! `newsgraph eval ner`: GUM news (typed, head-in-span) and UNER EWT dev (exact span).

use super::EvalOptions;

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let _data = super::data_dir(options)?;
    anyhow::bail!("the ner evaluation is not built yet")
}
