//! `newsgraph eval events --dataset plover --errors`: the PLOVER GSR misses, one block per
//! sentence with a wrong type or a missed / spurious actor or target, each miss given a
//! cause, then the causes counted over the set.
//!
//! Causes come from the gold text and the dependency tree of the sentence (the Rust
//! parser, the same the coder reads), not from the coder's internals:
//! - type: `no event`, `wrong trigger` (an event of the gold type is coded, but not as
//!   the primary one), `GOLD<-PRED` (a neighbouring type read instead);
//! - a missed participant: `wrong event` (the primary event is of another type), `no
//!   mention` (no actor mention overlaps the gold text: a common noun phrase the actor
//!   resolution does not read), `swapped` (it is coded in the other role), else the
//!   syntactic slot of the gold phrase's head relative to the trigger: `coordination`
//!   (a conjunct), `relative clause`, `passive agent`, `reported speech` (under a
//!   clausal complement), `governed preposition`, `object`, `subject`, `other`;
//! - a spurious participant: `extra` (the gold has others), `gold empty`.
//!
//! It lists; it does not score (the scores are `events::plover`'s).

use std::collections::BTreeMap;

use newsgraph_model::syntax::{Dep, SentenceParser, TokenSyntax};
use newsgraph_model::{Article, CharIndex, CharSpan, EntityId, Event, EventType};

/// One sentence's gold, as the GSR gives it.
pub struct Gold<'a> {
    pub id: &'a str,
    pub kind: EventType,
    pub actors: &'a [String],
    pub targets: &'a [String],
}

/// A role's name, its gold texts, the primary event's ids in it and in the other role.
type Role<'a> = (&'static str, &'a [String], Vec<EntityId>, Vec<EntityId>);

/// Lists the misses of one sentence (nothing when all is right) and counts their causes.
pub fn list(
    article: &Article,
    gold: &Gold,
    main: Option<&Event>,
    parser: &dyn SentenceParser,
    causes: &mut BTreeMap<String, usize>,
) {
    let text = article.text.as_str();
    let mut lines: Vec<(String, String)> = Vec::new();
    let right_type = main.is_some_and(|e| e.kind == gold.kind);
    match main {
        None => lines.push(("type: no event".into(), String::new())),
        Some(_) if article.events.iter().any(|e| e.kind == gold.kind) && !right_type => {
            lines.push(("type: wrong trigger".into(), String::new()))
        }
        Some(e) if !right_type => {
            lines.push((format!("type: {}<-{}", gold.kind.label(), e.kind.label()), String::new()))
        }
        _ => {}
    }
    let syntax = Parsed::new(article, parser);
    let roles: [Role; 2] = [
        (
            "actor",
            gold.actors,
            main.map(|e| e.actors.clone()).unwrap_or_default(),
            main.map(|e| e.targets.clone()).unwrap_or_default(),
        ),
        (
            "target",
            gold.targets,
            main.map(|e| e.targets.clone()).unwrap_or_default(),
            main.map(|e| e.actors.clone()).unwrap_or_default(),
        ),
    ];
    for (role, gold_texts, predicted, other) in roles {
        let gold_spans: Vec<(CharSpan, &str)> =
            gold_texts.iter().filter_map(|g| Some((span_of(text, g)?, g.as_str()))).collect();
        let (mine, theirs) = (spans_of(article, &predicted), spans_of(article, &other));
        for (g, g_text) in &gold_spans {
            if mine.iter().any(|s| s.overlaps(*g)) {
                continue;
            }
            let any_mention = article.entities.iter().flat_map(|e| &e.mentions).any(|m| m.span.overlaps(*g));
            let cause = if !right_type {
                "wrong event".to_string()
            } else if !any_mention {
                "no mention".to_string()
            } else if theirs.iter().any(|s| s.overlaps(*g)) {
                "swapped".to_string()
            } else {
                syntax.as_ref().map_or_else(|| "other".to_string(), |p| p.slot(*g, main))
            };
            let key = cause.split(';').next().unwrap_or_default();
            lines.push((format!("{role} missed: {key}"), format!("\"{g_text}\" ({cause})")));
        }
        for p in &predicted {
            let spans = spans_of(article, std::slice::from_ref(p));
            if spans.iter().any(|s| gold_spans.iter().any(|(g, _)| s.overlaps(*g))) {
                continue;
            }
            let cause = if !right_type {
                "wrong event"
            } else if gold_spans.is_empty() {
                "gold empty"
            } else {
                "extra"
            };
            let shown = spans.first().map_or(String::new(), |s| index_text(text, *s));
            lines.push((format!("{role} spurious: {cause}"), format!("\"{shown}\"")));
        }
    }
    if lines.is_empty() {
        return;
    }
    println!("## {} {} -> {} | {text}", gold.id, gold.kind.label(), main.map_or("-", |e| e.kind.label()));
    println!("   gold actors {:?} targets {:?}", gold.actors, gold.targets);
    for e in &article.events {
        let names = |ids: &[EntityId]| -> Vec<String> {
            spans_of(article, ids).into_iter().map(|s| index_text(text, s)).collect()
        };
        let evidence = e.evidence.first().map_or("", |m| m.text.as_str());
        println!(
            "   event {} {:?} {} actors {:?} targets {:?} | {evidence}",
            e.kind.label(),
            e.status,
            e.cameo,
            names(&e.actors),
            names(&e.targets)
        );
    }
    if let Some(p) = &syntax {
        println!("   tree {}", p.render());
    }
    for (key, detail) in lines {
        println!("   * {key} {detail}");
        // Type confusions are counted per pair ("type: ACCUSE<-COERCE").
        *causes.entry(key).or_default() += 1;
    }
}

