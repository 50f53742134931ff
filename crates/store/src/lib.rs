//! The embedded store: records in SQLite, a tantivy index for search,
//! near-duplicate groups, stories, and exports.
