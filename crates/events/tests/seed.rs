//! The seed article with hand-built entity, place and time layers, shaped as the upstream
//! stages produce them: the event coder must find the gold events (../shared/seed/gold.json
//! `events.must`) and must not code the feared invasion as having happened.

use newsgraph_events::EventCoder;
use newsgraph_model::{
    Article, CharSpan, DateSource, Entity, EntityId, EntityType, Event, EventStatus, EventType, FeatureKind, KbLink,
    Mention, Place, Published, Stage, TimeAnchor, Timex, TimexType,
};

const SEED: &str = include_str!("seed.txt");

/// Every whole-word occurrence of `needle` in `text`, as code-point spans.
fn occurrences(text: &str, needle: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            let cstart = text[..start].chars().count();
            out.push(Mention {
                span: CharSpan::new(cstart, cstart + needle.chars().count()),
                text: needle.to_string(),
            });
        }
        from = end;
    }
    out
}

fn entity(text: &str, n: usize, name: &str, kind: EntityType, country: Option<&str>, surfaces: &[&str]) -> Entity {
    let mut mentions: Vec<Mention> = surfaces.iter().flat_map(|s| occurrences(text, s)).collect();
    mentions.sort_by_key(|m| m.span.start());
    // A longer surface ("Joe Biden") hides the shorter one inside it ("Biden").
    let mut kept: Vec<Mention> = Vec::new();
    for m in mentions {
        if !kept.iter().any(|k| k.span.contains(m.span)) {
            kept.retain(|k| !m.span.contains(k.span));
            kept.push(m);
        }
    }
    Entity {
        id: EntityId::nth(n),
        name: name.to_string(),
        kind,
        kb: Some(KbLink { country: country.map(str::to_string), ..KbLink::default() }),
        roles: Vec::new(),
        mentions: kept,
    }
}

fn timex(text: &str, surface: &str, value: &str) -> Vec<Timex> {
    occurrences(text, surface)
        .into_iter()
        .map(|m| Timex {
            span: m.span,
            text: m.text,
            kind: TimexType::Date,
            value: Some(value.to_string()),
            anchor: Some(TimeAnchor::Published),
        })
        .collect()
}

fn seed_article() -> Article {
    let mut article = Article::from_text("seed", SEED);
    article.published = Some(Published { value: "2021-12-30T16:06".into(), from: DateSource::Dateline });
    let t = SEED;
    use EntityType::*;
    article.entities = vec![
        entity(t, 0, "Joe Biden", Person, Some("US"), &["Joe Biden", "Biden"]),
        entity(t, 1, "Vladimir Putin", Person, Some("RU"), &["Vladimir Putin", "Putin"]),
        entity(t, 2, "Russia", Gpe, Some("RU"), &["Russia", "Moscow"]),
        entity(t, 3, "Ukraine", Gpe, Some("UA"), &["Ukraine"]),
        entity(t, 4, "United States", Gpe, Some("US"), &["U.S.", "United States"]),
        entity(t, 5, "NATO", Org, None, &["NATO"]),
        entity(t, 6, "Jens Stoltenberg", Person, None, &["Jens Stoltenberg", "Stoltenberg"]),
        entity(t, 7, "Geneva", Gpe, Some("CH"), &["Geneva"]),
        entity(t, 8, "Switzerland", Gpe, Some("CH"), &["Switzerland"]),
        entity(t, 9, "Kyiv", Gpe, Some("UA"), &["Kyiv"]),
        entity(t, 10, "Crimea", Loc, Some("UA"), &["Crimean Peninsula"]),
        entity(t, 11, "Russian", Norp, Some("RU"), &["Russian"]),
        entity(t, 12, "Kremlin", Org, Some("RU"), &["Kremlin"]),
        entity(t, 13, "White House", Org, Some("US"), &["White House"]),
        entity(t, 14, "Lithuania", Gpe, Some("LT"), &["Lithuania"]),
        entity(t, 15, "Gitanas Nausėda", Person, Some("LT"), &["Gitanas Nausea"]),
        entity(t, 16, "Iran", Gpe, Some("IR"), &["Iran"]),
        entity(t, 17, "Soviet Union", Gpe, None, &["Soviet Union"]),
    ];
    let place = |id: usize, country: &str, feature| Place {
        entity: EntityId::nth(id),
        geonames: None,
        country: Some(country.into()),
        fips: None,
        adm1: None,
        lat: 0.0,
        lon: 0.0,
        feature,
    };
    article.places = vec![
        place(2, "RU", FeatureKind::Country),
        place(3, "UA", FeatureKind::Country),
        place(4, "US", FeatureKind::Country),
        place(7, "CH", FeatureKind::City),
        place(8, "CH", FeatureKind::Country),
        place(9, "UA", FeatureKind::City),
        place(10, "UA", FeatureKind::Region),
    ];
    let mut times = Vec::new();
    times.extend(timex(t, "Thursday", "2021-12-30"));
    times.extend(timex(t, "next month", "2022-01"));
    times.extend(timex(t, "Earlier this month", "2021-12"));
    times.extend(timex(t, "2014", "2014"));
    times.extend(timex(t, "January 10", "2022-01-10"));
    times.sort_by_key(|t| t.span.start());
    article.times = times;
    article
}

