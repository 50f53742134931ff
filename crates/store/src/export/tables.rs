//! The per-article tables beside `articles`: one row per entity mention, quote,
//! event or place, each keyed by `article_id` (the article's `id`), so a join
//! or a group-by in DuckDB, Polars or Spark answers "who is mentioned where".
//!
//! Columns copy the record's fields and names (`start`/`end` are character
//! offsets into the article's `text`); nothing is computed that the record does
//! not hold, except the entity `name` repeated on each mention and place row,
//! which saves a join.

use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use newsgraph_model::{Article, Entity, EntityId};
use serde::Serialize;

use super::columnar::list_field;
use crate::{Result, StoreError};

/// A table of the Arrow (and Parquet) output, by the name it is written under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// One row per article: the flat columns and the whole record as JSON.
    Articles,
    /// One row per mention of a named entity, with the entity's name, type and links.
    Entities,
    /// One row per quote: what was said, the cue and the speaker.
    Quotes,
    /// One row per coded event (PLOVER type, CAMEO root, actors, targets, evidence).
    Events,
    /// One row per geocoded place.
    Places,
}

impl Table {
    /// Every table, `articles` first.
    pub const ALL: [Table; 5] = [Table::Articles, Table::Entities, Table::Quotes, Table::Events, Table::Places];

    /// The table's name: `articles`, `entities`, `quotes`, `events` or `places`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Articles => "articles",
            Table::Entities => "entities",
            Table::Quotes => "quotes",
            Table::Events => "events",
            Table::Places => "places",
        }
    }
}

impl std::str::FromStr for Table {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Table::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown table {s:?} (expected articles, entities, quotes, events or places)"))
    }
}

fn utf8(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

fn int(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Int64, nullable)
}

pub(super) fn schema(table: Table) -> Arc<Schema> {
    let fields = match table {
        Table::Articles => return super::columnar::articles_schema(),
        Table::Entities => vec![
            utf8("article_id", false),
            utf8("entity_id", false),
            utf8("name", false),
            utf8("type", false),
            utf8("wikidata", true),
            int("geonames", true),
            utf8("country", true),
            int("start", false),
            int("end", false),
            utf8("text", false),
        ],
        Table::Quotes => vec![
            utf8("article_id", false),
            utf8("kind", false),
            int("start", false),
            int("end", false),
            utf8("text", false),
            utf8("cue", true),
            utf8("speaker_id", true),
            utf8("speaker", true),
            utf8("speaker_mention", true),
        ],
        Table::Events => vec![
            utf8("article_id", false),
            utf8("type", false),
            utf8("cameo", false),
            int("quad_class", false),
            Field::new("goldstein", DataType::Float64, false),
            utf8("status", false),
            utf8("mode", true),
            utf8("date", true),
            utf8("place_id", true),
            list_field("actors"),
            list_field("targets"),
            int("start", true),
            int("end", true),
            utf8("evidence", true),
        ],
        Table::Places => vec![
            utf8("article_id", false),
            utf8("entity_id", false),
            utf8("name", true),
            int("geonames", true),
            utf8("country", true),
            utf8("fips", true),
            utf8("adm1", true),
            Field::new("lat", DataType::Float64, false),
            Field::new("lon", DataType::Float64, false),
            utf8("feature", false),
        ],
    };
    Arc::new(Schema::new(fields))
}

/// The name serde gives a unit variant (`"direct"`, `"actual"`, `"city"`), as in the record.
fn wire_name(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn entity<'a>(article: &'a Article, id: &EntityId) -> Option<&'a Entity> {
    article.entities.iter().find(|e| &e.id == id)
}

fn strings<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(values.into_iter().collect::<StringArray>())
}

fn ints(values: impl IntoIterator<Item = Option<i64>>) -> ArrayRef {
    Arc::new(values.into_iter().collect::<Int64Array>())
}

