//! The evaluation harness: scores each stage on the shared sets the way each
//! benchmark's authors score it, and measures speed.
//!
//! Every `newsgraph eval <stage>` lives in its own module of [`eval`]. The sets
//! are read from `../shared/data` (or `--data`); nothing here is shipped in the
//! product or needed by its tests. It does not contain the stages it measures.

pub mod eval;
