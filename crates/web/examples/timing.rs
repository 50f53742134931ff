//! Page render times on a synthetic store:
//! `timing [ARTICLES] [DATA_DIR] [--ingest PER_SECOND] [--load CLIENTS SECONDS]`.
//!
//! Fills a store with `ARTICLES` annotated articles (once; an existing store in
//! `DATA_DIR` is reused), starts the server on a free loopback port and times
//! each page over HTTP (20 requests each, one at a time), printing p50/p95/max
//! per page in milliseconds and the p95 over all of them.
//!
//! `--ingest N` keeps a writer storing N new articles a second meanwhile, in
//! batches every half second, each committed and made searchable (what
//! `serve --follow` does between polls). `--load C S` then runs a load test:
//! C clients, each requesting the pages in turn without pause for S seconds,
//! and prints requests, errors and p50/p95/p99/max.
//!
//! `cargo run --release -p newsgraph-web --example timing -- 100000 /tmp/timing-100k --ingest 20 --load 50 60`
//! builds the 100,000-article store the first time (a few minutes) and measures.
//!
//! The articles carry what the analyst view and the story timeline read: a tone,
//! themes, people and organisations, places, quotes, counts and events whose
//! status varies (mostly actual; future, hypothetical, negated, historical).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsgraph_model::*;
use newsgraph_store::{EmbeddedStore, Store};

const WORDS: &[&str] = &[
    "river", "council", "budget", "harbour", "engineer", "tram", "festival", "vote", "school", "doctor", "market",
    "bridge", "farmer", "storm", "library", "court", "museum", "factory", "station", "garden", "teacher", "police",
    "village", "hospital", "airport", "union", "border", "minister", "election", "forest",
];
const PEOPLE: &[&str] = &["Anna Berg", "Omar Haddad", "Li Wei", "Maria Silva", "John Okafor", "Eva Novak"];
const ORGS: &[&str] = &["Red Cross", "City Council", "Harbour Union", "Rail Company"];
const THEMES: &[&str] = &["PROTEST", "ECON_INFLATION", "TRANSPORT", "HEALTH", "ELECTION", "WEATHER"];
const STATUSES: &[EventStatus] = &[
    EventStatus::Actual,
    EventStatus::Actual,
    EventStatus::Actual,
    EventStatus::Future,
    EventStatus::Hypothetical,
    EventStatus::Negated,
    EventStatus::Historical,
];
const PLACES: &[(&str, f64, f64, &str)] = &[
    ("Kyiv", 50.45, 30.52, "UA"),
    ("Lagos", 6.45, 3.39, "NG"),
    ("Lima", -12.05, -77.04, "PE"),
    ("Oslo", 59.91, 10.75, "NO"),
];

fn mention(text: &str, needle: &str) -> Mention {
    let byte = text.find(needle).unwrap_or(0);
    let start = text[..byte].chars().count();
    Mention { span: CharSpan::new(start, start + needle.chars().count()), text: needle.to_string() }
}

fn article(n: u64) -> Article {
    let mut state = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let person = PEOPLE[(next() % PEOPLE.len() as u64) as usize];
    let (place, lat, lon, country) = PLACES[(next() % PLACES.len() as u64) as usize];
    let org = ORGS[(next() % ORGS.len() as u64) as usize];
    let killed = 1 + next() % 40;
    let mut text = format!(
        "{place} – Crowds gathered in {place} on Monday. \"We want answers,\" said {person}. \
         The {org} said {killed} people were killed. "
    );
    for _ in 0..20 {
        let words: Vec<&str> = (0..12).map(|_| WORDS[(next() % WORDS.len() as u64) as usize]).collect();
        text.push_str(&words.join(" "));
        text.push_str(". ");
    }
    let day = 1 + n % 28;
    let mut a = Article::from_text(format!("{n:016x}"), text.clone());
    let site = format!("site{}.example", n % 50);
    a.source.url = Some(format!("https://{site}/{n}"));
    a.site = Some(site);
    a.title = Some(format!("{place} {} {}", WORDS[(n % 30) as usize], n));
    a.published = Some(Published { value: format!("2024-03-{day:02}"), from: DateSource::Meta });
    a.entities = vec![
        Entity {
            id: EntityId::nth(0),
            name: person.into(),
            kind: EntityType::Person,
            kb: None,
            roles: vec![],
            mentions: vec![mention(&text, person)],
        },
        Entity {
            id: EntityId::nth(1),
            name: place.into(),
            kind: EntityType::Gpe,
            kb: Some(KbLink { country: Some(country.into()), ..KbLink::default() }),
            roles: vec![],
            mentions: vec![mention(&text, place)],
        },
        Entity {
            id: EntityId::nth(2),
            name: org.into(),
            kind: EntityType::Org,
            kb: None,
            roles: vec![],
            mentions: vec![mention(&text, org)],
        },
    ];
    // Tones in quarters, so the per-day sums are exact.
    a.tone = Some(Tone { tone: (next() % 41) as f64 / 4.0 - 5.0, ..Tone::default() });
    a.themes = (0..1 + next() % 2)
        .map(|_| Theme { code: THEMES[(next() % THEMES.len() as u64) as usize].into(), span: CharSpan::new(0, 4) })
        .collect();
    a.events.push(Event {
        kind: if next() % 3 == 0 { EventType::Assault } else { EventType::Protest },
        mode: None,
        actors: vec![EntityId::nth(0)],
        targets: vec![],
        date: Some(format!("2024-03-{day:02}")),
        place: Some(EntityId::nth(1)),
        status: STATUSES[(next() % STATUSES.len() as u64) as usize],
        evidence: vec![mention(&text, "Crowds gathered")],
        cameo: "14".into(),
        quad_class: 3,
        goldstein: -6.5,
        source: None,
    });
    let count = mention(&text, &format!("{killed} people"));
    a.counts.push(Count {
        span: count.span,
        text: count.text,
        value: killed as f64,
        qualifier: CountQualifier::Exact,
        object: Some("people".into()),
        kind: CountKind::Kill,
    });
    a.places.push(Place {
        entity: EntityId::nth(1),
        geonames: None,
        country: Some(country.into()),
        fips: None,
        adm1: None,
        lat,
        lon,
        feature: FeatureKind::City,
    });
    let q = mention(&text, "We want answers,");
    a.quotes.push(Quote {
        kind: QuoteKind::Direct,
        span: q.span,
        text: q.text,
        cue: None,
        speaker: Some(EntityId::nth(0)),
        speaker_mention: None,
    });
    a
}

