//! `newsgraph eval coref --dataset gum`: within-article entity resolution against
//! GUM's coreference (`ner/gum_news/*.conllu`, the `Entity=` brackets of the MISC
//! column).
//!
//! Definition, per document:
//! - **Text**: the document's tokens joined by single spaces (as the held-out
//!   measure feeds `newsgraph extract`); the record is tokenise + NER + linking.
//! - **Gold mentions**: GUM mentions of type `person`, `organization` or `place`
//!   that are *named*: the mention's head (its one token whose syntactic head lies
//!   outside the mention) is a PROPN — the same test as `gum_news_entities.jsonl`'s
//!   `named`. "The President" (PROPN head) counts; "the team" does not; a mention
//!   that merely contains a name ("critics of Donald Trump") does not.
//!   Their GUM entity is the bracket's group number; a mention's identity is its
//!   Wikipedia title (the bracket's last field, `_` read as space).
//! - **Alignment**: each record mention goes to the innermost gold mention that it
//!   lies inside and whose head it covers (the head-in-span match of `eval ner`);
//!   a gold mention is aligned to the longest record mention it receives, and is
//!   unaligned when it receives none (so "Aceh , Indonesia" and "Indonesia", or a
//!   coordination and its first conjunct, do not both take the same record mention).
//! - **Pairs** of gold mentions of one document:
//!   merge precision = pairs of aligned mentions the record puts in one entity that
//!   GUM also puts in one entity / pairs of aligned mentions the record puts in one
//!   entity; merge recall = the same numerator / pairs GUM puts in one entity among
//!   all its named mentions (an unaligned mention loses all its pairs). Two gold
//!   mentions aligned to the same record mention (nested gold, same head) count as
//!   put together by the record. Recall over aligned pairs only (the record's
//!   resolution apart from its NER misses) is printed beside it.
//! - **Links**: [`super::links::LinkScore`] over the same gold mentions (precision
//!   over record mentions whose entity carries `kb.wikipedia`; recall beside the
//!   share of GUM's titles the KB holds at all).
//!
//! Printed for all news documents, and separately for the `dev` and `test`
//! documents of GUM's `splits.md`. `--predictions FILE` writes, per document, the
//! pairs the record gets wrong and its entities (for reading, not for fitting).

use std::collections::HashSet;
use std::path::Path;

use anyhow::Context;
use newsgraph_kb::Linker;
use newsgraph_model::Article;
use newsgraph_nlp::Nlp;

use super::links::{gold_links, LinkScore};
use super::{EvalOptions, Prf};

/// One GUM mention in the space-joined text (character offsets). `eval ner` reads
/// the same fields from `gum_news_entities.jsonl`, which has no coref group.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct CorefMention {
    pub start: usize,
    pub end: usize,
    pub head_start: usize,
    pub head_end: usize,
    pub etype: String,
    #[serde(default)]
    pub group: String,
    /// English Wikipedia title of the referent ([`super::links`]).
    #[serde(default)]
    pub wiki: Option<String>,
    pub named: bool,
}

/// One GUM document: the space-joined text and its mentions.
#[derive(Debug, Default)]
pub struct CorefDoc {
    pub id: String,
    pub text: String,
    pub mentions: Vec<CorefMention>,
}

struct Token {
    start: usize,
    end: usize,
    upos: String,
    /// Index of the syntactic head within the sentence (1-based; 0 = root).
    head: usize,
    entity: Option<String>,
}

