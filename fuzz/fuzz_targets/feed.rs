//! The feed reader on arbitrary bytes: items, links and pages, the feed sniffers, and
//! `canonical_url` on the text and on every link (it keys ids and the fetcher's caches).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_source::feed;

fuzz_target!(|data: &[u8]| {
    let _ = feed::looks_like_feed(data);
    let text = String::from_utf8_lossy(data);
    let _ = feed::is_feed_url(&text);
    let _ = newsgraph_model::canonical_url(&text);
    if let Ok(items) = feed::read_feed("x.rss", data) {
        for item in items {
            let _ = item.link.map(|link| newsgraph_model::canonical_url(&link));
            let _ = item.content.map(|input| input.origin());
        }
    }
});
