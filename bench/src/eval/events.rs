//! `newsgraph eval events`: PLOVER GSR sentences, the PETRARCH2 unit tests, the seed page
//! and the NGEC synthetic stories.
//!
//! **PLOVER GSR** (`events/plover/PLOVER_GSR_CAMEO.json`, 322 sentences): each sentence
//! runs through the whole pipeline (`Pipeline::load(Layer::Events)`, `Article::from_text`).
//! Old labels are renamed as the set's README says (DEMAND→REQUEST, DISAPPROVE→ACCUSE,
//! INVESTIGATE→ACCUSE, FIGHT→ASSAULT). The sentence's *primary* event is its first
//! actual event in text order, else its first event. Scores:
//! - type accuracy: the primary event has the gold type (no event counts as wrong); also
//!   the share of sentences where any coded event has it;
//! - actor and target F1 per gold type: a gold `actorText` is found when a mention of one
//!   of the primary event's actors (targets) overlaps it in the sentence; a predicted actor
//!   none of whose mentions overlaps a gold one is a false positive. A country actor's
//!   mentions include those of the NORP entities linked to that country: the entity layer
//!   keeps "Serb" apart from Serbia but links it to RS, and the coder reads "Serb forces"
//!   as Serbia, so the demonym is the text that names that actor.
//!
//! The GSR codes expressions of intent the CAMEO way (a "will give aid" is AGREE, a "would
//! blockade" THREATEN); a second accuracy line maps the coder's future/hypothetical
//! cooperative events to AGREE and conflictual ones to THREATEN before comparing.
//!
//! **PETRARCH2 unit tests** (`events/petrarch2`): the records' fictional actors are loaded
//! from `PETR.Validate.actors.txt` as the knowledge base ([`newsgraph_events::petrarch::ActorDictionary`]) and the event
//! stage alone runs on each sentence. CAMEO root accuracy is the share of records whose
//! expected root is the primary event's root (records whose codes are the suite's private
//! `9xx` test codes are left out).
//!
//! **No-event sentences.** The issue asks for the rate of events coded on GSR sentences
//! that report none, but the 2016 GSR has no such sentence: every one of its 322 items
//! carries an event label (nor do the NGEC sets: every story is written about one event).
//! The PLOVER report therefore counts any unlabelled GSR sentence (none today) and then
//! prints the rate over the PETRARCH2 records that expect no event. Of those, 20 report
//! none (`noevents="True"`, or no coding at all); 7 more are dropped by the suite for an
//! input error or a discard word (`error="bad_input_parse"`, `storydiscard`, ...), and
//! their sentences often do report an event (ERROR-02 is word for word DEMO-00, coded
//! 064). The first line is over the 20, the second over all 27.
//!
//! **NGEC synthetic stories** (`--dataset ngec`, held out: no rule was written from them):
//! proxies only, as they have no sentence labels (see `ngec` below).

use std::collections::BTreeMap;
use std::time::Instant;

use anyhow::Context;
use newsgraph_events::petrarch::evaluate;
use newsgraph_events::EventCoder;
use newsgraph_model::{Article, CharSpan, EntityId, EntityType, Event, EventStatus, EventType, Layer, Stage};
use newsgraph_nlp::Nlp;
use newsgraph_pipeline::Pipeline;
use serde_json::Value;

use super::{EvalOptions, Prf};

/// The event stage as `--parser` asks: trees from the Rust parser (as the pipeline), or clause rules alone.
fn load_coder(options: &EvalOptions) -> anyhow::Result<EventCoder> {
    let coder = EventCoder::load()?;
    match options.parser.as_deref() {
        None | Some("rust") => Ok(coder.with_parser(std::sync::Arc::new(newsgraph_nlp::Syntax::load()?))),
        Some("none") => Ok(coder),
        Some(other) => anyhow::bail!("unknown parser {other} (rust, none)"),
    }
}

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let data = super::data_dir(options)?;
    let dir = super::set_dir(&data, "events")?;
    match options.dataset.as_deref() {
        None | Some("all") => {
            plover(&dir, options)?;
            petrarch(&dir, options)
        }
        Some("plover") => plover(&dir, options),
        Some("petrarch") | Some("petrarch2") => petrarch(&dir, options),
        Some("seed") => seed(&data, options),
        Some("ngec") => ngec(&dir, options),
        Some(other) => anyhow::bail!("unknown events dataset {other} (plover, petrarch, seed, ngec)"),
    }
}

