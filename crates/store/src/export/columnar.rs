//! Arrow tables of articles (arrow-rs), and the Parquet export built on them.
//!
//! [`record_batch`] turns a slice of [`Article`]s into one [`Table`]: `articles`
//! has one row per article, flat columns for analysis in DuckDB, pandas or
//! Spark, plus the whole record as JSON for anything the flat columns leave
//! out; the other tables (see [`Table`]) have one row per entity mention,
//! quote, event or place, keyed by `article_id`. `newsgraph export --format
//! parquet` writes the `articles` table, Snappy-compressed, 4,096 rows per
//! batch. Nothing here reads tables back into records.

use std::sync::Arc;

use arrow_array::builder::{Float64Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use newsgraph_model::{Article, EntityType};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::{Result, Store, StoreError};

pub use super::tables::Table;

const BATCH_ROWS: usize = 4096;

pub(super) fn list_field(name: &str) -> Field {
    Field::new(name, DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))), true)
}

/// The `articles` table's schema.
pub(super) fn articles_schema() -> Arc<Schema> {
    Arc::new(Schema::new(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("url", DataType::Utf8, true),
        Field::new("site", DataType::Utf8, true),
        Field::new("title", DataType::Utf8, true),
        list_field("authors"),
        Field::new("language", DataType::Utf8, true),
        Field::new("published", DataType::Utf8, true),
        Field::new("text", DataType::Utf8, false),
        Field::new("words", DataType::Int64, false),
        Field::new("tone", DataType::Float64, true),
        list_field("persons"),
        list_field("organizations"),
        list_field("locations"),
        list_field("countries"),
        list_field("themes"),
        list_field("event_types"),
        Field::new("quotes", DataType::Int64, false),
        Field::new("record", DataType::Utf8, false),
    ]))
}

/// Column builders for one batch.
struct Columns {
    id: StringBuilder,
    url: StringBuilder,
    site: StringBuilder,
    title: StringBuilder,
    authors: ListBuilder<StringBuilder>,
    language: StringBuilder,
    published: StringBuilder,
    text: StringBuilder,
    words: Int64Builder,
    tone: Float64Builder,
    persons: ListBuilder<StringBuilder>,
    organizations: ListBuilder<StringBuilder>,
    locations: ListBuilder<StringBuilder>,
    countries: ListBuilder<StringBuilder>,
    themes: ListBuilder<StringBuilder>,
    event_types: ListBuilder<StringBuilder>,
    quotes: Int64Builder,
    record: StringBuilder,
}

pub(super) fn push_list<'a>(builder: &mut ListBuilder<StringBuilder>, values: impl IntoIterator<Item = &'a str>) {
    let mut seen: Vec<&str> = Vec::new();
    for v in values {
        if !seen.contains(&v) {
            seen.push(v);
            builder.values().append_value(v);
        }
    }
    builder.append(true);
}

impl Columns {
    fn new() -> Self {
        let list = ListBuilder::new;
        Columns {
            id: StringBuilder::new(),
            url: StringBuilder::new(),
            site: StringBuilder::new(),
            title: StringBuilder::new(),
            authors: list(StringBuilder::new()),
            language: StringBuilder::new(),
            published: StringBuilder::new(),
            text: StringBuilder::new(),
            words: Int64Builder::new(),
            tone: Float64Builder::new(),
            persons: list(StringBuilder::new()),
            organizations: list(StringBuilder::new()),
            locations: list(StringBuilder::new()),
            countries: list(StringBuilder::new()),
            themes: list(StringBuilder::new()),
            event_types: list(StringBuilder::new()),
            quotes: Int64Builder::new(),
            record: StringBuilder::new(),
        }
    }

