//! Coding one article: triggers per sentence, their participants and status, then merging.

use newsgraph_model::syntax::SentenceParser;
use newsgraph_model::words::WordRules;
use newsgraph_model::{Article, ByteSpan, CharIndex, EntityId, Event, EventStatus, EventType, TimexType};

use crate::actors::{mention, Actors, Agents};
use crate::cameo::Coding;
use crate::lexicon::{Code, Hit, Lexicon};
use crate::status::{as_statement_of_intent, date_of, refine_status};
use crate::table;
use crate::text::{self, Tok};
use crate::tree::Tree;
use crate::tree_code;
use crate::trigger::{noun_event, verb_event, Context, Trigger};
use crate::types::{Actor, FastMap, Found};
use crate::vocab::class;

/// Longer token runs are skipped (bounded work per sentence).
const MAX_SENTENCE_TOKENS: usize = 400;

/// Fills `article.events` (and appends the generic actors they use to its entities), with
/// the stage's lexicon and agent dictionary; `fallback_actors` as in
/// [`crate::EventCoder::with_fallback_actors`]. With a `parser`, sentences that hold a
/// trigger are parsed and coded from their tree (`tree_code`); the others, and every
/// sentence without a parser or without a text layer's tokens, by the clause rules.
pub fn code(
    lexicon: &Lexicon,
    agents: &Agents,
    coding: &Coding,
    fallback_actors: bool,
    parser: Option<&dyn SentenceParser>,
    article: &mut Article,
) {
    let text = article.text.as_str();
    let rules = WordRules::for_language(article.language.as_deref());
    let index = CharIndex::new(text);
    // The text layer's sentences (the nlp stage runs before this one); a caller that gives
    // no layer gets the whole text as one sentence.
    let whole_text = [ByteSpan::new(0, text.len())];
    let sentences: Vec<ByteSpan> =
        if article.analysis.sentences.is_empty() { whole_text.to_vec() } else { article.analysis.sentences.clone() };
    let mut actors = Actors::from_entities(article, &index);
    actors.fallback &= fallback_actors;
    let published = article.published_date().map(str::to_string);
    let mut times: Vec<(ByteSpan, String, bool)> = article
        .times
        .iter()
        .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
        .filter_map(|t| {
            let value = t.value.clone()?;
            let iso = value.chars().next().is_some_and(|c| c.is_ascii_digit());
            Some((index.to_bytes(t.span), value, iso))
        })
        .collect();
    times.sort_by_key(|(span, _, _)| span.start());
    // Pass 1: tokens and the generic actor mentions of every sentence, sorted once.
    let mut sentence_toks: Vec<Vec<Tok>> = Vec::with_capacity(sentences.len());
    for sentence in &sentences {
        let mut toks = Vec::new();
        text::tokenize(text, *sentence, rules, &mut toks);
        if toks.len() > MAX_SENTENCE_TOKENS {
            // A run-on "sentence" (a table, a list) is not prose the clause rules can read.
            toks.clear();
        }
        lexicon.annotate(&mut toks);
        actors.add_sentence(text, &toks, agents, |t| lexicon.is_trigger(t), |t| lexicon.is_verb(t));
        sentence_toks.push(toks);
    }
    actors.finish();
    // Pass 2: code each sentence.
    let mut found = Vec::new();
    for (s, toks) in sentence_toks.iter().enumerate() {
        if toks.is_empty() {
            continue;
        }
        let first = found.len();
        // The clause rules first (cheap); a sentence they find an event in is parsed and
        // coded from its tree instead. Parsing only those keeps the parser's cost to the
        // sentences that report something (a trigger alone is in most sentences).
        code_sentence(lexicon, coding, toks, &actors, s, &mut found);
        let parsed = match parser {
            Some(parser) if !coding.petrarch && found.len() > first => {
                let tokens = tokens_within(&article.analysis.tokens, sentences[s]);
                let syntax = if tokens.is_empty() { Vec::new() } else { parser.parse(text, tokens) };
                Tree::new(text, tokens, &syntax, toks)
            }
            _ => None,
        };
        if let Some(tree) = &parsed {
            found.truncate(first);
            let quoted = quoted_tokens(toks);
            let speaker = quote_speaker(toks, &actors);
            let sentence = tree_code::Sentence { toks, tree, actors: &actors, index: s, speaker, quoted: &quoted };
            tree_code::code_sentence(lexicon, coding, &sentence, &mut found);
        }
        for f in &mut found[first..] {
            // PETRARCH codes the verb, not the statement of intent around it.
            let keep = coding.petrarch.then(|| f.cameo.clone());
            let (date, from_text) = date_of(&times, text, toks, f.evidence, published.as_deref());
            let scheduled = from_text && date.as_deref().zip(published.as_deref()).is_some_and(|(d, p)| d > p);
            if f.intent && !scheduled {
                as_statement_of_intent(f);
            }
            if let Some(code) = keep {
                f.cameo = code;
            }
            f.status = refine_status(f.status, date.as_deref(), from_text, published.as_deref());
            f.date = match f.status {
                EventStatus::Actual => date.or_else(|| published.clone()),
                _ if from_text => date,
                _ => None,
            };
        }
    }
    let merged = merge(found);
    write(article, &index, actors, merged, coding.petrarch);
}