/// The label of the current PLOVER ontology for a GSR label.
pub fn rename(label: &str) -> Option<EventType> {
    let current = match label {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    };
    EventType::from_label(current)
}

/// CAMEO's reading of intent: planned cooperation is AGREE, planned conflict THREATEN.
fn as_intent(e: &Event) -> EventType {
    if !matches!(e.status, EventStatus::Future | EventStatus::Hypothetical) {
        return e.kind;
    }
    match e.kind {
        EventType::Consult
        | EventType::Support
        | EventType::Cooperate
        | EventType::Aid
        | EventType::Concede
        | EventType::Retreat => EventType::Agree,
        EventType::Sanction
        | EventType::Coerce
        | EventType::Assault
        | EventType::Protest
        | EventType::Mobilize
        | EventType::Request => EventType::Threaten,
        other => other,
    }
}

type Tally = (usize, usize, usize, usize);

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    sentences: usize,
    type_ok: usize,
    any_ok: usize,
    intent_ok: usize,
    /// (gold found, gold, predictions correct, predicted)
    actor: Tally,
    target: Tally,
}

fn plover(dir: &std::path::Path, options: &EvalOptions) -> anyhow::Result<()> {
    let path = dir.join("plover/PLOVER_GSR_CAMEO.json");
    let raw = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let items: Vec<Value> = serde_json::from_str(&raw).context("PLOVER GSR is not a JSON array")?;
    // The events pipeline is the said pipeline plus the event stage: run them apart to time each.
    let before = Pipeline::load(Layer::Said)?;
    let coder = load_coder(options)?;
    let mut per_type: BTreeMap<EventType, Counts> = BTreeMap::new();
    let mut predictions = Vec::new();
    let mut elapsed = std::time::Duration::ZERO;
    let mut elapsed_events = std::time::Duration::ZERO;
    let mut coded = 0usize;
    let mut words = 0usize;
    let items: Vec<&Value> = items.iter().filter(|v| v["event"] != "DOCUMENT").collect();
    let limit = options.limit.unwrap_or(usize::MAX);
    // Sentences whose gold names no event (none in the 2016 GSR: every one carries a label).
    let (mut no_event, mut no_event_coded, mut no_event_actual) = (0usize, 0usize, 0usize);
    let lister = if options.errors { Some(newsgraph_nlp::Syntax::load()?) } else { None };
    let mut causes = BTreeMap::new();
    // Even and odd sentence index apart, so a rule fitted to one half shows on the other.
    let mut halves = [Counts::default(), Counts::default()];
    for (index, item) in items.into_iter().take(limit).enumerate() {
        let text = item["text"].as_str().unwrap_or_default();
        let Some(gold) = item["event"].as_str().and_then(rename) else {
            if !text.is_empty() {
                let mut article = Article::from_text(item["id"].as_str().unwrap_or("gsr"), text);
                before.annotate(&mut article);
                coder.annotate(&mut article);
                no_event += 1;
                no_event_coded += usize::from(!article.events.is_empty());
                no_event_actual += usize::from(article.events.iter().any(|e| e.status == EventStatus::Actual));
            }
            continue;
        };
        words += text.split_whitespace().count();
        let mut article = Article::from_text(item["id"].as_str().unwrap_or("gsr"), text);
        let started = Instant::now();
        before.annotate(&mut article);
        elapsed += started.elapsed();
        let started = Instant::now();
        coder.annotate(&mut article);
        elapsed_events += started.elapsed();
        coded += article.events.len();
        let counts = per_type.entry(gold).or_default();
        counts.sentences += 1;
        let main = newsgraph_events::petrarch::primary(&article.events);
        if main.is_some_and(|e| e.kind == gold) {
            counts.type_ok += 1;
        }
        if main.is_some_and(|e| as_intent(e) == gold || e.kind == gold) {
            counts.intent_ok += 1;
        }
        if article.events.iter().any(|e| e.kind == gold) {
            counts.any_ok += 1;
        }
        let gold_actors = actor_texts(&item["source"]);
        let gold_targets = actor_texts(&item["target"]);
        let (pa, pt) = main.map_or((Vec::new(), Vec::new()), |e| (e.actors.clone(), e.targets.clone()));
        add(&mut counts.actor, score(&article, &pa, &gold_actors));
        add(&mut counts.target, score(&article, &pt, &gold_targets));
        let half = &mut halves[index % 2];
        half.sentences += 1;
        half.type_ok += usize::from(main.is_some_and(|e| e.kind == gold));
        add(&mut half.actor, score(&article, &pa, &gold_actors));
        add(&mut half.target, score(&article, &pt, &gold_targets));
        if let Some(parser) = &lister {
            let id = item["id"].as_str().unwrap_or_default();
            let g = super::events_errors::Gold { id, kind: gold, actors: &gold_actors, targets: &gold_targets };
            super::events_errors::list(&article, &g, main, parser, &mut causes);
        }
        if options.predictions.is_some() {
            predictions.push(serde_json::json!({
                "id": item["id"], "gold": gold.label(), "text": text,
                "predicted": main.map(|e| e.kind.label()),
                "events": article.events, "entities": article.entities,
            }));
        }
    }
    let total = per_type.values().fold(Counts::default(), |mut acc, c| {
        acc.sentences += c.sentences;
        acc.type_ok += c.type_ok;
        acc.any_ok += c.any_ok;
        acc.intent_ok += c.intent_ok;
        add(&mut acc.actor, c.actor);
        add(&mut acc.target, c.target);
        acc
    });
    if lister.is_some() {
        super::events_errors::summary(&causes);
    }
    println!("PLOVER GSR: {} sentences, pipeline up to events", total.sentences);
    println!(
        "{:<10} {:>5} {:>7} {:>7} {:>8} {:>9} {:>9}",
        "type", "n", "acc", "any", "intent", "actor F1", "target F1"
    );
    for (kind, c) in per_type.iter().chain(std::iter::once((&EventType::Agree, &total))).enumerate().map(|(i, x)| {
        if i == per_type.len() {
            ("ALL", x.1)
        } else {
            (x.0.label(), x.1)
        }
    }) {
        let ratio = |k: usize| k as f64 / c.sentences.max(1) as f64;
        println!(
            "{:<10} {:>5} {:>7.3} {:>7.3} {:>8.3} {:>9} {:>9}",
            kind,
            c.sentences,
            ratio(c.type_ok),
            ratio(c.any_ok),
            ratio(c.intent_ok),
            f1_cell(c.actor),
            f1_cell(c.target)
        );
    }
    let a = prf(total.actor);
    let t = prf(total.target);
    println!("actors:  {a}");
    println!("targets: {t}");
    let half = |c: &Counts| {
        let acc = c.type_ok as f64 / c.sentences.max(1) as f64;
        format!("type {acc:.3} actor F1 {} target F1 {}", f1_cell(c.actor), f1_cell(c.target))
    };
    println!("halves: even sentences {}; odd sentences {}", half(&halves[0]), half(&halves[1]));
    println!(
        "events coded: {:.2} per sentence (each sentence reports one gold event)",
        coded as f64 / total.sentences.max(1) as f64
    );
    let (secs, event_secs) = (elapsed.as_secs_f64(), elapsed_events.as_secs_f64());
    println!(
        "speed: pipeline before events {:.0} words/s; event stage {:.0} words/s; the event stage adds {:.0}% ({} words)",
        words as f64 / secs,
        words as f64 / event_secs,
        100.0 * event_secs / secs,
        words
    );
    if no_event > 0 {
        println!(
            "no-event sentences given an event: {:.3} (any status), {:.3} (actual) over {no_event} GSR sentences",
            no_event_coded as f64 / no_event as f64,
            no_event_actual as f64 / no_event as f64
        );
    } else {
        // The rate the issue asks for needs sentences that report nothing; the GSR has none,
        // so it comes from the PETRARCH2 records that report none (see `petrarch`).
        println!("no-event sentences: the GSR has none (every sentence carries a gold event); PETRARCH2's:");
        petrarch_no_event(dir, options)?;
    }
    seed_speed(&before, &coder);
    if let Some(path) = &options.predictions {
        std::fs::write(path, serde_json::to_string_pretty(&predictions)?)?;
    }
    Ok(())
}

