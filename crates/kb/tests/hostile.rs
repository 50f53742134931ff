//! Bad input: nothing may panic, and work stays linear in the text's length.

mod common;

use std::time::Instant;

use newsgraph_kb::Linker;
use newsgraph_model::{Article, ByteSpan, EntityType, NerSpan};

#[test]
fn empty_and_broken_spans_do_not_panic() {
    let linker = Linker::load().unwrap();
    let mut empty = Article::from_text("e", "");
    common::link(&linker, &mut empty);
    assert!(empty.entities.is_empty() && empty.places.is_empty());

    // Spans past the end, inside a multi-byte char, reversed-empty, and in another script.
    let text = "Nausėda visited Київ and 北京.";
    let mut article = Article::from_text("b", text);
    let inside_e = text.find('ė').unwrap() + 1;
    let kyiv = text.find("Київ").unwrap();
    article.analysis.ner = vec![
        NerSpan { span: ByteSpan::new(0, inside_e), label: EntityType::Person, first_token: 0, end_token: 0 },
        NerSpan {
            span: ByteSpan::new(kyiv, kyiv + "Київ".len()),
            label: EntityType::Gpe,
            first_token: 9,
            end_token: 1,
        },
        NerSpan {
            span: ByteSpan::new(text.len() - 1, text.len() + 50),
            label: EntityType::Gpe,
            first_token: 0,
            end_token: 0,
        },
        NerSpan { span: ByteSpan::new(3, 3), label: EntityType::Org, first_token: 0, end_token: 0 },
    ];
    common::link(&linker, &mut article);
    assert_eq!(article.entities.len(), 1, "only the well-formed Cyrillic span survives: {:?}", article.entities);
}

fn tagged(repeats: usize) -> Article {
    let unit = "President Putin told Kyiv officials in Geneva Switzerland that NATO Secretary General Gitanas Nauseda would meet him ";
    let text = unit.repeat(repeats);
    let mut ner = Vec::new();
    for (offset, _) in text.match_indices("President") {
        for (name, label) in [
            ("Putin", EntityType::Person),
            ("Kyiv", EntityType::Person),
            ("Geneva", EntityType::Gpe),
            ("Switzerland", EntityType::Gpe),
            ("NATO", EntityType::Org),
            ("Gitanas Nauseda", EntityType::Person),
        ] {
            let at = offset + unit.find(name).unwrap_or(0);
            ner.push(NerSpan { span: ByteSpan::new(at, at + name.len()), label, first_token: 0, end_token: 0 });
        }
    }
    let mut article = Article::from_text("big", text);
    article.analysis.ner = ner;
    article
}

#[test]
fn a_long_paragraph_without_punctuation_links_in_linear_time() {
    let linker = Linker::load().unwrap();
    let mut small = tagged(2_000);
    let started = Instant::now();
    common::link(&linker, &mut small);
    let small_secs = started.elapsed().as_secs_f64();
    let mut big = tagged(16_000); // about 1.9 MB, 128,000 spans, one "sentence"
    let started = Instant::now();
    common::link(&linker, &mut big);
    let big_secs = started.elapsed().as_secs_f64();
    assert_eq!(big.entities.len(), small.entities.len(), "the same names merge into the same entities");
    assert!(big.entities.iter().any(|e| e.name == "Vladimir Putin"));
    // 8x the input: allow generous noise on a shared machine, but not quadratic growth (64x).
    assert!(big_secs < small_secs * 24.0 + 0.5, "small {small_secs:.3}s, big {big_secs:.3}s");

    // One 10,000-word span: no blow-up in title stripping or near-miss matching.
    let words = "word ".repeat(10_000);
    let mut article = Article::from_text("w", format!("President {words}"));
    let len = article.text.len();
    article.analysis.ner =
        vec![NerSpan { span: ByteSpan::new(10, len), label: EntityType::Person, first_token: 0, end_token: 0 }];
    common::link(&linker, &mut article);
    // A "person" of ordinary words is dropped by the type repair; either way, at most one entity.
    assert!(article.entities.len() <= 1);
}
