//! The linker reads the text layer (tokens, sentences) that the nlp stage leaves on the
//! article; these tests give it that layer and their own hand-made NER spans.

use std::sync::OnceLock;

use newsgraph_kb::Linker;
use newsgraph_model::{Article, Stage};
use newsgraph_nlp::Nlp;

/// Fills `article`'s text layer as the pipeline would, then links its NER spans.
pub fn link(linker: &Linker, article: &mut Article) {
    static NLP: OnceLock<Nlp> = OnceLock::new();
    let layer = NLP.get_or_init(|| Nlp::load().expect("the nlp model loads")).segment(&article.text);
    article.analysis.tokens = layer.tokens;
    article.analysis.sentences = layer.sentences;
    linker.annotate(article);
}