fn coded() -> Article {
    let coder = EventCoder::load().expect("lexicon loads");
    let mut article = seed_article();
    // The text layer the nlp stage leaves before this stage runs.
    article.analysis = newsgraph_nlp::Nlp::load().expect("the nlp model loads").segment(&article.text);
    coder.annotate(&mut article);
    article
}

fn id(article: &Article, name: &str) -> EntityId {
    article.entities.iter().find(|e| e.name == name).map(|e| e.id.clone()).expect(name)
}

fn describe(article: &Article) -> String {
    let name = |id: &EntityId| article.entities.iter().find(|e| &e.id == id).map_or("?".into(), |e| e.name.clone());
    article
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {:?} {:?} {:?} -> {:?} date={:?} place={:?} {:?} | {}\n",
                e.cameo,
                e.kind,
                e.status,
                e.actors.iter().map(name).collect::<Vec<_>>(),
                e.targets.iter().map(name).collect::<Vec<_>>(),
                e.date,
                e.place.as_ref().map(name),
                e.mode,
                e.evidence.iter().map(|m| m.text.as_str()).collect::<Vec<_>>().join(" || ")
            )
        })
        .collect()
}

fn find(article: &Article, kind: EventType, pred: impl Fn(&Event) -> bool) -> Option<&Event> {
    article.events.iter().find(|e| e.kind == kind && pred(e))
}

fn involves(e: &Event, who: &EntityId) -> bool {
    e.actors.contains(who) || e.targets.contains(who)
}

#[test]
fn seed_consult_phone_talk_between_the_presidents() {
    let a = coded();
    let (biden, putin) = (id(&a, "Joe Biden"), id(&a, "Vladimir Putin"));
    let e = find(&a, EventType::Consult, |e| involves(e, &biden) && involves(e, &putin));
    let e = e.unwrap_or_else(|| panic!("no CONSULT Biden+Putin in\n{}", describe(&a)));
    assert_eq!(e.actors, vec![biden, putin], "{}", describe(&a));
    assert_eq!(e.date.as_deref(), Some("2021-12-30"));
    assert_eq!(e.status, EventStatus::Actual);
    assert!(e.evidence.len() >= 2, "the phone talk is mentioned twice: {}", describe(&a));
}

#[test]
fn seed_retreat_and_mobilize_by_russia() {
    let a = coded();
    let (russia, ukraine) = (id(&a, "Russia"), id(&a, "Ukraine"));
    let e = find(&a, EventType::Retreat, |e| e.actors.contains(&russia));
    let e = e.unwrap_or_else(|| panic!("no RETREAT Russia in\n{}", describe(&a)));
    assert_eq!(e.status, EventStatus::Actual);
    assert!(e.date.as_deref().is_some_and(|d| d.starts_with("2021-12")));
    let e = find(&a, EventType::Mobilize, |e| e.actors.contains(&russia) && e.targets.contains(&ukraine));
    assert!(e.is_some(), "no MOBILIZE Russia -> Ukraine in\n{}", describe(&a));
}

#[test]
fn seed_request_by_putin_of_nato() {
    let a = coded();
    let (putin, nato) = (id(&a, "Vladimir Putin"), id(&a, "NATO"));
    let e = find(&a, EventType::Request, |e| e.actors.contains(&putin) && e.targets.contains(&nato));
    let e = e.unwrap_or_else(|| panic!("no REQUEST Putin -> NATO in\n{}", describe(&a)));
    assert_eq!(e.status, EventStatus::Actual);
}

