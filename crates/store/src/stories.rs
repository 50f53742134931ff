//! Stories: incremental clustering of articles about one developing story.
//!
//! An article becomes a sparse vector of features: its named entities (by
//! Wikidata id, else name), its event types, and the content words of its title
//! and text, each weighted by `(1 + ln tf) * idf` with document frequencies kept
//! in SQLite as articles arrive. A story keeps the sum of its articles' vectors
//! (its strongest features only). A new article joins the most similar story
//! (cosine) active within [`WINDOW_SECONDS`] of its date when the similarity
//! reaches [`JOIN_COSINE`], else it starts a story of its own; a near-copy of a
//! stored article always joins that article's story. Each step touches a few
//! indexed rows, so the cost per article does not grow with the store.

use std::collections::HashMap;

use newsgraph_model::Article;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::keys::name_key;
use crate::Result;

/// How far (either side) from a story's first and last article a new one may join it.
const WINDOW_SECONDS: i64 = 4 * 86_400;
/// Cosine similarity between an article and a story's centroid needed to join it.
const JOIN_COSINE: f64 = 0.3;
/// Features kept per story centroid.
const CENTROID_FEATURES: usize = 60;
/// An article's strongest features used to look up candidate stories.
const PROBE_FEATURES: usize = 12;
/// Words of the text used as features (the most frequent content words).
const TEXT_WORDS: usize = 15;
/// Features of one article at most (the most frequent): bounds the work per article.
const ARTICLE_FEATURES: usize = 40;

const STOPWORDS: &[&str] = &[
    "about",
    "after",
    "again",
    "against",
    "also",
    "among",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "could",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "every",
    "first",
    "from",
    "further",
    "have",
    "having",
    "here",
    "into",
    "just",
    "last",
    "like",
    "made",
    "make",
    "many",
    "more",
    "most",
    "much",
    "must",
    "news",
    "only",
    "other",
    "over",
    "people",
    "said",
    "same",
    "says",
    "should",
    "since",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "time",
    "told",
    "under",
    "until",
    "very",
    "want",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "with",
    "would",
    "year",
    "years",
    "your",
    "according",
    "added",
    "still",
    "already",
    "another",
];

/// The raw (term-frequency) features of an article.
fn raw_features(article: &Article) -> HashMap<String, f64> {
    let mut features: HashMap<String, f64> = HashMap::new();
    for entity in article.entities.iter().filter(|e| e.kind.is_named()) {
        let key = match entity.kb.as_ref().and_then(|kb| kb.wikidata.as_deref()) {
            Some(q) => format!("e:{q}"),
            None => format!("e:{}", name_key(&entity.name)),
        };
        *features.entry(key).or_default() += entity.mentions.len().max(1) as f64;
    }
    for event in &article.events {
        *features.entry(format!("v:{}", event.kind.label())).or_default() += 1.0;
    }
    let mut words: HashMap<String, f64> = HashMap::new();
    for word in content_words(&article.text) {
        *words.entry(word).or_default() += 1.0;
    }
    let mut ranked: Vec<(String, f64)> = words.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (word, tf) in ranked.into_iter().take(TEXT_WORDS) {
        *features.entry(format!("w:{word}")).or_default() += tf;
    }
    if let Some(title) = &article.title {
        for word in content_words(title) {
            *features.entry(format!("w:{word}")).or_default() += 2.0;
        }
    }
    if features.len() > ARTICLE_FEATURES {
        let mut ranked: Vec<(String, f64)> = features.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked.truncate(ARTICLE_FEATURES);
        features = ranked.into_iter().collect();
    }
    features
}

fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
}

