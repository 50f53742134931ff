//! `newsgraph search`, `entity`, `stories` and `export`: read-only views of the store.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use newsgraph_model::calendar::RecordDate;
use newsgraph_store::export::{export, ExportFormat};
use newsgraph_store::{EmbeddedStore, SearchQuery, Store};

use super::DataDir;

fn open(data: &DataDir) -> anyhow::Result<EmbeddedStore> {
    let store = EmbeddedStore::open_read_only(&data.dir)
        .with_context(|| format!("cannot open the store in {}", data.dir.display()))?;
    for notice in store.notices() {
        eprintln!("newsgraph: {notice}");
    }
    Ok(store)
}

#[derive(clap::Args)]
pub struct SearchArgs {
    #[command(flatten)]
    data: DataDir,
    /// Words to search for (tantivy query syntax: "exact phrase", -exclude, title:word).
    #[arg(default_value = "")]
    query: String,
    /// First publication day (YYYY-MM-DD).
    #[arg(long, value_parser = RecordDate::parse)]
    from: Option<RecordDate>,
    /// Last publication day (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = RecordDate::parse)]
    to: Option<RecordDate>,
    /// An entity's name or Wikidata id.
    #[arg(long)]
    entity: Option<String>,
    /// ISO country code of a place or entity in the article.
    #[arg(long)]
    country: Option<String>,
    /// Source site (host name).
    #[arg(long)]
    site: Option<String>,
    /// PLOVER event type.
    #[arg(long = "type")]
    event_type: Option<String>,
    /// A quote speaker's name.
    #[arg(long)]
    speaker: Option<String>,
    #[arg(long = "lang")]
    language: Option<String>,
    /// The clean stage's page type (`article`, `product`, `forum`...) or `news`.
    #[arg(long = "page-type")]
    page_type: Option<String>,
    #[arg(long, default_value_t = 10)]
    limit: usize,
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Also count entities, countries, sites, event types, speakers and languages.
    #[arg(long)]
    facets: bool,
    /// Print the results as one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run_search(args: &SearchArgs) -> anyhow::Result<bool> {
    let store = open(&args.data)?;
    let query = SearchQuery {
        text: args.query.clone(),
        from: args.from.as_ref().map(|d| d.as_str().to_string()),
        to: args.to.as_ref().map(|d| d.as_str().to_string()),
        entity: args.entity.clone(),
        country: args.country.clone(),
        site: args.site.clone(),
        event_type: args.event_type.clone(),
        speaker: args.speaker.clone(),
        language: args.language.clone(),
        theme: None,
        page_type: args.page_type.clone(),
        offset: args.offset,
        limit: args.limit,
        facets: args.facets,
    };
    let results = store.search(&query)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        serde_json::to_writer(&mut out, &results)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{} matching articles", results.total)?;
        for (rank, hit) in results.hits.iter().enumerate() {
            writeln!(
                out,
                "{:>3}. {}  {}  {}  [{}]",
                args.offset + rank + 1,
                hit.published.as_deref().map_or("----------", |p| p.get(..10).unwrap_or(p)),
                hit.site.as_deref().unwrap_or("-"),
                hit.title.as_deref().unwrap_or("(untitled)"),
                hit.id
            )?;
            writeln!(out, "     {}", hit.snippet)?;
        }
        if let Some(facets) = &results.facets {
            for (name, counts) in [
                ("entities", &facets.entities),
                ("countries", &facets.countries),
                ("sites", &facets.sites),
                ("event types", &facets.event_types),
                ("speakers", &facets.speakers),
                ("languages", &facets.languages),
                ("page types", &facets.page_types),
            ] {
                if !counts.is_empty() {
                    let list: Vec<String> =
                        counts.iter().take(10).map(|c| format!("{} ({})", c.value, c.count)).collect();
                    writeln!(out, "{name}: {}", list.join(", "))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(true)
}

#[derive(clap::Args)]
pub struct EntityArgs {
    #[command(flatten)]
    data: DataDir,
    /// The entity's name or Wikidata id (Q7747).
    name: String,
    #[arg(long)]
    json: bool,
}

pub fn run_entity(args: &EntityArgs) -> anyhow::Result<bool> {
    let store = open(&args.data)?;
    let Some(timeline) = store.entity(&args.name)? else {
        eprintln!("newsgraph: no stored article mentions {:?}", args.name);
        return Ok(false);
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        serde_json::to_writer(&mut out, &timeline)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} ({}{}) in {} articles",
            timeline.name,
            timeline.kind.as_deref().unwrap_or("?"),
            timeline.wikidata.as_deref().map(|q| format!(", {q}")).unwrap_or_default(),
            timeline.num_articles
        )?;
        if !timeline.roles.is_empty() {
            writeln!(out, "roles: {}", timeline.roles.join("; "))?;
        }
        writeln!(out, "mentions by day:")?;
        for day in &timeline.by_day {
            writeln!(out, "  {}  {:>4} mentions in {:>3} articles", day.day, day.mentions, day.articles)?;
        }
        if !timeline.quotes.is_empty() {
            writeln!(out, "quotes:")?;
            for q in &timeline.quotes {
                writeln!(
                    out,
                    "  {}  ({}) {}  [{}]",
                    q.date.as_deref().unwrap_or("----------"),
                    q.kind,
                    q.text,
                    q.article_id
                )?;
            }
        }
    }
    out.flush()?;
    Ok(true)
}

#[derive(clap::Args)]
pub struct StoriesArgs {
    #[command(flatten)]
    data: DataDir,
    /// How many stories (largest first).
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Show one story with its articles and timeline.
    #[arg(long)]
    id: Option<i64>,
    #[arg(long)]
    json: bool,
}

pub fn run_stories(args: &StoriesArgs) -> anyhow::Result<bool> {
    let store = open(&args.data)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.id {
        Some(id) => {
            let Some(story) = store.story(id)? else {
                eprintln!("newsgraph: no story {id}");
                return Ok(false);
            };
            if args.json {
                serde_json::to_writer(&mut out, &story)?;
                writeln!(out)?;
            } else {
                writeln!(out, "story {}: {}", story.id, story.title.as_deref().unwrap_or("(untitled)"))?;
                for a in &story.articles {
                    let date = a.published.as_deref().unwrap_or("----------");
                    writeln!(
                        out,
                        "  {}  {}  {}",
                        date.get(..10).unwrap_or(date),
                        a.site.as_deref().unwrap_or("-"),
                        a.title.as_deref().unwrap_or("-")
                    )?;
                }
                // What happened leads; events reported as expected, feared, denied or
                // earlier follow, each with its status.
                let happened = |e: &&newsgraph_store::TimelineEntry| e.status.as_deref().is_none_or(|s| s == "actual");
                let (lead, other): (Vec<_>, Vec<_>) = story.timeline.iter().partition(happened);
                for (heading, entries) in [("timeline:", lead), ("not reported as happened:", other)] {
                    if entries.is_empty() && heading != "timeline:" {
                        continue;
                    }
                    writeln!(out, "{heading}")?;
                    for e in entries {
                        writeln!(
                            out,
                            "  {}  {:<5} {:<10} {:<12} {}",
                            e.date.as_deref().unwrap_or("----------"),
                            e.kind,
                            e.label,
                            e.status.as_deref().unwrap_or(""),
                            e.text
                        )?;
                    }
                }
                if !story.counts.is_empty() {
                    writeln!(out, "counts:")?;
                    for c in &story.counts {
                        let date = c.date.as_deref().unwrap_or("----------");
                        writeln!(
                            out,
                            "  {date}  {:<9} {} {}  {}",
                            c.kind,
                            c.value,
                            c.what,
                            c.site.as_deref().unwrap_or("-")
                        )?;
                    }
                }
                if !story.joined.is_empty() {
                    writeln!(out, "sources, as they joined:")?;
                    for j in &story.joined {
                        writeln!(out, "  {}  {} ({} articles)", j.first, j.site, j.articles)?;
                    }
                }
            }
        }
        None => {
            let stories = store.stories(0, args.limit)?;
            if args.json {
                serde_json::to_writer(&mut out, &stories)?;
                writeln!(out)?;
            } else {
                for s in stories {
                    writeln!(
                        out,
                        "{:>6}  {:>4} articles  {} .. {}  {}",
                        s.id,
                        s.num_articles,
                        s.first.as_deref().and_then(|d| d.get(..10)).unwrap_or("-"),
                        s.last.as_deref().and_then(|d| d.get(..10)).unwrap_or("-"),
                        s.title.as_deref().unwrap_or("(untitled)")
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(true)
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    data: DataDir,
    /// jsonl (the record), gkg (GDELT GKG 2.1 TSV), events or mentions (GDELT
    /// 2.0 Event and Mentions TSV of the story events) or parquet.
    #[arg(long)]
    format: ExportFormat,
    /// Output file (default: stdout).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run_export(args: &ExportArgs) -> anyhow::Result<bool> {
    let store = open(&args.data)?;
    let rows = match &args.out {
        Some(path) => {
            let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = BufWriter::new(file);
            export(&store, args.format, &mut out)?
        }
        None => {
            let mut out = BufWriter::new(std::io::stdout());
            export(&store, args.format, &mut out)?
        }
    };
    let what = match args.format {
        ExportFormat::Events => "story events",
        ExportFormat::Mentions => "event mentions",
        _ => "articles",
    };
    eprintln!("export: {rows} {what}");
    Ok(true)
}
