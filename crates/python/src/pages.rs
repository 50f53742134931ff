//! What Python hands the pipeline: a page (`str` or `bytes`, raw as a file's
//! content) or a ready-text dict in the `.jsonl` form, turned into an [`Input`]
//! while the GIL is held, so the work that follows runs without it.
//!
//! A page is read as the CLI reads a `.html` file (a text scrape is still
//! recognised as text by the clean stage). A dict goes through
//! `newsgraph_source`'s JSON Lines reader, so its fields are read exactly as a
//! `.jsonl` line's are; nothing here parses them again. The arguments users
//! give for every page (`url`, `published`, `stages`) are checked here too.

use newsgraph_model::calendar::RecordDate;
use newsgraph_model::{Layer, SourceFormat};
use newsgraph_pipeline::Overrides;
use newsgraph_source::{Input, Page, SourceError, SourceErrorKind, MAX_PAGE_BYTES};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyString};

/// Where a page given from Python comes from, in messages: as stdin (`-`) on the CLI.
const ORIGIN: &str = "-";
/// The name the JSON Lines reader sees for a dict; its messages say [`ORIGIN`] instead.
const DICT_NAME: &str = "page.jsonl";

/// One page from Python: an input, or why it cannot be read (a per-page failure,
/// which `process_many` turns into an error record as the CLI does).
pub(crate) type PageInput = Result<Input, SourceError>;

/// The pipeline layer of a `stages` argument, named as the CLI's `--stages`.
pub(crate) fn layer_of(stages: &str) -> PyResult<Layer> {
    match stages.trim().to_ascii_lowercase().as_str() {
        "clean" => Ok(Layer::Clean),
        "entities" => Ok(Layer::Entities),
        "said" => Ok(Layer::Said),
        "events" | "all" => Ok(Layer::Events),
        other => Err(PyValueError::new_err(format!(
            "unknown stages {other:?} (expected clean, entities, said, events or all)"
        ))),
    }
}

/// `url` and `published` as the CLI's `--url` and `--published` give them.
pub(crate) fn overrides(url: Option<String>, published: Option<String>) -> PyResult<Overrides> {
    let published = match published {
        Some(date) => {
            let date = RecordDate::parse(date.trim()).map_err(|e| PyValueError::new_err(format!("published: {e}")))?;
            Some(date.as_str().to_string())
        }
        None => None,
    };
    Ok(Overrides { url, published })
}

/// Reads one Python object as a page. A wrong type is a `TypeError`; content
/// that cannot be read (too large, a bad dict) is the returned `Err`.
pub(crate) fn page_input(obj: &Bound<'_, PyAny>) -> PyResult<PageInput> {
    if let Ok(text) = obj.downcast::<PyString>() {
        return Ok(raw_page(text.to_cow()?.as_bytes().to_vec()));
    }
    if let Ok(bytes) = obj.downcast::<PyBytes>() {
        return Ok(raw_page(bytes.as_bytes().to_vec()));
    }
    if let Ok(bytes) = obj.downcast::<PyByteArray>() {
        return Ok(raw_page(bytes.to_vec()));
    }
    if let Ok(dict) = obj.downcast::<PyDict>() {
        return ready_text(dict);
    }
    let kind = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
    Err(PyTypeError::new_err(format!(
        "a page is str or bytes (the raw page) or a dict {{\"id\", \"text\", \"published\"?, \"language\"?}}, not {kind}"
    )))
}

fn raw_page(bytes: Vec<u8>) -> PageInput {
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(SourceError { origin: ORIGIN.into(), kind: SourceErrorKind::TooLarge { limit: MAX_PAGE_BYTES } });
    }
    Ok(Input::Page(Page { bytes, format: SourceFormat::Html, ..Page::default() }))
}

/// A dict as one `.jsonl` line, read by the same reader as a `.jsonl` file.
fn ready_text(dict: &Bound<'_, PyDict>) -> PyResult<PageInput> {
    let py = dict.py();
    let json = py.import("json")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("ensure_ascii", false)?;
    // json.dumps writes one line (newlines inside strings are escaped) or raises TypeError.
    let line: String = json.call_method("dumps", (dict,), Some(&kwargs))?.extract()?;
    let mut items = newsgraph_source::read_bytes(DICT_NAME, line.as_bytes());
    let item = match items.next() {
        Some(item) => item,
        None => Err(SourceError { origin: ORIGIN.into(), kind: SourceErrorKind::Jsonl("empty record".into()) }),
    };
    Ok(match item {
        Ok(Input::Ready(mut article)) => {
            // The CLI names the file and line; a dict has neither.
            article.source.path = None;
            article.source.record = None;
            Ok(Input::Ready(article))
        }
        Ok(other) => Ok(other),
        Err(mut error) => {
            error.origin = ORIGIN.into();
            Err(error)
        }
    })
}
