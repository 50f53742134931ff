//! The PETRARCH2 validation suite as a test bed: its records and its actor dictionary.
//!
//! The suite's sentences use fictional actors (Arnor, Gondor, ...), so the entity layer
//! cannot know them; [`ActorDictionary::entities`] plays the knowledge base instead and
//! returns the entities of a sentence with their dictionary codes. Used by the regression
//! test in `tests/` and by `newsgraph eval events`; the coder itself never reads it.

use newsgraph_model::{
    Analysis, Article, CharSpan, Entity, EntityId, EntityType, Event, EventStatus, KbLink, Mention, Stage,
};

use crate::EventCoder;

/// One `<Sentence>` record: its text and expected event codings.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub text: String,
    /// Expected `(source, target, CAMEO code)`; empty when the record expects no event.
    pub codings: Vec<(String, String, String)>,
    /// The suite's error label (`bad_input_parse`, `storydiscard`, `sentencediscard`,
    /// `dateline`): the record tests PETRARCH's input handling, not what the sentence says.
    pub error: Option<String>,
}

/// Reads the records of `PETR.UnitTest.records.xml` (a simple XML dialect, scanned by hand).
pub fn read_records(xml: &str) -> Vec<Record> {
    let mut out = Vec::new();
    for chunk in xml.split("<Sentence ").skip(1) {
        let Some(body) = chunk.split("</Sentence>").next() else { continue };
        let id = attribute(body, "id").unwrap_or_default();
        let text = between(body, "<Text>", "</Text>").map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
        let Some(text) = text else { continue };
        let mut codings = Vec::new();
        let mut error = None;
        for coding in body.split("<EventCoding").skip(1) {
            let head = coding.split('>').next().unwrap_or("");
            if error.is_none() {
                error = attribute(head, "error");
            }
            if let Some(code) = attribute(head, "eventcode") {
                let source = attribute(head, "sourcecode").unwrap_or_default();
                let target = attribute(head, "targetcode").unwrap_or_default();
                codings.push((source, target, code));
            }
        }
        out.push(Record { id, text, codings, error });
    }
    out
}

fn attribute(text: &str, name: &str) -> Option<String> {
    let at = text.find(&format!("{name}="))? + name.len() + 1;
    let rest = text[at..].trim_start_matches([' ', '"']);
    Some(rest.split('"').next()?.to_string())
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(&text[start..end])
}

/// Actor phrases and their codes, from `PETR.Validate.actors.txt`.
#[derive(Debug, Default)]
pub struct ActorDictionary {
    /// (words, whole-word last word, code)
    phrases: Vec<(Vec<String>, bool, String)>,
}

impl ActorDictionary {
    pub fn parse(text: &str) -> Self {
        let mut phrases = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let mut code: Option<String> = None;
        let mut flush = |names: &mut Vec<String>, code: &mut Option<String>| {
            if let Some(c) = code.take() {
                for name in names.iter() {
                    let exact = name.ends_with('_');
                    let words: Vec<String> =
                        name.to_lowercase().split(['_', ' ']).filter(|w| !w.is_empty()).map(str::to_string).collect();
                    if !words.is_empty() {
                        phrases.push((words, exact, c.clone()));
                    }
                }
            }
            names.clear();
        };
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            if line.trim().is_empty() || line.trim_start().starts_with("<!") || line.trim_start().starts_with("-->") {
                continue;
            }
            let indented = line.starts_with([' ', '\t']);
            let body = line.trim();
            let code_here = body.find('[').and_then(|s| {
                let c = body[s + 1..].split([']', ' ']).next()?.trim().to_string();
                (!c.is_empty() && c != "---" && c != "+++").then_some(c)
            });
            let name = body.split('[').next().unwrap_or("").trim();
            if indented {
                if code.is_none() {
                    code = code_here;
                }
            } else if let Some(synonym) = name.strip_prefix('+') {
                names.push(synonym.trim().to_string());
            } else {
                flush(&mut names, &mut code);
                if !name.is_empty() {
                    names.push(name.to_string());
                }
                code = code_here;
            }
        }
        flush(&mut names, &mut code);
        // Longer phrases first, so "ITHILEN MILITARY" wins over "ITHILEN".
        phrases.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        ActorDictionary { phrases }
    }

    /// The entities of `text` (ids `e1`, `e2`, ...) and each entity's dictionary code.
    pub fn entities(&self, text: &str) -> (Vec<Entity>, Vec<String>) {
        let words: Vec<(usize, usize, String)> = word_spans(text);
        let mut taken = vec![false; words.len()];
        let mut entities: Vec<Entity> = Vec::new();
        let mut codes: Vec<String> = Vec::new();
        for (phrase, exact, code) in &self.phrases {
            let n = phrase.len();
            if n > words.len() {
                continue;
            }
            for i in 0..=words.len() - n {
                if taken[i..i + n].iter().any(|&t| t) {
                    continue;
                }
                let matched = phrase.iter().enumerate().all(|(k, w)| {
                    let actual = &words[i + k].2;
                    if k + 1 == n && !exact {
                        actual.starts_with(w.as_str()) && (actual.len() <= w.len() + 4)
                    } else {
                        actual == w
                    }
                });
                if !matched {
                    continue;
                }
                taken[i..i + n].iter_mut().for_each(|t| *t = true);
                let (start, end) = (words[i].0, words[i + n - 1].1);
                let mention = Mention {
                    span: CharSpan::new(start, end),
                    text: text.chars().skip(start).take(end - start).collect(),
                };
                match codes.iter().position(|c| c == code) {
                    Some(e) => entities[e].mentions.push(mention),
                    None => {
                        let kind = if code.len() == 3 { EntityType::Gpe } else { EntityType::Org };
                        entities.push(Entity {
                            id: EntityId::nth(entities.len()),
                            name: mention.text.clone(),
                            kind,
                            kb: Some(KbLink::default()),
                            roles: Vec::new(),
                            mentions: vec![mention],
                        });
                        codes.push(code.clone());
                    }
                }
            }
        }
        for e in &mut entities {
            e.mentions.sort_by_key(|m| m.span.start());
        }
        (entities, codes)
    }
}

