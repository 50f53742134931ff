//! Reported numbers with qualifier, counted object and kind.

use newsgraph_model::{Article, Stage};

#[derive(Debug, Default)]
pub struct Counts {}

impl Counts {
    pub fn new() -> Self {
        Counts {}
    }
}

impl Stage for Counts {
    fn name(&self) -> &'static str {
        "counts"
    }

    fn annotate(&self, _article: &mut Article) {}
}
