//! Exports of the whole store: JSON Lines of the record, GDELT GKG 2.1 TSV,
//! GDELT 2.0 Event and Mentions TSV of the story events, and Parquet; and the Arrow tables of any slice of articles
//! ([`record_batch`]), which the Parquet export writes and the Python package
//! and Spark job share.
//!
//! Each export streams the store in storage order through [`Store::for_each`],
//! so memory stays flat whatever the store's size (Parquet buffers one row
//! group at a time).

mod columnar;
mod events;
mod gkg;
mod tables;

use std::io::Write;

pub use columnar::{record_batch, table_schema, Table};
pub use events::{cameo_codes, event_row, mention_rows, EVENT_COLUMNS, MENTION_COLUMNS};
pub use gkg::{gkg_row, GKG_COLUMNS};

use crate::{Result, Store, StoreError};

/// The formats `newsgraph export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Gkg,
    /// GDELT 2.0 Event table: one row per story event.
    Events,
    /// GDELT 2.0 Mentions table: one row per evidence span of a story event.
    Mentions,
    Parquet,
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "jsonl" | "json" => Ok(ExportFormat::Jsonl),
            "gkg" | "tsv" => Ok(ExportFormat::Gkg),
            "events" => Ok(ExportFormat::Events),
            "mentions" => Ok(ExportFormat::Mentions),
            "parquet" => Ok(ExportFormat::Parquet),
            other => Err(format!("unknown export format {other:?} (expected jsonl, gkg, events, mentions or parquet)")),
        }
    }
}

fn io_error(e: std::io::Error) -> StoreError {
    StoreError::Export(e.to_string())
}

/// Writes every stored article (every story event for `Events`, every
/// mention of one for `Mentions`) to `out`; returns the number of rows written.
pub fn export(store: &dyn Store, format: ExportFormat, out: &mut (dyn Write + Send)) -> Result<u64> {
    let mut rows = 0u64;
    match format {
        ExportFormat::Jsonl => {
            store.for_each(&mut |article| {
                serde_json::to_writer(&mut *out, &article).map_err(|e| StoreError::Export(e.to_string()))?;
                out.write_all(b"\n").map_err(io_error)?;
                rows += 1;
                Ok(())
            })?;
        }
        ExportFormat::Gkg => {
            let fallback_time = crate::dates::now_seconds();
            store.for_each(&mut |article| {
                rows += 1;
                let row = gkg_row(&article, rows, fallback_time);
                out.write_all(row.as_bytes()).map_err(io_error)?;
                out.write_all(b"\n").map_err(io_error)
            })?;
        }
        ExportFormat::Events | ExportFormat::Mentions => {
            store.for_each_story_event(&mut |event| {
                let lines = match format {
                    ExportFormat::Events => vec![event_row(&event)],
                    _ => mention_rows(&event),
                };
                for line in lines {
                    rows += 1;
                    out.write_all(line.as_bytes()).map_err(io_error)?;
                    out.write_all(b"\n").map_err(io_error)?;
                }
                Ok(())
            })?;
        }
        ExportFormat::Parquet => {
            rows = columnar::write_parquet(store, out)?;
        }
    }
    out.flush().map_err(io_error)?;
    Ok(rows)
}