/// Assigns the article (already inserted as `seq`) to a story and returns its id.
pub fn assign(tx: &Transaction, seq: i64, article: &Article, time: i64, copy_of: Option<i64>) -> Result<i64> {
    let raw = raw_features(article);
    // The document frequency counts this article before its idf weight is taken.
    let mut count = tx.prepare_cached(
        "INSERT INTO feature_df(feature, df) VALUES (?1, 1) ON CONFLICT(feature) DO UPDATE SET df = df + 1
         RETURNING df",
    )?;
    let n = seq.max(1) as f64;
    let mut vector: Vec<(String, f64)> = Vec::with_capacity(raw.len());
    for (feature, tf) in raw {
        let df: f64 = count.query_row([&feature], |r| r.get(0))?;
        let weight = (1.0 + tf.ln()) * ((n + 1.0) / df).ln().max(0.0);
        if weight > 0.0 {
            vector.push((feature, weight));
        }
    }
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        vector.iter_mut().for_each(|(_, w)| *w /= norm);
    }
    vector.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

    let copied_story: Option<i64> = match copy_of {
        Some(other) => tx
            .prepare_cached("SELECT story FROM articles WHERE seq = ?1")?
            .query_row([other], |r| r.get(0))
            .optional()?
            .flatten(),
        None => None,
    };
    let story = match copied_story {
        Some(story) => Some(story),
        None => best_story(tx, &vector, time)?,
    };
    let story = match story {
        Some(story) => {
            tx.prepare_cached(
                "UPDATE stories SET articles = articles + 1, first = MIN(first, ?2), last = MAX(last, ?2) WHERE id = ?1",
            )?
            .execute(params![story, time])?;
            story
        }
        None => {
            tx.prepare_cached("INSERT INTO stories(title, first, last, articles) VALUES (?1, ?2, ?2, 1)")?
                .execute(params![article.title, time])?;
            tx.last_insert_rowid()
        }
    };
    add_to_centroid(tx, story, &vector)?;
    tx.prepare_cached("UPDATE articles SET story = ?1 WHERE seq = ?2")?.execute(params![story, seq])?;
    Ok(story)
}

/// The most similar story active around `time`, if similar enough.
fn best_story(tx: &Transaction, vector: &[(String, f64)], time: i64) -> Result<Option<i64>> {
    let mut partial: HashMap<i64, f64> = HashMap::new();
    let mut probe = tx.prepare_cached(
        "SELECT f.story, f.weight FROM story_features f JOIN stories s ON s.id = f.story
         WHERE f.feature = ?1 AND s.last >= ?2 AND s.first <= ?3 ORDER BY f.weight DESC LIMIT 40",
    )?;
    for (feature, weight) in vector.iter().take(PROBE_FEATURES) {
        let rows = probe.query_map(params![feature, time - WINDOW_SECONDS, time + WINDOW_SECONDS], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?))
        })?;
        for row in rows {
            let (story, story_weight) = row?;
            *partial.entry(story).or_default() += weight * story_weight;
        }
    }
    let mut candidates: Vec<(i64, f64)> = partial.into_iter().collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let article: HashMap<&str, f64> = vector.iter().map(|(f, w)| (f.as_str(), *w)).collect();
    let mut centroid = tx.prepare_cached("SELECT feature, weight FROM story_features WHERE story = ?1")?;
    let mut best: Option<(i64, f64)> = None;
    for (story, _) in candidates.into_iter().take(10) {
        let mut dot = 0.0;
        let mut norm = 0.0;
        let rows = centroid.query_map([story], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?)))?;
        for row in rows {
            let (feature, weight) = row?;
            norm += weight * weight;
            dot += weight * article.get(feature.as_str()).copied().unwrap_or(0.0);
        }
        let cosine = if norm > 0.0 { dot / norm.sqrt() } else { 0.0 };
        if cosine >= JOIN_COSINE && best.is_none_or(|(_, b)| cosine > b) {
            best = Some((story, cosine));
        }
    }
    Ok(best.map(|(story, _)| story))
}

fn add_to_centroid(tx: &Transaction, story: i64, vector: &[(String, f64)]) -> Result<()> {
    let mut upsert = tx.prepare_cached(
        "INSERT INTO story_features(feature, story, weight) VALUES (?1, ?2, ?3)
         ON CONFLICT(feature, story) DO UPDATE SET weight = weight + excluded.weight",
    )?;
    for (feature, weight) in vector {
        upsert.execute(params![feature, story, weight])?;
    }
    // Keep the centroid small: only its strongest features matter for similarity.
    tx.prepare_cached(
        "DELETE FROM story_features WHERE story = ?1 AND feature NOT IN
         (SELECT feature FROM story_features WHERE story = ?1 ORDER BY weight DESC LIMIT ?2)",
    )?
    .execute(params![story, CENTROID_FEATURES as i64])?;
    Ok(())
}