/// Reads the documents of one `.conllu` file.
pub fn read_conllu(content: &str) -> Vec<CorefDoc> {
    let mut docs: Vec<CorefDoc> = Vec::new();
    let mut sentence: Vec<Token> = Vec::new();
    for line in content.lines().chain(std::iter::once("")) {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            docs.push(CorefDoc { id: id.trim().to_string(), ..Default::default() });
            continue;
        }
        if line.trim().is_empty() {
            if let Some(doc) = docs.last_mut() {
                close_sentence(doc, &sentence);
            }
            sentence.clear();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        // Multiword-token ranges and empty nodes carry no text of their own here.
        if cols.len() < 10 || cols[0].contains(['-', '.']) {
            continue;
        }
        let Some(doc) = docs.last_mut() else { continue };
        if !doc.text.is_empty() {
            doc.text.push(' ');
        }
        let start = doc.text.chars().count();
        doc.text.push_str(cols[1]);
        let end = start + cols[1].chars().count();
        let entity = cols[9].split('|').find_map(|f| f.strip_prefix("Entity=")).map(str::to_string);
        sentence.push(Token { start, end, upos: cols[3].to_string(), head: cols[6].parse().unwrap_or(0), entity });
    }
    docs
}

/// Turns the sentence's `Entity=` brackets into mentions of `doc`.
fn close_sentence(doc: &mut CorefDoc, sentence: &[Token]) {
    // Open brackets: (group, fields, first token).
    let mut open: Vec<(String, Vec<String>, usize)> = Vec::new();
    let mut spans: Vec<(Vec<String>, usize, usize)> = Vec::new();
    for (i, tok) in sentence.iter().enumerate() {
        let Some(value) = tok.entity.as_deref() else { continue };
        let mut rest = value;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('(') {
                let stop = after.find(['(', ')']).unwrap_or(after.len());
                let fields: Vec<String> = after[..stop].splitn(8, '-').map(str::to_string).collect();
                let single = after[stop..].starts_with(')');
                rest = if single { &after[stop + 1..] } else { &after[stop..] };
                if single {
                    spans.push((fields, i, i));
                } else {
                    let group = fields.first().cloned().unwrap_or_default();
                    open.push((group, fields, i));
                }
            } else {
                let stop = rest.find(')').unwrap_or(rest.len());
                let group = &rest[..stop];
                if let Some(k) = open.iter().rposition(|(g, _, _)| g == group) {
                    let (_, fields, first) = open.remove(k);
                    spans.push((fields, first, i));
                }
                rest = rest.get(stop + 1..).unwrap_or("");
            }
        }
    }
    for (fields, first, last) in spans {
        // The head: the token whose own head lies outside the mention.
        let inside = |h: usize| h > first && h <= last + 1;
        let head = (first..=last).find(|&k| !inside(sentence[k].head)).unwrap_or(last);
        let wiki = fields.get(7).filter(|w| !w.is_empty() && *w != "_").map(|w| w.replace('_', " "));
        doc.mentions.push(CorefMention {
            start: sentence[first].start,
            end: sentence[last].end,
            head_start: sentence[head].start,
            head_end: sentence[head].end,
            etype: fields.get(1).cloned().unwrap_or_default(),
            group: fields.first().cloned().unwrap_or_default(),
            wiki,
            named: sentence[head].upos == "PROPN",
        });
    }
}

/// Pair counts over documents.
#[derive(Debug, Default, Clone, Copy)]
pub struct PairScore {
    /// Pairs the record puts together that GUM does too.
    pub both: usize,
    /// Pairs of aligned mentions the record puts together.
    pub record: usize,
    /// Pairs GUM puts together.
    pub gold: usize,
    /// Pairs GUM puts together whose two mentions are both aligned.
    pub gold_aligned: usize,
}

impl PairScore {
    pub fn prf(&self) -> Prf {
        Prf::from_counts(self.both as f64, self.record as f64, self.gold as f64)
    }

    fn add(&mut self, other: PairScore) {
        self.both += other.both;
        self.record += other.record;
        self.gold += other.gold;
        self.gold_aligned += other.gold_aligned;
    }

    /// Recall over pairs of aligned mentions only: resolution apart from NER misses.
    pub fn aligned_recall(&self) -> f64 {
        if self.gold_aligned == 0 {
            0.0
        } else {
            self.both as f64 / self.gold_aligned as f64
        }
    }
}

