//! The linker reads the text layer (tokens, sentences) that the nlp stage leaves on the
//! article; these tests give it that layer and their own hand-made NER spans.

use std::sync::OnceLock;

use newsgraph_kb::Linker;
use newsgraph_model::{Article, ByteSpan, EntityType, NerSpan, Stage};
use newsgraph_nlp::Nlp;

/// Fills `article`'s text layer as the pipeline would, then links its NER spans.
pub fn link(linker: &Linker, article: &mut Article) {
    static NLP: OnceLock<Nlp> = OnceLock::new();
    let layer = NLP.get_or_init(|| Nlp::load().expect("the nlp model loads")).segment(&article.text);
    article.analysis.tokens = layer.tokens;
    article.analysis.sentences = layer.sentences;
    linker.annotate(article);
}

/// Links `text` (in `language`, confidently, when given) with the given (name, label)
/// NER spans, found in order; returns every mention as (text, type, GeoNames id of its place).
#[allow(dead_code)] // not every test file uses it
pub fn link_spans(
    language: Option<&str>,
    text: &str,
    names: &[(&str, EntityType)],
) -> Vec<(String, EntityType, Option<u32>)> {
    let linker = Linker::load().expect("the linker loads");
    let mut article = Article::from_text("t", text);
    article.language = language.map(str::to_string);
    article.language_confidence = language.map(|_| 0.95);
    let mut from = 0;
    for &(name, label) in names {
        let start = text[from..].find(name).unwrap() + from;
        article.analysis.ner.push(NerSpan {
            span: ByteSpan::new(start, start + name.len()),
            label,
            first_token: 0,
            end_token: 0,
        });
        from = start + name.len();
    }
    link(&linker, &mut article);
    let mut out: Vec<(usize, String, EntityType, Option<u32>)> = article
        .entities
        .iter()
        .flat_map(|e| {
            let place = article.places.iter().find(|p| p.entity == e.id).and_then(|p| p.geonames);
            e.mentions.iter().map(move |m| (m.span.start(), m.text.clone(), e.kind, place))
        })
        .collect();
    out.sort_by_key(|m| m.0);
    out.into_iter().map(|(_, t, k, g)| (t, k, g)).collect()
}
