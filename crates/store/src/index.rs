//! The search index: tantivy over titles and text, with filter tags and facets.
//!
//! One document per article: its title and body in the text fields of its
//! language (stemmed by that language's Snowball stemmer, positions kept for
//! phrases; see [`crate::stem::LANGUAGES`]), `time` (publication seconds, fast
//! field for ranges and newest-first lists), `tags` (exact filter terms such as
//! `c:UA`, `s:bbc.com`, `t:PROTEST`, `l:en`, `e:<entity key>`, `p:<speaker key>`)
//! and `facet` (hierarchical facets `/country/UA` ... for counts), and `tone`
//! (the record's tone, a fast field the analyst view averages per day; see
//! `analysis.rs`). Only the article id is stored: everything shown comes from SQLite.
//!
//! Text fields: `title` and `body` hold English and every language without
//! fields of its own (as every article did before there were others), and
//! `title_de`/`body_de`, `title_fr`/`body_fr` ... the others. A query's words are
//! looked up in the fields of all languages, each analysed by that field's
//! analyzer, so `Soldat` finds German `Soldaten` and English `soldiers` finds
//! `soldier`; a language filter narrows them to that language's pair.
//!
//! An index made by older code lacks fields this code writes (the per-language
//! fields; `tone`, added with the analyst facets `/person`, `/org`, `/place`,
//! `/theme`): that is the index's version. Opened for writing it is emptied and
//! rebuilt from SQLite (the store re-adds every article, as after a lost index;
//! on a 100,000-article store that takes minutes, once); opened read-only it is
//! searched as it is (see [`SearchIndex::outdated`]), articles without language
//! fields analysed as English and without tone or analyst facets.
//!
//! Consistency: every commit carries the highest article `seq` it contains as
//! its payload; [`SearchIndex::indexed_seq`] reads it back after a crash so the
//! store can re-add the rows SQLite has beyond it. Adding an article first
//! deletes any document with its id, so re-adding is harmless.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Bound;
use std::path::Path;
use std::sync::Mutex;

use newsgraph_model::Article;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED,
    STORED, STRING,
};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term};

use crate::keys::{name_key, speaker_name};
use crate::stem::{language_slot, LANGUAGES};
use crate::{FacetCount, Facets, Result, SearchQuery, StoreError};

const WRITER_HEAP_BYTES: usize = 64 * 1024 * 1024;
/// Entities per article counted in the entity facet.
const FACET_ENTITIES: usize = 8;
/// How much more a word found in a title counts than one in a body.
const TITLE_BOOST: f32 = 2.0;

/// The title and body fields of one language.
#[derive(Clone, Copy)]
struct TextFields {
    title: Field,
    body: Field,
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    time: Field,
    tags: Field,
    facet: Field,
    /// `None` in an index made before it (read as it is until a writer rebuilds it).
    tone: Option<Field>,
    /// The text fields of each of [`LANGUAGES`]; `None` where an index made
    /// before that language had fields lacks them.
    text: [Option<TextFields>; LANGUAGES.len()],
    /// English's, which also take every language without fields of its own.
    english: TextFields,
}

impl Fields {
    /// The fields of `schema` by name: an index made before the language fields has
    /// only the English pair.
    fn of(schema: &Schema) -> Result<Fields> {
        let mut text = [None; LANGUAGES.len()];
        for (slot, pair) in text.iter_mut().enumerate() {
            let (title, body) = text_field_names(slot);
            if let (Ok(title), Ok(body)) = (schema.get_field(&title), schema.get_field(&body)) {
                *pair = Some(TextFields { title, body });
            }
        }
        let (title, body) = text_field_names(0);
        Ok(Fields {
            id: schema.get_field("id")?,
            time: schema.get_field("time")?,
            tags: schema.get_field("tags")?,
            facet: schema.get_field("facet")?,
            tone: schema.get_field("tone").ok(),
            text,
            english: TextFields { title: schema.get_field(&title)?, body: schema.get_field(&body)? },
        })
    }

    /// The text fields an article in the language at `slot` goes to.
    fn text_of(&self, slot: usize) -> TextFields {
        self.text.get(slot).copied().flatten().unwrap_or(self.english)
    }
}

