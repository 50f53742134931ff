//! `newsgraph eval geo`: GeoVirus from raw text (acc@161 km, country accuracy).

use super::EvalOptions;

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let _data = super::data_dir(options)?;
    anyhow::bail!("the geo evaluation is not built yet")
}