/// The text layer's tokens inside `span` (both sorted by offset).
fn tokens_within(tokens: &[newsgraph_model::Token], span: ByteSpan) -> &[newsgraph_model::Token] {
    let from = tokens.partition_point(|t| t.span.start() < span.start());
    let to = tokens.partition_point(|t| t.span.start() < span.end()).max(from);
    &tokens[from..to]
}

fn code_sentence(lexicon: &Lexicon, coding: &Coding, toks: &[Tok], actors: &Actors, s: usize, out: &mut Vec<Found>) {
    let n = toks.len();
    let words = coding.dictionary.ids(toks.iter().map(|t| t.lower.as_ref()));
    let speaker = quote_speaker(toks, actors);
    let quoted = quoted_tokens(toks);
    let reported = toks.iter().any(|t| t.has(class::REPORTING));
    let context = Context { speaker, quoted: &quoted, reported };
    let mut consumed = 0;
    let mut last_subject: Option<(usize, Vec<Actor>)> = None;
    // Whether the verb reading of each token was an event trigger (for complements).
    let mut event_verbs = vec![false; n];
    let bounds = ClauseBounds::new(toks);
    let mut i = 0;
    while i < n {
        let (lo, hi) = bounds.at(i);
        let tok = &toks[i];
        let named = tok.cap && i > 0 && !toks[i - 1].is_any(&["\"", "“", "("]);
        let covered = actors.covering(tok.start, tok.end).is_some();
        let readable = !named && !covered && verb_reading(toks, i, actors);
        let hit = if readable { lexicon.verb_at(toks, i, lo, hi) } else { None };
        // PETRARCH's way: a verb the dictionary codes is a trigger even where the lexicon
        // has none (or only a statement); its type is the code's root's (a code outside
        // CAMEO, as a test dictionary's WEIS codes, reads as a CONSULT: a neutral type for
        // the clause rules, the code is what counts there).
        let petrarch_code = (coding.petrarch && readable && hit.as_ref().is_none_or(|h| h.code.plover.is_none()))
            .then(|| coding.dictionary.lookup(&words, i, lo, hi))
            .flatten()
            .map(|m| {
                let plover = table::plover_of_root(&m.code).or(Some(EventType::Consult));
                (Code { cameo: m.code, plover, mode: None }, m.end)
            });
        let hit = match (&petrarch_code, hit) {
            (Some((code, end)), _) => Some(Hit { first: i, end: *end, code, specificity: 0 }),
            (None, hit) => hit,
        };
        if let Some(hit) = hit {
            event_verbs[i] = hit.code.plover.is_some();
            let end = hit.end;
            let background = relative_clause(toks, i, lo);
            if hit.code.plover.is_some() && !background {
                let previous = last_subject.as_ref().filter(|(at, _)| *at >= lo).map(|(_, a)| a.as_slice());
                let trigger = Trigger { toks, actors, sentence: s, lo, hi, at: i, hit: &hit };
                if let Some(mut f) = verb_event(&trigger, &context, &event_verbs, previous) {
                    // A trigger the PETRARCH-way dictionary does not code is no event.
                    if coding.recode(&mut f.0, &words, i, lo, hi, false) {
                        consumed = consumed.max(f.1);
                        last_subject = Some((i, f.0.actors.clone()));
                        out.push(f.0);
                    }
                }
            }
            i = end;
            continue;
        }
        if i >= consumed {
            if let Some(hit) = lexicon.noun_at(toks, i, lo, hi) {
                let background = relative_clause(toks, i, lo);
                let trigger = Trigger { toks, actors, sentence: s, lo, hi, at: i, hit: &hit };
                if let Some(mut f) = noun_event(&trigger).filter(|_| !background) {
                    if coding.recode(&mut f, &words, i, lo, hi, true) {
                        out.push(f);
                    }
                }
                i = hit.end;
                continue;
            }
        }
        i += 1;
    }
}

