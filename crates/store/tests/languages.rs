//! Search in each article's language: its title and text go to the fields of its
//! language, analysed by that language's stemmer, and a query is looked up in all
//! of them. An index made before there were language fields is rebuilt.

mod common;

use common::{article, filler, Spec};
use newsgraph_model::{Article, EntityType, EventType};
use newsgraph_store::{EmbeddedStore, SearchQuery, Store};

fn in_language(id: &str, language: Option<&str>, title: &str, text: &str) -> Article {
    let mut a = article(&Spec {
        id,
        url: &format!("https://news.example.org/{id}"),
        title,
        text,
        published: "2024-03-05T10:00",
        entities: &[("Kyiv", EntityType::Gpe, Some("Q1899"), Some("UA"))],
        event: Some(EventType::Consult),
        quote: None,
    });
    a.language = language.map(str::to_string);
    a
}

fn german() -> Article {
    in_language(
        "de1",
        Some("de"),
        "Soldaten marschieren durch Kiew",
        "Die Soldaten marschierten am Montag durch die Straßen von Kiew. Ein Soldat sagte, \
         die Verhandlungen seien gescheitert.",
    )
}

fn french() -> Article {
    in_language(
        "fr1",
        Some("fr"),
        "Reprise des discussions à Genève",
        "Les négociations entre les deux délégations ont repris à Genève, après une longue pause.",
    )
}

fn russian() -> Article {
    in_language(
        "ru1",
        Some("ru"),
        "Встреча в Стамбуле",
        "Переговоры делегаций продолжались весь день; о результатах сообщат завтра.",
    )
}

fn polish() -> Article {
    in_language("pl1", Some("pl-PL"), "Rozmowy w Łodzi", "Rozmowy w Łodzi trwały cały dzień.")
}

fn english() -> Article {
    in_language(
        "en1",
        Some("en"),
        "Soldiers march in Kyiv",
        &format!("The soldiers marched through Kyiv on Monday as negotiations stalled. {}", filler(3, 4)),
    )
}

fn ids(store: &EmbeddedStore, query: SearchQuery) -> Vec<String> {
    let mut ids: Vec<String> = store.search(&query).unwrap().hits.into_iter().map(|h| h.id).collect();
    ids.sort();
    ids
}

fn text(words: &str) -> SearchQuery {
    SearchQuery::text(words)
}

#[test]
fn each_article_is_found_through_the_stems_of_its_language() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let unknown = in_language("xx1", None, "Soldaten ohne Sprache", "Soldaten ohne Sprachangabe marschierten.");
    store.put_batch(&[german(), french(), russian(), polish(), english(), unknown]).unwrap();
    store.flush().unwrap();
    assert!(store.notices().is_empty());

    // German inflections through the German stemmer.
    assert_eq!(ids(&store, text("Soldat")), ["de1"]);
    assert_eq!(ids(&store, text("soldaten")), ["de1", "xx1"], "the unknown-language article, as before");
    assert_eq!(ids(&store, text("marschierte Verhandlung")), ["de1"]);
    assert_eq!(ids(&store, text("Strasse")), ["de1"]);
    assert_eq!(ids(&store, text("\"die Soldaten marschierten\"")), ["de1"]);
    // French, with and without the plural.
    assert_eq!(ids(&store, text("négociation")), ["fr1"]);
    assert_eq!(ids(&store, text("négociations")), ["fr1"]);
    // Russian: the article says «Переговоры», the query asks «переговорах».
    assert_eq!(ids(&store, text("переговорах")), ["ru1"]);
    assert_eq!(ids(&store, text("переговоры")), ["ru1"]);
    // Polish has no Snowball stemmer: the word itself, with or without its diacritics.
    assert_eq!(ids(&store, text("łodzi")), ["pl1"]);
    assert_eq!(ids(&store, text("LODZI")), ["pl1"]);
    // English as before: its stems, and only English articles hold them.
    assert_eq!(ids(&store, text("soldier march")), ["en1"]);
    assert_eq!(ids(&store, text("negotiation")), ["en1"]);

    // A language filter narrows the words to that language's fields and articles.
    let lang = |words: &str, code: &str| SearchQuery { language: Some(code.into()), ..text(words) };
    assert_eq!(ids(&store, lang("Soldat", "de")), ["de1"]);
    assert_eq!(ids(&store, lang("Soldat", "fr")), Vec::<String>::new());
    assert_eq!(ids(&store, lang("soldier", "EN")), ["en1"]);
    assert_eq!(ids(&store, lang("łodzi", "pl-pl")), ["pl1"]);
    assert_eq!(ids(&store, SearchQuery { language: Some("ru".into()), ..SearchQuery::default() }), ["ru1"]);

    // `title:` and `body:` name the field of every language.
    assert_eq!(ids(&store, text("title:Soldat")), ["de1"]);
    assert_eq!(ids(&store, text("title:soldiers")), ["en1"]);
    assert_eq!(ids(&store, text("body:\"Les négociations\"")), ["fr1"]);
    assert_eq!(ids(&store, text("Kiew -title:marschieren")), Vec::<String>::new());
    assert_eq!(ids(&store, text("title_de:soldat")), ["de1"]);

    // Facets count every language side by side.
    let facets = store.search(&SearchQuery::default().with_facets()).unwrap().facets.unwrap();
    let mut languages: Vec<(String, u64)> = facets.languages.into_iter().map(|c| (c.value, c.count)).collect();
    languages.sort();
    let expect: Vec<(String, u64)> = ["de", "en", "fr", "pl-pl", "ru"].iter().map(|l| (l.to_string(), 1)).collect();
    assert_eq!(languages, expect);
}

