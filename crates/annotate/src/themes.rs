//! Themes from a documented taxonomy of phrase rules, with evidence spans.

use newsgraph_model::{Article, Stage};

#[derive(Debug, Default)]
pub struct Themes {}

impl Themes {
    pub fn new() -> Self {
        Themes {}
    }
}

impl Stage for Themes {
    fn name(&self) -> &'static str {
        "themes"
    }

    fn annotate(&self, _article: &mut Article) {}
}