/// The names of the title and body fields of the language at `slot` of [`LANGUAGES`].
fn text_field_names(slot: usize) -> (String, String) {
    match slot {
        0 => ("title".to_string(), "body".to_string()),
        _ => (format!("title_{}", LANGUAGES[slot].code), format!("body_{}", LANGUAGES[slot].code)),
    }
}

/// The schema this code writes. The fields an index had before the language
/// fields come first, in the same order.
fn schema() -> Schema {
    let mut builder = Schema::builder();
    let text = |slot: usize| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(LANGUAGES[slot].analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    builder.add_text_field("id", STRING | STORED);
    let (title, body) = text_field_names(0);
    builder.add_text_field(&title, text(0));
    builder.add_text_field(&body, text(0));
    builder.add_i64_field("time", INDEXED | FAST);
    builder.add_text_field("tags", STRING);
    builder.add_facet_field("facet", FacetOptions::default());
    for slot in 1..LANGUAGES.len() {
        let (title, body) = text_field_names(slot);
        builder.add_text_field(&title, text(slot));
        builder.add_text_field(&body, text(slot));
    }
    builder.add_f64_field("tone", FAST);
    builder.build()
}

/// Whether an index's schema lacks a field this code writes (it was made by older code).
fn lacks_fields(have: &Schema, want: &Schema) -> bool {
    want.fields().any(|(_, entry)| have.get_field(entry.name()).is_err())
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
    outdated: Option<Outdated>,
}

/// An index made before the per-language text fields, and what was done about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outdated {
    /// Opened read-only: searched as it is, every article analysed as English.
    ReadAsItIs,
    /// Opened for writing: emptied, to be refilled from SQLite.
    Emptied,
}

impl SearchIndex {
    /// Opens or creates the index; `writable` takes the single-writer lock.
    pub fn open(dir: &Path, writable: bool) -> Result<Self> {
        let schema = schema();
        let mut outdated = None;
        let index = if dir.join("meta.json").exists() {
            let index = Index::open_in_dir(dir)?;
            if !lacks_fields(&index.schema(), &schema) {
                index
            } else if writable {
                Self::empty(index, dir)?;
                outdated = Some(Outdated::Emptied);
                Index::create_in_dir(dir, schema)?
            } else {
                outdated = Some(Outdated::ReadAsItIs);
                index
            }
        } else {
            if writable && dir.exists() {
                // Files a crash left while emptying an outdated index (see `empty`).
                std::fs::remove_dir_all(dir)?;
            }
            std::fs::create_dir_all(dir)?;
            Index::create_in_dir(dir, schema)?
        };
        crate::stem::register(index.tokenizers());
        let fields = Fields::of(&index.schema())?;
        let writer = if writable { Some(Mutex::new(Self::make_writer(&index)?)) } else { None };
        let reader = index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()?;
        Ok(SearchIndex { index, reader, writer, fields, outdated })
    }

    /// Deletes an index made by older code (SQLite holds everything in it). Its writer
    /// lock is taken first, so an index another process is writing is left alone, and
    /// `meta.json` goes first, so that a crash halfway leaves no index rather than a
    /// broken one: either way the store re-adds every article.
    fn empty(index: Index, dir: &Path) -> Result<()> {
        let writer = Self::make_writer(&index)?;
        std::fs::remove_file(dir.join("meta.json"))?;
        drop(writer);
        drop(index);
        std::fs::remove_dir_all(dir)?;
        std::fs::create_dir_all(dir)?;
        Ok(())
    }

    /// Whether the index was made before the per-language text fields (see [`Outdated`]).
    pub fn outdated(&self) -> Option<Outdated> {
        self.outdated
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
        let text = f.text_of(language_slot(article.language.as_deref()));
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, article.id.as_str());
        if let Some(title) = &article.title {
            doc.add_text(text.title, title);
        }
        doc.add_text(text.body, &article.text);
        if let Some(time) = item.time {
            doc.add_i64(f.time, time);
        }
        if let (Some(field), Some(tone)) = (f.tone, &article.tone) {
            if tone.tone.is_finite() {
                doc.add_f64(field, tone.tone);
            }
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
        // article's most mentioned entities (all of them stay filterable through tags), and
        // generic actors ("police") only as tags: they name no one.
        let mut named: Vec<_> = article.entities.iter().filter(|e| e.kind.is_named()).collect();
        named.sort_by_key(|e| (e.is_generic_actor(), std::cmp::Reverse(e.mentions.len())));
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
            if rank < FACET_ENTITIES && !entity.is_generic_actor() {
                facets.insert(("entity", entity.name.clone()));
            }
        }
        crate::analysis::add_facets(article, &mut tags, &mut facets);
        crate::page_types::add(article, &mut tags, &mut facets);
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

