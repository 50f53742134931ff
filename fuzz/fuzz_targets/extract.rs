//! The clean stage on arbitrary bytes, as HTML and as a text scrape.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_extract::Cleaner;
use newsgraph_model::SourceFormat;
use newsgraph_source::Page;

fuzz_target!(|data: &[u8]| {
    let cleaner = Cleaner::new();
    for format in [SourceFormat::Html, SourceFormat::Text] {
        let page = Page { bytes: data.to_vec(), format, ..Page::default() };
        let _ = cleaner.clean(&page);
    }
});