/// Words of `text` as code-point spans and lower-case text (the possessive `'s` split off).
fn word_spans(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().chain(std::iter::once(&' ')).enumerate() {
        let inner = c.is_alphanumeric()
            || (matches!(c, '-' | '.') && start.is_some() && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()));
        match (inner, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i, chars[s..i].iter().collect::<String>().to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A sentence's primary event: its first actual event in text order (by where its evidence
/// ends: a verb's evidence starts at its subject), else its first event.
pub fn primary(events: &[Event]) -> Option<&Event> {
    let start = |e: &Event| e.evidence.first().map_or(usize::MAX, |m| m.span.end());
    let first_actual = events.iter().filter(|e| e.status == EventStatus::Actual).min_by_key(|e| start(e));
    first_actual.or_else(|| events.iter().min_by_key(|e| start(e)))
}

/// One event as a line: type, status, actors -> targets | evidence.
pub fn describe(article: &Article, e: &Event) -> String {
    let name = |id: &EntityId| article.entities.iter().find(|x| &x.id == id).map_or("?", |x| x.name.as_str());
    format!(
        "{} {:?} {:?} -> {:?} | {}",
        e.kind.label(),
        e.status,
        e.actors.iter().map(name).collect::<Vec<_>>(),
        e.targets.iter().map(name).collect::<Vec<_>>(),
        e.evidence.iter().map(|m| m.text.as_str()).collect::<Vec<_>>().join(" || ")
    )
}

/// Scores of the PETRARCH2 unit-test records.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Records with a real CAMEO code.
    pub coded: usize,
    /// Records whose code is one of the suite's private `9xx` test codes (left out).
    pub private_codes: usize,
    /// Records that expect no event: those whose sentence reports none (`noevents`), and
    /// those the suite drops for an input error or a discard word (`error=`), whose
    /// sentences often do report one (ERROR-02 is word for word a record coded 064).
    pub no_event_records: usize,
    pub error_records: usize,
    /// Share of coded records whose expected CAMEO root (two digits) is the primary event's.
    pub root_accuracy: f64,
    /// Share of coded records where any coded event has the expected root.
    pub root_any: f64,
    pub source_accuracy: f64,
    pub target_accuracy: f64,
    /// Share of the `noevents` records given an event (any status; actual only).
    pub no_event_rate: f64,
    pub no_event_actual_rate: f64,
    /// The same over all records that expect no event, the `error=` ones included.
    pub no_event_rate_all: f64,
    pub no_event_actual_rate_all: f64,
    /// The no-event records given an event: (record id, text, one line per coded event).
    pub no_event_hits: Vec<(String, String, Vec<String>)>,
    /// Share of coded records whose full expected code is the primary event's.
    pub full_accuracy: f64,
    /// Per coded record, for error analysis: (id, expected code, the primary event's
    /// code or `-`, one line per coded event).
    pub coded_records: Vec<(String, String, String, Vec<String>)>,
}

/// Codes every record with the dictionary's actors as the entity layer, and scores it.
/// The coder should have its fallback actors off: the dictionary is the whole knowledge base.
/// `text_layer` gives each record the tokens and sentences the nlp stage would
/// (`newsgraph_nlp::Nlp::segment`), which this crate does not depend on.
pub fn evaluate(
    coder: &EventCoder,
    records_xml: &str,
    actors_txt: &str,
    limit: Option<usize>,
    text_layer: &dyn Fn(&str) -> Analysis,
) -> Report {
    let dictionary = ActorDictionary::parse(actors_txt);
    let mut r = Report::default();
    let (mut root_ok, mut full_ok, mut any_ok, mut src_ok, mut tgt_ok) = (0, 0, 0, 0, 0);
    let (mut none_with, mut none_actual) = (0, 0);
    let (mut error_with, mut error_actual) = (0, 0);
    for record in read_records(records_xml).into_iter().take(limit.unwrap_or(usize::MAX)) {
        let (entities, codes) = dictionary.entities(&record.text);
        let mut article = Article::from_text(record.id.clone(), record.text.clone());
        article.entities = entities;
        article.analysis = text_layer(&article.text);
        coder.annotate(&mut article);
        let code_of = |id: &EntityId| {
            let i = article.entities.iter().position(|e| &e.id == id)?;
            codes.get(i).cloned()
        };
        let Some((source, target, code)) = record.codings.first() else {
            let with = usize::from(!article.events.is_empty());
            let actual = usize::from(article.events.iter().any(|e| e.status == EventStatus::Actual));
            if record.error.is_some() {
                r.error_records += 1;
                error_with += with;
                error_actual += actual;
            } else {
                r.no_event_records += 1;
                none_with += with;
                none_actual += actual;
            }
            if !article.events.is_empty() {
                let lines = article.events.iter().map(|e| describe(&article, e)).collect();
                let id = match &record.error {
                    Some(e) => format!("{} (error={e})", record.id),
                    None => record.id.clone(),
                };
                r.no_event_hits.push((id, record.text.clone(), lines));
            }
            continue;
        };
        if code.starts_with('9') {
            r.private_codes += 1;
            continue;
        }
        r.coded += 1;
        let root = code.get(..2).unwrap_or("");
        let main = primary(&article.events);
        root_ok += usize::from(main.is_some_and(|e| e.cameo_root() == root));
        full_ok += usize::from(main.is_some_and(|e| &e.cameo == code));
        any_ok += usize::from(article.events.iter().any(|e| e.cameo_root() == root));
        let lines = article.events.iter().map(|e| format!("{} {}", e.cameo, describe(&article, e))).collect();
        let got = main.map_or("-".to_string(), |e| e.cameo.clone());
        r.coded_records.push((record.id.clone(), code.clone(), got, lines));
        let matches = |ids: &[EntityId], want: &str| ids.iter().filter_map(code_of).any(|c| c == want);
        src_ok += usize::from(main.is_some_and(|e| matches(&e.actors, source)));
        tgt_ok += usize::from(main.is_some_and(|e| matches(&e.targets, target)));
    }
    let share = |k: usize, n: usize| k as f64 / n.max(1) as f64;
    r.root_accuracy = share(root_ok, r.coded);
    r.full_accuracy = share(full_ok, r.coded);
    r.root_any = share(any_ok, r.coded);
    r.source_accuracy = share(src_ok, r.coded);
    r.target_accuracy = share(tgt_ok, r.coded);
    r.no_event_rate = share(none_with, r.no_event_records);
    r.no_event_actual_rate = share(none_actual, r.no_event_records);
    let all = r.no_event_records + r.error_records;
    r.no_event_rate_all = share(none_with + error_with, all);
    r.no_event_actual_rate_all = share(none_actual + error_actual, all);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records_and_dictionary() {
        let xml = r#"<Sentence date="1" id="T-1" category="X">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore ties with Gondor.
</Text></Sentence>"#;
        let records = read_records(xml);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].codings, vec![("ARN".into(), "GON".into(), "064".into())]);
        let dict = ActorDictionary::parse("ARNOR_  [ARN]\nGONDOR [GON]\n+MINAS_TIRITH\n");
        let (entities, codes) = dict.entities(&records[0].text);
        assert_eq!(codes, vec!["ARN".to_string(), "GON".to_string()]);
        assert_eq!(entities[1].mentions[0].text, "Gondor");
    }
}
