//! JSON Lines of ready text: `{"id", "text", "published"?, "title"?, "url"?, "language"?}` a line.
//!
//! Each line becomes an [`Article`] whose text is kept exactly (later offsets
//! refer to it); the clean stage is skipped. A bad line is one error and the
//! next lines are still read. Lines are numbered from 1; blank lines are skipped.

use newsgraph_model::{Article, ArticleId, DateSource, Published};
use serde::Deserialize;

use crate::line::read_line;
use crate::{io_kind, Input, SourceError, SourceErrorKind, Stream, MAX_PAGE_BYTES};

#[derive(Deserialize)]
struct ReadyLine {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    /// ISO 639-1 ("en", "de"): taken as given, like `published`.
    #[serde(default)]
    language: Option<String>,
}

pub(crate) struct JsonlReader<'a> {
    stream: Stream<'a>,
    name: String,
    gzip: bool,
    line: u64,
    done: bool,
}

impl<'a> JsonlReader<'a> {
    pub fn new(name: String, stream: Stream<'a>, gzip: bool) -> Self {
        JsonlReader { stream, name, gzip, line: 0, done: false }
    }

    fn error(&self, kind: SourceErrorKind) -> SourceError {
        SourceError::new(crate::origin(&self.name, Some(self.line.max(1))), kind)
    }

    fn article(&self, bytes: &[u8]) -> Result<Article, SourceErrorKind> {
        // A byte-order mark may open the file (editors on Windows write one).
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let ready: ReadyLine = serde_json::from_slice(bytes).map_err(|e| SourceErrorKind::Jsonl(e.to_string()))?;
        let id = match ready.id {
            Some(serde_json::Value::String(id)) => Some(id),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            None | Some(serde_json::Value::Null) => None,
            Some(_) => return Err(SourceErrorKind::Jsonl("\"id\" must be a string or a number".into())),
        };
        let url = ready.url.filter(|u| !u.trim().is_empty());
        // Without an id the record still needs a stable one: derive it as for pages.
        let given = id.is_some();
        let id = id.unwrap_or_else(|| ArticleId::derive(url.as_deref(), &ready.text).0);
        let mut article = Article::from_text(id, ready.text);
        if !given {
            article.source.id = None;
        }
        article.title = ready.title.filter(|t| !t.trim().is_empty());
        article.published = ready
            .published
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .map(|value| Published { value, from: DateSource::Given });
        if let Some(language) = ready.language.map(|l| l.trim().to_ascii_lowercase()).filter(|l| !l.is_empty()) {
            article.language = Some(language);
            article.language_confidence = Some(1.0);
        }
        article.source.url = url;
        article.source.path = Some(self.name.clone());
        article.source.record = Some(self.line);
        Ok(article)
    }
}

impl Iterator for JsonlReader<'_> {
    type Item = Result<Input, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let line = match read_line(&mut self.stream, MAX_PAGE_BYTES as usize) {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    self.line += 1;
                    return Some(Err(self.error(io_kind(e, self.gzip))));
                }
            };
            self.line += 1;
            if line.cut {
                return Some(Err(self.error(SourceErrorKind::TooLarge { limit: MAX_PAGE_BYTES })));
            }
            if line.bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(self.article(&line.bytes).map(|a| Input::Ready(Box::new(a))).map_err(|k| self.error(k)));
        }
    }
}