/// The cause counts, most frequent first.
pub fn summary(causes: &BTreeMap<String, usize>) {
    let mut sorted: Vec<(&String, &usize)> = causes.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    println!("misses by cause:");
    for (cause, n) in sorted {
        println!("{n:>5}  {cause}");
    }
}

fn span_of(text: &str, g: &str) -> Option<CharSpan> {
    let at = text.find(g)?;
    let start = text[..at].chars().count();
    Some(CharSpan::new(start, start + g.chars().count()))
}

/// The spans naming any of `ids`, as the scorer counts them (a country's demonyms too).
fn spans_of(article: &Article, ids: &[EntityId]) -> Vec<CharSpan> {
    ids.iter().flat_map(|id| super::events::actor_spans(article, id)).collect()
}

fn index_text(text: &str, span: CharSpan) -> String {
    text.chars().skip(span.start()).take(span.end().saturating_sub(span.start())).collect()
}

/// The article's tokens (in characters) with their parse.
struct Parsed {
    words: Vec<(CharSpan, String)>,
    syntax: Vec<TokenSyntax>,
}

impl Parsed {
    fn new(article: &Article, parser: &dyn SentenceParser) -> Option<Parsed> {
        let text = article.text.as_str();
        let tokens = &article.analysis.tokens;
        if tokens.is_empty() {
            return None;
        }
        let syntax = parser.parse(text, tokens);
        if syntax.len() != tokens.len() {
            return None;
        }
        let index = CharIndex::new(text);
        let words = tokens
            .iter()
            .map(|t| {
                let span = index.to_chars(t.span);
                (span, text.get(t.span.range()).unwrap_or_default().to_string())
            })
            .collect();
        Some(Parsed { words, syntax })
    }

    fn render(&self) -> String {
        let mut out = Vec::with_capacity(self.words.len());
        for (k, ((_, w), s)) in self.words.iter().zip(&self.syntax).enumerate() {
            out.push(format!("{k}:{w}/{}/{}>{}", s.tag.as_str(), s.dep.as_str(), s.head));
        }
        out.join(" ")
    }

    fn head(&self, k: usize) -> Option<usize> {
        let h = self.syntax[k].head as usize;
        (h != k && self.syntax[k].dep != Dep::Root && h < self.syntax.len()).then_some(h)
    }

    /// The slot of the gold phrase `g`: its head token (the one whose head lies outside it)
    /// and the arcs above it, up to the trigger of the primary event.
    fn slot(&self, g: CharSpan, main: Option<&Event>) -> String {
        let inside: Vec<usize> = (0..self.words.len()).filter(|&k| self.words[k].0.overlaps(g)).collect();
        let Some(&head) = inside.iter().find(|&&k| self.head(k).is_none_or(|h| !inside.contains(&h))) else {
            return "other".into();
        };
        let trigger: Vec<usize> = main
            .and_then(|e| e.evidence.first())
            .map(|m| (0..self.words.len()).filter(|&k| self.words[k].0.overlaps(m.span)).collect())
            .unwrap_or_default();
        let mut path = Vec::new();
        let mut k = head;
        for _ in 0..8 {
            path.push(self.syntax[k].dep);
            match self.head(k) {
                Some(h) if !trigger.contains(&h) => k = h,
                _ => break,
            }
        }
        let first = path[0];
        let cause = if path.contains(&Dep::Conj) {
            "coordination"
        } else if path.contains(&Dep::Relcl) {
            "relative clause"
        } else if path.contains(&Dep::Agent) {
            "passive agent"
        } else if path.iter().skip(1).any(|d| matches!(d, Dep::Ccomp | Dep::Parataxis)) {
            "reported speech"
        } else if first == Dep::Pobj {
            "governed preposition"
        } else if matches!(first, Dep::Dobj | Dep::Dative | Dep::Attr | Dep::Oprd) {
            "object"
        } else if matches!(first, Dep::Nsubj | Dep::Nsubjpass) {
            "subject"
        } else {
            "other"
        };
        let shown: Vec<&str> = path.iter().map(|d| d.as_str()).collect();
        format!("{cause}; {}", shown.join("<"))
    }
}
