//! The feed reader on arbitrary bytes: items, links and pages, and the feed sniffers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_source::feed;

fuzz_target!(|data: &[u8]| {
    let _ = feed::looks_like_feed(data);
    let text = String::from_utf8_lossy(data);
    let _ = feed::is_feed_url(&text);
    if let Ok(items) = feed::read_feed("x.rss", data) {
        for item in items {
            let _ = item.link.map(|link| link.len());
            let _ = item.content.map(|input| input.origin());
        }
    }
});
