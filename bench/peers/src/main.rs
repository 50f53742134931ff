//! `newsgraph-peers`: newsgraph's clean stage against its peers, in one run, on
//! the same pages.
//!
//! Loads a shared extraction set with the repo's own loader
//! (`newsgraph_bench::eval::extraction::load`), then for each round runs every
//! tool over all pages in turn (rounds interleave the tools, so a burst of load
//! from elsewhere on the machine hits them alike), on one thread. It prints
//! pages per second of wall time and of on-CPU time for every round, the ratio
//! newsgraph / peer, and each tool's scores from the repo's scorer for the set
//! (the same functions `newsgraph eval extraction` prints with). It measures
//! extraction only: reading and gunzipping the files happen before any clock.
//!
//! The peers are baselines, never product code: this crate is its own workspace
//! so neither the product nor CI builds them.

mod python;
mod score;
mod tools;

use std::path::PathBuf;

use anyhow::Context;
use clap::Parser;
use newsgraph_bench::eval::extraction::{load, Dataset};
use newsgraph_bench::eval::{data_dir, set_dir, EvalOptions};
use serde_json::Value;

use tools::{Run, Tool};

/// Times newsgraph's clean stage beside dom_smoothie, trafilatura-rs,
/// rs-trafilatura and Python trafilatura on one set's pages.
#[derive(Debug, Parser)]
struct Args {
    /// aeb, trafilatura or wcxb.
    #[arg(long, default_value = "aeb")]
    dataset: String,
    /// The shared data directory (`../shared/data` by default).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Passes over the pages; each pass runs every tool once, in turn.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Only the first N pages.
    #[arg(long)]
    limit: Option<usize>,
    /// WCXB: score every page type, not only article pages.
    #[arg(long)]
    all_pages: bool,
    /// Which tools (comma-separated); all by default.
    #[arg(long, value_enum, value_delimiter = ',')]
    tools: Vec<Tool>,
    /// The Python that has trafilatura installed.
    #[arg(long, default_value = "python3")]
    python: String,
    /// Skip printing each tool's full score lines.
    #[arg(long)]
    quiet: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let tools: Vec<Tool> = if args.tools.is_empty() { Tool::ALL.to_vec() } else { args.tools.clone() };
    let set = Dataset::parse(&args.dataset)?;
    let options = EvalOptions { data: args.data.clone(), ..EvalOptions::default() };
    let root = set_dir(&data_dir(&options)?, "extraction")?;
    let (gold, mut docs) = load(set, &root).with_context(|| format!("cannot load the {} set", args.dataset))?;
    if set == Dataset::Wcxb && !args.all_pages {
        docs.retain(|d| gold.get(&d.key).and_then(|g| g.get("page_type")).and_then(Value::as_str) == Some("article"));
    }
    if let Some(limit) = args.limit {
        docs.truncate(limit);
    }
    let bytes: usize = docs.iter().map(|d| d.page.bytes.len()).sum();
    println!(
        "{} pages of {} ({:.1} MB of HTML), {} rounds, one thread; times are sums over pages of the extractor call",
        docs.len(),
        args.dataset,
        bytes as f64 / 1e6,
        args.rounds
    );
    let scratch =
        if tools.iter().any(|t| t.python_mode().is_some()) { Some(python::Scratch::write(set, &docs)?) } else { None };

    // runs[tool][round]
    let mut runs: Vec<Vec<Run>> = vec![Vec::new(); tools.len()];
    for round in 1..=args.rounds.max(1) {
        for (slot, &tool) in runs.iter_mut().zip(&tools) {
            let run = match (tool.python_mode(), &scratch) {
                (Some(mode), Some(scratch)) => match python::run(&args.python, scratch, mode, &docs) {
                    Ok(run) => run,
                    Err(err) => {
                        eprintln!("  {}: {err:#}", tool.name());
                        continue;
                    }
                },
                _ => tools::run_rust(tool, &docs),
            };
            eprintln!(
                "  round {round} {:<20} {:>8.1} pages/s wall, {} CPU, {} errors",
                tool.name(),
                run.pages_per_s(run.wall),
                run.cpu.map_or("-".to_string(), |c| format!("{:.1} pages/s", run.pages_per_s(c))),
                run.errors
            );
            slot.push(run);
        }
    }

