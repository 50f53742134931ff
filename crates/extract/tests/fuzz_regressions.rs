//! Inputs the `extract` fuzz target found interesting (corpus entries), replayed without
//! the fuzzer: each is cleaned as HTML and as a text scrape, and every record that
//! comes back must be well formed.

use newsgraph_extract::Cleaner;
use newsgraph_model::{Article, SourceFormat};
use newsgraph_source::Page;

fn clean(bytes: &[u8], format: SourceFormat) -> Option<Article> {
    let page = Page { bytes: bytes.to_vec(), format, ..Page::default() };
    Cleaner::new().clean(&page).ok()
}

/// What every record must satisfy, whatever the input.
fn check(article: &Article) {
    assert!(!article.text.trim().is_empty());
    let chars = article.text.chars().count();
    for section in &article.sections {
        assert!(section.start < chars, "{section:?} past the end ({chars})");
        assert!(!section.heading.trim().is_empty());
    }
    for removed in &article.removed {
        assert!(!removed.text.is_empty());
    }
    if let Some(published) = &article.published {
        let v = published.value.as_bytes();
        assert!(v.len() >= 10 && v[4] == b'-' && v[7] == b'-', "{published:?}");
    }
}

fn replay(bytes: &[u8]) -> [Option<Article>; 2] {
    let both = [clean(bytes, SourceFormat::Html), clean(bytes, SourceFormat::Text)];
    both.iter().flatten().for_each(check);
    both
}

#[test]
fn a_mutated_seed_still_gives_its_title_and_dateline() {
    let [_, text] = replay(include_bytes!("fuzz/seed-mutated"));
    // Invalid UTF-8 in the middle makes the page decode as a legacy charset: the
    // layout rules must still find the furniture.
    let article = text.expect("a record");
    assert_eq!(article.title.as_deref(), Some("Russian, US presidents set to discuss Ukraine crisis"));
    assert_eq!(article.published.map(|p| p.value).as_deref(), Some("2021-12-29T16:06"));
    assert!(!article.text.contains("Search"));
    assert!(!article.text.contains("Thank you for reading"));
}

#[test]
fn a_seed_cut_mid_word_with_repeated_spam() {
    let [_, text] = replay(include_bytes!("fuzz/seed-spam-twice"));
    if let Some(article) = text {
        assert!(!article.text.contains('\u{871c}'), "CJK spam left in: {}", article.text);
    }
}

#[test]
fn broken_tags_and_invalid_utf8() {
    replay(include_bytes!("fuzz/broken-tags-invalid-utf8"));
}

#[test]
fn a_page_of_one_cjk_line() {
    replay(include_bytes!("fuzz/cjk-line-only"));
}

#[test]
fn a_broken_meta_charset() {
    replay(include_bytes!("fuzz/broken-meta-charset"));
}
