//! GDELT-style tone from a sentiment lexicon.

use newsgraph_model::{Article, Stage};

#[derive(Debug, Default)]
pub struct ToneScorer {}

impl ToneScorer {
    pub fn new() -> Self {
        ToneScorer {}
    }
}

impl Stage for ToneScorer {
    fn name(&self) -> &'static str {
        "tone"
    }

    fn annotate(&self, _article: &mut Article) {}
}