/// The index of an older newsgraph: one pair of English-analysed text fields for every
/// language, written here with tantivy as that code did, holding the first `n` articles.
fn write_old_index(dir: &std::path::Path, articles: &[Article], n: usize) {
    use tantivy::schema::{
        FacetOptions, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
    };
    let index_dir = dir.join("index");
    std::fs::remove_dir_all(&index_dir).unwrap();
    std::fs::create_dir_all(&index_dir).unwrap();
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let id = builder.add_text_field("id", STRING | STORED);
    let title = builder.add_text_field("title", text.clone());
    let body = builder.add_text_field("body", text);
    builder.add_i64_field("time", INDEXED | FAST);
    builder.add_text_field("tags", STRING);
    builder.add_facet_field("facet", FacetOptions::default());
    let index = tantivy::Index::create_in_dir(&index_dir, builder.build()).unwrap();
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for a in &articles[..n] {
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_text(id, a.id.as_str());
        doc.add_text(title, a.title.as_deref().unwrap_or_default());
        doc.add_text(body, &a.text);
        writer.add_document(doc).unwrap();
    }
    let mut prepared = writer.prepare_commit().unwrap();
    prepared.set_payload(&n.to_string());
    prepared.commit().unwrap();
}

#[test]
fn an_index_made_before_the_language_fields_is_read_then_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let articles = [english(), german()];
    {
        let store = EmbeddedStore::open(dir.path()).unwrap();
        store.put_batch(&articles).unwrap();
        store.flush().unwrap();
    }
    // The old index holds the English article; the German one is past its last commit.
    write_old_index(dir.path(), &articles, 1);

    {
        // Read-only: searched as it is, and caught up in its own (English) fields.
        let reader = EmbeddedStore::open_read_only(dir.path()).unwrap();
        assert_eq!(reader.notices().len(), 1);
        assert!(reader.notices()[0].contains("older newsgraph"), "{:?}", reader.notices());
        assert_eq!(reader.index_lag().unwrap(), 0);
        assert_eq!(ids(&reader, text("soldier")), ["en1"]);
        assert_eq!(ids(&reader, text("Soldaten")), ["de1"]);
        assert_eq!(ids(&reader, text("marschierte")), Vec::<String>::new(), "German read as English");
        assert_eq!(ids(&reader, text("title:soldaten")), ["de1"]);
    }

    // Opened for writing: rebuilt from SQLite, with every article in its language's fields.
    let store = EmbeddedStore::open(dir.path()).unwrap();
    assert_eq!(store.notices().len(), 1);
    assert!(store.notices()[0].contains("rebuilt from the 2 articles"), "{:?}", store.notices());
    assert_eq!(store.index_lag().unwrap(), 0);
    let mut indexed = store.indexed_ids().unwrap();
    indexed.sort();
    assert_eq!(indexed, ["de1", "en1"]);
    assert_eq!(ids(&store, text("marschierte")), ["de1"]);
    assert_eq!(ids(&store, text("soldier")), ["en1"]);
    assert_eq!(store.count().unwrap(), 2);
    assert_eq!(store.get("de1").unwrap(), Some(german()));
    drop(store);

    // Once only.
    let store = EmbeddedStore::open(dir.path()).unwrap();
    assert!(store.notices().is_empty());
    assert_eq!(ids(&store, text("marschierte")), ["de1"]);
}