fn floats(values: impl IntoIterator<Item = f64>) -> ArrayRef {
    Arc::new(values.into_iter().map(Some).collect::<Float64Array>())
}

fn ids<'a>(lists: impl IntoIterator<Item = &'a [EntityId]>) -> ArrayRef {
    let mut builder = ListBuilder::new(StringBuilder::new());
    for list in lists {
        for id in list {
            builder.values().append_value(&id.0);
        }
        builder.append(true);
    }
    Arc::new(builder.finish())
}

pub(super) fn record_batch(table: Table, articles: &[Article]) -> Result<RecordBatch> {
    let columns = match table {
        Table::Articles => return super::columnar::record_batch(Table::Articles, articles),
        Table::Entities => entity_columns(articles),
        Table::Quotes => quote_columns(articles),
        Table::Events => event_columns(articles),
        Table::Places => place_columns(articles),
    };
    RecordBatch::try_new(schema(table), columns).map_err(|e| StoreError::Export(e.to_string()))
}

fn entity_columns(articles: &[Article]) -> Vec<ArrayRef> {
    let rows: Vec<_> = articles
        .iter()
        .flat_map(|a| a.entities.iter().flat_map(move |e| e.mentions.iter().map(move |m| (a, e, m))))
        .collect();
    vec![
        strings(rows.iter().map(|(a, ..)| Some(a.id.as_str()))),
        strings(rows.iter().map(|(_, e, _)| Some(e.id.0.as_str()))),
        strings(rows.iter().map(|(_, e, _)| Some(e.name.as_str()))),
        strings(rows.iter().map(|(_, e, _)| Some(e.kind.label()))),
        strings(rows.iter().map(|(_, e, _)| e.kb.as_ref().and_then(|k| k.wikidata.as_deref()))),
        ints(rows.iter().map(|(_, e, _)| e.kb.as_ref().and_then(|k| k.geonames).map(i64::from))),
        strings(rows.iter().map(|(_, e, _)| e.kb.as_ref().and_then(|k| k.country.as_deref()))),
        ints(rows.iter().map(|(.., m)| Some(m.span.start() as i64))),
        ints(rows.iter().map(|(.., m)| Some(m.span.end() as i64))),
        strings(rows.iter().map(|(.., m)| Some(m.text.as_str()))),
    ]
}

fn quote_columns(articles: &[Article]) -> Vec<ArrayRef> {
    let rows: Vec<_> = articles.iter().flat_map(|a| a.quotes.iter().map(move |q| (a, q))).collect();
    let kinds: Vec<String> = rows.iter().map(|(_, q)| wire_name(&q.kind)).collect();
    vec![
        strings(rows.iter().map(|(a, _)| Some(a.id.as_str()))),
        strings(kinds.iter().map(|k| Some(k.as_str()))),
        ints(rows.iter().map(|(_, q)| Some(q.span.start() as i64))),
        ints(rows.iter().map(|(_, q)| Some(q.span.end() as i64))),
        strings(rows.iter().map(|(_, q)| Some(q.text.as_str()))),
        strings(rows.iter().map(|(_, q)| q.cue.as_ref().map(|c| c.text.as_str()))),
        strings(rows.iter().map(|(_, q)| q.speaker.as_ref().map(|s| s.0.as_str()))),
        strings(rows.iter().map(|(a, q)| q.speaker.as_ref().and_then(|s| entity(a, s)).map(|e| e.name.as_str()))),
        strings(rows.iter().map(|(_, q)| q.speaker_mention.as_ref().map(|m| m.text.as_str()))),
    ]
}

