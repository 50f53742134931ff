//! Runs the package's pytest suite (tests/*.py) on the wheel that
//! `crates/python/build-venv.sh` installs in `<target dir>/python-venv`.
//!
//! The extension module links against the interpreter that loads it, so the
//! package is tested from Python, not from `cargo test` directly. Without the
//! venv the test skips with a message saying to run the script; under CI it
//! fails.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The target dir this test was built in (`<target>/<profile>/deps/pytest_suite-…`).
fn target_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.parent()?.to_path_buf())
}

#[test]
fn pytest_suite_passes_on_the_installed_wheel() {
    let Some(target) = target_dir() else {
        newsgraph_testkit::missing("the target dir of this test binary");
        return;
    };
    let python = target.join("python-venv/bin/python");
    if !python.exists() {
        newsgraph_testkit::missing(&format!(
            "{} (run crates/python/build-venv.sh to build the wheel and its venv)",
            python.display()
        ));
        return;
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The CLI the suite compares against, from the same build as this test.
    let profile_dir = std::env::current_exe().ok().and_then(|e| e.parent()?.parent().map(Path::to_path_buf));
    let bin =
        profile_dir.map(|d| d.join("newsgraph")).filter(|b| b.exists()).unwrap_or(target.join("release/newsgraph"));
    let status = Command::new(&python)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"])
        .current_dir(crate_dir)
        .env("NEWSGRAPH_BIN", &bin)
        .status();
    match status {
        Ok(status) => assert!(status.success(), "pytest failed ({status}): see its output above"),
        Err(e) => panic!("cannot run {}: {e}", python.display()),
    }
}
