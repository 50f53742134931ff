//! Synthetic articles for the store tests: every layer filled, so the tests hold
//! whatever the upstream stages produce today.
#![allow(dead_code)]

use newsgraph_model::*;

pub fn mention(text: &str, needle: &str) -> Mention {
    let byte = text.find(needle).unwrap_or(0);
    let start = text[..byte].chars().count();
    Mention { span: CharSpan::new(start, start + needle.chars().count()), text: needle.to_string() }
}

pub struct Spec<'a> {
    pub id: &'a str,
    pub url: &'a str,
    pub title: &'a str,
    pub text: &'a str,
    pub published: &'a str,
    /// (name, type, wikidata, country)
    pub entities: &'a [(&'a str, EntityType, Option<&'a str>, Option<&'a str>)],
    pub event: Option<EventType>,
    /// (speaker name, quoted words)
    pub quote: Option<(&'a str, &'a str)>,
}

pub fn article(spec: &Spec) -> Article {
    let mut a = Article::from_text(spec.id, spec.text);
    a.source = Source { url: Some(spec.url.to_string()), format: SourceFormat::Html, ..Source::default() };
    a.title = Some(spec.title.to_string());
    a.language = Some("en".into());
    a.published = Some(Published { value: spec.published.to_string(), from: DateSource::Meta });
    for (i, (name, kind, wikidata, country)) in spec.entities.iter().enumerate() {
        let id = EntityId::nth(i);
        a.entities.push(Entity {
            id: id.clone(),
            name: name.to_string(),
            kind: *kind,
            kb: Some(KbLink {
                wikidata: wikidata.map(str::to_string),
                geonames: None,
                country: country.map(str::to_string),
                sector: None,
                wikipedia: None,
            }),
            roles: if *kind == EntityType::Person {
                vec![Role { title: "Minister".into(), of: country.map(str::to_string), from: RoleSource::Text }]
            } else {
                vec![]
            },
            mentions: vec![mention(spec.text, name.split(' ').next_back().unwrap_or(name))],
        });
        if matches!(kind, EntityType::Gpe | EntityType::Loc) {
            a.places.push(Place {
                entity: id,
                geonames: Some(703_448),
                country: country.map(str::to_string),
                fips: country.map(|c| if c == "UA" { "UP".to_string() } else { c.to_string() }),
                adm1: Some("12".into()),
                lat: 50.45,
                lon: 30.52,
                feature: FeatureKind::City,
            });
        }
    }
    if let Some(kind) = spec.event {
        a.events.push(Event {
            kind,
            mode: None,
            actors: vec![EntityId::nth(0)],
            targets: vec![],
            date: Some(spec.published[..10].to_string()),
            place: None,
            status: EventStatus::Actual,
            evidence: vec![mention(spec.text, spec.text.split('.').next().unwrap_or(""))],
            cameo: "14".into(),
            quad_class: 3,
            goldstein: -6.5,
            source: None,
        });
    }
    if let Some((speaker, words)) = spec.quote {
        let m = mention(spec.text, words);
        let speaker_id = a.entities.iter().find(|e| e.name == speaker).map(|e| e.id.clone());
        a.quotes.push(Quote {
            kind: QuoteKind::Direct,
            span: m.span,
            text: m.text.clone(),
            cue: Some(mention(spec.text, "said")),
            speaker: speaker_id,
            speaker_mention: Some(mention(spec.text, speaker)),
        });
    }
    a.times.push(Timex {
        span: CharSpan::new(0, 0),
        text: "Monday".into(),
        kind: TimexType::Date,
        value: Some(spec.published[..10].to_string()),
        anchor: Some(TimeAnchor::Published),
    });
    a.counts.push(Count {
        span: CharSpan::new(0, 0),
        text: "12".into(),
        value: 12.0,
        qualifier: CountQualifier::Exact,
        object: Some("people".into()),
        kind: CountKind::Kill,
    });
    a.tone = Some(Tone { tone: -2.5, positive: 1.0, negative: 3.5, polarity: 4.5, activity: 20.0, words: 50 });
    a.themes.push(Theme { code: "PROTEST".into(), span: CharSpan::new(0, 5) });
    a
}

/// A text of `n` sentences about subject `seed` (different seeds share few word triples).
pub fn filler(seed: u64, sentences: usize) -> String {
    const WORDS: &[&str] = &[
        "river", "council", "budget", "harbour", "engineer", "tram", "festival", "vote", "school", "doctor", "market",
        "bridge", "farmer", "storm", "library", "court", "museum", "factory", "station", "garden", "teacher", "police",
        "village", "hospital", "airport", "union", "border", "minister", "election", "forest",
    ];
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut text = String::new();
    for _ in 0..sentences {
        let len = 8 + (next() % 8) as usize;
        let words: Vec<&str> = (0..len).map(|_| WORDS[(next() % WORDS.len() as u64) as usize]).collect();
        let mut sentence = words.join(" ");
        if let Some(first) = sentence.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        text.push_str(&sentence);
        text.push_str(". ");
    }
    text.trim_end().to_string()
}