fn get(addr: std::net::SocketAddr, path: &str) -> (u16, usize) {
    let Ok(mut s) = TcpStream::connect(addr) else { return (0, 0) };
    let _ = write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let status =
        String::from_utf8_lossy(&raw[..raw.len().min(12)]).get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, raw.len())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str, nth: usize| -> Option<u64> {
        let at = args.iter().position(|a| a == name)?;
        args.get(at + 1 + nth).and_then(|v| v.parse().ok())
    };
    let ingest_rate = flag("--ingest", 0).unwrap_or(0);
    let load = flag("--load", 0).zip(flag("--load", 1));
    let mut positional = args.iter().take_while(|a| !a.starts_with("--"));
    let n: u64 = positional.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = positional.next().cloned().unwrap_or_else(|| "target/web-timing-store".into());
    let store = EmbeddedStore::open(&dir)?;
    let have = store.count()?;
    if have < n {
        let started = Instant::now();
        let mut i = have;
        while i < n {
            let batch: Vec<Article> = (i..(i + 1000).min(n)).map(article).collect();
            store.put_batch(&batch)?;
            i += batch.len() as u64;
        }
        store.flush()?;
        eprintln!("stored {} articles in {:.1}s", n - have, started.elapsed().as_secs_f64());
    }
    let store: Arc<dyn Store> = Arc::new(store);
    let count = store.count()?;
    let listed = store.stories(0, 1000)?;
    let story = listed.first().map(|s| s.id).unwrap_or(0);
    // A small story too: the last of the listed ones.
    let small = listed.last().map(|s| s.id).unwrap_or(0);
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let served = Arc::clone(&store);
    std::thread::spawn(move || newsgraph_web::serve_listener(listener, served));
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicU64::new(0));
    let writer = (ingest_rate > 0).then(|| {
        let (store, stop, written) = (Arc::clone(&store), Arc::clone(&stop), Arc::clone(&written));
        let mut next = count.max(n);
        std::thread::spawn(move || -> Result<(), newsgraph_store::StoreError> {
            let per_batch = ingest_rate.div_ceil(2).max(1);
            while !stop.load(Ordering::Relaxed) {
                let started = Instant::now();
                let batch: Vec<Article> = (next..next + per_batch).map(article).collect();
                store.put_batch(&batch)?;
                store.flush()?;
                next += per_batch;
                written.fetch_add(per_batch, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(500).saturating_sub(started.elapsed()));
            }
            Ok(())
        })
    });
    if ingest_rate > 0 {
        println!("ingesting {ingest_rate} articles/s meanwhile (batches every 0.5 s, each flushed)");
    }
    let pages = [
        "/".to_string(),
        "/search?q=crowds".to_string(),
        "/search?q=river+bridge&country=UA&page=3".to_string(),
        "/search?entity=Anna+Berg&from=2024-03-05&to=2024-03-20".to_string(),
        format!("/articles/{:016x}", n / 2),
        format!("/articles/{:016x}", n - 1),
        "/entities/Anna%20Berg".to_string(),
        "/entities/Kyiv".to_string(),
        format!("/stories/{story}"),
        format!("/stories/{story}?page=50"),
        format!("/stories/{small}"),
        "/map?q=crowds".to_string(),
        "/saved".to_string(),
        "/api/search?q=market".to_string(),
        format!("/api/articles/{:016x}", n / 3),
        "/api/entities/Omar%20Haddad".to_string(),
        format!("/api/stories/{story}"),
        "/analyze".to_string(),
        "/analyze?q=crowds".to_string(),
        "/analyze?q=river+bridge&q2=market+storm".to_string(),
        "/analyze?q=crowds&entity=Anna+Berg&theme=PROTEST".to_string(),
        "/api/analyze?q=crowds&country=UA".to_string(),
        "/analyze.csv?q=crowds".to_string(),
    ];
    println!("store: {count} articles");
    // The store's own share of the slowest pages.
    for _ in 0..3 {
        let t = Instant::now();
        let timeline = store.entity("Anna Berg")?;
        let entity_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let s = store.story(story)?;
        let story_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let first = s.as_ref().and_then(|s| s.articles.first()).map(|a| a.id.clone()).unwrap_or_default();
        let group = store.duplicates_of(&first)?;
        let dup_ms = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "store.entity {entity_ms:.1} ms ({} articles), store.story {story_ms:.1} ms ({} articles, {} timeline), \
             duplicates_of {dup_ms:.1} ms ({} copies)",
            timeline.map_or(0, |t| t.num_articles),
            s.as_ref().map_or(0, |s| s.articles.len()),
            s.as_ref().map_or(0, |s| s.timeline.len()),
            group.map_or(0, |g| g.num_articles)
        );
    }
    for _ in 0..3 {
        let t = Instant::now();
        let analysis = store.analyze(&newsgraph_store::SearchQuery::text("crowds"))?;
        println!(
            "store.analyze {:.1} ms ({} articles, {} days, {} people)",
            t.elapsed().as_secs_f64() * 1000.0,
            analysis.total,
            analysis.days.len(),
            analysis.people.len()
        );
    }
    let mut all = Vec::new();
    let mut analyst = Vec::new();
    for page in &pages {
        let mut times = Vec::new();
        let mut status = 0;
        for _ in 0..20 {
            let t = Instant::now();
            status = get(addr, page).0;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        if page.contains("analyze") {
            analyst.extend(times.iter().copied());
        } else {
            all.extend(times.iter().copied());
        }
        println!(
            "{status} {page:<60} p50 {:7.2} ms  p95 {:7.2} ms  max {:7.2} ms",
            times[times.len() / 2],
            times[times.len() * 95 / 100],
            times[times.len() - 1]
        );
    }
    all.sort_by(f64::total_cmp);
    println!("other pages: p95 {:.2} ms over {} requests", all[all.len() * 95 / 100], all.len());
    analyst.sort_by(f64::total_cmp);
    println!(
        "analyst pages: p50 {:.2} ms, p95 {:.2} ms over {} requests",
        analyst[analyst.len() / 2],
        analyst[analyst.len() * 95 / 100],
        analyst.len()
    );
    if let Some((clients, seconds)) = load {
        load_test(addr, &pages, clients as usize, Duration::from_secs(seconds));
    }
    stop.store(true, Ordering::Relaxed);
    if let Some(writer) = writer {
        writer.join().map_err(|_| "the writer panicked")??;
        println!("the writer stored {} articles meanwhile", written.load(Ordering::Relaxed));
    }
    Ok(())
}