/// Whether token `i` lies in a non-restrictive relative clause (", who lost his son when
/// bombers struck", ", which are deployed to oversee a ceasefire"): such a clause describes
/// a participant, it does not report the sentence's news.
fn relative_clause(toks: &[Tok], i: usize, lo: usize) -> bool {
    let from = lo.max(i.saturating_sub(25));
    match (from..i).rev().find(|&k| toks[k].is_any(&[",", "(", ")", "\"", "“", "”"])) {
        Some(k) => toks[k].is(",") && toks.get(k + 1).is_some_and(|t| t.is_any(&["who", "which", "whose"])),
        None => false,
    }
}

/// Whether the word at `i` reads as a verb rather than a noun ("talks", "demands", "allies"):
/// no tagger, so the neighbours decide.
fn verb_reading(toks: &[Tok], i: usize, actors: &Actors) -> bool {
    let tok = &toks[i];
    let Some(prev) = i.checked_sub(1).map(|p| &toks[p]) else { return false };
    let w = &*prev.lower;
    if !prev.word && prev.end == tok.start && !matches!(w, "\"" | "“") {
        return false; // "U.S.-led"
    }
    if prev.has(class::DETERMINER | class::NOUN_PREPOSITION) {
        return false;
    }
    // After an "anti-X" modifier comes the noun it modifies ("an anti-war parade").
    let anti = |k: usize| toks.get(k).is_some_and(|t| t.lower == "anti" || t.lower == "anti-");
    if w.starts_with("anti-") || (i >= 2 && anti(i - 2)) || (i >= 3 && anti(i - 3) && toks[i - 2].is("-")) {
        return false;
    }
    // "the naval blockade", "a peacekeeping force": a word after a modifier after a determiner.
    if i >= 2 && toks[i - 2].has(class::DETERMINER) && prev.word && !prev.cap && !w.ends_with('s') {
        return false;
    }
    // "a peacekeeping force" (but not "the militarist wing refused").
    if prev.word && !prev.cap && w.len() >= 6 && w.ends_with("ing") && !(i >= 2 && toks[i - 2].has(class::AUXILIARY)) {
        return false;
    }
    let adverb = |t: &Tok| t.lower.ends_with("ly") || t.is_any(&["also", "still", "now", "already", "again", "then"]);
    let be = |t: &Tok| t.is_any(&["is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am"]);
    let word = &*tok.lower;
    if word.ends_with("ing") {
        // "a declaration demanding that ...": a participle opening a clause of its own.
        if toks.get(i + 1).is_some_and(|n| n.is("that")) {
            return true;
        }
        return be(prev) || (adverb(prev) && i >= 2 && be(&toks[i - 2]));
    }
    if word.ends_with('s') && !word.ends_with("ss") {
        let next_nominal =
            toks.get(i + 1).is_some_and(|n| n.is_any(&["and", ",", ".", "of", "'s", "were", "are", "have"]));
        let subject_before = actors.covering(prev.start, prev.end).is_some()
            || prev.is_any(&["he", "she", "it", "who", "which", "that", "also", "still", "and"])
            || adverb(prev)
            || prev.cap;
        return subject_before && !next_nominal;
    }
    true
}

