//! `newsgraph eval quotes`: PolNeAR dev (source/cue/content spans, speaker accuracy).
//!
//! Gold is read from the brat standoff files the way
//! `../shared/peers/polnear2citron.py` reads them (first listed annotator per
//! document; attributions with both a cue and a content). Each dev article runs
//! through the pipeline up to [`Layer::Said`]. Scores follow
//! `../shared/peers/quote_score.py`: a predicted attribution matches a gold one
//! when their character overlap exceeds the threshold share of the reference
//! (the prediction for precision, the gold for recall); speaker accuracy counts,
//! over recall-matched gold attributions with a source, those whose predicted
//! source overlaps the gold source at all. The same matching is applied to
//! source and cue spans alone. `--predictions DIR` writes one citron-format
//! JSON per article so the peer's scorer can be run on them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use newsgraph_model::{Article, Layer, Quote};
use newsgraph_pipeline::Pipeline;
use serde_json::json;

use super::{EvalOptions, Prf};

/// Overlap share a match needs (`quote_score.py --thresholds 0.5`).
const THRESHOLDS: [f64; 3] = [0.3, 0.5, 0.8];

type Spans = Vec<(usize, usize)>;

/// One attribution, gold or predicted, as character spans.
#[derive(Debug, Clone, Default)]
struct Attribution {
    contents: Spans,
    sources: Spans,
    cue: Spans,
    /// The content holds a quotation mark (quote_score.py's `--direct-only` test).
    direct: bool,
}

struct Doc {
    name: String,
    text: String,
    gold: Vec<Attribution>,
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

fn load_gold(dir: &Path, split: &str) -> anyhow::Result<Vec<Doc>> {
    let meta = std::fs::read_to_string(dir.join("metadata.tsv")).context("reading metadata.tsv")?;
    let header: Vec<&str> = meta.lines().next().unwrap_or("").split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let file_col = col("filename").context("metadata.tsv has no filename column")?;
    let ann_col = col("annotators").context("metadata.tsv has no annotators column")?;
    let annotators: HashMap<&str, &str> = meta
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            Some((*cells.get(file_col)?, cells.get(ann_col)?.split('|').next()?))
        })
        .collect();
    let text_dir = dir.join(split).join("text");
    let mut names: Vec<String> = std::fs::read_dir(&text_dir)
        .with_context(|| format!("reading {}", text_dir.display()))?
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".txt").map(str::to_string))
        .collect();
    names.sort();
    let mut docs = Vec::new();
    for name in names {
        let text = std::fs::read_to_string(text_dir.join(format!("{name}.txt")))?;
        let annotator = annotators.get(name.as_str()).with_context(|| format!("{name} missing from metadata"))?;
        let ann_path = dir.join(split).join("attributions").join(format!("{name}_{annotator}.ann"));
        let ann = std::fs::read_to_string(&ann_path).with_context(|| format!("reading {}", ann_path.display()))?;
        docs.push(Doc { gold: parse_ann(&ann, &text), name, text });
    }
    Ok(docs)
}

fn parse_ann(ann: &str, text: &str) -> Vec<Attribution> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: HashMap<&str, Spans> = HashMap::new();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let mut parts = line.splitn(3, '\t');
        let (Some(id), Some(mid), Some(_)) = (parts.next(), parts.next(), parts.next()) else { continue };
        let Some((_, ranges)) = mid.split_once(' ') else { continue };
        let list: Spans = ranges
            .split(';')
            .filter_map(|r| {
                let mut n = r.split_whitespace().map(str::parse::<usize>);
                Some((n.next()?.ok()?, n.next()?.ok()?))
            })
            .collect();
        spans.insert(id, list);
    }
    let mut out = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let Some(args) = line.split('\t').nth(1) else { continue };
        let mut roles: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for arg in args.split_whitespace() {
            if let Some((role, id)) = arg.split_once(':') {
                roles.entry(role.trim_end_matches(|c: char| c.is_ascii_digit()).to_string()).or_default().push(id);
            }
        }
        let of = |role: &str| -> Spans {
            roles.get(role).into_iter().flatten().flat_map(|id| spans.get(id).cloned().unwrap_or_default()).collect()
        };
        let (Some(cue_id), Some(_)) = (roles.get("Cue").and_then(|c| c.first()), roles.get("Content")) else {
            continue;
        };
        let cue = spans.get(cue_id).cloned().unwrap_or_default();
        let (Some(first), Some(last)) = (cue.first(), cue.last()) else { continue };
        let contents = of("Content");
        let direct = contents
            .iter()
            .any(|&(s, e)| chars.get(s..e.min(chars.len())).is_some_and(|c| c.iter().any(|&c| is_mark(c))));
        out.push(Attribution { contents, sources: of("Source"), cue: vec![(first.0, last.1)], direct });
    }
    out
}

/// The record's quotes as citron attributions: quotes sharing a cue are one attribution.
fn predictions(quotes: &[Quote]) -> Vec<Attribution> {
    let mut by_cue: BTreeMap<(usize, usize), Attribution> = BTreeMap::new();
    let mut no_cue = Vec::new();
    for q in quotes {
        let entry = match &q.cue {
            Some(cue) => by_cue.entry((cue.span.start(), cue.span.end())).or_insert_with(|| Attribution {
                cue: vec![(cue.span.start(), cue.span.end())],
                ..Attribution::default()
            }),
            None => {
                no_cue.push(Attribution::default());
                no_cue.last_mut().expect("just pushed")
            }
        };
        entry.contents.push((q.span.start(), q.span.end()));
        if let Some(m) = &q.speaker_mention {
            if !entry.sources.contains(&(m.span.start(), m.span.end())) {
                entry.sources.push((m.span.start(), m.span.end()));
            }
        }
    }
    by_cue.into_values().chain(no_cue).collect()
}

