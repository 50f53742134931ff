//! The pipeline: loads every stage once and runs them in order over inputs.
//!
//! [`Pipeline::load`] builds the stage list up to a [`Layer`]; [`Pipeline::process`]
//! turns one [`Input`] into one [`Article`]. A stage that fails, or even panics,
//! on one article leaves an entry in [`Article::errors`] and the rest of the
//! pipeline still runs. The pipeline is `Sync`: share one value across threads.
//!
//! ```
//! use newsgraph_model::Layer;
//! use newsgraph_pipeline::{Overrides, Pipeline};
//! use newsgraph_source::{Input, Page};
//! let pipeline = Pipeline::load(Layer::Clean).unwrap();
//! let page = Page { bytes: b"Talks were underway Thursday.".to_vec(), ..Page::default() };
//! let article = pipeline.process(Input::Page(page), &Overrides::default()).unwrap();
//! assert!(article.text.starts_with("Talks"));
//! ```

use std::panic::{catch_unwind, AssertUnwindSafe};

use newsgraph_extract::{Cleaner, ExtractError};
use newsgraph_model::{Article, ArticleId, DateSource, Layer, Published, SkippedStages, Source, Stage};
use newsgraph_source::{Input, SourceError};

/// Values the user gives for every input (`--url`, `--published`).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub url: Option<String>,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`.
    pub published: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error("{origin}: {error}")]
    Extract { origin: String, error: ExtractError },
    #[error("{origin}: internal error: {message}")]
    Internal { origin: String, message: String },
    #[error("cannot load the {stage} stage: {message}")]
    Load { stage: &'static str, message: String },
}

/// Every stage up to a layer, loaded once.
pub struct Pipeline {
    cleaner: Cleaner,
    stages: Vec<Box<dyn Stage>>,
    upto: Layer,
}

impl Pipeline {
    /// Loads the stages needed to reach `upto`.
    pub fn load(upto: Layer) -> Result<Self, PipelineError> {
        fn load_err(stage: &'static str) -> impl Fn(&dyn std::fmt::Display) -> PipelineError {
            move |e| PipelineError::Load { stage, message: e.to_string() }
        }
        let mut stages: Vec<Box<dyn Stage>> = Vec::new();
        if upto >= Layer::Entities {
            stages.push(Box::new(newsgraph_nlp::Languages::load().map_err(|e| load_err("nlp")(&e))?));
            stages.push(Box::new(newsgraph_kb::Linker::load().map_err(|e| load_err("entities")(&e))?));
        }
        if upto >= Layer::Said {
            stages.extend(newsgraph_annotate::stages());
        }
        if upto >= Layer::Events {
            // The event stage parses the sentences that hold a trigger (English only).
            let syntax = newsgraph_nlp::Syntax::load().map_err(|e| load_err("events")(&e))?;
            let coder = newsgraph_events::EventCoder::load().map_err(|e| load_err("events")(&e))?;
            stages.push(Box::new(coder.with_parser(std::sync::Arc::new(syntax))));
        }
        Ok(Pipeline { cleaner: Cleaner::new(), stages, upto })
    }

    pub fn layer(&self) -> Layer {
        self.upto
    }

    /// The clean stage, for callers that time or drive the stages one by one.
    pub fn cleaner(&self) -> &Cleaner {
        &self.cleaner
    }

    /// The stages after cleaning, in the order [`Pipeline::annotate`] runs them.
    pub fn stages(&self) -> &[Box<dyn Stage>] {
        &self.stages
    }

    /// Cleans (for raw pages) and annotates one input.
    pub fn process(&self, input: Input, overrides: &Overrides) -> Result<Article, PipelineError> {
        let mut article = self.clean(input, overrides)?;
        self.annotate(&mut article);
        Ok(article)
    }

    /// The clean stage alone (ready text passes through) with the overrides applied:
    /// [`Pipeline::process`] without [`Pipeline::annotate`], for callers that decide
    /// from the article's language whether to annotate it.
    pub fn clean(&self, input: Input, overrides: &Overrides) -> Result<Article, PipelineError> {
        let mut article = match input {
            Input::Page(page) => match catch_unwind(AssertUnwindSafe(|| self.cleaner.clean(&page))) {
                Ok(Ok(article)) => article,
                Ok(Err(error)) => return Err(PipelineError::Extract { origin: page.origin(), error }),
                Err(panic) => {
                    return Err(PipelineError::Internal { origin: page.origin(), message: panic_message(&panic) })
                }
            },
            Input::Ready(article) => *article,
        };
        if let Some(url) = &overrides.url {
            article.source.url = Some(url.clone());
        }
        if let Some(date) = &overrides.published {
            article.published = Some(Published { value: date.clone(), from: DateSource::Given });
        }
        Ok(article)
    }

    /// Runs every stage after the clean stage that reads the article's language; on a page
    /// that is not news ([`Article::is_news`]: a listing, forum, product page...) the
    /// [`NEWS_ONLY_STAGES`] do not run.
    pub fn annotate(&self, article: &mut Article) {
        let mut skipped = Vec::new();
        let news = article.is_news();
        for stage in &self.stages {
            if !news && NEWS_ONLY_STAGES.contains(&stage.name()) {
                continue;
            }
            if !stage.reads().covers(article) {
                skipped.push(stage.name());
                continue;
            }
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| stage.annotate(article))) {
                // A bug in one stage must not lose the article: keep what the others found.
                let message = format!("internal error: {}", panic_message(&panic));
                article.record_error(stage.name(), message);
            }
        }
        note_skipped(article, &skipped);
    }
}

/// The stages that read a page as a news report, skipped on pages that are not news: a
/// product page has no events, and the tone of a shop's copy is not the news' tone. The
/// record's `page_type` says why they are absent.
pub const NEWS_ONLY_STAGES: &[&str] = &["events", "tone"];

/// The `stage` of the error entry that [`note_skipped`] leaves on an article.
pub const SKIPPED_NOTE: &str = "language";

/// Says which stages did not run because the article's language is not theirs:
/// sets [`Article::skipped`], which is what code reads, and writes the same as an
/// `errors` entry ([`SKIPPED_NOTE`]) for readers of the JSON record.
pub fn note_skipped(article: &mut Article, skipped: &[&'static str]) {
    if skipped.is_empty() {
        return;
    }
    let note = SkippedStages { language: article.language.clone().unwrap_or_default(), stages: skipped.to_vec() };
    article.record_error(SKIPPED_NOTE, note.to_string());
    article.skipped = Some(note);
}

/// The record emitted for an input that could not be processed: where it came from and why.
pub fn error_record(error: &PipelineError) -> Article {
    let (origin, stage) = match error {
        PipelineError::Source(e) => (e.origin.as_str(), "source"),
        PipelineError::Extract { origin, .. } | PipelineError::Internal { origin, .. } => (origin.as_str(), "clean"),
        PipelineError::Load { stage, .. } => ("-", *stage),
    };
    let mut article = Article {
        id: ArticleId::derive(None, origin),
        source: Source { path: Some(origin.to_string()), ..Source::default() },
        ..Article::default()
    };
    article.record_error(stage, error.to_string());
    article
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}
