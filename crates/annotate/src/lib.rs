//! What was said, when, and how many: quotes, time expressions, counts, tone, themes.
//!
//! Each layer is its own [`Stage`]; they read the entity layer (for speakers)
//! and never write it.

use newsgraph_model::Stage;

pub mod counts;
mod hash;
mod offsets;
pub mod quotes;
pub mod themes;
pub mod times;
pub mod tone;

pub use counts::Counts;
pub use quotes::Quotes;
pub use themes::Themes;
pub use times::Times;
pub use tone::ToneScorer;

/// Every stage of this crate, in the order they run (times before counts and quotes, which use them).
pub fn stages() -> Vec<Box<dyn Stage>> {
    vec![
        Box::new(Times::new()),
        Box::new(Counts::new()),
        Box::new(Quotes::new()),
        Box::new(ToneScorer::new()),
        Box::new(Themes::new()),
    ]
}
