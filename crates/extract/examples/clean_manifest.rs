//! Runs the clean stage over the pages a manifest lists (`PATH<TAB>URL` per line) and
//! either times it (on-CPU and wall, several rounds) or dumps every record as JSON Lines,
//! so that a speed change can be checked to keep the output byte for byte: a measuring aid.
//! `clean_manifest MANIFEST [ROUNDS]` or `clean_manifest MANIFEST --dump`.
use std::io::Write;

use newsgraph_extract::Cleaner;
use newsgraph_model::SourceFormat;
use newsgraph_source::Page;

fn cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<f64>().ok()))
        .map_or(0.0, |n| n / 1e9)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let manifest = args.next().unwrap_or_default();
    let mode = args.next().unwrap_or_else(|| "3".into());
    let list = std::fs::read_to_string(&manifest).unwrap_or_default();
    let mut pages = Vec::new();
    for line in list.lines() {
        let (path, url) = line.split_once('\t').unwrap_or((line, ""));
        if let Ok(bytes) = std::fs::read(path) {
            let url = (!url.is_empty()).then(|| url.to_string());
            pages.push(Page { bytes, url, format: SourceFormat::Html, ..Page::default() });
        }
    }
    let cleaner = Cleaner::new();
    if mode == "--dump" {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        for page in &pages {
            let line = match cleaner.clean(page) {
                Ok(article) => serde_json::to_string(&article).unwrap_or_default(),
                Err(err) => format!("error: {err}"),
            };
            let _ = writeln!(out, "{line}");
        }
        return;
    }
    let rounds: usize = mode.parse().unwrap_or(3);
    let _ = pages.first().map(|p| cleaner.clean(p));
    for round in 0..rounds {
        let (c0, t0) = (cpu(), std::time::Instant::now());
        for page in &pages {
            let _ = cleaner.clean(page);
        }
        let (c, t) = (cpu() - c0, t0.elapsed().as_secs_f64());
        println!(
            "round {round}: {} pages, on-CPU {:.3} s = {:.0} pages/s, wall {:.0} pages/s",
            pages.len(),
            c,
            pages.len() as f64 / c,
            pages.len() as f64 / t
        );
    }
}
