//! `newsgraph eval ner --lang L`: exact-span typed NER on the multilingual
//! development sets of `../shared/data/multilingual/ner`.
//!
//! Scoring follows that directory's README: exact token span, typed PER / ORG /
//! LOC only (MISC and every other type dropped on both sides; OntoNotes labels
//! map PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC). Two systems are scored on
//! the gold tokens: the **product** (the record's entities after linking, over
//! the sentence's words joined by single spaces, as `newsgraph extract --stages
//! entities` gives them; the headline figure) and the NER stage alone. Where no
//! model ships for the language (Italian, Polish, Russian), the product's names come
//! from the knowledge base's name finder and the stage column scores the English
//! model; the row says so. Sets a shipped model was trained on are not scored, or only on the
//! part held back from training (named in the row).
//!
//! The peers (spaCy's Spanish and French small models, natasha for Russian) run
//! on the same sentences in the same run through `bench/peers/ner_lang.py`,
//! unless `NEWSGRAPH_SKIP_PEER` is set or the Python packages are missing.
//! `NEWSGRAPH_NER_HALF=first|second` scores only that half of each set's scored
//! sentences (tune on the first, check on the second).
//! `--predictions FILE` writes a JSON line for each sentence where linking changed
//! the NER stage's spans: gold, and what only the product or only the stage has.

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::Context;
use newsgraph_kb::Linker;
use newsgraph_nlp::{Nlp, LANGUAGES};

use super::ner::{spans_from_iob, tally, word_systems, Counts};
use super::EvalOptions;

/// How a set's lines are laid out.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// Columns are split by tabs (else by any whitespace).
    tabs: bool,
    token: usize,
    tag: usize,
    /// No sentence breaks in the file: cut into pseudo-sentences (see [`cut_stream`]).
    stream: bool,
}

/// Which part of a set is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    All,
    /// Every fifth sentence (index % 5 == 0): the rest trained the shipped model.
    HeldBackFifth,
    /// Every tenth block of 50 pseudo-sentences (`block % 10 == 9`): the rest trained
    /// the shipped model.
    TenthBlocks,
}

struct Set {
    language: &'static str,
    name: &'static str,
    /// Paths under `multilingual/ner/`.
    files: &'static [&'static str],
    layout: Layout,
    part: Part,
    licence: &'static str,
}

const TAB: fn(usize, usize) -> Layout = |token, tag| Layout { tabs: true, token, tag, stream: false };

fn sets() -> Vec<Set> {
    let europeana = Layout { tabs: false, token: 0, tag: 1, stream: true };
    vec![
        Set {
            language: "de",
            name: "GermEval 2014 dev",
            files: &["de/germeval2014/dev.tsv"],
            layout: TAB(1, 2),
            part: Part::HeldBackFifth,
            licence: "CC BY 4.0",
        },
        Set {
            language: "de",
            name: "Europarl dev",
            files: &["de/europarl/dev.tsv"],
            layout: TAB(0, 4),
            part: Part::All,
            licence: "research use",
        },
        Set {
            language: "fr",
            name: "HIPE-2022 NewsEye dev2",
            files: &["fr/hipe2022_newseye/HIPE-2022-v2.1-newseye-dev2-fr.tsv"],
            layout: TAB(0, 1),
            part: Part::All,
            licence: "CC BY 4.0",
        },
        Set {
            language: "fr",
            name: "HIPE-2022 hipe2020 dev",
            files: &["fr/hipe2022_hipe2020/HIPE-2022-v2.1-hipe2020-dev-fr.tsv.gz"],
            layout: TAB(0, 1),
            part: Part::All,
            licence: "CC BY-NC-SA 4.0",
        },
        Set {
            language: "es",
            name: "AnCora dev",
            files: &["es/ancora/dev.tsv"],
            layout: TAB(0, 1),
            part: Part::All,
            licence: "CC BY 4.0",
        },
        Set {
            language: "it",
            name: "KIND Wikinews dev",
            files: &["it/kind_wikinews/WN_dev.tsv"],
            layout: TAB(0, 1),
            part: Part::All,
            licence: "CC BY-NC 4.0",
        },
        Set {
            language: "pt",
            name: "UNER Bosque dev",
            files: &["pt/uner_bosque/pt_bosque-ud-dev.iob2"],
            layout: TAB(1, 2),
            part: Part::All,
            licence: "CC BY-SA 4.0",
        },
        Set {
            language: "nl",
            name: "Europeana KB, held-back tenth",
            files: &["nl/europeana/enp_NL.kb.bio.gz"],
            layout: europeana,
            part: Part::TenthBlocks,
            licence: "CC0",
        },
        Set {
            language: "pl",
            name: "WikiNEuRal val (silver)",
            files: &["pl/wikineural/val.conllu.gz"],
            layout: TAB(1, 2),
            part: Part::All,
            licence: "CC BY-NC-SA 4.0",
        },
        Set {
            language: "ru",
            name: "WikiNEuRal val (silver)",
            files: &["ru/wikineural/val.conllu.gz"],
            layout: TAB(1, 2),
            part: Part::All,
            licence: "CC BY-NC-SA 4.0",
        },
    ]
}

