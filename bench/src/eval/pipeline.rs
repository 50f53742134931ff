//! `newsgraph eval pipeline`: per-article time of the whole pipeline, stage by stage.
//!
//! Runs the clean stage and every later stage on each page of an extraction set
//! (`--dataset trafilatura|aeb|wcxb`, default trafilatura) on one thread and
//! prints articles/s and words/s overall and the share of each stage, as the
//! pipeline runs it: stages whose models do not read an article's language are
//! skipped there, so the rate over the articles that get every stage is
//! printed on its own line, and then the rate per language of the articles
//! (whatever stages read it). Models for a language load on its first article
//! (as in the product); that first article is run once untimed so the rates
//! exclude loading, which is printed on its own. Reading and gunzipping the
//! pages is excluded. The stage table gives each stage's time per article that got
//! every stage in wall time and in this thread's on-CPU time (on a shared machine
//! wall time includes waiting for a core). There is no quality score here: each
//! stage has its own evaluation. The process's peak memory is printed last.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::Context;
use newsgraph_model::Layer;
use newsgraph_pipeline::Pipeline;

use super::extraction::{self, Dataset};
use super::EvalOptions;

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let data = super::data_dir(options)?;
    let root = super::set_dir(&data, "extraction")?;
    let dataset = options.dataset.as_deref().unwrap_or("trafilatura");
    let (_, mut docs) =
        extraction::load(Dataset::parse(dataset)?, &root).with_context(|| format!("cannot load the {dataset} set"))?;
    if let Some(limit) = options.limit {
        docs.truncate(limit);
    }
    let pipeline = Pipeline::load(Layer::Events)?;
    let stages = pipeline.stages();
    let mut spent = vec![Duration::ZERO; stages.len() + 1];
    let (mut articles, mut words, mut failed) = (0usize, 0usize, 0usize);
    // Articles, their words and their time (all stages) in a language every stage reads.
    let mut all_stages = (0usize, 0usize, Duration::ZERO);
    // Their time per stage (clean first), for the table and the layers up to `said`.
    let mut all_stages_spent = vec![Duration::ZERO; stages.len() + 1];
    // The same on-CPU (waiting for a core on a shared machine is not the stage's cost).
    let mut all_stages_cpu = vec![Duration::ZERO; stages.len() + 1];
    // Issue 4's pipeline ends with the said layer; the stages after it are events.
    let said_stages = Pipeline::load(Layer::Said)?.stages().len();
    // On-CPU time of those articles through the said layer: on a shared machine the
    // wall time also counts waiting for a core.
    let mut said_cpu = Some(Duration::ZERO);
    let loads = warm_up(&pipeline, &docs);
    // Per language: articles, words, wall time and on-CPU time through every stage that ran.
    let mut by_language: BTreeMap<String, (usize, usize, Duration, Duration)> = BTreeMap::new();
    let cpu_before = extraction::thread_cpu_time();
    for doc in &docs {
        let article_cpu = extraction::thread_cpu_time();
        let mut said_done_cpu = None;
        let article_started = Instant::now();
        let mut this = vec![Duration::ZERO; stages.len() + 1];
        let mut this_cpu = vec![Duration::ZERO; stages.len() + 1];
        let started = Instant::now();
        let cleaned = pipeline.cleaner().clean(&doc.page);
        this[0] = started.elapsed();
        this_cpu[0] = cpu_since(article_cpu);
        let Ok(mut article) = cleaned else {
            spent[0] += this[0];
            failed += 1;
            continue;
        };
        let mut skipped = Vec::new();
        for (i, ((slot, cpu_slot), stage)) in this[1..].iter_mut().zip(&mut this_cpu[1..]).zip(stages).enumerate() {
            if i == said_stages {
                said_done_cpu = extraction::thread_cpu_time();
            }
            if !stage.reads().covers(&article) {
                skipped.push(stage.name());
                continue;
            }
            let (started, started_cpu) = (Instant::now(), extraction::thread_cpu_time());
            stage.annotate(&mut article);
            *slot = started.elapsed();
            *cpu_slot = cpu_since(started_cpu);
        }
        for (total, time) in spent.iter_mut().zip(&this) {
            *total += *time;
        }
        newsgraph_pipeline::note_skipped(&mut article, &skipped);
        articles += 1;
        let count = article.text.split_whitespace().count();
        words += count;
        let slot = by_language.entry(article.language.clone().unwrap_or_else(|| "?".into())).or_default();
        slot.0 += 1;
        slot.1 += count;
        slot.2 += article_started.elapsed();
        if let Some((now, start)) = extraction::thread_cpu_time().zip(article_cpu) {
            slot.3 += now.saturating_sub(start);
        }
        if skipped.is_empty() {
            said_cpu = said_cpu.zip(said_done_cpu.zip(article_cpu)).map(|(sum, (done, start))| sum + (done - start));
            all_stages.0 += 1;
            all_stages.1 += count;
            all_stages.2 += article_started.elapsed();
            for (total, time) in all_stages_spent.iter_mut().zip(&this) {
                *total += *time;
            }
            for (total, time) in all_stages_cpu.iter_mut().zip(&this_cpu) {
                *total += *time;
            }
        }
    }
    let cpu = extraction::thread_cpu_time().zip(cpu_before).map(|(after, before)| after.saturating_sub(before));
    let total: Duration = spent.iter().sum();
    let seconds = total.as_secs_f64().max(1e-9);
    println!("dataset {dataset}: {} pages, {articles} articles, {failed} failed to clean, {words} words", docs.len());
    println!(
        "  {} articles ({} words) in a language every stage reads; the others get the clean stage only",
        all_stages.0, all_stages.1
    );
    let english = all_stages.2.as_secs_f64().max(1e-9);
    println!(
        "every stage, on those articles alone: {:.1} articles/s, {:.0} words/s ({:.3} s)",
        all_stages.0 as f64 / english,
        all_stages.1 as f64 / english,
        english
    );
    let through_said: Duration = all_stages_spent[..=said_stages].iter().sum();
    let through_said = through_said.as_secs_f64().max(1e-9);
    println!(
        "  clean, entities and the said layers (no events), on those articles: {:.1} articles/s, {:.0} words/s ({:.3} s)",
        all_stages.0 as f64 / through_said,
        all_stages.1 as f64 / through_said,
        through_said
    );
    if let Some(cpu) = said_cpu.filter(|cpu| !cpu.is_zero()) {
        println!("    on-CPU: {:.1} articles/s ({:.3} s)", all_stages.0 as f64 / cpu.as_secs_f64(), cpu.as_secs_f64());
    }
    println!(
        "whole pipeline, one thread: {:.1} articles/s, {:.0} words/s ({:.3} s; NER products: {})",
        docs.len() as f64 / seconds,
        words as f64 / seconds,
        seconds,
        newsgraph_nlp::Nlp::matmul_kernel()
    );
    if let Some(cpu) = cpu {
        // Wall time on a busy machine includes waiting for a core; on-CPU time does not.
        println!(
            "  on-CPU: {:.1} articles/s ({:.3} s)",
            docs.len() as f64 / cpu.as_secs_f64().max(1e-9),
            cpu.as_secs_f64()
        );
    }
    print_languages(&by_language, &loads);
    let names = std::iter::once("clean").chain(stages.iter().map(|s| s.name()));
    println!(
        "{:<12} {:>9} {:>7} {:>12} {:>14} {:>14}",
        "stage", "ms/page", "share", "pages/s", "ms/all-stages", "on-CPU ms/all"
    );
    for (((name, time), english), english_cpu) in names.zip(&spent).zip(&all_stages_spent).zip(&all_stages_cpu) {
        let ms = 1000.0 * time.as_secs_f64() / docs.len().max(1) as f64;
        println!(
            "{name:<12} {ms:>9.3} {:>6.1}% {:>12.0} {:>14.3} {:>14.3}",
            100.0 * time.as_secs_f64() / seconds,
            docs.len() as f64 / time.as_secs_f64().max(1e-9),
            1000.0 * english.as_secs_f64() / all_stages.0.max(1) as f64,
            1000.0 * english_cpu.as_secs_f64() / all_stages.0.max(1) as f64
        );
    }
    if let Some(peak) = peak_rss_mib() {
        println!("peak memory (VmHWM) of this process, every language's models loaded: {peak:.0} MiB");
    }
    Ok(())
}

