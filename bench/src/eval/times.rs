//! `newsgraph eval times`: TimeBank + AQUAINT (TimeML) TIMEX3 extent, value and type F1.
//!
//! Reads every `*.tml` file of `timex/tbaq/{TimeBank,AQUAINT}`: the plain text
//! inside `<TEXT>` (tags removed, entities unescaped), its TIMEX3 spans with
//! type and value, and the document creation time (the TIMEX3 in `<DCT>`) as
//! the publication date. Scores as `peers/timex_score.py` does (TempEval-3
//! style on character offsets): each gold expression takes the first unused
//! overlapping prediction, or the exact one; relaxed counts any overlap,
//! strict exact offsets, value and type count matched pairs with equal
//! attributes; F1 is `2·correct / (predicted + gold)`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use newsgraph_annotate::Times;
use newsgraph_model::{Analysis, Article, DateSource, Published, Stage, TimexType};
use newsgraph_nlp::Nlp;

use super::{EvalOptions, Prf};

/// One TIMEX3 span with code-point offsets into the document text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TimexSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
}

/// A TimeML document: plain text, creation time and gold expressions.
#[derive(Debug, Clone)]
pub struct TimemlDoc {
    pub name: String,
    pub dct: Option<String>,
    pub text: String,
    pub timex: Vec<TimexSpan>,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

/// Parses one TimeML file.
pub fn parse_timeml(name: &str, source: &str) -> anyhow::Result<TimemlDoc> {
    let dct = source.find("<DCT>").and_then(|p| attribute(&source[p..], "value"));
    let body_start = source.find("<TEXT>").context("no <TEXT>")? + "<TEXT>".len();
    let body_end = source.rfind("</TEXT>").context("no </TEXT>")?;
    let body = source.get(body_start..body_end).context("bad <TEXT> bounds")?;
    let mut text = String::new();
    let mut chars = 0usize;
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut timex = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let close = rest.find('>').context("unclosed tag")?;
            let tag = &rest[..=close];
            if tag.starts_with("<TIMEX3") {
                stack.push((chars, tag.to_string()));
            } else if tag.starts_with("</TIMEX3") {
                let (start, open) = stack.pop().context("unbalanced TIMEX3")?;
                timex.push(TimexSpan {
                    start,
                    end: chars,
                    text: String::new(),
                    kind: attribute(&open, "type").unwrap_or_default(),
                    value: attribute(&open, "value").unwrap_or_default(),
                });
            }
            rest = &rest[close + 1..];
        } else {
            let next = rest.find('<').unwrap_or(rest.len());
            let piece = newsgraph_source::xml::unescape(&rest[..next]);
            chars += piece.chars().count();
            text.push_str(&piece);
            rest = &rest[next..];
        }
    }
    for t in &mut timex {
        t.text = text.chars().skip(t.start).take(t.end - t.start).collect();
    }
    Ok(TimemlDoc { name: name.to_string(), dct, text, timex })
}

/// Counts behind the TempEval-3 style scores.
#[derive(Debug, Clone, Copy, Default)]
pub struct TimexScore {
    pub gold: usize,
    pub predicted: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub value: usize,
    pub kind: usize,
}

impl TimexScore {
    pub fn add(&mut self, gold: &[TimexSpan], predicted: &[TimexSpan]) {
        self.gold += gold.len();
        self.predicted += predicted.len();
        let mut used = vec![false; predicted.len()];
        for g in gold {
            let mut best: Option<usize> = None;
            for (i, p) in predicted.iter().enumerate() {
                if used[i] || !(p.start < g.end && g.start < p.end) {
                    continue;
                }
                if best.is_none() || (p.start, p.end) == (g.start, g.end) {
                    best = Some(i);
                }
            }
            let Some(b) = best else { continue };
            used[b] = true;
            let p = &predicted[b];
            self.relaxed += 1;
            self.strict += usize::from((p.start, p.end) == (g.start, g.end));
            self.value += usize::from(p.value == g.value);
            self.kind += usize::from(p.kind == g.kind);
        }
    }

    fn prf(&self, correct: usize) -> Prf {
        Prf::from_counts(correct as f64, self.predicted as f64, self.gold as f64)
    }
}

fn kind_label(kind: TimexType) -> &'static str {
    match kind {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    }
}

