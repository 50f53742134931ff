//! Hostile and broken pages: each gives an error or a best-effort record, never a panic or a hang.
//!
//! The 100 MB and deeply nested cases are generated here; run them in release
//! builds (`cargo test --release`), where the big page takes seconds.

use std::time::{Duration, Instant};

use newsgraph_extract::{Cleaner, ExtractError};
use newsgraph_model::SourceFormat;
use newsgraph_source::Page;

fn page(bytes: Vec<u8>, format: SourceFormat) -> Page {
    Page { bytes, format, path: Some("bad".into()), ..Page::default() }
}

/// Cleans as both formats; returns the results so tests can look closer.
fn clean_both(bytes: &[u8]) -> Vec<Result<newsgraph_model::Article, ExtractError>> {
    let cleaner = Cleaner::new();
    [SourceFormat::Html, SourceFormat::Text].into_iter().map(|f| cleaner.clean(&page(bytes.to_vec(), f))).collect()
}

/// A bound in release-build seconds, stretched for unoptimised builds.
fn budget(release: u64) -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) { release * 20 } else { release })
}

#[test]
fn empty_and_blank_pages_are_errors() {
    for bytes in [&b""[..], b"   \n\t\r\n", b"\xef\xbb\xbf"] {
        for result in clean_both(bytes) {
            assert!(result.is_err(), "{bytes:?} gave {result:?}");
        }
    }
}

#[test]
fn binary_junk_is_an_error_or_a_record() {
    // A deterministic pseudo-random stream (xorshift), with NULs and high bytes.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let junk: Vec<u8> = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    // Noise is not an article: whatever comes back must not be a long "text".
    for article in clean_both(&junk).into_iter().flatten() {
        assert!(article.text.len() < junk.len());
    }
    let png = [&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], &[0u8; 4000]].concat();
    for result in clean_both(&png) {
        assert!(result.is_err(), "a PNG is not an article: {result:?}");
    }
}

#[test]
fn invalid_utf8_is_read_best_effort() {
    let mut bytes = b"<html><body><p>Caf\xe9 owners in the old town said on Monday that trade had \
        fallen by half since the bridge closed \xff\xfe in spring.</p></body></html>"
        .to_vec();
    bytes.extend_from_slice(b"\xc3\x28\xa0\xa1");
    let article = Cleaner::new().clean(&page(bytes, SourceFormat::Html)).unwrap();
    assert!(article.text.contains("owners in the old town"), "{}", article.text);
}

#[test]
fn wrong_declared_charset_does_not_break_extraction() {
    // Declared Shift_JIS and UTF-8 but written in Latin-1 and UTF-8 respectively.
    let latin1 = b"<html><head><meta charset=\"utf-8\"><title>Caf\xe9</title></head><body>\
        <p>Le caf\xe9 du port a rouvert ses portes lundi apr\xe8s des mois de travaux, a indiqu\xe9 la mairie.</p>\
        </body></html>"
        .to_vec();
    let utf8 = "<html><head><meta charset=\"shift_jis\"></head><body><p>Le café du port a rouvert ses portes \
        lundi après des mois de travaux, a indiqué la mairie.</p></body></html>"
        .as_bytes()
        .to_vec();
    for bytes in [latin1, utf8] {
        let article = Cleaner::new().clean(&page(bytes, SourceFormat::Html)).unwrap();
        assert!(article.text.contains("du port a rouvert ses portes"), "{}", article.text);
    }
}

/// 100 MB in release builds; unoptimised builds (20-50x slower) check a smaller page.
const BIG: usize = if cfg!(debug_assertions) { 2 } else { 100 } * 1024 * 1024;

#[test]
fn a_100_mb_page_finishes_in_bounded_time() {
    let paragraph = "<p>The council met again on Tuesday to discuss the flood defences and the budget.</p>\n";
    let mut html = String::with_capacity(BIG + 1024);
    html.push_str("<html><body><article>");
    while html.len() < BIG {
        html.push_str(paragraph);
    }
    html.push_str("</article></body></html>");
    let start = Instant::now();
    let result = Cleaner::new().clean(&page(html.into_bytes(), SourceFormat::Html));
    let took = start.elapsed();
    eprintln!("{} MB of HTML: {took:?}", BIG >> 20);
    // Catches a hang or a quadratic blow-up, not a slow machine: linear work on
    // 100 MB takes seconds even on a loaded machine.
    assert!(took < budget(120), "{} MB of HTML took {took:?}", BIG >> 20);
    if let Ok(article) = result {
        assert!(article.text.starts_with("The council met again"));
    }

    // A fifth of that as one text line without any newline, as many short lines, and as
    // one hard-wrapped paragraph (lines that continue a sentence are joined).
    let small = BIG / 5;
    for text in
        ["word ".repeat(small / 5), "Menu\nA short line here.\n".repeat(small / 24), "and so on\n".repeat(small / 10)]
    {
        let start = Instant::now();
        let _ = Cleaner::new().clean(&page(text.into_bytes(), SourceFormat::Text));
        eprintln!("{} MB of text: {:?}", small >> 20, start.elapsed());
        assert!(start.elapsed() < budget(60), "{} MB of text took {:?}", small >> 20, start.elapsed());
    }
}

#[test]
fn deeply_nested_tags_do_not_overflow_the_stack() {
    let depth = 100_000;
    for tag in ["div", "b", "li", "table"] {
        let mut html = String::from("<html><body>");
        for _ in 0..depth {
            html.push_str(&format!("<{tag}>"));
        }
        html.push_str("Deep inside, the report said the river rose by two metres overnight.");
        for _ in 0..depth {
            html.push_str(&format!("</{tag}>"));
        }
        html.push_str("</body></html>");
        // Unclosed too: the parser must not recurse once per open element.
        let unclosed = format!("<html><body>{}<p>Text at the bottom of the pile.", format!("<{tag}>").repeat(depth));
        for bytes in [html, unclosed] {
            let start = Instant::now();
            let _ = Cleaner::new().clean(&page(bytes.into_bytes(), SourceFormat::Html));
            assert!(start.elapsed() < budget(10), "{tag} x {depth} took {:?}", start.elapsed());
        }
    }
}