    fn push(&mut self, article: &Article) -> Result<()> {
        let json = serde_json::to_string(article).map_err(|e| StoreError::Export(e.to_string()))?;
        self.id.append_value(article.id.as_str());
        self.url.append_option(article.source.url.as_deref());
        self.site.append_option(crate::keys::site_of(article));
        self.title.append_option(article.title.as_deref());
        push_list(&mut self.authors, article.authors.iter().map(String::as_str));
        self.language.append_option(article.language.as_deref());
        self.published.append_option(article.published.as_ref().map(|p| p.value.as_str()));
        self.text.append_value(&article.text);
        let words = article.tone.map_or_else(|| article.text.split_whitespace().count(), |t| t.words);
        self.words.append_value(words as i64);
        self.tone.append_option(article.tone.map(|t| t.tone));
        let named = |kind: EntityType| article.entities.iter().filter(move |e| e.kind == kind).map(|e| e.name.as_str());
        push_list(&mut self.persons, named(EntityType::Person));
        push_list(&mut self.organizations, named(EntityType::Org));
        let place_names = article
            .places
            .iter()
            .filter_map(|p| article.entities.iter().find(|e| e.id == p.entity).map(|e| e.name.as_str()));
        push_list(&mut self.locations, place_names);
        push_list(&mut self.countries, article.places.iter().filter_map(|p| p.country.as_deref()));
        push_list(&mut self.themes, article.themes.iter().map(|t| t.code.as_str()));
        push_list(&mut self.event_types, article.events.iter().map(|e| e.kind.label()));
        self.quotes.append_value(article.quotes.len() as i64);
        self.record.append_value(json);
        Ok(())
    }

    fn finish(&mut self, schema: &Arc<Schema>) -> Result<RecordBatch> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.id.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.site.finish()),
            Arc::new(self.title.finish()),
            Arc::new(self.authors.finish()),
            Arc::new(self.language.finish()),
            Arc::new(self.published.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.words.finish()),
            Arc::new(self.tone.finish()),
            Arc::new(self.persons.finish()),
            Arc::new(self.organizations.finish()),
            Arc::new(self.locations.finish()),
            Arc::new(self.countries.finish()),
            Arc::new(self.themes.finish()),
            Arc::new(self.event_types.finish()),
            Arc::new(self.quotes.finish()),
            Arc::new(self.record.finish()),
        ];
        RecordBatch::try_new(schema.clone(), columns).map_err(|e| StoreError::Export(e.to_string()))
    }
}

/// The Arrow schema of `table`.
pub fn table_schema(table: Table) -> Arc<Schema> {
    match table {
        Table::Articles => articles_schema(),
        other => super::tables::schema(other),
    }
}

/// One table's rows for `articles`, in their order.
pub fn record_batch(table: Table, articles: &[Article]) -> Result<RecordBatch> {
    match table {
        Table::Articles => {
            let mut columns = Columns::new();
            for article in articles {
                columns.push(article)?;
            }
            columns.finish(&articles_schema())
        }
        other => super::tables::record_batch(other, articles),
    }
}

/// Writes every stored article as one Parquet file (the `articles` table); returns the row count.
pub fn write_parquet(store: &dyn Store, out: &mut (dyn std::io::Write + Send)) -> Result<u64> {
    let schema = articles_schema();
    let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
    let parquet_error = |e: parquet::errors::ParquetError| StoreError::Export(e.to_string());
    let mut writer = ArrowWriter::try_new(out, schema, Some(props)).map_err(parquet_error)?;
    let mut batch: Vec<Article> = Vec::with_capacity(BATCH_ROWS);
    let mut total = 0u64;
    store.for_each(&mut |article| {
        batch.push(article);
        total += 1;
        if batch.len() >= BATCH_ROWS {
            writer.write(&record_batch(Table::Articles, &batch)?).map_err(parquet_error)?;
            batch.clear();
        }
        Ok(())
    })?;
    if !batch.is_empty() {
        writer.write(&record_batch(Table::Articles, &batch)?).map_err(parquet_error)?;
    }
    writer.close().map_err(parquet_error)?;
    Ok(total)
}
