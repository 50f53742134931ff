//! The extractors under test and the timed loop that runs the in-process ones.
//!
//! Every Rust tool gets the page's raw bytes and does its own decoding inside
//! the clock (newsgraph detects the charset; rs-trafilatura transcodes from the
//! declared one; dom_smoothie and trafilatura-rs take `&str`, so they get a lossy
//! UTF-8 decode, which is what they would be handed in practice). Each call is
//! timed twice: wall time (`Instant`) and this thread's on-CPU time
//! (`CLOCK_THREAD_CPUTIME_ID`, the scheduler's `sum_exec_runtime`, the same
//! figure as `/proc/thread-self/schedstat`), so time spent waiting for a core
//! on a loaded machine shows as the gap between the two. Turning a tool's
//! result into a [`Prediction`] happens outside the clock.

use std::fmt::Display;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use newsgraph_bench::eval::extraction::{Doc, Prediction};
use newsgraph_extract::Cleaner;

/// One tool, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Tool {
    /// newsgraph's clean stage: `Cleaner::clean`, the call the pipeline makes.
    Newsgraph,
    /// dom_smoothie (readability.js port), formatted text mode.
    DomSmoothie,
    /// trafilatura-rs (crate `trafilatura`), fallback extractors on, as Python's default.
    TrafilaturaRs,
    /// trafilatura-rs without fallback extractors, as Python's fast mode.
    TrafilaturaRsFast,
    /// rs-trafilatura (crate `rs-trafilatura`), default options.
    RsTrafilatura,
    /// Python trafilatura, default mode, in a subprocess with its own clock.
    PyTrafilatura,
    /// Python trafilatura, `fast=True`.
    PyTrafilaturaFast,
}

impl Tool {
    pub const ALL: [Tool; 7] = [
        Tool::Newsgraph,
        Tool::DomSmoothie,
        Tool::TrafilaturaRs,
        Tool::TrafilaturaRsFast,
        Tool::RsTrafilatura,
        Tool::PyTrafilatura,
        Tool::PyTrafilaturaFast,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Tool::Newsgraph => "newsgraph",
            Tool::DomSmoothie => "dom_smoothie",
            Tool::TrafilaturaRs => "trafilatura-rs",
            Tool::TrafilaturaRsFast => "trafilatura-rs fast",
            Tool::RsTrafilatura => "rs-trafilatura",
            Tool::PyTrafilatura => "py trafilatura",
            Tool::PyTrafilaturaFast => "py trafilatura fast",
        }
    }

    /// The Python mode for the subprocess tools, `None` for in-process ones.
    pub fn python_mode(self) -> Option<&'static str> {
        match self {
            Tool::PyTrafilatura => Some("standard"),
            Tool::PyTrafilaturaFast => Some("fast"),
            _ => None,
        }
    }

    /// The crate behind a Rust tool, to look its version up in Cargo.lock.
    pub fn crate_name(self) -> Option<&'static str> {
        match self {
            Tool::Newsgraph => Some("newsgraph-extract"),
            Tool::DomSmoothie => Some("dom_smoothie"),
            Tool::TrafilaturaRs | Tool::TrafilaturaRsFast => Some("trafilatura"),
            Tool::RsTrafilatura => Some("rs-trafilatura"),
            Tool::PyTrafilatura | Tool::PyTrafilaturaFast => None,
        }
    }
}

/// One tool's pass over the pages.
#[derive(Debug, Clone)]
pub struct Run {
    pub predictions: Vec<Prediction>,
    /// Sum over pages of wall time inside the extractor call.
    pub wall: Duration,
    /// Sum over pages of on-CPU time inside the call (the process's, for Python).
    pub cpu: Option<Duration>,
    pub errors: usize,
    /// The tool's own version string, where it reports one (Python).
    pub version: Option<String>,
}

impl Run {
    pub fn pages_per_s(&self, time: Duration) -> f64 {
        self.predictions.len() as f64 / time.as_secs_f64().max(1e-9)
    }
}

/// This thread's on-CPU time.
pub fn thread_cpu() -> Option<Duration> {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return None;
    }
    Some(Duration::new(u64::try_from(ts.tv_sec).ok()?, u32::try_from(ts.tv_nsec).ok()?))
}