/// One sentence: words and their tags, already mapped to `B-`/`I-` PER, ORG, LOC or `O`.
type Sentence = (Vec<String>, Vec<String>);

/// The gold type of a set's label (case-insensitive: the Europeana files have typos like `PEr`).
fn gold_label(label: &str) -> Option<&'static str> {
    match label.to_ascii_lowercase().as_str() {
        "per" | "pers" | "person" => Some("PER"),
        "org" => Some("ORG"),
        "loc" | "gpe" => Some("LOC"),
        _ => None,
    }
}

/// `tag` with its label mapped: `B-PER`, `I-LOC`, or `O` for every other type.
fn map_tag(tag: &str) -> String {
    match tag.split_once('-') {
        Some((prefix @ ("B" | "I"), label)) => match gold_label(label) {
            Some(t) => format!("{prefix}-{t}"),
            None => "O".to_string(),
        },
        _ => "O".to_string(),
    }
}

fn read_text(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .with_context(|| format!("cannot decompress {}", path.display()))?;
        Ok(text)
    } else {
        String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8", path.display()))
    }
}

/// A word that ends a pseudo-sentence: `.`, or a word with the period attached after a
/// lower-case letter (Dutch OCR: `doen.`).
fn ends_sentence(word: &str) -> bool {
    let mut back = word.chars().rev();
    word == "." || (back.next() == Some('.') && back.next().is_some_and(char::is_lowercase))
}