/// The record's entity (index into `article.entities`) and mention span of each gold mention.
///
/// Each record mention goes to the innermost gold mention it fits (inside it, covering
/// its head), so a name inside a coordination or apposition of the same head ("Aceh,
/// Indonesia") aligns to the name's own mention only; a gold mention keeps the longest
/// record mention it receives.
fn align(article: &Article, gold: &[&CorefMention]) -> Vec<Option<(usize, usize, usize)>> {
    let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; gold.len()];
    for (ei, e) in article.entities.iter().enumerate() {
        for m in &e.mentions {
            let (s, t) = (m.span.start(), m.span.end());
            let fits = |g: &CorefMention| s <= g.head_start && t >= g.head_end && s >= g.start && t <= g.end;
            let inner = (0..gold.len()).filter(|&k| fits(gold[k])).min_by_key(|&k| gold[k].end - gold[k].start);
            if let Some(k) = inner {
                if best[k].is_none_or(|(_, bs, bt)| t - s > bt - bs) {
                    best[k] = Some((ei, s, t));
                }
            }
        }
    }
    best
}

/// Scores one document; `wrong` receives the pairs the record gets wrong.
pub fn score_doc(article: &Article, gold: &[&CorefMention], wrong: &mut Vec<String>) -> PairScore {
    let aligned = align(article, gold);
    let mut score = PairScore::default();
    let text = |m: &CorefMention| article.text.chars().skip(m.start).take(m.end - m.start).collect::<String>();
    for (g, a) in gold.iter().zip(&aligned) {
        if a.is_none() {
            // With the words around it, to tell a missed name from a short span.
            let around = |s: usize, e: usize| article.text.chars().skip(s).take(e - s).collect::<String>();
            // Record mentions that overlap it (a span too short or too long) and their kinds.
            let overlaps: Vec<String> = article
                .entities
                .iter()
                .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
                .filter(|(_, m)| m.span.start() < g.end && g.start < m.span.end())
                .map(|(e, m)| format!("{:?} {:?}", m.text, e.kind))
                .collect();
            wrong.push(format!(
                "unaligned: {:?} (head {:?}) at {}: …{}[{}]{}… overlaps: [{}]",
                text(g),
                around(g.head_start, g.head_end),
                g.start,
                around(g.start.saturating_sub(40), g.start),
                text(g),
                around(g.end, g.end + 40),
                overlaps.join(", ")
            ));
        }
    }
    for i in 0..gold.len() {
        for j in i + 1..gold.len() {
            let same_gold = gold[i].group == gold[j].group;
            let same_record = match (aligned[i], aligned[j]) {
                (Some(a), Some(b)) => a.0 == b.0 || (a.1, a.2) == (b.1, b.2),
                _ => false,
            };
            let both_aligned = aligned[i].is_some() && aligned[j].is_some();
            score.gold += usize::from(same_gold);
            score.gold_aligned += usize::from(same_gold && both_aligned);
            score.record += usize::from(same_record);
            score.both += usize::from(same_gold && same_record);
            if same_gold != same_record && (aligned[i].is_some() && aligned[j].is_some()) {
                let kind = if same_record { "merged" } else { "split" };
                wrong.push(format!("{kind}: {:?} / {:?}", text(gold[i]), text(gold[j])));
            }
        }
    }
    score
}

fn is_scored(m: &CorefMention) -> bool {
    m.named && matches!(m.etype.as_str(), "person" | "organization" | "place")
}

/// GUM's split names (`dev`, `test`, ...) of each document, from `splits.md`.
fn split_of(splits: &str, doc: &str) -> Option<String> {
    let mut current = None;
    for line in splits.lines() {
        if let Some(name) = line.strip_prefix("## ") {
            current = Some(name.trim().to_string());
        } else if line.trim().trim_start_matches("* ").trim() == doc {
            return current;
        }
    }
    None
}

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let which = options.dataset.as_deref().unwrap_or("gum");
    if which != "gum" {
        anyhow::bail!("unknown coref dataset {which:?} (gum)");
    }
    let data = super::data_dir(options)?;
    let dir = super::set_dir(&data, "ner/gum_news")?;
    let nlp = Nlp::load().context("cannot load the NER model")?;
    let linker = Linker::load().context("cannot load the knowledge base")?;
    let splits = std::fs::read_to_string(dir.join("splits.md")).unwrap_or_default();
    let mut docs = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    paths.sort();
    for path in &paths {
        let content = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        docs.extend(read_conllu(&content));
    }
    if let Some(limit) = options.limit {
        docs.truncate(limit);
    }
    score_docs(&nlp, &linker, &docs, &splits, options.predictions.as_deref())
}