    /// A searcher over the last reloaded commit.
    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// The query of a search's text and filters (paging and facets aside).
    pub fn query_of(&self, searcher: &tantivy::Searcher, query: &SearchQuery) -> Box<dyn Query> {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let text = query.text.trim();
        if !text.is_empty() {
            // A language filter leaves only its articles, all in its language's fields;
            // else every language that has any (each field more costs every query time).
            let pairs: Vec<(usize, TextFields)> = match nonempty(&query.language) {
                Some(code) => {
                    let slot = language_slot(Some(code));
                    vec![(slot, f.text_of(slot))]
                }
                None => f
                    .text
                    .iter()
                    .enumerate()
                    .filter_map(|(slot, pair)| Some((slot, (*pair)?)))
                    .filter(|&(slot, pair)| slot == 0 || holds_text(searcher, pair))
                    .collect(),
            };
            let fields = pairs.iter().flat_map(|(_, p)| [p.title, p.body]).collect();
            let mut parser = QueryParser::for_index(&self.index, fields);
            for (_, pair) in &pairs {
                parser.set_field_boost(pair.title, TITLE_BOOST);
            }
            parser.set_conjunction_by_default();
            let slots: Vec<usize> = pairs.iter().map(|(slot, _)| *slot).collect();
            // Lenient: a stray quote or colon in user input still searches the rest.
            let (parsed, _errors) = parser.parse_query_lenient(&expand_field_names(text, &slots));
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
        if let Some(v) = nonempty(&query.theme) {
            clauses.push(tag(crate::analysis::theme_tag(v)));
        }
        if let Some(v) = nonempty(&query.page_type) {
            let (present, value) = crate::page_types::filter(v);
            let (_, term) = tag(value);
            clauses.push((if present { Occur::Must } else { Occur::MustNot }, term));
        }
        let from = nonempty(&query.from).and_then(crate::dates::parse_seconds);
        let to = nonempty(&query.to).and_then(crate::dates::parse_seconds).map(|t| day_end(t, query.to.as_deref()));
        if from.is_some() || to.is_some() {
            let bound =
                |v: Option<i64>| v.map_or(Bound::Unbounded, |v| Bound::Included(Term::from_field_i64(f.time, v)));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(bound(from), bound(to)))));
        }
        // A query of exclusions only matches nothing in tantivy: exclude from all.
        if !clauses.is_empty() && clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        match clauses.len() {
            0 => Box::new(AllQuery),
            _ => Box::new(BooleanQuery::new(clauses)),
        }
    }

    /// Ids among `ids` of the articles that match `query` (its words and every filter):
    /// how a webhook checks the articles stored since its cursor.
    pub fn matching_ids(&self, query: &SearchQuery, ids: &[String]) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let candidates = TermSetQuery::new(ids.iter().map(|id| Term::from_field_text(self.fields.id, id)));
        let both = BooleanQuery::new(vec![
            (Occur::Must, self.query_of(&searcher, query)),
            (Occur::Must, Box::new(candidates) as Box<dyn Query>),
        ]);
        let docs = searcher.search(&both, &TopDocs::with_limit(ids.len().max(1)))?;
        docs.into_iter().map(|(_, address)| self.stored_id(&searcher, address)).collect()
    }

    pub fn search(&self, query: &SearchQuery) -> Result<RawResults> {
        let searcher = self.reader.searcher();
        let combined = self.query_of(&searcher, query);
        let text = query.text.trim();
        let limit = if query.limit == 0 { 10 } else { query.limit.min(1000) };
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
            for kind in ["entity", "country", "site", "type", "speaker", "lang", "page_type"] {
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
                page_types: list("page_type"),
            };
            Ok((total, docs, Some(facets)))
        } else {
            let (total, docs) = searcher.search(query, &(Count, top))?;
            Ok((total, docs, None))
        }
    }
}