/// This thread's on-CPU time since `start` (zero where it cannot be read).
fn cpu_since(start: Option<Duration>) -> Duration {
    extraction::thread_cpu_time().zip(start).map_or(Duration::ZERO, |(now, start)| now.saturating_sub(start))
}

/// Processes the first clean article of each language once, untimed, so that
/// the timed pass does not count model loading; returns the load time per language.
fn warm_up(pipeline: &Pipeline, docs: &[extraction::Doc]) -> BTreeMap<String, Duration> {
    let mut loads = BTreeMap::new();
    for doc in docs {
        let Ok(mut article) = pipeline.cleaner().clean(&doc.page) else { continue };
        let language = article.language.clone().unwrap_or_else(|| "?".into());
        if loads.contains_key(&language) {
            continue;
        }
        let started = Instant::now();
        pipeline.annotate(&mut article);
        loads.insert(language, started.elapsed());
    }
    loads
}

fn print_languages(
    by_language: &BTreeMap<String, (usize, usize, Duration, Duration)>,
    loads: &BTreeMap<String, Duration>,
) {
    println!("per language (clean + every stage that reads the language; first article untimed, see load):");
    println!(
        "{:<6} {:>8} {:>10} {:>12} {:>12} {:>14} {:>10}",
        "lang", "articles", "words", "articles/s", "words/s", "on-CPU art/s", "load s"
    );
    for (language, (articles, words, wall, cpu)) in by_language {
        let wall = wall.as_secs_f64().max(1e-9);
        let on_cpu =
            if cpu.is_zero() { "-".to_string() } else { format!("{:.1}", *articles as f64 / cpu.as_secs_f64()) };
        let load = loads.get(language).map_or("-".to_string(), |d| format!("{:.2}", d.as_secs_f64()));
        println!(
            "{language:<6} {articles:>8} {words:>10} {:>12.1} {:>12.0} {on_cpu:>14} {load:>10}",
            *articles as f64 / wall,
            *words as f64 / wall
        );
    }
}

/// Peak resident set size from `/proc/self/status`, where there is one.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
