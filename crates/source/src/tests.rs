//! Reader tests over fixtures built here: files, directories, gzip, WARC, JSON Lines, bad input.

use std::io::Write;
use std::path::PathBuf;

use flate2::{write::GzEncoder, Compression};
use newsgraph_model::{DateSource, SourceFormat};

use crate::*;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// One WARC record with the given type, extra headers and block.
fn record(kind: &str, extra: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:x>\r\n{extra}Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn response(url: &str, http: &[u8]) -> Vec<u8> {
    let extra = format!(
        "WARC-Target-URI: {url}\r\nWARC-Date: 2021-12-30T16:06:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
    );
    record("response", &extra, http)
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

/// A small crawl: warcinfo, request, a page, a 404, an image, a chunked gzip page.
fn crawl() -> Vec<u8> {
    let mut warc = record("warcinfo", "Content-Type: application/warc-fields\r\n", b"software: test\r\n");
    warc.extend(record("request", "WARC-Target-URI: http://a.example/1\r\n", b"GET /1 HTTP/1.1\r\n\r\n"));
    warc.extend(response(
        "http://a.example/1",
        &http("200 OK", "Content-Type: text/html; charset=iso-8859-1\r\n", b"<html><p>One</p></html>"),
    ));
    warc.extend(response("http://a.example/2", &http("404 Not Found", "Content-Type: text/html\r\n", b"<p>gone")));
    warc.extend(response("http://a.example/3.png", &http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG")));
    let zipped = gzip(b"<html><p>Three</p></html>");
    let mut chunked = format!("{:x}\r\n", 10).into_bytes();
    chunked.extend_from_slice(&zipped[..10]);
    chunked.extend_from_slice(format!("\r\n{:x}\r\n", zipped.len() - 10).as_bytes());
    chunked.extend_from_slice(&zipped[10..]);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    warc.extend(response(
        "<http://a.example/4>",
        &http(
            "200 OK",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunked,
        ),
    ));
    warc
}

fn pages(items: Vec<Result<Input, SourceError>>) -> Vec<Page> {
    items
        .into_iter()
        .filter_map(|i| match i {
            Ok(Input::Page(p)) => Some(p),
            _ => None,
        })
        .collect()
}

fn errors(items: &[Result<Input, SourceError>]) -> Vec<String> {
    items.iter().filter_map(|i| i.as_ref().err().map(|e| e.to_string())).collect()
}

#[test]
fn warc_yields_one_page_per_html_response() {
    let items: Vec<_> = read_bytes("crawl.warc", &crawl()).collect();
    assert!(errors(&items).is_empty(), "{:?}", errors(&items));
    let pages = pages(items);
    assert_eq!(pages.len(), 2);
    let first = &pages[0];
    assert_eq!(first.bytes, b"<html><p>One</p></html>");
    assert_eq!(first.url.as_deref(), Some("http://a.example/1"));
    assert_eq!(first.fetched_at.as_deref(), Some("2021-12-30T16:06:00Z"));
    assert_eq!(first.content_type.as_deref(), Some("text/html; charset=iso-8859-1"));
    assert_eq!((first.record, first.format, first.container), (Some(3), SourceFormat::Html, Some(SourceFormat::Warc)));
    assert_eq!(first.origin(), "crawl.warc#3");
    // Chunked and gzipped on the wire, angle brackets around the URI (WARC/1.0 style).
    assert_eq!(pages[1].bytes, b"<html><p>Three</p></html>");
    assert_eq!(pages[1].url.as_deref(), Some("http://a.example/4"));
    assert_eq!(pages[1].record, Some(6));
}

#[test]
fn warc_gz_reads_every_member_and_sniffs_without_a_name() {
    let mut multi = Vec::new();
    let one_member = gzip(&crawl());
    // One gzip member per record, as crawlers write them.
    let plain = crawl();
    let mut rest = &plain[..];
    while let Some(end) = rest.windows(8).skip(1).position(|w| w == b"WARC/1.1").map(|p| p + 1) {
        multi.extend(gzip(&rest[..end]));
        rest = &rest[end..];
    }
    multi.extend(gzip(rest));
    for (name, bytes) in [("crawl.warc.gz", &multi), ("-", &multi), ("x.warc.gz", &one_member)] {
        let items: Vec<_> = read_bytes(name, bytes).collect();
        assert!(errors(&items).is_empty(), "{name}: {:?}", errors(&items));
        assert_eq!(pages(items).len(), 2, "{name}");
    }
}

#[test]
fn read_stream_reads_a_stream_as_the_named_file() {
    // A reader that hands out a few bytes at a time, as a remote file object may.
    struct Trickle(std::io::Cursor<Vec<u8>>);
    impl std::io::Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(7);
            self.0.read(&mut buf[..n])
        }
    }
    let bytes = gzip(&crawl());
    let streamed: Vec<_> =
        read_stream("s3://b/crawl.warc.gz", Box::new(Trickle(std::io::Cursor::new(bytes.clone())))).collect();
    let read: Vec<_> = read_bytes("s3://b/crawl.warc.gz", &bytes).collect();
    assert!(errors(&streamed).is_empty(), "{:?}", errors(&streamed));
    let origins = |items: Vec<Result<Input, SourceError>>| pages(items).iter().map(Page::origin).collect::<Vec<_>>();
    assert_eq!(origins(streamed), origins(read));
    let mut cut = crawl();
    cut.truncate(cut.len() - 30);
    let streamed: Vec<_> = read_stream("cut.warc", Box::new(std::io::Cursor::new(cut))).collect();
    assert_eq!(errors(&streamed).len(), 1);
    assert_eq!(pages(streamed).len(), 1, "the page before the cut record is read");
}

#[test]
fn truncated_warc_gz_is_a_gzip_error_after_the_pages_before_it() {
    let mut cut = gzip(&crawl());
    cut.truncate(cut.len() * 3 / 4);
    let items: Vec<_> = read_bytes("cut.warc.gz", &cut).collect();
    let errs = errors(&items);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with("cut.warc.gz#"), "{}", errs[0]);
    assert!(errs[0].contains("truncated or corrupt gzip"), "{}", errs[0]);
    assert!(!pages(items).is_empty());
}

#[test]
fn corrupt_warc_record_is_an_error_then_the_reader_resyncs() {
    let page = response("http://a.example/ok", &http("200 OK", "Content-Type: text/html\r\n", b"<p>fine</p>"));
    let mut warc = b"WARC/1.0\r\nWARC-Type: response\r\nthis line has no colon\r\n\r\njunk junk\r\n".to_vec();
    warc.extend(b"garbage between records\r\n");
    warc.extend(&page);
    warc.extend(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n"); // no Content-Length
    warc.extend(&page);
    let items: Vec<_> = read_bytes("bad.warc", &warc).collect();
    let errs = errors(&items);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].starts_with("bad.warc#1: bad WARC record: header line without a colon"), "{}", errs[0]);
    assert!(errs[1].contains("Content-Length"), "{}", errs[1]);
    let pages = pages(items);
    assert_eq!(pages.len(), 2);
    assert!(pages.iter().all(|p| p.bytes == b"<p>fine</p>"));
}