fn score_docs(nlp: &Nlp, linker: &Linker, docs: &[CorefDoc], splits: &str, dump: Option<&Path>) -> anyhow::Result<()> {
    let mut all = PairScore::default();
    let mut by_split: std::collections::BTreeMap<String, PairScore> = Default::default();
    let mut links = LinkScore::default();
    let mut lines = Vec::new();
    for doc in docs {
        let article = super::ner::annotate(nlp, linker, &doc.text);
        let gold: Vec<&CorefMention> = doc.mentions.iter().filter(|m| is_scored(m)).collect();
        let mut wrong = Vec::new();
        let score = score_doc(&article, &gold, &mut wrong);
        all.add(score);
        let split = split_of(splits, &doc.id).unwrap_or_else(|| "other".into());
        by_split.entry(split).or_default().add(score);
        links.add(linker, &article, &gold_links(&doc.mentions));
        let unique: HashSet<String> = wrong.into_iter().collect();
        let mut unique: Vec<String> = unique.into_iter().collect();
        unique.sort();
        lines.extend(unique.into_iter().map(|w| format!("{}\t{w}", doc.id)));
        for e in &article.entities {
            let texts: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
            lines.push(format!("{}\tentity {:?} {:?}: {}", doc.id, e.kind, e.name, texts.join(" | ")));
        }
    }
    println!("GUM news coreference ({} docs), named person/organization/place mentions, pairs:", docs.len());
    let show = |name: &str, s: &PairScore| {
        println!(
            " {name}: {} ({} pairs in GUM, {} in the record; recall over aligned pairs only {:.3})",
            s.prf(),
            s.gold,
            s.record,
            s.aligned_recall()
        )
    };
    show("all", &all);
    for (split, score) in &by_split {
        show(split, score);
    }
    links.print();
    if let Some(out) = dump {
        let mut text = lines.join("\n");
        text.push('\n');
        std::fs::write(out, text).with_context(|| format!("cannot write {}", out.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = GUM_news_x\n\
1\tPresident\tPresident\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(1-person-new-s-cf1-2-coref-Donald_Trump\n\
2\tTrump\tTrump\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=1)\n\
3\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\t_\n\
4\tin\tin\tADP\tIN\t_\t5\tcase\t_\t_\n\
5\tOhio\tOhio\tPROPN\tNNP\t_\t3\tobl\t_\tEntity=(2-place-new-s-cf2-1-sgl)\n\
\n\
1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(1-person-giv-s-cf1-1-coref)\n\
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n";

    #[test]
    fn conllu_brackets_become_mentions_with_heads() {
        let docs = read_conllu(SAMPLE);
        assert_eq!(docs.len(), 1);
        let doc = &docs[0];
        assert_eq!(doc.text, "President Trump spoke in Ohio He left");
        assert_eq!(doc.mentions.len(), 3);
        let trump = doc.mentions.iter().find(|m| m.start == 0).unwrap();
        assert_eq!((trump.end, trump.head_start, trump.head_end), (15, 10, 15));
        assert_eq!(trump.wiki.as_deref(), Some("Donald Trump"));
        assert!(trump.named);
        let he = doc.mentions.iter().find(|m| m.etype == "person" && m.start > 0).unwrap();
        assert!(!he.named);
        assert_eq!(he.group, "1");
    }

    #[test]
    fn split_names_are_read() {
        let splits = "## dev\n\n  * GUM_news_a\n\n## test\n  * GUM_news_b\n";
        assert_eq!(split_of(splits, "GUM_news_b").as_deref(), Some("test"));
        assert_eq!(split_of(splits, "GUM_news_c"), None);
    }
}
