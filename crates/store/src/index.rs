//! The search index: tantivy over titles and text, with filter tags and facets.
//!
//! One document per article: `title` and `body` (stemmed English, positions
//! kept for phrases), `time` (publication seconds, fast field for ranges and
//! newest-first lists), `tags` (exact filter terms such as `c:UA`, `s:bbc.com`,
//! `t:PROTEST`, `l:en`, `e:<entity key>`, `p:<speaker key>`) and `facet`
//! (hierarchical facets `/country/UA` ... for counts). Only the article id is
//! stored: everything shown comes from SQLite.
//!
//! Consistency: every commit carries the highest article `seq` it contains as
//! its payload; [`SearchIndex::indexed_seq`] reads it back after a crash so the
//! store can re-add the rows SQLite has beyond it. Adding an article first
//! deletes any document with its id, so re-adding is harmless.

use std::collections::BTreeSet;
use std::ops::Bound;
use std::path::Path;
use std::sync::Mutex;

use newsgraph_model::Article;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED,
    STORED, STRING,
};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term};

use crate::keys::{name_key, speaker_name};
use crate::{FacetCount, Facets, Result, SearchQuery, StoreError};

const WRITER_HEAP_BYTES: usize = 64 * 1024 * 1024;
/// Entities per article counted in the entity facet.
const FACET_ENTITIES: usize = 8;

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    body: Field,
    time: Field,
    tags: Field,
    facet: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(crate::stem::NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        title: builder.add_text_field("title", text.clone()),
        body: builder.add_text_field("body", text),
        time: builder.add_i64_field("time", INDEXED | FAST),
        tags: builder.add_text_field("tags", STRING),
        facet: builder.add_facet_field("facet", FacetOptions::default()),
    };
    (builder.build(), fields)
}

/// What the index needs of an article beyond the record.
pub struct IndexedArticle<'a> {
    pub article: &'a Article,
    pub site: Option<&'a str>,
    pub time: Option<i64>,
}

/// The hits of one search, before they are joined with SQLite.
pub struct RawResults {
    pub total: usize,
    pub hits: Vec<(String, f32)>,
    pub facets: Option<Facets>,
}

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Option<Mutex<IndexWriter>>,
    fields: Fields,
}

impl SearchIndex {
    /// Opens or creates the index; `writable` takes the single-writer lock.
    pub fn open(dir: &Path, writable: bool) -> Result<Self> {
        let (schema, fields) = schema();
        let index = if dir.join("meta.json").exists() {
            Index::open_in_dir(dir)?
        } else {
            std::fs::create_dir_all(dir)?;
            Index::create_in_dir(dir, schema)?
        };
        index.tokenizers().register(crate::stem::NAME, crate::stem::analyzer());
        let writer = if writable { Some(Mutex::new(Self::make_writer(&index)?)) } else { None };
        let reader = index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()?;
        Ok(SearchIndex { index, reader, writer, fields })
    }

    fn make_writer(index: &Index) -> Result<IndexWriter> {
        Ok(index.writer_with_num_threads(1, WRITER_HEAP_BYTES)?)
    }

    /// Takes the writer lock if no other process holds it (for catching up read-only opens).
    pub fn try_writer(&self) -> Option<IndexWriter> {
        Self::make_writer(&self.index).ok()
    }

    pub fn is_writable(&self) -> bool {
        self.writer.is_some()
    }

    /// The highest article `seq` the last commit holds (0 for none).
    pub fn indexed_seq(&self) -> Result<i64> {
        let metas = self.index.load_metas()?;
        Ok(metas.payload.and_then(|p| p.trim().parse().ok()).unwrap_or(0))
    }