#[test]
fn truncated_warc_record_is_one_error() {
    let mut warc = crawl();
    warc.truncate(warc.len() - 30);
    let items: Vec<_> = read_bytes("cut.warc", &warc).collect();
    let errs = errors(&items);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with("cut.warc#6: bad WARC record: record cut short"), "{}", errs[0]);
    assert_eq!(pages(items).len(), 1);
}

#[test]
fn jsonl_lines_are_ready_articles_and_bad_lines_are_errors() {
    let jsonl = "{\"id\": \"a1\", \"text\": \"  Exact\\n\\ntext. \", \"published\": \"2021-12-30\", \"title\": \"T\", \"url\": \"http://x/1\", \"language\": \"DE\"}\n\
                 \n\
                 {\"id\": 7, \"text\": oops}\n\
                 {\"text\": \"no id\"}\n\
                 {\"id\": \"c\"}\n";
    let items: Vec<_> = read_bytes("in.jsonl", jsonl.as_bytes()).collect();
    assert_eq!(items.len(), 4);
    let Ok(Input::Ready(first)) = &items[0] else { panic!("{:?}", items[0]) };
    assert_eq!(first.text, "  Exact\n\ntext. ");
    assert_eq!(first.id.as_str(), "a1");
    assert_eq!(first.source.id.as_deref(), Some("a1"));
    assert_eq!(first.title.as_deref(), Some("T"));
    assert_eq!(first.source.url.as_deref(), Some("http://x/1"));
    assert_eq!((first.source.path.as_deref(), first.source.record), (Some("in.jsonl"), Some(1)));
    let published = first.published.as_ref().unwrap();
    assert_eq!((published.value.as_str(), published.from), ("2021-12-30", DateSource::Given));
    assert_eq!((first.language.as_deref(), first.language_confidence), (Some("de"), Some(1.0)));
    assert!(errors(&items[1..2])[0].starts_with("in.jsonl#3: bad JSON Lines record"));
    let Ok(Input::Ready(third)) = &items[2] else { panic!("{:?}", items[2]) };
    assert_eq!((third.text.as_str(), third.source.id.as_deref(), third.source.record), ("no id", None, Some(4)));
    assert!(errors(&items[3..])[0].contains("missing field `text`"));
}

