//! Inputs the `source` fuzz target found interesting (minimized corpus entries), replayed
//! without the fuzzer. The first byte of each picks the name hint, as in the target.

use newsgraph_source::{read_bytes, Input};

const NAMES: [&str; 7] = ["x.warc", "x.warc.gz", "x.jsonl", "x.html.gz", "x.gz", "-", "x.txt"];

/// What reading the input gave: `page:<bytes>`, `ready:<id>` or `error:<message>`.
fn outcome(data: &[u8]) -> Vec<String> {
    let (pick, bytes) = data.split_first().expect("fixture has a name byte");
    read_bytes(NAMES[usize::from(*pick) % 7], bytes)
        .take(100)
        .map(|item| match item {
            Ok(Input::Page(p)) => format!("page:{}", String::from_utf8_lossy(&p.bytes)),
            Ok(Input::Ready(a)) => format!("ready:{}", a.id),
            Err(e) => format!("error:{e}"),
        })
        .collect()
}

#[test]
fn mangled_headers_and_an_empty_payload_give_errors_but_no_empty_page() {
    let got = outcome(include_bytes!("fuzz/warc-chunked-gzip"));
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].starts_with("error:x.warc#1: bad WARC record: missing or bad Content-Length"), "{got:?}");
    assert!(got[1].starts_with("error:x.warc#3: bad WARC record: expected a WARC/1.x version line"), "{got:?}");
}

#[test]
fn junk_between_records_resyncs_on_the_next_version_line() {
    let got = outcome(include_bytes!("fuzz/warc-resync"));
    assert!(got.iter().all(|o| o.starts_with("error:x.warc#")), "{got:?}");
    assert!(got.len() <= 3, "{got:?}");
}

#[test]
fn a_lone_gzip_member_of_a_warc_reads_or_fails_cleanly() {
    let got = outcome(include_bytes!("fuzz/warc-gz-member"));
    assert!(got.iter().all(|o| o.starts_with("error:x.warc.gz") || o.starts_with("page:")), "{got:?}");
}

#[test]
fn a_jsonl_line_with_a_non_string_text_is_one_error() {
    let got = outcome(include_bytes!("fuzz/jsonl-bad-text"));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("error:x.jsonl#1: bad JSON Lines record"), "{got:?}");
}

#[test]
fn a_gzip_header_alone_on_stdin_is_a_gzip_error() {
    let got = outcome(include_bytes!("fuzz/gzip-header-only"));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("error:-: truncated or corrupt gzip"), "{got:?}");
}

#[test]
fn a_corrupt_warcinfo_record_does_not_stop_the_reader_early() {
    let got = outcome(include_bytes!("fuzz/warcinfo-junk"));
    assert!(got.iter().all(|o| o.starts_with("error:x.warc#")), "{got:?}");
}

/// The `feed` target's seeds: the sloppy parts give per-item errors, never a lost feed.
#[test]
fn feed_seeds_read_item_by_item() {
    use newsgraph_source::feed::read_feed;
    let rss = read_feed("rss2", include_bytes!("fuzz/feed-rss2.xml")).expect("an RSS feed");
    assert_eq!(rss.len(), 2);
    assert!(
        matches!(&rss[0].content, Ok(Input::Page(p)) if String::from_utf8_lossy(&p.bytes).contains("<title>Fish &amp;«Привет» story</title>"))
    );
    let atom = read_feed("atom", include_bytes!("fuzz/feed-atom.xml")).expect("an Atom feed");
    assert_eq!(
        atom.iter().map(|i| i.link.as_deref()).collect::<Vec<_>>(),
        [Some("https://example.org/x"), Some("https://example.org/2")]
    );
    let rdf = read_feed("rdf", include_bytes!("fuzz/feed-rdf.xml")).expect("an RSS 1.0 feed");
    assert_eq!(rdf.len(), 3);
    assert_eq!(rdf[1].link.as_deref(), Some("https://example.net/2"));
    assert_eq!(rdf[2].link.as_deref(), Some("https://exa"));
}