    fn document(&self, item: &IndexedArticle) -> TantivyDocument {
        let f = self.fields;
        let article = item.article;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, article.id.as_str());
        if let Some(title) = &article.title {
            doc.add_text(f.title, title);
        }
        doc.add_text(f.body, &article.text);
        if let Some(time) = item.time {
            doc.add_i64(f.time, time);
        }
        let mut tags = BTreeSet::new();
        let mut facets: BTreeSet<(&str, String)> = BTreeSet::new();
        if let Some(site) = item.site {
            tags.insert(format!("s:{site}"));
            facets.insert(("site", site.to_string()));
        }
        if let Some(lang) = &article.language {
            tags.insert(format!("l:{}", lang.to_ascii_lowercase()));
            facets.insert(("lang", lang.to_ascii_lowercase()));
        }
        // Facet counts cost time per matching article and facet value: count only an
        // article's most mentioned entities (all of them stay filterable through tags).
        let mut named: Vec<_> = article.entities.iter().filter(|e| e.kind.is_named()).collect();
        named.sort_by_key(|e| std::cmp::Reverse(e.mentions.len()));
        for (rank, entity) in named.into_iter().enumerate() {
            tags.insert(format!("e:{}", name_key(&entity.name)));
            if let Some(kb) = &entity.kb {
                if let Some(q) = &kb.wikidata {
                    tags.insert(format!("e:{}", q.to_ascii_lowercase()));
                }
                if let Some(country) = &kb.country {
                    tags.insert(format!("c:{}", country.to_ascii_uppercase()));
                    facets.insert(("country", country.to_ascii_uppercase()));
                }
            }
            if rank < FACET_ENTITIES {
                facets.insert(("entity", entity.name.clone()));
            }
        }
        for place in &article.places {
            if let Some(country) = &place.country {
                tags.insert(format!("c:{}", country.to_ascii_uppercase()));
                facets.insert(("country", country.to_ascii_uppercase()));
            }
        }
        for event in &article.events {
            tags.insert(format!("t:{}", event.kind.label()));
            facets.insert(("type", event.kind.label().to_string()));
        }
        for quote in &article.quotes {
            if let Some(name) = speaker_name(article, quote) {
                tags.insert(format!("p:{}", name_key(name)));
                facets.insert(("speaker", name.to_string()));
            }
        }
        for tag in tags {
            doc.add_text(f.tags, tag);
        }
        for (kind, value) in facets {
            doc.add_facet(f.facet, Facet::from_path([kind, value.as_str()]));
        }
        doc
    }

    /// Adds (or replaces) articles; they become searchable at the next [`commit`](Self::commit).
    pub fn add(&self, items: &[IndexedArticle]) -> Result<()> {
        let writer = self.writer.as_ref().ok_or(StoreError::ReadOnly)?;
        let writer = writer.lock().map_err(|_| StoreError::Export("index writer poisoned".into()))?;
        Self::add_with(&writer, self, items)
    }

    pub fn add_with(writer: &IndexWriter, this: &SearchIndex, items: &[IndexedArticle]) -> Result<()> {
        for item in items {
            writer.delete_term(Term::from_field_text(this.fields.id, item.article.id.as_str()));
            writer.add_document(this.document(item))?;
        }
        Ok(())
    }

    /// Commits what was added, recording `seq` as the highest article it holds.
    pub fn commit(&self, seq: i64) -> Result<()> {
        let writer = self.writer.as_ref().ok_or(StoreError::ReadOnly)?;
        let mut writer = writer.lock().map_err(|_| StoreError::Export("index writer poisoned".into()))?;
        Self::commit_with(&mut writer, seq)?;
        self.reader.reload()?;
        Ok(())
    }

    pub fn commit_with(writer: &mut IndexWriter, seq: i64) -> Result<()> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&seq.to_string());
        prepared.commit()?;
        Ok(())
    }

    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Every article id in the index (for consistency checks).
    pub fn all_ids(&self) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let limit = searcher.num_docs() as usize;
        let docs = searcher.search(&AllQuery, &TopDocs::with_limit(limit.max(1)))?;
        docs.into_iter().map(|(_, address)| self.stored_id(&searcher, address)).collect()
    }

    fn stored_id(&self, searcher: &tantivy::Searcher, address: DocAddress) -> Result<String> {
        let doc: TantivyDocument = searcher.doc(address)?;
        Ok(doc.get_first(self.fields.id).and_then(|v| v.as_str()).unwrap_or_default().to_string())
    }

    pub fn search(&self, query: &SearchQuery) -> Result<RawResults> {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let text = query.text.trim();
        if !text.is_empty() {
            let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
            parser.set_field_boost(f.title, 2.0);
            parser.set_conjunction_by_default();
            // Lenient: a stray quote or colon in user input still searches the rest.
            let (parsed, _errors) = parser.parse_query_lenient(text);
            clauses.push((Occur::Must, parsed));
        }
        let tag = |value: String| -> (Occur, Box<dyn Query>) {
            let term = Term::from_field_text(f.tags, &value);
            (Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic)))
        };
        if let Some(v) = nonempty(&query.entity) {
            clauses.push(tag(format!("e:{}", name_key(v))));
        }
        if let Some(v) = nonempty(&query.country) {
            clauses.push(tag(format!("c:{}", v.to_ascii_uppercase())));
        }
        if let Some(v) = nonempty(&query.site) {
            clauses.push(tag(format!("s:{}", crate::keys::site_key(v))));
        }
        if let Some(v) = nonempty(&query.event_type) {
            clauses.push(tag(format!("t:{}", v.to_ascii_uppercase())));
        }
        if let Some(v) = nonempty(&query.speaker) {
            clauses.push(tag(format!("p:{}", name_key(v))));
        }
        if let Some(v) = nonempty(&query.language) {
            clauses.push(tag(format!("l:{}", v.to_ascii_lowercase())));
        }
        let from = nonempty(&query.from).and_then(crate::dates::parse_seconds);
        let to = nonempty(&query.to).and_then(crate::dates::parse_seconds).map(|t| day_end(t, query.to.as_deref()));
        if from.is_some() || to.is_some() {
            let bound =
                |v: Option<i64>| v.map_or(Bound::Unbounded, |v| Bound::Included(Term::from_field_i64(f.time, v)));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(bound(from), bound(to)))));
        }
        let combined: Box<dyn Query> = match clauses.len() {
            0 => Box::new(AllQuery),
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        let limit = if query.limit == 0 { 10 } else { query.limit.min(1000) };
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(limit).and_offset(query.offset);
        let (total, hits, facet_counts) = if text.is_empty() {
            // No words to rank by: newest first.
            let top = top.order_by_fast_field::<i64>("time", Order::Desc);
            let (total, docs, facets) = self.collect(&searcher, &*combined, top, query.facets)?;
            (total, docs.into_iter().map(|(_, a)| (a, 0.0)).collect::<Vec<_>>(), facets)
        } else {
            let (total, docs, facets) = self.collect(&searcher, &*combined, top, query.facets)?;
            (total, docs.into_iter().map(|(s, a)| (a, s)).collect(), facets)
        };
        let hits = hits
            .into_iter()
            .map(|(address, score)| Ok((self.stored_id(&searcher, address)?, score)))
            .collect::<Result<Vec<_>>>()?;
        Ok(RawResults { total, hits, facets: facet_counts })
    }

    fn collect<C, T>(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        top: C,
        facets: bool,
    ) -> Result<(usize, Vec<T>, Option<Facets>)>
    where
        C: tantivy::collector::Collector<Fruit = Vec<T>>,
    {
        if facets {
            let mut collector = FacetCollector::for_field("facet");
            for kind in ["entity", "country", "site", "type", "speaker", "lang"] {
                collector.add_facet(Facet::from_path([kind]));
            }
            let (total, docs, counts) = searcher.search(query, &(Count, top, collector))?;
            let list = |kind: &str| -> Vec<FacetCount> {
                counts
                    .top_k(Facet::from_path([kind]), 20)
                    .into_iter()
                    .map(|(facet, count)| FacetCount {
                        value: facet.to_path().last().map(|s| s.to_string()).unwrap_or_default(),
                        count,
                    })
                    .collect()
            };
            let facets = Facets {
                entities: list("entity"),
                countries: list("country"),
                sites: list("site"),
                event_types: list("type"),
                speakers: list("speaker"),
                languages: list("lang"),
            };
            Ok((total, docs, Some(facets)))
        } else {
            let (total, docs) = searcher.search(query, &(Count, top))?;
            Ok((total, docs, None))
        }
    }
}

fn nonempty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A `--to` day includes the whole day; a `--to` with a time is exact.
fn day_end(seconds: i64, given: Option<&str>) -> i64 {
    if given.is_some_and(|g| g.trim().len() <= 10) {
        seconds + 86_399
    } else {
        seconds
    }
}