fn to_json(attributions: &[Attribution]) -> serde_json::Value {
    let spans = |s: &Spans| s.iter().map(|&(start, end)| json!({"start": start, "end": end})).collect::<Vec<_>>();
    json!({"quotes": attributions.iter().map(|a| json!({
        "contents": spans(&a.contents),
        "sources": spans(&a.sources),
        "cue": a.cue.first().map(|&(start, end)| json!({"start": start, "end": end})),
    })).collect::<Vec<_>>()})
}

fn char_set(spans: &Spans) -> HashSet<usize> {
    spans.iter().flat_map(|&(s, e)| s..e).collect()
}

/// Matching counts for one span role (content, source or cue) at one threshold.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    predicted: usize,
    gold: usize,
    precise: usize,
    recalled: usize,
    speaker_ok: usize,
    speaker_n: usize,
}

impl Tally {
    fn prf(&self) -> Prf {
        // Precision and recall match in different directions, so their counts differ.
        let ratio = |n: usize, d: usize| if d > 0 { n as f64 / d as f64 } else { 0.0 };
        Prf::from_pr(ratio(self.precise, self.predicted), ratio(self.recalled, self.gold))
    }
}

fn share(a: &HashSet<usize>, reference: &HashSet<usize>) -> f64 {
    if reference.is_empty() {
        0.0
    } else {
        a.intersection(reference).count() as f64 / reference.len() as f64
    }
}

/// quote_score.py's matching, on the spans `role` picks.
fn score(tally: &mut Tally, gold: &[&Attribution], pred: &[Attribution], t: f64, role: fn(&Attribution) -> &Spans) {
    // Items without spans of this role (a source-less attribution) are not counted for it;
    // every attribution has a content, so content scores are quote_score.py's exactly.
    let sets = |a: &Attribution| (char_set(role(a)), char_set(&a.sources));
    let g: Vec<_> = gold.iter().map(|a| sets(a)).filter(|(c, _)| !c.is_empty()).collect();
    let p: Vec<_> = pred.iter().map(sets).filter(|(c, _)| !c.is_empty()).collect();
    tally.gold += g.len();
    tally.predicted += p.len();
    tally.precise += p.iter().filter(|(pc, _)| g.iter().any(|(gc, _)| share(gc, pc) > t)).count();
    for (gc, gs) in &g {
        // max() keeps the last of equal shares, as Python's max keeps the first: take the first explicitly.
        let mut best: Option<(f64, &HashSet<usize>)> = None;
        for (pc, ps) in &p {
            let s = share(pc, gc);
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, ps));
            }
        }
        if let Some((_, ps)) = best.filter(|(s, _)| *s > t) {
            tally.recalled += 1;
            if !gs.is_empty() {
                tally.speaker_n += 1;
                tally.speaker_ok += usize::from(!ps.is_disjoint(gs));
            }
        }
    }
}

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let data = super::data_dir(options)?;
    let set = super::set_dir(&data, "quotes/polnear")?;
    let split = options.dataset.as_deref().unwrap_or("dev");
    let mut docs = load_gold(&set, split)?;
    if let Some(limit) = options.limit {
        docs.truncate(limit);
    }
    let pipeline = Pipeline::load(Layer::Said)?;
    if let Some(dir) = &options.predictions {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let started = Instant::now();
    let mut predicted = Vec::with_capacity(docs.len());
    for doc in &docs {
        let mut article = Article::from_text(doc.name.clone(), doc.text.clone());
        pipeline.annotate(&mut article);
        predicted.push(predictions(&article.quotes));
    }
    let elapsed = started.elapsed().as_secs_f64();
    if let Some(dir) = &options.predictions {
        for (doc, pred) in docs.iter().zip(&predicted) {
            let path = dir.join(format!("{}.json", doc.name));
            std::fs::write(&path, serde_json::to_vec(&to_json(pred))?)
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }

    println!(
        "PolNeAR {split}: {} articles, {:.0} articles/s (pipeline up to said, one thread)",
        docs.len(),
        docs.len() as f64 / elapsed.max(1e-9)
    );
    for direct_only in [false, true] {
        println!(
            "{}",
            if direct_only { "direct quotes only (gold contents with quote marks):" } else { "all attributions:" }
        );
        for t in THRESHOLDS {
            let mut tallies = [Tally::default(); 3];
            for (doc, pred) in docs.iter().zip(&predicted) {
                let gold: Vec<&Attribution> = doc.gold.iter().filter(|a| !direct_only || a.direct).collect();
                score(&mut tallies[0], &gold, pred, t, |a| &a.contents);
                score(&mut tallies[1], &gold, pred, t, |a| &a.sources);
                score(&mut tallies[2], &gold, pred, t, |a| &a.cue);
            }
            let c = tallies[0];
            let speaker = if c.speaker_n > 0 { 100.0 * c.speaker_ok as f64 / c.speaker_n as f64 } else { 0.0 };
            println!(
                "  overlap > {t}: content {} (gold {}, predicted {})  speaker accuracy {speaker:.1}% ({}/{})",
                c.prf(),
                c.gold,
                c.predicted,
                c.speaker_ok,
                c.speaker_n
            );
            println!("  {:>13}  source  {}   cue {}", "", tallies[1].prf(), tallies[2].prf());
        }
    }
    Ok(())
}