/// Pseudo-sentences of a file without sentence breaks, cut as `models/ner/train.py`
/// cuts them (so the held-back part is the one the model never saw): after a word
/// that ends a sentence once 40 words are in, or at 150, never inside an entity.
fn cut_stream(words: Vec<(String, String)>) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut current: Sentence = (Vec::new(), Vec::new());
    let mut words = words.into_iter().filter(|(w, _)| !w.trim().is_empty()).peekable();
    while let Some((word, tag)) = words.next() {
        let ends = ends_sentence(&word);
        current.0.push(word);
        current.1.push(tag);
        let next_continues = words.peek().is_some_and(|(_, t)| t.starts_with("I-"));
        let n = current.0.len();
        if !next_continues && ((ends && n >= 40) || n >= 150) {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.0.is_empty() {
        out.push(current);
    }
    out
}

fn read_set(dir: &Path, set: &Set) -> anyhow::Result<Vec<Sentence>> {
    let mut sentences = Vec::new();
    for file in set.files {
        let text = read_text(&dir.join(file))?;
        let mut current: Sentence = (Vec::new(), Vec::new());
        let mut stream = Vec::new();
        let flush = |current: &mut Sentence, sentences: &mut Vec<Sentence>| {
            if !current.0.is_empty() {
                sentences.push(std::mem::take(current));
            }
        };
        for line in text.lines() {
            // A `#` opens a comment line except in the Europeana files, where it is OCR text.
            if !set.layout.stream && (line.starts_with('#') || line.starts_with("TOKEN\t")) {
                // HIPE: a document's metadata opens a new sentence.
                flush(&mut current, &mut sentences);
                continue;
            }
            if line.trim().is_empty() {
                flush(&mut current, &mut sentences);
                continue;
            }
            let cols: Vec<&str> =
                if set.layout.tabs { line.split('\t').collect() } else { line.split_whitespace().collect() };
            let (Some(word), Some(tag)) = (cols.get(set.layout.token), cols.get(set.layout.tag)) else { continue };
            if set.layout.stream {
                stream.push((word.to_string(), map_tag(tag)));
                continue;
            }
            current.0.push(word.to_string());
            current.1.push(map_tag(tag));
            // HIPE marks sentence ends in its last column.
            if cols.last().is_some_and(|misc| misc.contains("EndOfSentence")) {
                flush(&mut current, &mut sentences);
            }
        }
        flush(&mut current, &mut sentences);
        sentences.extend(cut_stream(stream));
    }
    let mut scored: Vec<Sentence> = match set.part {
        Part::All => sentences,
        Part::HeldBackFifth => sentences.into_iter().step_by(5).collect(),
        Part::TenthBlocks => {
            sentences.into_iter().enumerate().filter(|(i, _)| (i / 50) % 10 == 9).map(|(_, s)| s).collect()
        }
    };
    // Rules are tuned on the first half of a set's sentences and checked on the second.
    match std::env::var("NEWSGRAPH_NER_HALF").as_deref() {
        Ok("first") => scored.truncate(scored.len() / 2),
        Ok("second") => {
            scored.drain(..scored.len() / 2);
        }
        _ => {}
    }
    Ok(scored)
}

/// One row of the table.
struct Row {
    language: &'static str,
    name: &'static str,
    set: String,
    model: &'static str,
    sentences: usize,
    words: usize,
    product: BTreeMap<&'static str, Counts>,
    stage: BTreeMap<&'static str, Counts>,
    words_per_second: f64,
}

/// Scores over `sentences`; where product and stage disagree, a JSON line for `dump`.
fn score(
    nlp: &Nlp,
    linker: &Linker,
    language: &str,
    sentences: &[Sentence],
    dump: &mut Vec<String>,
) -> (BTreeMap<&'static str, Counts>, BTreeMap<&'static str, Counts>, f64) {
    let mut stats: [BTreeMap<&'static str, Counts>; 2] = Default::default();
    let started = Instant::now();
    let mut words = 0;
    for (tokens, tags) in sentences {
        words += tokens.len();
        let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
        let gold = spans_from_iob(&tags);
        let (product, raw) = word_systems(nlp, linker, &tokens, Some(language));
        let as_set = |spans: &[(usize, usize, &str)]| -> HashSet<(usize, usize, String)> {
            spans.iter().map(|&(s, e, t)| (s, e, t.to_string())).collect()
        };
        let (p, r) = (as_set(&product), as_set(&raw));
        if p != r {
            let show = |set: &HashSet<(usize, usize, String)>| {
                let mut v: Vec<String> =
                    set.iter().map(|(s, e, t)| format!("{t}:{}", tokens[*s..*e].join(" "))).collect();
                v.sort();
                v
            };
            dump.push(
                serde_json::json!({"gold": show(&gold), "product_only": show(&(&p - &r)), "stage_only": show(&(&r - &p))})
                    .to_string(),
            );
        }
        tally(&mut stats[0], &gold, &p);
        tally(&mut stats[1], &gold, &r);
    }
    let [product, stage] = stats;
    (product, stage, words as f64 / started.elapsed().as_secs_f64().max(1e-9))
}

pub fn run(options: &EvalOptions, language: &str) -> anyhow::Result<()> {
    let data = super::data_dir(options)?;
    let dir = super::set_dir(&data, "multilingual/ner")?;
    let linker = Linker::load().context("cannot load the knowledge base")?;
    let chosen: Vec<Set> = sets().into_iter().filter(|s| language == "all" || s.language == language).collect();
    if chosen.is_empty() {
        anyhow::bail!("no multilingual NER set for {language:?} (de, fr, es, it, pt, nl, pl, ru or all)");
    }
    let mut rows = Vec::new();
    let mut peer_input = Vec::new();
    let mut dump = Vec::new();
    for set in &chosen {
        let shipped = LANGUAGES.contains(&set.language);
        let model = if shipped { set.language } else { "en" };
        let loading = Instant::now();
        let nlp = Nlp::load_language(model).with_context(|| format!("cannot load the {model} model"))?;
        let load_seconds = loading.elapsed().as_secs_f64();
        let mut sentences = read_set(&dir, set)?;
        if let Some(limit) = options.limit {
            sentences.truncate(limit);
        }
        let (product, stage, words_per_second) = score(&nlp, &linker, set.language, &sentences, &mut dump);
        eprintln!(
            "{} {}: {} sentences ({model} model loaded in {load_seconds:.2} s)",
            set.language,
            set.name,
            sentences.len()
        );
        for (tokens, tags) in &sentences {
            peer_input.push(serde_json::json!({"lang": set.language, "set": set.name, "tokens": tokens, "tags": tags}));
        }
        rows.push(Row {
            language: set.language,
            name: set.name,
            set: format!("{} ({})", set.name, set.licence),
            model: if shipped { "own" } else { "KB finder; stage en" },
            sentences: sentences.len(),
            words: sentences.iter().map(|s| s.0.len()).sum(),
            product,
            stage,
            words_per_second,
        });
    }
    if let Some(path) = &options.predictions {
        std::fs::write(path, dump.join("\n")).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let peers = run_peers(&peer_input).unwrap_or_else(|why| {
        eprintln!("peers not run: {why}");
        BTreeMap::new()
    });
    println!("Multilingual NER, exact span, typed PER/ORG/LOC (../shared/data/multilingual/README.md):");
    println!(
        "{:<4} {:<46} {:<20} {:>6} {:>7}  {:>22}  {:>5}  {:>5}  {:>5}  {:>5}  {:>8}  {:<}",
        "lang",
        "set",
        "model",
        "sents",
        "words",
        "product P / R / F1",
        "PER",
        "ORG",
        "LOC",
        "stage",
        "words/s",
        "peer F1"
    );
    for row in &rows {
        let all = row.product.get("ALL").copied().unwrap_or_default().prf();
        let f1 = |map: &BTreeMap<&str, Counts>, t: &str| map.get(t).copied().unwrap_or_default().prf().f1;
        let peer = peers
            .get(&(row.language.to_string(), row.name.to_string()))
            .map_or("-".to_string(), |(name, f1)| format!("{f1:.3} {name}"));
        println!(
            "{:<4} {:<46} {:<20} {:>6} {:>7}  {:.3} / {:.3} / {:.3}  {:.3}  {:.3}  {:.3}  {:.3}  {:>8.0}  {}",
            row.language,
            row.set,
            row.model,
            row.sentences,
            row.words,
            all.precision,
            all.recall,
            all.f1,
            f1(&row.product, "PER"),
            f1(&row.product, "ORG"),
            f1(&row.product, "LOC"),
            f1(&row.stage, "ALL"),
            row.words_per_second,
            peer
        );
    }
    println!("(product: entities after linking, the record's; stage: the NER stage alone; words/s: NER + linking, one thread)");
    Ok(())
}

/// Runs `bench/peers/ner_lang.py` over the sentences; `(language, set) -> (peer, F1)`.
fn run_peers(sentences: &[serde_json::Value]) -> anyhow::Result<BTreeMap<(String, String), (String, f64)>> {
    if std::env::var_os("NEWSGRAPH_SKIP_PEER").is_some() {
        anyhow::bail!("NEWSGRAPH_SKIP_PEER is set");
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("peers/ner_lang.py");
    let input = std::env::temp_dir().join(format!("newsgraph-ner-lang-{}.jsonl", std::process::id()));
    let lines: Vec<String> = sentences.iter().map(|s| s.to_string()).collect();
    std::fs::write(&input, lines.join("\n")).context("cannot write the peers' input")?;
    let python = std::env::var("NEWSGRAPH_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let output = Command::new(python).arg(&script).arg(&input).output().context("cannot run python")?;
    let _ = std::fs::remove_file(&input);
    if !output.status.success() {
        anyhow::bail!("{}", String::from_utf8_lossy(&output.stderr).lines().last().unwrap_or("peer failed"));
    }
    let mut out = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).context("peer output")?;
        let get = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        out.insert((get("lang"), get("set")), (get("peer"), v.get("f1").and_then(|x| x.as_f64()).unwrap_or(0.0)));
    }
    Ok(out)
}
