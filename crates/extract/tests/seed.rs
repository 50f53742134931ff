//! The seed page (a text scrape with spam and site chrome) against its hand-made gold record.

use newsgraph_extract::Cleaner;
use newsgraph_model::{RemovalReason, SourceFormat};
use newsgraph_source::Page;
use serde_json::Value;

const SEED: &str = include_str!("data/seed-article.txt");
const GOLD: &str = include_str!("data/seed-gold.json");

/// Gold strings are compared after whitespace normalisation (NBSP is a space).
fn norm(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|s| s.as_str()).map(norm).collect()).unwrap_or_default()
}

#[test]
fn seed_matches_gold_metadata_and_clean_text_rules() {
    let gold: Value = serde_json::from_str(GOLD).unwrap();
    let page = Page {
        bytes: SEED.as_bytes().to_vec(),
        path: Some("seed-article.txt".into()),
        format: SourceFormat::Text,
        ..Page::default()
    };
    let article = Cleaner::new().clean(&page).unwrap();
    let meta = &gold["metadata"];

    assert_eq!(article.title.as_deref().map(norm), meta["title"].as_str().map(norm));
    assert_eq!(article.authors.iter().map(|a| norm(a)).collect::<Vec<_>>(), strings(&meta["authors"]));
    assert_eq!(article.published.as_ref().map(|p| p.value.as_str()), meta["published"].as_str());
    let captions: Vec<String> = article.images.iter().filter_map(|i| i.caption.as_deref()).map(norm).collect();
    assert_eq!(captions, strings(&meta["image_captions"]));
    let headings: Vec<String> = article.sections.iter().map(|s| norm(&s.heading)).collect();
    assert_eq!(headings, strings(&meta["section_headings"]));

    // Each section starts at a paragraph of the text.
    let chars: Vec<char> = article.text.chars().collect();
    for section in &article.sections {
        assert!(section.start == 0 || chars[section.start - 2..section.start] == ['\n', '\n'], "{section:?}");
    }
    assert!(article.text.contains("\n\n"), "paragraphs are separated by a blank line");

    let rules = &gold["clean_text"];
    let text = norm(&article.text);
    assert!(text.starts_with(&norm(rules["must_start_with"].as_str().unwrap())), "{}", &text[..80]);
    assert!(text.ends_with(&norm(rules["must_end_with"].as_str().unwrap())));
    for banned in strings(&rules["must_not_contain"]) {
        assert!(!text.contains(&banned), "text contains {banned:?}");
    }
    if rules["caption_not_repeated_in_text"].as_bool() == Some(true) {
        for caption in &captions {
            assert!(!text.contains(caption.as_str()), "caption repeated in text: {caption}");
        }
    }
    // The gold describes each reason in words; map the words to our reasons.
    let removed = rules["removed_with_reason"].as_object().unwrap();
    for (block, description) in removed {
        let description = description.as_str().unwrap();
        let expected = if description.contains("spam") {
            RemovalReason::Spam
        } else if description.contains("navigation") {
            RemovalReason::Navigation
        } else if description.contains("call to action") {
            RemovalReason::CallToAction
        } else {
            panic!("unmapped gold reason {description:?}")
        };
        let found = article.removed.iter().find(|r| norm(&r.text) == norm(block));
        assert_eq!(found.map(|r| r.reason), Some(expected), "{block:?} should be removed as {expected:?}");
    }
}