/// The seed page through the whole pipeline (clean stage included), checked against
/// `seed/gold.json` `events.must` / `must_not`: type (or an accepted alternative), actors
/// and target by canonical entity name (actors and targets pooled for several actors),
/// date prefix, status and location.
fn seed(data: &std::path::Path, options: &EvalOptions) -> anyhow::Result<()> {
    let page_path = data.join("../seed/article.txt");
    let gold_path = data.join("../seed/gold.json");
    let bytes = std::fs::read(&page_path).with_context(|| format!("cannot read {}", page_path.display()))?;
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(&gold_path)?)?;
    let pipeline = Pipeline::load(Layer::Said)?;
    let coder = load_coder(options)?;
    let page = newsgraph_source::Page {
        bytes,
        path: Some(page_path.display().to_string()),
        format: newsgraph_model::SourceFormat::Text,
        ..Default::default()
    };
    let overrides = newsgraph_pipeline::Overrides { url: None, published: Some("2021-12-30T16:06".into()) };
    let mut article = pipeline.process(newsgraph_source::Input::Page(page), &overrides)?;
    coder.annotate(&mut article);
    let name =
        |id: &EntityId| article.entities.iter().find(|e| &e.id == id).map_or("?".to_string(), |e| e.name.clone());
    for e in &article.events {
        println!(
            "{:<9} {:<4} {:<5.1} {:<12} {:?} -> {:?} date={} place={} | {}",
            e.kind.label(),
            e.cameo,
            e.goldstein,
            format!("{:?}", e.status),
            e.actors.iter().map(name).collect::<Vec<_>>(),
            e.targets.iter().map(name).collect::<Vec<_>>(),
            e.date.as_deref().unwrap_or("-"),
            e.place.as_ref().map(name).unwrap_or_else(|| "-".into()),
            e.evidence.iter().map(|m| m.text.as_str()).collect::<Vec<_>>().join(" || ")
        );
    }
    let strings = |v: &Value| -> Vec<String> {
        match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        }
    };
    let matches = |item: &Value| {
        let mut types = strings(&item["type"]);
        types.extend(strings(&item["type_alternatives"]));
        let mut who = strings(&item["actors"]);
        who.extend(strings(&item["actor"]));
        let whom = strings(&item["target"]);
        let alternatives = strings(&item["target_alternatives"]);
        article.events.iter().any(|e| {
            let actors: Vec<String> = e.actors.iter().map(name).collect();
            let targets: Vec<String> = e.targets.iter().map(name).collect();
            let pooled: Vec<&String> = actors.iter().chain(&targets).collect();
            let type_ok = types.iter().any(|t| t == e.kind.label());
            let who_ok = if who.len() > 1 {
                who.iter().all(|w| pooled.contains(&w))
            } else {
                who.iter().all(|w| actors.contains(w))
            };
            let whom_ok =
                whom.is_empty() || whom.iter().chain(&alternatives).any(|w| targets.contains(w)) || (who.len() > 1);
            let date_ok = item["date"].as_str().is_none_or(|d| e.date.as_deref().is_some_and(|x| x.starts_with(d)));
            let status_ok = item["status"].as_str().is_none_or(|s| format!("{:?}", e.status).to_lowercase() == s);
            let place_ok = item["location"].as_str().is_none_or(|l| e.place.as_ref().is_some_and(|p| name(p) == l));
            type_ok && who_ok && whom_ok && date_ok && status_ok && place_ok
        })
    };
    let (mut ok, mut total) = (0, 0);
    for item in gold["events"]["must"].as_array().into_iter().flatten() {
        total += 1;
        let found = matches(item);
        ok += usize::from(found);
        println!("must     {:<5} {}", if found { "ok" } else { "MISS" }, item["note"].as_str().unwrap_or(""));
    }
    for item in gold["events"]["must_not"].as_array().into_iter().flatten() {
        // must_not: no *actual* event of that type between those actors.
        let mut actual = item.clone();
        actual["status"] = Value::String("actual".into());
        let found = matches(&actual);
        total += 1;
        ok += usize::from(!found);
        println!("must_not {:<5} {}", if found { "FAIL" } else { "ok" }, item["note"].as_str().unwrap_or(""));
    }
    println!("seed: {ok}/{total} gold event checks pass");
    Ok(())
}