#[test]
fn seed_future_talks_in_geneva() {
    let a = coded();
    let (russia, us, geneva) = (id(&a, "Russia"), id(&a, "United States"), id(&a, "Geneva"));
    let e = find(&a, EventType::Consult, |e| involves(e, &russia) && involves(e, &us));
    let e = e.unwrap_or_else(|| panic!("no CONSULT Russia+US in\n{}", describe(&a)));
    assert_eq!(e.status, EventStatus::Future, "{}", describe(&a));
    assert_eq!(e.date.as_deref(), Some("2022-01-10"));
    assert_eq!(e.place.as_ref(), Some(&geneva));
}

#[test]
fn seed_stoltenberg_accuses_or_rejects_russia() {
    let a = coded();
    let (stoltenberg, russia) = (id(&a, "Jens Stoltenberg"), id(&a, "Russia"));
    let e = a.events.iter().find(|e| {
        matches!(e.kind, EventType::Accuse | EventType::Reject)
            && e.actors.contains(&stoltenberg)
            && e.targets.contains(&russia)
            && e.status == EventStatus::Actual
    });
    assert!(e.is_some(), "no ACCUSE/REJECT Stoltenberg -> Russia in\n{}", describe(&a));
}

#[test]
fn seed_feared_invasion_is_not_coded_as_actual() {
    let a = coded();
    let (russia, ukraine) = (id(&a, "Russia"), id(&a, "Ukraine"));
    let actual = a.events.iter().find(|e| {
        e.kind == EventType::Assault
            && e.actors.contains(&russia)
            && e.targets.contains(&ukraine)
            && e.status == EventStatus::Actual
    });
    assert!(actual.is_none(), "feared invasion coded as actual:\n{}", describe(&a));
    let feared = a
        .events
        .iter()
        .any(|e| e.kind == EventType::Assault && e.actors.contains(&russia) && e.status == EventStatus::Hypothetical);
    assert!(feared, "the feared invasion should be kept as hypothetical:\n{}", describe(&a));
}

#[test]
fn seed_annexation_is_historical_and_ids_are_fresh() {
    let a = coded();
    let russia = id(&a, "Russia");
    let e = find(&a, EventType::Coerce, |e| e.actors.contains(&russia) && e.status == EventStatus::Historical);
    assert!(e.is_some(), "no historical COERCE by Russia in\n{}", describe(&a));
    // Entities this stage adds come after the entity layer's, with unused ids.
    let mut ids: Vec<&str> = a.entities.iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), a.entities.len());
    for e in &a.events {
        for x in e.actors.iter().chain(&e.targets).chain(&e.place) {
            assert!(a.entities.iter().any(|en| &en.id == x), "dangling {x:?}");
        }
        assert!(!e.evidence.is_empty());
        for m in &e.evidence {
            let slice: String = a.text.chars().skip(m.span.start()).take(m.span.len()).collect();
            assert_eq!(slice, m.text);
        }
    }
}

#[test]
fn seed_events_have_full_cameo_codes() {
    let a = coded();
    assert!(!a.events.is_empty());
    for e in &a.events {
        // A CAMEO code of 3 or 4 digits (a root alone is never a full code), of the
        // type's family, scored by its own Goldstein value.
        assert!(matches!(e.cameo.len(), 3 | 4) && e.cameo.chars().all(|c| c.is_ascii_digit()), "{e:?}");
        let root = newsgraph_events::cameo_root(e.kind, e.mode.as_deref());
        let family_ok = e.cameo.starts_with(root)
            || matches!(
                (e.kind, &e.cameo[..2]),
                (EventType::Assault, "17" | "18" | "19" | "20")
                    | (EventType::Coerce, "16" | "17" | "19")
                    | (EventType::Accuse, "09" | "11")
                    | (EventType::Request, "02" | "10")
            );
        assert!(family_ok, "{} for {:?}", e.cameo, e.kind);
        assert_eq!(e.goldstein, newsgraph_events::goldstein(&e.cameo));
        assert_eq!(e.quad_class, newsgraph_events::quad_class(&e.cameo));
    }
    eprintln!("{}", describe(&a));
}

#[test]
fn dump_seed_events() {
    let a = coded();
    eprintln!("{}", describe(&a));
}
