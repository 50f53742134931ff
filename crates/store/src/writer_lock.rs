//! One writer per data directory, named: `DIR/writer.lock`.
//!
//! [`EmbeddedStore::open`](crate::EmbeddedStore::open) takes an exclusive
//! advisory lock on `writer.lock` before it touches anything else, and writes
//! one line into it naming the holder (pid, command line, start time). The lock
//! belongs to the open file, so the operating system drops it when the process
//! ends however it ends (SIGKILL included): a stale file never blocks the next
//! writer. A second writer does not wait; it gets [`StoreError::Busy`] with the
//! holder's line, which the binary shows as is.
//!
//! The line is informative only: readers never lock, and nothing but the lock
//! decides who writes.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use crate::{dates, Result, StoreError};

/// The lock file's name inside the data directory.
pub const WRITER_LOCK: &str = "writer.lock";

/// The held lock; dropping it (or the process ending) releases it.
#[derive(Debug)]
pub(crate) struct WriterLock {
    /// Kept open: closing it would release the lock.
    _file: File,
    holder: String,
}

impl WriterLock {
    /// Takes the lock of `dir` for this process, or says who holds it.
    pub fn acquire(dir: &Path) -> Result<WriterLock> {
        // Not truncated on open: the holder's line must survive a failed attempt.
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(dir.join(WRITER_LOCK))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(busy(dir, read_line(&mut file))),
            Err(TryLockError::Error(err)) => return Err(err.into()),
        }
        let holder = this_process();
        file.set_len(0)?;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(format!("{holder}\n").as_bytes())?;
        file.sync_data()?;
        Ok(WriterLock { _file: file, holder })
    }

    /// This process's line, as another process would read it.
    pub fn holder(&self) -> &str {
        &self.holder
    }
}

/// Who writes `dir` now: the holder's line when another process holds the lock,
/// `None` when nobody does (or this process holds it through another handle).
pub(crate) fn holder_of(dir: &Path) -> Option<String> {
    let mut file = File::open(dir.join(WRITER_LOCK)).ok()?;
    // A shared lock succeeds only when no writer holds the exclusive one.
    match file.try_lock_shared() {
        Ok(()) => None,
        Err(TryLockError::WouldBlock) => Some(read_line(&mut file).unwrap_or_else(|| "holder unknown".to_string())),
        Err(TryLockError::Error(_)) => None,
    }
}

/// The error a second writer gets; `holder` is the other process's line when readable.
pub(crate) fn busy(dir: &Path, holder: Option<String>) -> StoreError {
    StoreError::Busy { dir: dir.to_path_buf(), holder: holder.unwrap_or_else(|| "holder unknown".to_string()) }
}

/// Maps tantivy's own writer lock error (the index held by a process that took
/// no `writer.lock`, e.g. a reader catching the index up) to [`StoreError::Busy`].
pub(crate) fn map_index_busy(err: StoreError, dir: &Path) -> StoreError {
    match err {
        StoreError::Index(tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _)) => {
            busy(dir, holder_of(dir))
        }
        other => other,
    }
}

fn read_line(file: &mut File) -> Option<String> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut text).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty()).then(|| line.to_string())
}

/// `pid 1234: `newsgraph serve --follow feeds.txt`, since 2026-12-07T13:20:00Z`.
fn this_process() -> String {
    let mut args = std::env::args();
    let program = args
        .next()
        .map(|p| Path::new(&p).file_name().map_or(p.clone(), |n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "newsgraph".to_string());
    let command: Vec<String> = std::iter::once(program).chain(args).collect();
    // Backticks and newlines would break the one-line format.
    let command = command.join(" ").replace(['`', '\n', '\r'], " ");
    format!("pid {}: `{command}`, since {}", std::process::id(), dates::timestamp_of(dates::now_seconds()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_told_who_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let first = WriterLock::acquire(dir.path()).unwrap();
        assert!(first.holder().starts_with(&format!("pid {}: `", std::process::id())));
        let err = WriterLock::acquire(dir.path()).unwrap_err();
        let message = err.to_string();
        assert!(message.contains(first.holder()), "{message}");
        assert!(message.contains("stop it, or add your inputs to its follow list"), "{message}");
        assert_eq!(holder_of(dir.path()).as_deref(), Some(first.holder()));
        drop(first);
        assert_eq!(holder_of(dir.path()), None);
        // Released with its file: the next writer gets it although the old line is still there.
        let second = WriterLock::acquire(dir.path()).unwrap();
        drop(second);
    }
}
