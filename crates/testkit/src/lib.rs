//! What a test needs from outside the repository, and what happens when it is missing.
//!
//! Some tests read the evaluation sets in `../shared` beside the checkout, run
//! `python3` with a module, or drive Chromium. A developer's machine may lack
//! them: there the test is skipped, loudly, on standard error. Under CI
//! (`CI=true`, as `.ci/run` runs) a missing prerequisite fails the test, so a
//! green CI run means the test really ran.
//!
//! This crate is for tests only: no product crate depends on it.
//!
//! ```no_run
//! let Some(suite) = newsgraph_testkit::shared_path("data/events/petrarch2") else { return };
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

pub mod browser;

/// Whether this run is CI's (`CI` set to anything but `false`/`0`/empty).
pub fn under_ci() -> bool {
    ci_value_means_ci(std::env::var("CI").ok().as_deref())
}

fn ci_value_means_ci(value: Option<&str>) -> bool {
    value.is_some_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// Reports a missing prerequisite: panics under CI, prints a skip notice elsewhere.
///
/// Callers return right after it; the notice names what is missing so the
/// developer knows the test did not run.
#[track_caller]
pub fn missing(what: &str) {
    if under_ci() {
        panic!("prerequisite missing under CI: {what}");
    }
    eprintln!("SKIPPED (this test did not run): {what}");
}

/// The `shared/` folder beside the repository's checkout (it may not exist).
pub fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// `shared/<relative>` when it exists; otherwise [`missing`] and `None`.
#[track_caller]
pub fn shared_path(relative: &str) -> Option<PathBuf> {
    let path = shared_dir().join(relative);
    if path.exists() {
        Some(path)
    } else {
        missing(&format!("../shared/{relative} not found"));
        None
    }
}

/// Whether `python3` runs and imports `module` (empty: python3 alone); otherwise [`missing`].
#[track_caller]
pub fn python_with(module: &str) -> bool {
    let script = if module.is_empty() { String::new() } else { format!("import {module}") };
    let ok = Command::new("python3").args(["-c", &script]).output().is_ok_and(|o| o.status.success());
    if !ok {
        let what = if module.is_empty() { "python3".to_string() } else { format!("python3 with the {module} module") };
        missing(&what);
    }
    ok
}

/// `path` when it exists (a program such as `/usr/bin/chromium`); otherwise [`missing`].
#[track_caller]
pub fn program(path: &str, install_hint: &str) -> Option<PathBuf> {
    let path = PathBuf::from(path);
    if path.exists() {
        Some(path)
    } else {
        missing(&format!("{} is missing ({install_hint})", path.display()));
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_is_any_value_but_false_zero_or_empty() {
        assert!(ci_value_means_ci(Some("true")));
        assert!(ci_value_means_ci(Some("1")));
        assert!(!ci_value_means_ci(Some("false")));
        assert!(!ci_value_means_ci(Some("")));
        assert!(!ci_value_means_ci(None));
    }
}