/// Whether any segment holds words in the title or body field of `pair`.
fn holds_text(searcher: &tantivy::Searcher, pair: TextFields) -> bool {
    searcher.segment_readers().iter().any(|segment| {
        [pair.title, pair.body]
            .into_iter()
            .any(|field| segment.inverted_index(field).is_ok_and(|index| index.total_num_tokens() > 0))
    })
}

/// `title:word` and `body:word` in a query, which name the English fields, extended
/// to the same field of the languages at `slots`: `(title:word OR title_de:word ...)`.
fn expand_field_names<'a>(text: &'a str, slots: &[usize]) -> Cow<'a, str> {
    if slots.iter().all(|&slot| slot == 0) || !(text.contains("title:") || text.contains("body:")) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut quoted = false;
    let mut rest = text;
    let mut previous: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        let starts_word = previous.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '+' | '-'));
        let field = ["title", "body"]
            .into_iter()
            .find(|name| rest.strip_prefix(name).is_some_and(|after| after.starts_with(':')));
        match field {
            Some(name) if !quoted && starts_word => {
                let operand_at = name.len() + 1;
                let len = operand_len(&rest[operand_at..]);
                let operand = &rest[operand_at..operand_at + len];
                out.push('(');
                for (i, &slot) in slots.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" OR ");
                    }
                    let (title, body) = text_field_names(slot);
                    out.push_str(if name == "title" { &title } else { &body });
                    out.push(':');
                    out.push_str(operand);
                }
                out.push(')');
                previous = operand.chars().next_back().or(Some(':'));
                rest = &rest[operand_at + len..];
            }
            _ => {
                if c == '"' {
                    quoted = !quoted;
                }
                out.push(c);
                previous = Some(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    Cow::Owned(out)
}

/// The length in bytes of the operand at the start of `text` (after `field:`): a
/// quoted phrase, a bracketed group or range, or a word, with any `~slop` or
/// `^boost` after it.
fn operand_len(text: &str) -> usize {
    let len = bracketed_len(text);
    len + text[len..].find(|c: char| c.is_whitespace() || matches!(c, '(' | ')')).unwrap_or(text.len() - len)
}

fn bracketed_len(text: &str) -> usize {
    let close = match text.chars().next() {
        Some('"') => Some('"'),
        Some('(') => Some(')'),
        Some('[') => Some(']'),
        Some('{') => Some('}'),
        _ => None,
    };
    match close {
        Some(close) => {
            let mut depth = 0usize;
            for (i, c) in text.char_indices().skip(1) {
                if c == close && depth == 0 {
                    return i + c.len_utf8();
                }
                if close == ')' && c == '(' {
                    depth += 1;
                } else if close == ')' && c == ')' {
                    depth -= 1;
                }
            }
            text.len()
        }
        None => 0,
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

#[cfg(test)]
mod tests {
    use super::expand_field_names;

    #[test]
    fn field_names_in_queries_cover_every_language() {
        let both = [0, 1];
        assert_eq!(expand_field_names("title:Soldat", &both), "(title:Soldat OR title_de:Soldat)");
        assert_eq!(
            expand_field_names("kiew -body:\"die Soldaten\"~2 OR (title:(a b)^2)", &both),
            "kiew -(body:\"die Soldaten\"~2 OR body_de:\"die Soldaten\"~2) OR ((title:(a b)^2 OR title_de:(a b)^2))"
        );
        // Inside a phrase, within another word, or with English alone: left as it is.
        for text in ["\"title:x\" y", "subtitle:x", "title_de:x", "title:", "body:\"unclosed"] {
            assert_eq!(expand_field_names(text, &[0]), text);
        }
        assert_eq!(expand_field_names("\"title:x\" subtitle:x title_de:x", &both), "\"title:x\" subtitle:x title_de:x");
        assert_eq!(expand_field_names("title:", &both), "(title: OR title_de:)");
        assert_eq!(expand_field_names("body:\"unclosed", &both), "(body:\"unclosed OR body_de:\"unclosed)");
    }
}
