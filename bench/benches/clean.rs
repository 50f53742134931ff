//! Speed of the clean stage (`--stages clean`) over the AEB pages, one thread.
//!
//! `cargo bench -p newsgraph-bench --bench clean` loads the 181 AEB pages
//! (skipped with a message when `../shared/data` is absent), then cleans all of
//! them several times and reports pages per second and MB/s of HTML. File
//! reading and gunzip happen before the clock starts.

use std::time::Instant;

use newsgraph_bench::eval::extraction::{extract_all, load, thread_cpu_time, Dataset};
use newsgraph_bench::eval::{data_dir, EvalOptions};
use newsgraph_extract::Cleaner;

fn main() {
    let Ok(data) = data_dir(&EvalOptions::default()) else {
        println!("clean bench: no shared data found, skipped");
        return;
    };
    let (_, docs) = match load(Dataset::Aeb, &data.join("extraction")) {
        Ok(set) => set,
        Err(err) => {
            println!("clean bench: AEB set not loadable ({err:#}), skipped");
            return;
        }
    };
    let bytes: usize = docs.iter().map(|d| d.page.bytes.len()).sum();
    let cleaner = Cleaner::new();
    let rounds = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(5usize);
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let started = Instant::now();
    for _ in 0..rounds {
        let before = thread_cpu_time();
        let (_, spent, _) = extract_all(&cleaner, &docs);
        best = best.min(spent.as_secs_f64());
        if let Some((after, before)) = thread_cpu_time().zip(before) {
            best_cpu = best_cpu.min(after.saturating_sub(before).as_secs_f64());
        }
    }
    let pages = docs.len() as f64;
    println!(
        "clean stage over AEB: {} pages, {:.1} MB; best of {rounds} rounds {:.0} pages/s, {:.0} MB/s ({:.1} s total)",
        docs.len(),
        bytes as f64 / 1e6,
        pages / best,
        bytes as f64 / 1e6 / best,
        started.elapsed().as_secs_f64()
    );
    if best_cpu < f64::MAX {
        // A busy shared machine inflates wall time; on-CPU time is the work itself.
        println!("  on-CPU time: best {:.0} pages/s (includes one warm-up page per round)", (pages + 1.0) / best_cpu);
    }
}