/// Per-article time on the seed page's text (when the shared seed is there).
fn seed_speed(before: &Pipeline, coder: &EventCoder) {
    let Ok(dir) = super::data_dir(&EvalOptions::default()) else { return };
    let Ok(text) = std::fs::read_to_string(dir.join("../seed/article.txt")) else { return };
    let runs = 50;
    let (mut t_before, mut t_events) = (0.0, 0.0);
    for _ in 0..runs {
        let mut article = Article::from_text("seed", text.clone());
        let started = Instant::now();
        before.annotate(&mut article);
        t_before += started.elapsed().as_secs_f64();
        let started = Instant::now();
        coder.annotate(&mut article);
        t_events += started.elapsed().as_secs_f64();
    }
    println!(
        "seed article: pipeline before events {:.2} ms, event stage {:.2} ms ({:.0}% added)",
        1000.0 * t_before / runs as f64,
        1000.0 * t_events / runs as f64,
        100.0 * t_events / t_before.max(f64::EPSILON)
    );
}

fn add(acc: &mut Tally, x: Tally) {
    acc.0 += x.0;
    acc.1 += x.1;
    acc.2 += x.2;
    acc.3 += x.3;
}

fn prf((found, gold, correct, predicted): Tally) -> Prf {
    let precision = if predicted > 0 { correct as f64 / predicted as f64 } else { 0.0 };
    let recall = if gold > 0 { found as f64 / gold as f64 } else { 0.0 };
    Prf::from_pr(precision, recall)
}