    let keys: Vec<&str> = docs.iter().map(|d| d.key.as_str()).collect();
    let newsgraph_runs: &[Run] = tools.iter().position(|t| *t == Tool::Newsgraph).map_or(&[], |i| &runs[i]);
    let newsgraph = best(newsgraph_runs);
    println!();
    println!(
        "{:<20} {:<14} {:>6} {:>6}  {:<24} {:<24} {:>10} {:>9}  ratio CPU, per round",
        "tool",
        "version",
        "F1",
        "errors",
        "pages/s wall, per round",
        "pages/s CPU, per round",
        "ratio wall",
        "ratio CPU"
    );
    for (tool, tool_runs) in tools.iter().zip(&runs) {
        let Some(first) = tool_runs.first() else {
            println!("{:<20} did not run", tool.name());
            continue;
        };
        let f1 = score::body_f1(set, &gold, &keys, &first.predictions);
        let wall: Vec<f64> = tool_runs.iter().map(|r| r.pages_per_s(r.wall)).collect();
        let cpu: Vec<f64> = tool_runs.iter().filter_map(|r| r.cpu.map(|c| r.pages_per_s(c))).collect();
        let (ratio_wall, ratio_cpu) = match (newsgraph, best(tool_runs)) {
            (Some(ours), Some(theirs)) => (ratio(ours.0, theirs.0), ratio(ours.1, theirs.1)),
            _ => ("-".to_string(), "-".to_string()),
        };
        // Same-round ratios: both tools ran minutes apart at most, under the same load.
        let per_round: Vec<String> = newsgraph_runs
            .iter()
            .zip(tool_runs)
            .map(|(ours, theirs)| {
                ratio(ours.cpu.map(|c| ours.pages_per_s(c)), theirs.cpu.map(|c| theirs.pages_per_s(c)))
            })
            .collect();
        println!(
            "{:<20} {:<14} {:>6.3} {:>6}  {:<24} {:<24} {:>10} {:>9}  {}",
            tool.name(),
            version(*tool, first),
            f1,
            first.errors,
            list(&wall),
            list(&cpu),
            ratio_wall,
            ratio_cpu,
            per_round.join(" / ")
        );
    }
    println!("ratio = newsgraph's pages/s over the tool's (x faster): best round over best round, and round by round");

    if !args.quiet {
        for (tool, tool_runs) in tools.iter().zip(&runs) {
            if let Some(first) = tool_runs.first() {
                println!("\n== {} (round 1 output)", tool.name());
                score::print_scores(set, &gold, &keys, &first.predictions);
            }
        }
    }
    Ok(())
}

/// The best round's pages/s, wall and on-CPU.
fn best(runs: &[Run]) -> Option<(f64, Option<f64>)> {
    let wall = runs.iter().map(|r| r.pages_per_s(r.wall)).reduce(f64::max)?;
    let cpu = runs.iter().filter_map(|r| r.cpu.map(|c| r.pages_per_s(c))).reduce(f64::max);
    Some((wall, cpu))
}

fn ratio(ours: impl Into<Option<f64>>, theirs: impl Into<Option<f64>>) -> String {
    match (ours.into(), theirs.into()) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.1}x", a / b),
        _ => "-".to_string(),
    }
}

fn list(values: &[f64]) -> String {
    if values.is_empty() {
        return "-".to_string();
    }
    values.iter().map(|v| format!("{v:.0}")).collect::<Vec<_>>().join(" / ")
}

/// A Rust tool's version from this crate's Cargo.lock; a Python tool's as it reported it.
fn version(tool: Tool, run: &Run) -> String {
    if let Some(v) = &run.version {
        return v.clone();
    }
    let Some(name) = tool.crate_name() else { return "?".to_string() };
    let lock = include_str!("../Cargo.lock");
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            if let Some(v) = lines.next().and_then(|l| l.trim().strip_prefix("version = ")) {
                return v.trim_matches('"').to_string();
            }
        }
    }
    "?".to_string()
}