/// Runs the times stage on one document, anchored at its creation time, over `layer`, the
/// text layer the nlp stage leaves on it (as in the pipeline).
pub fn predict(stage: &Times, doc: &TimemlDoc, layer: Analysis) -> Vec<TimexSpan> {
    let mut article = Article::from_text(doc.name.clone(), doc.text.clone());
    article.analysis = layer;
    article.published = doc.dct.clone().map(|value| Published { value, from: DateSource::Given });
    stage.annotate(&mut article);
    article
        .times
        .into_iter()
        .map(|t| TimexSpan {
            start: t.span.start(),
            end: t.span.end(),
            text: t.text,
            kind: kind_label(t.kind).to_string(),
            value: t.value.unwrap_or_default(),
        })
        .collect()
}

fn load(dir: &Path, limit: Option<usize>) -> anyhow::Result<Vec<TimemlDoc>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tml"))
        .collect();
    files.sort();
    if let Some(limit) = limit {
        files.truncate(limit);
    }
    files
        .iter()
        .map(|path| {
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let source = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            parse_timeml(&name, &source).with_context(|| format!("cannot parse {}", path.display()))
        })
        .collect()
}

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let data = super::data_dir(options)?;
    let root = super::set_dir(&data, "timex/tbaq")?;
    let subsets: Vec<&str> = match options.dataset.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("all") | Some("tbaq") => vec!["TimeBank", "AQUAINT"],
        Some("timebank") => vec!["TimeBank"],
        Some("aquaint") => vec!["AQUAINT"],
        Some(other) => anyhow::bail!("unknown times dataset {other}: use timebank, aquaint or all"),
    };
    let stage = Times::new();
    let nlp = Nlp::load()?;
    let mut total = TimexScore::default();
    let mut predictions: BTreeMap<String, Vec<TimexSpan>> = BTreeMap::new();
    let mut seconds = 0.0;
    let mut docs = 0usize;
    for subset in &subsets {
        let set = load(&root.join(subset), options.limit)?;
        let mut score = TimexScore::default();
        let layers: Vec<Analysis> = set.iter().map(|doc| nlp.segment(&doc.text)).collect();
        let started = Instant::now();
        let predicted: Vec<Vec<TimexSpan>> =
            set.iter().zip(layers).map(|(doc, layer)| predict(&stage, doc, layer)).collect();
        seconds += started.elapsed().as_secs_f64();
        docs += set.len();
        for (doc, pred) in set.iter().zip(predicted) {
            score.add(&doc.timex, &pred);
            total.add(&doc.timex, &pred);
            predictions.insert(format!("{subset}/{}", doc.name), pred);
        }
        report(subset, set.len(), &score);
    }
    if subsets.len() > 1 {
        report("TimeBank + AQUAINT", docs, &total);
    }
    println!("speed: {docs} docs in {seconds:.3} s = {:.0} docs/s (one core)", docs as f64 / seconds.max(1e-9));
    if let Some(path) = &options.predictions {
        let json = serde_json::to_string_pretty(&predictions)?;
        std::fs::write(path, json).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

fn report(name: &str, docs: usize, s: &TimexScore) {
    println!("{name}: {docs} docs, gold {} predicted {}", s.gold, s.predicted);
    println!("  strict extent   {}", s.prf(s.strict));
    println!("  relaxed extent  {}", s.prf(s.relaxed));
    println!("  value           {}", s.prf(s.value));
    println!("  type            {}", s.prf(s.kind));
    let accuracy = if s.relaxed > 0 { s.value as f64 / s.relaxed as f64 } else { 0.0 };
    println!("  value accuracy on relaxed matches {accuracy:.3}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_timeml_offsets_and_scores_like_the_peer() {
        let source = r#"<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>Prices &amp; wages fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3>.</TEXT>"#;
        let doc = parse_timeml("d", source).unwrap();
        assert_eq!(doc.dct.as_deref(), Some("1998-01-08"));
        assert_eq!(doc.timex[0].text, "yesterday");
        assert_eq!(doc.timex[1].text, "three years");
        let predicted = predict(&Times::new(), &doc, Analysis::default());
        let mut score = TimexScore::default();
        score.add(&doc.timex, &predicted);
        assert_eq!((score.gold, score.relaxed, score.value), (2, 2, 2));
    }
}
