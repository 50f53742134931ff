//! Python trafilatura in a subprocess over the very bytes the Rust tools get.
//!
//! The pages are written once to a scratch folder with a manifest; each round
//! starts `py_trafilatura.py` (beside Cargo.toml), which reads them, warms up on
//! one page and times each extractor call itself, so interpreter start-up, the
//! import and file reading are outside its figures. Its JSON answer carries
//! wall and process-CPU sums and every page's output, read back here in the
//! order of the pages.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context};
use newsgraph_bench::eval::extraction::{Dataset, Doc, Prediction};
use serde_json::{json, Value};

use crate::tools::Run;

/// The runner script, found beside this crate's manifest.
fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("py_trafilatura.py")
}

/// The pages on disk for the subprocess; the folder goes when this is dropped.
pub struct Scratch {
    dir: PathBuf,
    manifest: PathBuf,
}

impl Scratch {
    /// Writes every page's raw bytes and a manifest naming them.
    pub fn write(set: Dataset, docs: &[Doc]) -> anyhow::Result<Self> {
        let dir = std::env::temp_dir().join(format!("newsgraph-peers-{}", std::process::id()));
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        // Own the folder from here on, so an error below still removes it.
        let scratch = Scratch { manifest: dir.join("manifest.json"), dir };
        let mut pages = Vec::with_capacity(docs.len());
        for (i, doc) in docs.iter().enumerate() {
            let file = scratch.dir.join(format!("{i:05}.html"));
            std::fs::write(&file, &doc.page.bytes).with_context(|| format!("cannot write {}", file.display()))?;
            pages.push(json!({"key": doc.key, "url": doc.page.url, "file": file}));
        }
        let bench = match set {
            Dataset::Aeb => "aeb",
            Dataset::Trafilatura => "trafilatura",
            Dataset::Wcxb => "wcxb",
        };
        let manifest = json!({"bench": bench, "pages": pages});
        std::fs::write(&scratch.manifest, serde_json::to_vec(&manifest)?)
            .with_context(|| format!("cannot write {}", scratch.manifest.display()))?;
        Ok(scratch)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// One round of Python trafilatura in `mode` ("standard" or "fast").
pub fn run(python: &str, scratch: &Scratch, mode: &str, docs: &[Doc]) -> anyhow::Result<Run> {
    let out = scratch.dir.join(format!("out-{mode}.json"));
    let status = Command::new(python)
        .arg(script())
        .arg(&scratch.manifest)
        .arg(mode)
        .arg(&out)
        .status()
        .with_context(|| format!("cannot start {python}"))?;
    if !status.success() {
        bail!("{python} {} exited with {status}", script().display());
    }
    let text = std::fs::read_to_string(&out).with_context(|| format!("cannot read {}", out.display()))?;
    let answer: Value = serde_json::from_str(&text).context("the Python runner's answer is not JSON")?;
    let seconds = |field: &str| answer.get(field).and_then(Value::as_f64).map(|s| Duration::from_secs_f64(s.max(0.0)));
    let Some(wall) = seconds("wall_s") else { bail!("the Python runner gave no wall_s") };
    let output = answer.get("output").cloned().unwrap_or(Value::Null);
    let string = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let predictions = docs
        .iter()
        .map(|doc| {
            let page = output.get(&doc.key);
            let field = |name: &str| string(page.and_then(|p| p.get(name)));
            Prediction {
                body: field("articleBody").unwrap_or_default(),
                title: field("title"),
                author: field("author"),
                date: field("date"),
                ..Prediction::default()
            }
        })
        .collect();
    Ok(Run {
        predictions,
        wall,
        cpu: seconds("cpu_s"),
        errors: answer.get("errors").and_then(Value::as_u64).unwrap_or(0) as usize,
        version: string(answer.get("version")),
    })
}