/// `clients` threads request the pages in turn (each from its own starting page)
/// without pause until `length` has passed; prints the totals and percentiles.
fn load_test(addr: std::net::SocketAddr, pages: &[String], clients: usize, length: Duration) {
    let deadline = Instant::now() + length;
    let started = Instant::now();
    let results: Vec<(Vec<f64>, usize)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..clients)
            .map(|c| {
                scope.spawn(move || {
                    let (mut times, mut errors) = (Vec::new(), 0);
                    let mut i = c;
                    while Instant::now() < deadline {
                        let t = Instant::now();
                        let (status, _) = get(addr, &pages[i % pages.len()]);
                        times.push(t.elapsed().as_secs_f64() * 1000.0);
                        errors += usize::from(status != 200);
                        i += 1;
                    }
                    (times, errors)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_default()).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let errors: usize = results.iter().map(|r| r.1).sum();
    let mut times: Vec<f64> = results.into_iter().flat_map(|r| r.0).collect();
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times.get(((times.len() as f64 * q) as usize).min(times.len().saturating_sub(1))).copied();
    println!(
        "load: {clients} clients for {elapsed:.0} s: {} requests ({:.0}/s), {errors} errors (status not 200 or no answer); \
         p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        times.len(),
        times.len() as f64 / elapsed,
        at(0.5).unwrap_or(0.0),
        at(0.95).unwrap_or(0.0),
        at(0.99).unwrap_or(0.0),
        times.last().copied().unwrap_or(0.0)
    );
}
