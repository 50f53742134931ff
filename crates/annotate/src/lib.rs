//! What was said, when, and how many: quotes, time expressions, counts, tone, themes.
//!
//! Each layer is its own [`Stage`]; they read the entity layer (for speakers)
//! and never write it.

use newsgraph_model::Stage;

/// Every stage of this crate, in the order they run.
pub fn stages() -> Vec<Box<dyn Stage>> {
    Vec::new()
}