fn f1_cell(c: Tally) -> String {
    if c.1 == 0 && c.3 == 0 {
        "-".into()
    } else {
        format!("{:.3}", prf(c).f1)
    }
}

fn actor_texts(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|list| list.iter().filter_map(|a| a["actorText"].as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// The text spans that name actor `id`: its mentions and, for a country, those of the
/// NORP entities linked to it (the coder reads "Serb forces" as Serbia, so the demonym's
/// mentions speak for the country).
pub(super) fn actor_spans(article: &Article, id: &EntityId) -> Vec<CharSpan> {
    let country = |e: &newsgraph_model::Entity| e.kb.as_ref().and_then(|kb| kb.country.clone());
    let actor = article.entities.iter().find(|e| &e.id == id);
    let code = actor.filter(|e| e.kind == EntityType::Gpe).and_then(country);
    article
        .entities
        .iter()
        .filter(|e| &e.id == id || (e.kind == EntityType::Norp && code.is_some() && country(e) == code))
        .flat_map(|e| e.mentions.iter().map(|m| m.span))
        .collect()
}

/// One sentence's actors against the gold actor texts.
fn score(article: &Article, predicted: &[EntityId], gold: &[String]) -> Tally {
    let text = &article.text;
    let gold_spans: Vec<CharSpan> = gold
        .iter()
        .filter_map(|g| {
            let at = text.find(g.as_str())?;
            let start = text[..at].chars().count();
            Some(CharSpan::new(start, start + g.chars().count()))
        })
        .collect();
    let spans_of = |id: &EntityId| actor_spans(article, id);
    let found =
        gold_spans.iter().filter(|g| predicted.iter().any(|p| spans_of(p).iter().any(|s| s.overlaps(**g)))).count();
    let correct_predictions =
        predicted.iter().filter(|p| spans_of(p).iter().any(|s| gold_spans.iter().any(|g| s.overlaps(*g)))).count();
    // A gold text that does not occur verbatim still counts as gold (never found).
    (found, gold.len(), correct_predictions, predicted.len())
}

/// The PETRARCH2 suite's records and actor dictionary, the coder that runs on them
/// (its fictional actors come from the dictionary alone, so no fallback actors), and the
/// nlp stage that gives each record its text layer.
fn petrarch_inputs(dir: &std::path::Path, options: &EvalOptions) -> anyhow::Result<(String, String, EventCoder, Nlp)> {
    let base = dir.join("petrarch2");
    let xml =
        std::fs::read_to_string(base.join("PETR.UnitTest.records.xml")).context("cannot read PETRARCH records")?;
    let actors =
        std::fs::read_to_string(base.join("PETR.Validate.actors.txt")).context("cannot read PETRARCH actors")?;
    // PETRARCH runs its suite with the suite's own verb dictionary (its codes are partly
    // WEIS, not CAMEO): the same here; the product's dictionary is CAMEO.2.0.
    let verbs = std::fs::read_to_string(base.join("PETR.Validate.verbs.txt")).context("cannot read PETRARCH verbs")?;
    let dictionary = newsgraph_events::cameo::Dictionary::from_petrarch(&verbs);
    let coder = load_coder(options)?.with_fallback_actors(false).with_verb_dictionary(dictionary);
    Ok((xml, actors, coder, Nlp::load()?))
}

/// The no-event lines of the PETRARCH2 suite, alone (for the PLOVER report).
fn petrarch_no_event(dir: &std::path::Path, options: &EvalOptions) -> anyhow::Result<()> {
    let (xml, actors, coder, nlp) = petrarch_inputs(dir, options)?;
    print_no_event(&evaluate(&coder, &xml, &actors, None, &|text| nlp.segment(text)));
    Ok(())
}

fn print_no_event(report: &newsgraph_events::petrarch::Report) {
    println!(
        "no-event sentences given an event: {:.3} (any status), {:.3} (actual) over the {} PETRARCH2 records that report none",
        report.no_event_rate, report.no_event_actual_rate, report.no_event_records
    );
    println!(
        "  with the {} records the suite drops for an input error or discard word: {:.3} (any status), {:.3} (actual) over {}",
        report.error_records,
        report.no_event_rate_all,
        report.no_event_actual_rate_all,
        report.no_event_records + report.error_records
    );
}

fn petrarch(dir: &std::path::Path, options: &EvalOptions) -> anyhow::Result<()> {
    let (xml, actors, coder, nlp) = petrarch_inputs(dir, options)?;
    let report = evaluate(&coder, &xml, &actors, options.limit, &|text| nlp.segment(text));
    println!(
        "PETRARCH2 unit tests: {} records with CAMEO codes ({} with suite-only 9xx codes left out), {} that report no event, {} dropped by the suite for an input error or discard word",
        report.coded, report.private_codes, report.no_event_records, report.error_records
    );
    println!(
        "CAMEO root accuracy: {:.3} primary event, {:.3} any event; full-code accuracy {:.3}; source code {:.3}, target code {:.3}",
        report.root_accuracy, report.root_any, report.full_accuracy, report.source_accuracy, report.target_accuracy
    );
    print_no_event(&report);
    if let Some(path) = &options.predictions {
        // Every coded record (expected vs coded) and the no-event records given an event.
        let coded: Vec<Value> = report
            .coded_records
            .iter()
            .map(|(id, want, got, events)| serde_json::json!({"id": id, "expected": want, "coded": got, "events": events}))
            .collect();
        let hits: Vec<Value> = report
            .no_event_hits
            .iter()
            .map(|(id, text, events)| serde_json::json!({"id": id, "text": text, "events": events}))
            .collect();
        let out = serde_json::json!({"coded": coded, "no_event_hits": hits});
        std::fs::write(path, serde_json::to_string_pretty(&out)?)?;
    }
    Ok(())
}

/// Held-out check on the NGEC synthetic stories (`ngec/gpt_synthetic_events_*.csv.zip`,
/// 4,500 machine-written stories, each written about one labelled PLOVER event). No rule
/// was written from them. They have no sentence labels, so the scores are proxies: how
/// many stories get an event of their label (recall), what share of the coded actual
/// events has the story's label (the rest are other happenings the story tells, or noise),
/// and how many sentences get any event at all.
fn ngec(dir: &std::path::Path, options: &EvalOptions) -> anyhow::Result<()> {
    let ngec_dir = dir.join("ngec");
    let zip = std::fs::read_dir(&ngec_dir)
        .with_context(|| format!("cannot list {}", ngec_dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("gpt_synthetic_events")))
        .context("no gpt_synthetic_events_*.csv.zip in ngec/")?;
    let csv = unzip_first(&std::fs::read(&zip)?)?;
    let rows = parse_csv(&csv);
    let header = rows.first().context("empty NGEC csv")?;
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(text_at), Some(label_at)) = (column("text"), column("label")) else {
        anyhow::bail!("NGEC csv lacks text/label columns")
    };
    let pipeline = Pipeline::load(Layer::Said)?;
    let coder = load_coder(options)?;
    let limit = options.limit.unwrap_or(usize::MAX);
    let mut predictions = Vec::new();
    let (mut stories, mut with_label, mut with_label_actual) = (0usize, 0usize, 0usize);
    let (mut sentences, mut sentences_with_event, mut events, mut actual, mut actual_on_label) = (0, 0, 0, 0, 0);
    // Per story label: (stories, sentences, sentences given an event).
    let mut per_label: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for row in rows.iter().skip(1).take(limit) {
        let (Some(text), Some(label)) = (row.get(text_at), row.get(label_at).and_then(|l| rename(l))) else {
            continue;
        };
        let mut article = Article::from_text(format!("ngec-{stories}"), text.as_str());
        pipeline.annotate(&mut article);
        coder.annotate(&mut article);
        stories += 1;
        with_label += usize::from(article.events.iter().any(|e| e.kind == label));
        let is_actual = |e: &&Event| e.status == EventStatus::Actual;
        with_label_actual += usize::from(article.events.iter().filter(is_actual).any(|e| e.kind == label));
        events += article.events.len();
        actual += article.events.iter().filter(is_actual).count();
        actual_on_label += article.events.iter().filter(is_actual).filter(|e| e.kind == label).count();
        if options.predictions.is_some() {
            let events: Vec<String> =
                article.events.iter().map(|e| newsgraph_events::petrarch::describe(&article, e)).collect();
            predictions
                .push(serde_json::json!({"id": stories, "label": label.label(), "text": text, "events": events}));
        }
        let spans = &article.analysis.sentences;
        sentences += spans.len();
        let index = newsgraph_model::CharIndex::new(&article.text);
        let with_event = spans
            .iter()
            .filter(|s| {
                article.events.iter().any(|e| {
                    e.evidence.iter().any(|m| {
                        let b = index.to_bytes(m.span);
                        b.start() >= s.start() && b.start() < s.end()
                    })
                })
            })
            .count();
        sentences_with_event += with_event;
        let row = per_label.entry(label.label()).or_default();
        row.0 += 1;
        row.1 += spans.len();
        row.2 += with_event;
    }
    let share = |k: usize, n: usize| k as f64 / n.max(1) as f64;
    println!("NGEC synthetic stories (held out): {stories} stories, {sentences} sentences");
    println!(
        "stories with an event of their label: {:.3} (any status), {:.3} (actual)",
        share(with_label, stories),
        share(with_label_actual, stories)
    );
    println!(
        "events coded: {:.2} per story ({:.2} actual); actual events with the story's label: {:.3}",
        share(events, stories),
        share(actual, stories),
        share(actual_on_label, actual)
    );
    println!("sentences given an event: {:.3}", share(sentences_with_event, sentences));
    println!("sentences given an event, per story label (a story tells one labelled event among others):");
    for (label, (n, sents, with)) in &per_label {
        println!("  {label:<10} {n:>5} stories {sents:>6} sentences  given an event {:.3}", share(*with, *sents));
    }
    // The set labels stories, not sentences, and has no label for "no event".
    println!("  sentences labelled as reporting no event: none in this set (every story has an event label)");
    if let Some(path) = &options.predictions {
        std::fs::write(path, serde_json::to_string_pretty(&predictions)?)?;
    }
    Ok(())
}

/// The first member of a zip archive (stored or deflated; sizes may sit in a trailing
/// data descriptor, so a deflated member is read to the end of its stream).
fn unzip_first(bytes: &[u8]) -> anyhow::Result<String> {
    use std::io::Read;
    let u16_at = |at: usize| bytes.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize);
    if bytes.get(..4) != Some(b"PK\x03\x04".as_slice()) {
        anyhow::bail!("not a zip archive");
    }
    let (Some(method), Some(name_len), Some(extra_len)) = (u16_at(8), u16_at(26), u16_at(28)) else {
        anyhow::bail!("truncated zip header")
    };
    let data = bytes.get(30 + name_len + extra_len..).context("truncated zip member")?;
    let mut out = String::new();
    match method {
        8 => {
            flate2::read::DeflateDecoder::new(data).read_to_string(&mut out)?;
        }
        0 => out = String::from_utf8_lossy(data).into_owned(),
        other => anyhow::bail!("zip compression method {other} not supported"),
    }
    Ok(out)
}

/// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
