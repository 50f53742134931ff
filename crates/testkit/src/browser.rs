//! Headless Chromium for end-to-end page tests: the DOM after a page ran, and screenshots.

use std::path::Path;
use std::process::{Command, Output};

/// Where the Debian package puts Chromium.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether Chromium is installed; otherwise [`crate::missing`] (a failure under CI).
#[track_caller]
pub fn available() -> bool {
    crate::program(CHROMIUM, "install the Debian package chromium").is_some()
}

/// Runs headless Chromium on `url` with `args`, given at most 90 s.
pub fn run(args: &[&str], url: &str) -> Output {
    Command::new("timeout")
        .arg("90")
        .arg(CHROMIUM)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"])
        .args(args)
        .arg(url)
        .output()
        .expect("run chromium")
}

/// The DOM after the page ran (any script would have run by now).
pub fn dom(url: &str) -> String {
    String::from_utf8_lossy(&run(&["--dump-dom"], url).stdout).into_owned()
}

/// Saves a screenshot of `url` at `size` (`"1280,1200"`) as `dir/name.png`; panics when none comes.
#[track_caller]
pub fn screenshot(dir: &Path, name: &str, url: &str, size: &str) {
    let file = dir.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&file);
    run(&[&format!("--screenshot={}", file.display()), &format!("--window-size={size}")], url);
    let bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    assert!(bytes > 1000, "no screenshot of {url} in {}", file.display());
}
