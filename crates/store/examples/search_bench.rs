//! Builds a large synthetic store from real records and measures search latency.
//!
//! `cargo run --release -p newsgraph-store --example search_bench -- RECORDS.jsonl DATA_DIR N [QUERIES]`
//!
//! `crates/store/examples/build-100k.sh` runs the whole chain (ingest the
//! shared pages once, export their records, then this) as one command.
//!
//! RECORDS.jsonl holds full records (e.g. `newsgraph export --format jsonl` of a
//! store that ingested the shared pages). The store is filled to N articles by
//! cycling through them with a fresh id, URL (one of 200 sites), publication
//! date (spread over 2015-2024) and title suffix per copy, so every copy is a
//! distinct article whose text is a wire copy of its original. The NLP is not
//! rerun per copy (that is what makes 100,000 articles take minutes, not
//! hours), but every copy goes through the store's full write path. Then QUERIES
//! (default 1,000) searches run: one or two words drawn from the records'
//! titles, a third of them with a filter (date range, site or language), each
//! asking for the first page of 10 hits; half again with facet counts. Prints
//! the build rate, the median and p95 latency, and the bytes per article.

use std::io::BufRead;
use std::time::Instant;

use newsgraph_model::{Article, DateSource, Published};
use newsgraph_store::{EmbeddedStore, SearchQuery, Store};

/// Articles per `put_batch` (one SQLite transaction) while building.
const BATCH: usize = 1000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: search_bench RECORDS.jsonl DATA_DIR N [QUERIES]");
        std::process::exit(2);
    }
    let records: Vec<Article> = std::io::BufReader::new(std::fs::File::open(&args[1])?)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str(&l).ok())
        .filter(|a: &Article| !a.text.trim().is_empty())
        .collect();
    let target: usize = args[3].parse()?;
    let queries: usize = args.get(4).map_or(Ok(1000), |q| q.parse())?;
    if records.is_empty() {
        return Err("no records with text".into());
    }
    let store = EmbeddedStore::open(&args[2])?;
    for notice in store.notices() {
        eprintln!("search_bench: {notice}");
    }
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |below: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % below.max(1)
    };
    let have = store.count()? as usize;
    let started = Instant::now();
    let mut batch = Vec::with_capacity(BATCH);
    for n in have..target {
        let mut a = records[n % records.len()].clone();
        let site = format!("site{}.example.com", next(200));
        a.id.0 = format!("syn{n:07}");
        a.source.url = Some(format!("https://{site}/a/{n}"));
        a.source.path = None;
        a.source.id = None;
        a.source.record = Some(n as u64);
        a.site = Some(site);
        let day = 1 + next(28);
        let month = 1 + next(12);
        let year = 2015 + next(10);
        a.published = Some(Published { value: format!("{year}-{month:02}-{day:02}T12:00"), from: DateSource::Given });
        a.title = Some(format!("{} ({n})", a.title.as_deref().unwrap_or("untitled")));
        batch.push(a);
        if batch.len() == BATCH {
            store.put_batch(&batch)?;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        store.put_batch(&batch)?;
    }
    store.flush()?;
    let built = target.saturating_sub(have);
    if built > 0 {
        let secs = started.elapsed().as_secs_f64();
        println!("stored {built} articles in {secs:.1}s ({:.0}/s)", built as f64 / secs);
    }

    let vocabulary: Vec<String> = records
        .iter()
        .filter_map(|a| a.title.as_deref())
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect::<Vec<_>>())
        .filter(|w| w.len() >= 5)
        .collect();
    let mut plain = Vec::with_capacity(queries);
    let mut faceted = Vec::with_capacity(queries);
    let mut totals = 0usize;
    for i in 0..queries {
        let mut q = SearchQuery::text(vocabulary[next(vocabulary.len() as u64) as usize].clone());
        if i % 2 == 0 {
            q.text.push(' ');
            q.text.push_str(&vocabulary[next(vocabulary.len() as u64) as usize]);
            q.text = q.text.replace(' ', " OR ");
        }
        match i % 6 {
            0 => q = q.between(Some("2018-01-01"), Some("2019-12-31")),
            2 => q = q.site(format!("site{}.example.com", next(200))),
            4 => q.language = Some("en".into()),
            _ => {}
        }
        let t = Instant::now();
        totals += store.search(&q)?.total;
        plain.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        store.search(&q.clone().with_facets())?;
        faceted.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let stats = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[(v.len() * 95 / 100).min(v.len() - 1)])
    };
    let (median, p95) = stats(&mut plain);
    let (f_median, f_p95) = stats(&mut faceted);
    let count = store.count()?;
    let bytes = dir_bytes(std::path::Path::new(&args[2]));
    println!("store: {count} articles, {bytes} bytes, {:.0} bytes/article", bytes as f64 / count as f64);
    println!(
        "{queries} queries (mean {:.0} matches): median {median:.2} ms, p95 {p95:.2} ms",
        totals as f64 / queries as f64
    );
    println!("same with facet counts: median {f_median:.2} ms, p95 {f_p95:.2} ms");
    Ok(())
}

fn dir_bytes(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .map(|e| match e.metadata() {
                Ok(m) if m.is_dir() => dir_bytes(&e.path()),
                Ok(m) => m.len(),
                Err(_) => 0,
            })
            .sum()
    })
}
