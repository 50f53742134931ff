//! Time expressions (DATE, TIME, DURATION, SET) normalised to TIMEX3 values.

use newsgraph_model::{Article, Stage};

#[derive(Debug, Default)]
pub struct Times {}

impl Times {
    pub fn new() -> Self {
        Times {}
    }
}

impl Stage for Times {
    fn name(&self) -> &'static str {
        "times"
    }

    fn annotate(&self, _article: &mut Article) {}
}