/// The clause around each token: from just after the last `;` or `:` before it to the next
/// `;`, each looked for within 40 tokens (else the sentence start or end).
struct ClauseBounds {
    /// Per token: the last `;`/`:` before it, and the first `;` at or after it.
    breaks: Vec<(Option<usize>, Option<usize>)>,
}

impl ClauseBounds {
    /// One pass each way, instead of two 40-token scans per token.
    fn new(toks: &[Tok]) -> Self {
        let mut breaks = vec![(None, None); toks.len()];
        let mut last = None;
        for (k, tok) in toks.iter().enumerate() {
            breaks[k].0 = last;
            if tok.has(class::CLAUSE_BREAK) {
                last = Some(k);
            }
        }
        let mut next = None;
        for (k, tok) in toks.iter().enumerate().rev() {
            if tok.is(";") {
                next = Some(k);
            }
            breaks[k].1 = next;
        }
        ClauseBounds { breaks }
    }

    fn at(&self, i: usize) -> (usize, usize) {
        let n = self.breaks.len();
        let (last, next) = self.breaks.get(i).copied().unwrap_or_default();
        let lo = last.filter(|&k| k >= i.saturating_sub(40)).map_or(0, |k| k + 1);
        let hi = next.filter(|&k| k < n.min(i + 40)).unwrap_or(n);
        (lo, hi)
    }
}

/// Whether each token lies inside quotation marks.
fn quoted_tokens(toks: &[Tok]) -> Vec<bool> {
    let mut open = false;
    toks.iter()
        .map(|t| {
            let inside = open;
            match &*t.lower {
                "“" => open = true,
                "”" => open = false,
                "\"" => open = !open,
                _ => {}
            }
            inside
        })
        .collect()
}

/// The speaker of a quotation in this sentence: `"...," he warned` or `"...," Stoltenberg said`.
fn quote_speaker(toks: &[Tok], actors: &Actors) -> Option<Actor> {
    let close = toks.iter().rposition(|t| t.is_any(&["\"", "”"]))?;
    let after = toks.get(close + 1..)?.iter().take(4);
    for t in after {
        if t.is_any(&["he", "she"]) {
            return actors.resolve_pronoun(t.start, true).map(|m| m.actor);
        }
        if let Some(m) = actors.covering(t.start, t.end) {
            return Some(actors.mentions[m].actor);
        }
    }
    None
}