fn event_columns(articles: &[Article]) -> Vec<ArrayRef> {
    let rows: Vec<_> = articles.iter().flat_map(|a| a.events.iter().map(move |e| (a, e))).collect();
    let statuses: Vec<String> = rows.iter().map(|(_, e)| wire_name(&e.status)).collect();
    let first = |e: &newsgraph_model::Event| e.evidence.first().map(|m| (m.span.start() as i64, m.span.end() as i64));
    vec![
        strings(rows.iter().map(|(a, _)| Some(a.id.as_str()))),
        strings(rows.iter().map(|(_, e)| Some(e.kind.label()))),
        strings(rows.iter().map(|(_, e)| Some(e.cameo.as_str()))),
        ints(rows.iter().map(|(_, e)| Some(i64::from(e.quad_class)))),
        floats(rows.iter().map(|(_, e)| f64::from(e.goldstein))),
        strings(statuses.iter().map(|s| Some(s.as_str()))),
        strings(rows.iter().map(|(_, e)| e.mode.as_deref())),
        strings(rows.iter().map(|(_, e)| e.date.as_deref())),
        strings(rows.iter().map(|(_, e)| e.place.as_ref().map(|p| p.0.as_str()))),
        ids(rows.iter().map(|(_, e)| e.actors.as_slice())),
        ids(rows.iter().map(|(_, e)| e.targets.as_slice())),
        ints(rows.iter().map(|(_, e)| first(e).map(|(s, _)| s))),
        ints(rows.iter().map(|(_, e)| first(e).map(|(_, end)| end))),
        strings(rows.iter().map(|(_, e)| e.evidence.first().map(|m| m.text.as_str()))),
    ]
}

fn place_columns(articles: &[Article]) -> Vec<ArrayRef> {
    let rows: Vec<_> = articles.iter().flat_map(|a| a.places.iter().map(move |p| (a, p))).collect();
    let features: Vec<String> = rows.iter().map(|(_, p)| wire_name(&p.feature)).collect();
    vec![
        strings(rows.iter().map(|(a, _)| Some(a.id.as_str()))),
        strings(rows.iter().map(|(_, p)| Some(p.entity.0.as_str()))),
        strings(rows.iter().map(|(a, p)| entity(a, &p.entity).map(|e| e.name.as_str()))),
        ints(rows.iter().map(|(_, p)| p.geonames.map(i64::from))),
        strings(rows.iter().map(|(_, p)| p.country.as_deref())),
        strings(rows.iter().map(|(_, p)| p.fips.as_deref())),
        strings(rows.iter().map(|(_, p)| p.adm1.as_deref())),
        floats(rows.iter().map(|(_, p)| p.lat)),
        floats(rows.iter().map(|(_, p)| p.lon)),
        strings(features.iter().map(|f| Some(f.as_str()))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::{CharSpan, EntityType, Mention};

    fn article_with_entity() -> Article {
        let mut article = Article::from_text("a1", "Biden met Putin. Biden left.");
        let mention = |s, e| Mention::of(CharSpan::new(s, e), &article.text);
        let mentions = vec![mention(0, 5), mention(17, 22)];
        article.entities.push(Entity {
            id: EntityId("e1".into()),
            name: "Joe Biden".into(),
            kind: EntityType::Person,
            kb: None,
            roles: Vec::new(),
            mentions,
        });
        article
    }

    #[test]
    fn every_table_matches_its_schema_and_counts_its_rows() {
        let articles = vec![article_with_entity(), Article::from_text("a2", "Nothing here.")];
        for table in Table::ALL {
            let batch = match record_batch(table, &articles) {
                Ok(batch) => batch,
                Err(e) => panic!("{}: {e}", table.name()),
            };
            assert_eq!(batch.schema(), schema(table), "{}", table.name());
            let expected = match table {
                Table::Articles => 2,
                Table::Entities => 2,
                _ => 0,
            };
            assert_eq!(batch.num_rows(), expected, "{}", table.name());
        }
    }

    #[test]
    fn names_round_trip() {
        for table in Table::ALL {
            assert_eq!(table.name().parse::<Table>(), Ok(table));
        }
        assert!("mentions".parse::<Table>().is_err());
    }
}
