//! Conditional-GET validators remembered across runs, in one JSON file of the data directory.
//!
//! The file maps a requested URL, in its canonical form
//! ([`newsgraph_model::canonical_url`], so `http`/`https`, `www.` and tracking
//! parameters do not split one page in two), to the `ETag` and `Last-Modified`
//! its last full response carried. It is an optimisation only: a missing file is an empty
//! cache, and it is replaced atomically (write, then rename) so a crash leaves
//! the old or the new version, never half of one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use newsgraph_model::canonical_url;
use serde::{Deserialize, Serialize};

/// What a server said identifies the version it sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path} is not a validator cache: {source}")]
    Corrupt { path: String, source: serde_json::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: std::io::Error },
}

/// URL -> validators, loaded from and saved to one file.
#[derive(Debug)]
pub struct ValidatorCache {
    path: PathBuf,
    entries: BTreeMap<String, Validators>,
}

impl ValidatorCache {
    /// The file's name inside a data directory.
    pub const FILE_NAME: &'static str = "fetch-validators.json";

    /// Loads the cache of a data directory (empty when the file does not exist yet).
    pub fn open(data_dir: &Path) -> Result<ValidatorCache, CacheError> {
        let path = data_dir.join(Self::FILE_NAME);
        let entries = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|source| CacheError::Corrupt { path: path.display().to_string(), source })?,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(source) => return Err(CacheError::Read { path: path.display().to_string(), source }),
        };
        Ok(ValidatorCache { path, entries })
    }

    /// An empty cache that will be saved to `data_dir` (used when the old file was unreadable).
    pub fn empty(data_dir: &Path) -> ValidatorCache {
        ValidatorCache { path: data_dir.join(Self::FILE_NAME), entries: BTreeMap::new() }
    }

    pub fn get(&self, url: &str) -> Option<&Validators> {
        self.entries.get(&canonical_url(url))
    }

    /// Remembers a URL's validators; a response without any forgets the URL.
    pub fn remember(&mut self, url: &str, validators: Validators) {
        let key = canonical_url(url);
        if validators.is_empty() {
            self.entries.remove(&key);
        } else {
            self.entries.insert(key, validators);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes the cache atomically.
    pub fn save(&self) -> Result<(), CacheError> {
        let write_err = |source| CacheError::Write { path: self.path.display().to_string(), source };
        let json = serde_json::to_vec_pretty(&self.entries).map_err(|e| write_err(std::io::Error::other(e)))?;
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, json).map_err(write_err)?;
        std::fs::rename(&tmp, &self.path).map_err(write_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survives_a_round_trip_and_forgets_empty_validators() {
        let dir = std::env::temp_dir().join(format!("newsgraph-fetch-cache-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut cache = ValidatorCache::open(&dir).unwrap();
        assert!(cache.is_empty());
        let v = Validators { etag: Some("\"abc\"".into()), last_modified: None };
        cache.remember("http://a.example/feed", v.clone());
        cache.remember("http://a.example/gone", Validators::default());
        cache.save().unwrap();
        let again = ValidatorCache::open(&dir).unwrap();
        assert_eq!(again.get("http://a.example/feed"), Some(&v));
        // One page however its URL is spelt; a path differing in case is another page.
        assert_eq!(again.get("https://www.A.example/feed/?utm_source=x#top"), Some(&v));
        assert_eq!(again.get("http://a.example/Feed"), None);
        assert_eq!(again.len(), 1);
        std::fs::write(dir.join(ValidatorCache::FILE_NAME), b"not json").unwrap();
        assert!(matches!(ValidatorCache::open(&dir), Err(CacheError::Corrupt { .. })));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
