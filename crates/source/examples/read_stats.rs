//! Reads inputs as `newsgraph extract` would and prints what came out, without cleaning:
//! `cargo run --release -p newsgraph-source --example read_stats -- PATH...`.
//! Useful to check a crawl's readability and the readers' speed and memory.

use std::time::Instant;

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let start = Instant::now();
    let (mut pages, mut ready, mut errors, mut bytes) = (0u64, 0u64, 0u64, 0u64);
    for item in newsgraph_source::read_paths(&paths) {
        match item {
            Ok(newsgraph_source::Input::Page(page)) => {
                pages += 1;
                bytes += page.bytes.len() as u64;
            }
            Ok(newsgraph_source::Input::Ready(_)) => ready += 1,
            Err(err) => {
                errors += 1;
                if errors <= 10 {
                    eprintln!("{err}");
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "pages {pages}, ready {ready}, errors {errors}, page bytes {bytes}, {secs:.2} s, {:.0} MB/s",
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
}
