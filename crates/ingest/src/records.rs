//! Parquet input: the `record` column of newsgraph's Parquet output, row by row.
//!
//! `newsgraph export --format parquet` writes one file; the Spark job writes
//! `OUT/articles/date=YYYY-MM-DD/part-*.parquet`. Both hold the whole JSON
//! record of each article in a `record` column, which is all this module reads
//! (the flat columns beside it are derived from it). A folder is walked in name
//! order for `.parquet` files, skipping hidden entries and Spark's `_`-prefixed
//! ones (`_SUCCESS`, `_temporary/` of unfinished jobs). A [`DateRange`] skips
//! whole `date=` folders outside it; records outside any `date=` folder are
//! checked one by one, by their publication day, once parsed. A file that is no
//! Parquet, is corrupt, or has no `record` column is one failure, and the next
//! file is read. This module does not parse records: the batch does, in parallel.

use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;
use newsgraph_model::calendar::{day_prefix, Date, RecordDate};
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::arrow::ProjectionMask;
use walkdir::WalkDir;

/// The column holding each article's whole JSON record.
const RECORD_COLUMN: &str = "record";
/// Rows decoded at a time: a few MB of records, whatever the file's row groups.
const ROWS_PER_READ: usize = 256;

/// Publication days to load, both ends inclusive; the default selects everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DateRange {
    /// The days of `from` and `to` (their times, if any, are not read).
    pub fn new(from: Option<&RecordDate>, to: Option<&RecordDate>) -> Self {
        DateRange { from: from.map(RecordDate::date), to: to.map(RecordDate::date) }
    }

    /// Whether every record is selected, dated or not.
    pub fn is_all(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether a record of this publication day is selected; an undated one is only when [`DateRange::is_all`].
    pub fn contains(&self, day: Option<Date>) -> bool {
        if self.is_all() {
            return true;
        }
        day.is_some_and(|d| self.from.is_none_or(|from| d >= from) && self.to.is_none_or(|to| d <= to))
    }

    /// Whether a record whose `published` value is this is selected.
    pub(crate) fn contains_published(&self, published: Option<&str>) -> bool {
        self.is_all() || self.contains(published.and_then(day_prefix))
    }
}

/// Whether a path names a Parquet file (by its extension, as page inputs are told).
pub fn is_parquet_path(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

/// The value of a `date=` partition folder name: `Some(day)` (or `Some(None)` when it is no day).
fn partition_day(name: &str) -> Option<Option<Date>> {
    name.strip_prefix("date=").map(day_prefix)
}

/// A Parquet file to read, and whether its records must each be checked against the range.
pub(crate) struct ParquetFile {
    pub path: PathBuf,
    /// False when a `date=` folder above it already decided (or no range is set).
    pub check_each: bool,
}

/// The `.parquet` files named or under the folders named, in order, without
/// those in `date=` folders outside `range`.
pub(crate) fn find_files(files: &[PathBuf], folders: &[PathBuf], range: &DateRange) -> Vec<ParquetFile> {
    let mut found = Vec::new();
    // Named files: the nearest `date=` folder in the path given decides, as in a walk.
    for path in files {
        let partition = path.iter().rev().skip(1).find_map(|c| partition_day(&c.to_string_lossy()));
        match partition {
            Some(day) if !range.is_all() && !range.contains(day) => {}
            _ => found.push(ParquetFile { path: path.clone(), check_each: partition.is_none() && !range.is_all() }),
        }
    }
    for folder in folders {
        let walk = WalkDir::new(folder).sort_by_file_name().into_iter().filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            if entry.depth() > 0 && (name.starts_with('.') || name.starts_with('_')) {
                return false;
            }
            // A whole partition outside the range is never opened.
            !(entry.file_type().is_dir()
                && !range.is_all()
                && partition_day(&name).is_some_and(|day| !range.contains(day)))
        });
        // An unreadable folder entry is left to the page readers, which walk the same folders and report it.
        for entry in walk.flatten() {
            if entry.file_type().is_file() && is_parquet_path(entry.path()) {
                let partitioned =
                    entry.path().strip_prefix(folder).ok().is_some_and(|rel| {
                        rel.iter().rev().skip(1).any(|c| partition_day(&c.to_string_lossy()).is_some())
                    });
                let check_each = !partitioned && !range.is_all();
                found.push(ParquetFile { path: entry.into_path(), check_each });
            }
        }
    }
    found
}

