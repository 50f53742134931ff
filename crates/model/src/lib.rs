//! The newsgraph record: one [`Article`] per news page, grown layer by layer.
//!
//! This crate is plain data. It holds the serde types of the record described
//! in `docs/design.md`, the offset newtypes ([`CharSpan`], [`ByteSpan`]) and
//! the conversion between them ([`CharIndex`]), and the [`Stage`] trait every
//! pipeline stage implements. It does no extraction or analysis itself.
//!
//! Offsets in the serialized record are Unicode code-point offsets into
//! [`Article::text`], half-open, as Python string indices. Stages work on
//! `&str` byte offsets internally and convert with [`CharIndex`] when they
//! write a span into the record. [`calendar`] is the workspace's one date and
//! time type (on the `time` crate): the record's ISO 8601 forms, day arithmetic, now.
//! [`words`] is the one light word scanner the stages share, with each language's
//! word rules in one table; it only cuts text into words (the text layer's tokens
//! and sentences are the nlp stage's).
//!
//! ```
//! use newsgraph_model::{Article, CharIndex, ByteSpan};
//! let mut article = Article::from_text("doc-1", "Kyiv – Ukraine");
//! let index = CharIndex::new(&article.text);
//! let span = index.to_chars(ByteSpan::new(9, 16));
//! assert_eq!((span.start(), span.end()), (7, 14));
//! assert_eq!(span.slice(&article.text), "Ukraine");
//! article.record_error("demo", "nothing went wrong");
//! assert_eq!(article.errors.len(), 1);
//! ```

mod article;
pub mod calendar;
mod layers;
mod live;
mod page_type;
mod span;
mod stage;
pub mod syntax;
mod wire;
pub mod words;

pub use article::*;
pub use layers::*;
pub use live::*;
pub use page_type::*;
pub use span::*;
pub use stage::*;
