//! `newsgraph eval geo --errors`: why GeoVirus toponyms are not placed within 161 km
//! from raw text, one line per gold toponym that misses, then the causes counted.
//!
//! Causes of a toponym with no place mention over it (read off the record, not the
//! linker's internals):
//! - `typed T` / `nested in T`: an entity of another type (PERSON, ORG, NORP...)
//!   covers exactly the toponym / a longer span holding it ("Fort Hood" in "Fort
//!   Hood shooting" is `nested`);
//! - `place not geocoded`: a GPE/LOC entity covers it but has no place;
//! - `lowercase` (the gold text has no capital), `no mention` (nothing covers it).
//!
//! Causes of a toponym placed more than 161 km away: the predicted feature kind
//! (`country`, `admin`, `city`, `region`) and whether the predicted country is the
//! gold point's (`same country` is a centre / level question, `other country` an
//! ambiguous name).
//!
//! Articles are split into halves by index (even / odd) so a change's effect on each
//! shows apart. It lists; it does not score (the scores are `geo`'s).

use std::collections::BTreeMap;

use newsgraph_kb::distance_km;
use newsgraph_model::{Article, CharSpan, EntityType, FeatureKind};

/// A gold toponym as `geo` reads it.
pub struct Gold<'a> {
    pub name: &'a str,
    pub span: CharSpan,
    pub lat: f64,
    pub lon: f64,
    pub country: Option<&'a str>,
}

/// Cause counts, per half.
#[derive(Default)]
pub struct Causes {
    counts: BTreeMap<String, [usize; 2]>,
}

impl Causes {
    /// Lists the misses of one article (`doc` its index) and counts their causes.
    pub fn list(&mut self, doc: usize, article: &Article, gold: &[Gold]) {
        for t in gold {
            let Some(cause) = cause(article, t) else { continue };
            println!("doc {doc:>3}  {:<28} {cause}", t.name);
            // The first words of a cause name its group ("other country admin: Georgia (US)").
            let group = cause.split(':').next().unwrap_or(&cause).to_string();
            self.counts.entry(group).or_default()[doc % 2] += 1;
        }
    }

    /// Prints the causes, most frequent first, with each half's count.
    pub fn print(&self) {
        let mut rows: Vec<_> = self.counts.iter().collect();
        rows.sort_by_key(|(name, n)| (std::cmp::Reverse(n[0] + n[1]), name.as_str()));
        println!("causes (all = even articles + odd articles):");
        for (name, n) in rows {
            println!("  {:>4} = {:>4} + {:>4}  {name}", n[0] + n[1], n[0], n[1]);
        }
    }
}

fn type_name(kind: EntityType) -> String {
    format!("{kind:?}").to_uppercase()
}

fn feature_name(kind: FeatureKind) -> &'static str {
    match kind {
        FeatureKind::City => "city",
        FeatureKind::Admin => "admin",
        FeatureKind::Country => "country",
        FeatureKind::Region => "region",
    }
}

/// Why `t` is missed, or `None` when it is placed within 161 km.
fn cause(article: &Article, t: &Gold) -> Option<String> {
    let mut covering = None;
    for entity in &article.entities {
        for m in entity.mentions.iter().filter(|m| m.span.overlaps(t.span)) {
            let place = article.places.iter().find(|p| p.entity == entity.id);
            if let Some(p) = place {
                let d = distance_km(t.lat, t.lon, p.lat, p.lon);
                if d <= 161.0 {
                    return None;
                }
                let same = p.country.as_deref() == t.country && t.country.is_some();
                let side = if same { "same country" } else { "other country" };
                return Some(format!(
                    "{side} {}: {} ({}) {:.0} km",
                    feature_name(p.feature),
                    entity.name,
                    p.country.as_deref().unwrap_or("-"),
                    d
                ));
            }
            covering.get_or_insert((entity, m.span));
        }
    }
    if let Some((entity, span)) = covering {
        let kind = type_name(entity.kind);
        return Some(match entity.kind {
            EntityType::Gpe | EntityType::Loc => format!("place not geocoded: {}", entity.name),
            _ if span == t.span => format!("typed {kind}: {}", entity.name),
            _ => format!("nested in {kind}: {}", entity.name),
        });
    }
    if !t.name.chars().any(char::is_uppercase) {
        return Some("lowercase".into());
    }
    Some("no mention".into())
}