/// Runs an in-process Rust tool over every page, after one warm-up page.
pub fn run_rust(tool: Tool, docs: &[Doc]) -> Run {
    match tool {
        Tool::Newsgraph => {
            let cleaner = Cleaner::new();
            timed(docs, |doc| cleaner.clean(&doc.page), |article| Prediction::of(&article))
        }
        Tool::DomSmoothie => timed(docs, dom_smoothie_extract, |a| Prediction {
            body: a.text_content.to_string(),
            title: Some(a.title).filter(|t| !t.is_empty()),
            author: a.byline,
            date: a.published_time,
            ..Prediction::default()
        }),
        Tool::TrafilaturaRs | Tool::TrafilaturaRsFast => {
            let fallback = tool == Tool::TrafilaturaRs;
            timed(
                docs,
                |doc| trafilatura_rs_extract(doc, fallback),
                |r| Prediction {
                    body: r.content_text,
                    title: Some(r.metadata.title).filter(|t| !t.is_empty()),
                    author: Some(r.metadata.author).filter(|a| !a.is_empty()),
                    date: r.metadata.date.map(|d| d.to_string()),
                    ..Prediction::default()
                },
            )
        }
        Tool::RsTrafilatura => timed(docs, rs_trafilatura_extract, |r| Prediction {
            body: r.content_text,
            title: r.metadata.title,
            author: r.metadata.author,
            date: r.metadata.date.map(|d| d.to_rfc3339()),
            ..Prediction::default()
        }),
        // The subprocess tools are run by `python::run`; reaching here is a caller's slip.
        Tool::PyTrafilatura | Tool::PyTrafilaturaFast => Run {
            predictions: docs.iter().map(|_| Prediction::default()).collect(),
            wall: Duration::ZERO,
            cpu: None,
            errors: docs.len(),
            version: None,
        },
    }
}

fn dom_smoothie_extract(doc: &Doc) -> Result<dom_smoothie::Article, dom_smoothie::ReadabilityError> {
    let html = String::from_utf8_lossy(&doc.page.bytes);
    // Formatted text keeps block breaks; the default raw textContent glues words
    // across tags, which would charge dom_smoothie for a rendering choice.
    let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    dom_smoothie::Readability::new(html.as_ref(), None, Some(cfg))?.parse()
}

fn trafilatura_rs_extract(
    doc: &Doc,
    fallback: bool,
) -> Result<trafilatura::ExtractResult, trafilatura::TrafilaturaError> {
    let html = String::from_utf8_lossy(&doc.page.bytes);
    let mut opts = trafilatura::Options::default();
    opts.exclude_comments = true;
    opts.enable_fallback = fallback;
    opts.original_url = doc.page.url.as_deref().and_then(|u| url::Url::parse(u).ok());
    trafilatura::extract(&html, &opts)
}

fn rs_trafilatura_extract(doc: &Doc) -> Result<rs_trafilatura::ExtractResult, rs_trafilatura::Error> {
    let options = rs_trafilatura::Options { url: doc.page.url.clone(), ..rs_trafilatura::Options::default() };
    rs_trafilatura::extract_bytes_with_options(&doc.page.bytes, &options)
}

/// Times `extract` on each page (wall and on-CPU), converts outside the clock.
/// A panic or an error is a miss (empty prediction), as the benchmarks count it.
fn timed<T, E: Display>(
    docs: &[Doc],
    mut extract: impl FnMut(&Doc) -> Result<T, E>,
    convert: impl Fn(T) -> Prediction,
) -> Run {
    if let Some(first) = docs.first() {
        let _ = catch_unwind(AssertUnwindSafe(|| extract(first)));
    }
    let mut run = Run {
        predictions: Vec::with_capacity(docs.len()),
        wall: Duration::ZERO,
        cpu: Some(Duration::ZERO),
        errors: 0,
        version: None,
    };
    for doc in docs {
        let cpu_before = thread_cpu();
        let started = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| extract(doc)));
        run.wall += started.elapsed();
        run.cpu = match (run.cpu, thread_cpu(), cpu_before) {
            (Some(sum), Some(after), Some(before)) => Some(sum + after.saturating_sub(before)),
            _ => None,
        };
        match result {
            Ok(Ok(value)) => run.predictions.push(convert(value)),
            Ok(Err(err)) => {
                run.errors += 1;
                if run.errors <= 3 {
                    eprintln!("    error on {}: {err}", doc.key);
                }
                run.predictions.push(Prediction::default());
            }
            Err(_) => {
                run.errors += 1;
                eprintln!("    panic on {}", doc.key);
                run.predictions.push(Prediction::default());
            }
        }
    }
    run
}