#[test]
fn sniffing_tells_pages_from_containers() {
    let html = pages(read_bytes("-", b"  <!DOCTYPE html><html><p>x").collect());
    assert_eq!(html[0].format, SourceFormat::Html);
    let text = pages(read_bytes("-", "Plain words.\n".as_bytes()).collect());
    assert_eq!(text[0].format, SourceFormat::Text);
    let zipped = pages(read_bytes("page.gz", &gzip(b"<html><body>y")).collect());
    assert_eq!((zipped[0].format, zipped[0].bytes.as_slice()), (SourceFormat::Html, &b"<html><body>y"[..]));
    let ready: Vec<_> = read_bytes("-", &gzip(b"{\"id\":\"a\",\"text\":\"t\"}\n")).collect();
    assert!(matches!(ready[0], Ok(Input::Ready(_))));
    let empty: Vec<_> = read_bytes("-", b"").collect();
    assert_eq!(pages(empty)[0].bytes, b"");
}

/// A scratch directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("newsgraph-source-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn directories_are_walked_in_name_order_skipping_hidden_and_unknown_files() {
    let dir = Scratch::new("walk");
    dir.write("b.txt", b"bee");
    dir.write("a/z.html", b"<p>zed");
    dir.write("a/notes.md", b"skipped");
    dir.write(".hidden/x.txt", b"skipped");
    dir.write(".y.txt", b"skipped");
    dir.write("c.html.gz", &gzip(b"<p>sea"));
    dir.write("d.warc.gz", &gzip(&crawl()));
    let items: Vec<_> = read_paths(std::slice::from_ref(&dir.0)).collect();
    assert!(errors(&items).is_empty(), "{:?}", errors(&items));
    let names: Vec<String> = pages(items)
        .iter()
        .map(|p| format!("{}={}", p.origin().rsplit('/').next().unwrap(), String::from_utf8_lossy(&p.bytes)))
        .collect();
    assert_eq!(
        names,
        [
            "z.html=<p>zed",
            "b.txt=bee",
            "c.html.gz=<p>sea",
            "d.warc.gz#3=<html><p>One</p></html>",
            "d.warc.gz#6=<html><p>Three</p></html>"
        ]
    );
}

#[test]
fn named_files_of_unknown_type_missing_files_and_truncated_gzip_are_errors() {
    let dir = Scratch::new("named");
    let unknown = dir.write("notes.md", b"x");
    let good = dir.write("ok.txt", b"fine");
    let mut zipped = gzip(&[b'a'; 5000]);
    zipped.truncate(zipped.len() / 2);
    let cut = dir.write("cut.html.gz", &zipped);
    let paths = [unknown, dir.0.join("missing.html"), cut, good];
    let items: Vec<_> = read_paths(&paths).collect();
    let errs = errors(&items);
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(errs[0].ends_with("notes.md: unsupported file type (expected .html .htm .txt .warc .warc.gz .gz .jsonl)"));
    assert!(errs[1].contains("missing.html: cannot read"));
    assert!(errs[2].contains("cut.html.gz: truncated or corrupt gzip"), "{}", errs[2]);
    assert_eq!(pages(items)[0].bytes, b"fine");
}

#[test]
fn an_oversized_page_is_one_clear_error() {
    let dir = Scratch::new("big");
    let big = dir.write("big.txt", &vec![b'x'; MAX_PAGE_BYTES as usize + 1]);
    let small = dir.write("small.txt", b"small");
    let items: Vec<_> = read_paths(&[big, small]).collect();
    let errs = errors(&items);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].ends_with("big.txt: page too large: more than 67108864 bytes"), "{}", errs[0]);
    assert_eq!(pages(items)[0].bytes, b"small");
}