/// The rows the files hold by their footers (a file that cannot be read counts one, its failure).
pub(crate) fn count_rows(files: &[ParquetFile]) -> u64 {
    files
        .iter()
        .map(|f| {
            File::open(&f.path)
                .ok()
                .and_then(|file| ParquetRecordBatchReaderBuilder::try_new(file).ok())
                .map_or(1, |b| u64::try_from(b.metadata().file_metadata().num_rows()).unwrap_or(0))
        })
        .sum()
}

/// One row of a Parquet file, or why a file (or row) gives none.
pub(crate) enum Row {
    /// `origin` is `file.parquet#row` (rows numbered from 1, as JSON Lines lines are).
    Record {
        origin: String,
        json: String,
        check_date: bool,
    },
    Failed {
        origin: String,
        reason: String,
    },
}

/// The rows of the files in order, one file open at a time.
pub(crate) struct Rows {
    files: std::vec::IntoIter<ParquetFile>,
    current: Option<OpenFile>,
}

struct OpenFile {
    origin: String,
    check_date: bool,
    reader: ParquetRecordBatchReader,
    batch: Option<ArrayRef>,
    /// Index in `batch` of the next row.
    next: usize,
    /// Rows of the file already given (the next row's number is one more).
    done: u64,
    /// A read failed: the reader cannot go past it, so the file ends there.
    broken: bool,
}

impl Rows {
    pub fn new(files: Vec<ParquetFile>) -> Self {
        Rows { files: files.into_iter(), current: None }
    }
}

fn open(file: &ParquetFile) -> Result<OpenFile, String> {
    let origin = file.path.display().to_string();
    let handle = File::open(&file.path).map_err(|e| format!("cannot read: {e}"))?;
    let builder =
        ParquetRecordBatchReaderBuilder::try_new(handle).map_err(|e| format!("not a readable Parquet file ({e})"))?;
    let Some((index, field)) = builder.schema().column_with_name(RECORD_COLUMN) else {
        return Err("not newsgraph Parquet output (no `record` column)".to_string());
    };
    if !matches!(field.data_type(), DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) {
        return Err(format!(
            "not newsgraph Parquet output (its `record` column holds {}, not text)",
            field.data_type()
        ));
    }
    let mask = ProjectionMask::roots(builder.parquet_schema(), [index]);
    let reader = builder
        .with_projection(mask)
        .with_batch_size(ROWS_PER_READ)
        .build()
        .map_err(|e| format!("not a readable Parquet file ({e})"))?;
    Ok(OpenFile { origin, check_date: file.check_each, reader, batch: None, next: 0, done: 0, broken: false })
}

/// Row `i` of a text column, of any of Arrow's string layouts; `None` for a null.
fn text(array: &dyn Array, i: usize) -> Option<&str> {
    if array.is_null(i) {
        return None;
    }
    if let Some(a) = array.as_string_opt::<i32>() {
        Some(a.value(i))
    } else if let Some(a) = array.as_string_opt::<i64>() {
        Some(a.value(i))
    } else {
        array.as_string_view_opt().map(|a| a.value(i))
    }
}

impl OpenFile {
    /// The file's next row; `None` at its end.
    fn next_row(&mut self) -> Option<Row> {
        while !self.broken {
            if let Some(batch) = &self.batch {
                if self.next < batch.len() {
                    let i = self.next;
                    self.next += 1;
                    self.done += 1;
                    let origin = format!("{}#{}", self.origin, self.done);
                    return Some(match text(batch.as_ref(), i) {
                        Some(json) => Row::Record { origin, json: json.to_string(), check_date: self.check_date },
                        None => Row::Failed { origin, reason: "empty record (null)".to_string() },
                    });
                }
            }
            match self.reader.next()? {
                Ok(batch) => {
                    self.batch = Some(batch.column(0).clone());
                    self.next = 0;
                }
                Err(e) => {
                    // The rows before the damage were given; the rest of the file is lost.
                    self.broken = true;
                    let reason = format!("corrupt Parquet after row {} ({e})", self.done);
                    return Some(Row::Failed { origin: self.origin.clone(), reason });
                }
            }
        }
        None
    }
}

impl Iterator for Rows {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        loop {
            if let Some(current) = &mut self.current {
                match current.next_row() {
                    Some(row) => return Some(row),
                    None => self.current = None,
                }
            }
            let file = self.files.next()?;
            match open(&file) {
                Ok(open) => self.current = Some(open),
                Err(reason) => return Some(Row::Failed { origin: file.path.display().to_string(), reason }),
            }
        }
    }
}
