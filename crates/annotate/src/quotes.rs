//! Direct, indirect and mixed quotes with cue and speaker.

use newsgraph_model::{Article, Stage};

#[derive(Debug, Default)]
pub struct Quotes {}

impl Quotes {
    pub fn new() -> Self {
        Quotes {}
    }
}

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn annotate(&self, _article: &mut Article) {}
}
