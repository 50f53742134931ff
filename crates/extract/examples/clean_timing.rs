//! Times the clean stage over a directory of HTML pages, on-CPU and wall: a measuring aid.
//! `clean_timing DIR [ROUNDS]`.
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
    let dir = args.next().unwrap_or_else(|| ".".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut pages = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if let Ok(bytes) = std::fs::read(&path) {
            pages.push(Page { bytes, format: SourceFormat::Html, ..Page::default() });
        }
    }
    let cleaner = Cleaner::new();
    for round in 0..rounds {
        let (c0, t0) = (cpu(), std::time::Instant::now());
        for page in &pages {
            let _ = cleaner.clean(page);
        }
        let (c, t) = (cpu() - c0, t0.elapsed().as_secs_f64());
        println!(
            "round {round}: {} pages, on-CPU {:.0} pages/s, wall {:.0} pages/s",
            pages.len(),
            pages.len() as f64 / c,
            pages.len() as f64 / t
        );
    }
}