/// One event per happening: same type, status, actors and targets merge; an event with no
/// actor joins a same-type event of a neighbouring sentence.
fn merge(found: Vec<Found>) -> Vec<Found> {
    // Two reports of the same type, status, participants and date are one happening.
    type Key = (EventType, EventStatus, Vec<Actor>, Vec<Actor>, Option<String>);
    let mut out: Vec<Found> = Vec::new();
    let mut by_key: FastMap<Key, usize> = FastMap::default();
    // Events with no target may join an earlier one with the same actors: (type, status, actors) -> index.
    let mut by_actors: FastMap<(EventType, EventStatus, Vec<Actor>, Option<String>), usize> = FastMap::default();
    for f in found {
        let mut actors = f.actors.clone();
        actors.sort();
        let mut targets = f.targets.clone();
        targets.sort();
        let same = by_key.get(&(f.kind, f.status, actors.clone(), targets.clone(), f.date.clone())).copied();
        let same = same.or_else(|| {
            let key = (f.kind, f.status, actors.clone(), f.date.clone());
            targets.is_empty().then(|| by_actors.get(&key).copied()).flatten()
        });
        // "the two leaders" / "the presidents" right after a named event of the same type
        // are the same happening told again.
        let same = same.or_else(|| {
            let generic = !f.actors.is_empty() && f.actors.iter().all(|a| matches!(a, Actor::Extra(_)));
            let recent = out.len().saturating_sub(6);
            (recent..out.len()).rev().find(|&k| {
                let o = &out[k];
                generic
                    && o.kind == f.kind
                    && o.status == f.status
                    && f.sentence.saturating_sub(o.sentence) <= 2
                    && o.actors.iter().any(|a| matches!(a, Actor::Entity(_)))
            })
        });
        match same {
            Some(k) => {
                let o = &mut out[k];
                o.extra.push(f.evidence);
                if o.place.is_none() {
                    o.place = f.place;
                }
                if o.date.is_none() {
                    o.date = f.date;
                }
            }
            None => {
                by_key.insert((f.kind, f.status, actors.clone(), targets, f.date.clone()), out.len());
                by_actors.entry((f.kind, f.status, actors, f.date.clone())).or_insert(out.len());
                out.push(f);
            }
        }
    }
    out
}

fn write(article: &mut Article, index: &CharIndex, actors: Actors, found: Vec<Found>, petrarch: bool) {
    let next = article
        .entities
        .iter()
        .filter_map(|e| e.id.as_str().strip_prefix('e').and_then(|n| n.parse::<usize>().ok()))
        .max()
        .unwrap_or(article.entities.len());
    let mut extra_ids: Vec<Option<EntityId>> = vec![None; actors.extra.len()];
    let mut new_entities = Vec::new();
    let extra_mentions = actors.extra_mentions(&article.text, index);
    let mut id_of = |actor: Actor, entities: &[newsgraph_model::Entity]| -> Option<EntityId> {
        match actor {
            Actor::Entity(i) => entities.get(i).map(|e| e.id.clone()),
            Actor::Extra(i) => {
                if let Some(id) = extra_ids.get(i).cloned().flatten() {
                    return Some(id);
                }
                let id = EntityId::nth(next + new_entities.len());
                let mut entity = actors.extra.get(i)?.clone();
                entity.id = id.clone();
                entity.mentions = extra_mentions.get(i).cloned().unwrap_or_default();
                new_entities.push(entity);
                if let Some(slot) = extra_ids.get_mut(i) {
                    *slot = Some(id.clone());
                }
                Some(id)
            }
        }
    };
    let mut events = Vec::new();
    for f in found {
        let actors_ids: Vec<EntityId> = f.actors.iter().filter_map(|&a| id_of(a, &article.entities)).collect();
        let target_ids: Vec<EntityId> = f.targets.iter().filter_map(|&a| id_of(a, &article.entities)).collect();
        let place = f.place.and_then(|a| id_of(a, &article.entities));
        let source = f.source.and_then(|a| id_of(a, &article.entities));
        let mut evidence = vec![mention(&article.text, index, f.evidence)];
        for span in &f.extra {
            evidence.push(mention(&article.text, index, *span));
        }
        // PETRARCH's way keeps the dictionary's code as is (a test suite's codes need not
        // be CAMEO's); otherwise the full code of the type's family.
        let code = if petrarch { f.cameo.clone() } else { table::full_code(f.kind, f.mode.as_deref(), &f.cameo) };
        events.push(Event {
            kind: f.kind,
            mode: f.mode,
            actors: actors_ids,
            targets: target_ids,
            date: f.date,
            place,
            status: f.status,
            evidence,
            quad_class: table::quad_class(&code),
            goldstein: table::goldstein(&code),
            cameo: code,
            source,
        });
    }
    article.entities.extend(new_entities);
    article.events = events;
}
