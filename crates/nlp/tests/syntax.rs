//! The tagger and parser against spaCy's own output, and the shape of what they give.
//!
//! `data/seed.syntax.json` is spaCy's (`en_core_web_sm` 3.8) tags, heads and labels of
//! the seed article's tokens, written by `models/syntax/fixture.py`.

use newsgraph_model::syntax::{Dep, SentenceParser, Tag};
use newsgraph_model::{ByteSpan, Token};
use newsgraph_nlp::{Nlp, Syntax};
use serde::Deserialize;

#[derive(Deserialize)]
struct Reference {
    words: Vec<String>,
    spaces: Vec<bool>,
    tags: Vec<String>,
    heads: Vec<usize>,
    deps: Vec<String>,
    sent_starts: Vec<bool>,
}

fn syntax() -> &'static Syntax {
    static SYNTAX: std::sync::OnceLock<Syntax> = std::sync::OnceLock::new();
    SYNTAX.get_or_init(|| Syntax::load().unwrap())
}

/// Tokens of `words` joined by single spaces.
fn tokens_of(words: &[&str]) -> (String, Vec<Token>) {
    let mut text = String::new();
    let mut tokens = Vec::new();
    for w in words {
        tokens.push(Token { span: ByteSpan::new(text.len(), text.len() + w.len()), space_after: true });
        text.push_str(w);
        text.push(' ');
    }
    (text, tokens)
}

#[test]
fn seed_article_matches_spacy() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let text = std::fs::read_to_string(dir.join("seed-article.txt")).unwrap();
    let reference: Reference =
        serde_json::from_str(&std::fs::read_to_string(dir.join("seed.syntax.json")).unwrap()).unwrap();
    let tokens = Nlp::load().unwrap().segment(&text).tokens;
    let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(&text)).collect();
    assert_eq!(words, reference.words, "the tokenizer's tokens differ from spaCy's");
    let spaces: Vec<bool> = tokens.iter().map(|t| t.space_after).collect();
    assert_eq!(spaces, reference.spaces);
    let (parsed, starts) = syntax().parse_with_sentences(&text, &tokens);
    assert_eq!(parsed.len(), words.len());
    let n = words.len() as f64;
    let share = |same: usize| same as f64 / n;
    let tags = parsed.iter().zip(&reference.tags).filter(|(p, t)| p.tag.as_str() == t.as_str()).count();
    let heads = parsed.iter().zip(&reference.heads).filter(|(p, &h)| p.head as usize == h).count();
    let labels = parsed.iter().zip(&reference.deps).filter(|(p, d)| p.dep.as_str() == d.as_str()).count();
    let sents = starts.iter().zip(&reference.sent_starts).filter(|(a, b)| a == b).count();
    eprintln!(
        "seed: tags {:.4} heads {:.4} labels {:.4} sentence starts {:.4} ({n} tokens)",
        share(tags),
        share(heads),
        share(labels),
        share(sents)
    );
    assert!(share(tags) >= 0.99, "tags agree on {:.4}", share(tags));
    assert!(share(heads) >= 0.99, "heads agree on {:.4}", share(heads));
    assert!(share(labels) >= 0.99, "labels agree on {:.4}", share(labels));
}

/// Every head is in range, every sentence (by the parse's sentence starts) has one
/// root, and following heads from any token reaches that root without a cycle.
fn assert_forest(parsed: &[newsgraph_model::syntax::TokenSyntax], starts: &[bool]) {
    let n = parsed.len();
    assert_eq!(starts.len(), n);
    let mut sentence = vec![0usize; n];
    let mut current = 0;
    for i in 0..n {
        if i > 0 && starts[i] {
            current += 1;
        }
        sentence[i] = current;
    }
    let mut roots = vec![0usize; current + 1];
    for (i, t) in parsed.iter().enumerate() {
        let head = t.head as usize;
        assert!(head < n, "head {head} of token {i} out of range");
        assert_eq!(sentence[head], sentence[i], "token {i}'s head {head} is in another sentence");
        if head == i {
            roots[sentence[i]] += 1;
            assert_eq!(t.dep, Dep::Root);
        } else {
            assert_ne!(t.dep, Dep::Root, "token {i} is labelled ROOT but has a head");
        }
        let mut at = i;
        for _ in 0..=n {
            if parsed[at].head as usize == at {
                break;
            }
            at = parsed[at].head as usize;
        }
        assert_eq!(parsed[at].head as usize, at, "a cycle through token {i}");
    }
    assert!(roots.iter().all(|&r| r == 1), "roots per sentence: {roots:?}");
}

#[test]
fn heads_form_one_tree_per_sentence() {
    let text = "The minister said on Tuesday that the talks would resume. Nobody knew when. \
                Critics, however, called the plan \"a failure\" and left.";
    let nlp = Nlp::load().unwrap();
    let tokens = nlp.segment(text).tokens;
    let (parsed, starts) = syntax().parse_with_sentences(text, &tokens);
    assert_eq!(parsed.len(), tokens.len());
    assert_forest(&parsed, &starts);
    assert!(starts.iter().filter(|&&s| s).count() >= 2, "{starts:?}");
    let said = tokens.iter().position(|t| t.span.slice(text) == "said").unwrap();
    assert_eq!(parsed[said].tag, Tag::Vbd);
    assert_eq!(parsed[said].dep, Dep::Root);
    let minister = tokens.iter().position(|t| t.span.slice(text) == "minister").unwrap();
    assert_eq!((parsed[minister].head as usize, parsed[minister].dep), (said, Dep::Nsubj));
}

#[test]
fn empty_and_single_token_input() {
    assert!(syntax().parse("", &[]).is_empty());
    let (text, tokens) = tokens_of(&["Hello"]);
    let parsed = syntax().parse(&text, &tokens);
    assert_eq!(parsed.len(), 1);
    assert_eq!((parsed[0].head, parsed[0].dep), (0, Dep::Root));
}

#[test]
fn words_without_space_flags_still_parse() {
    let (parsed, starts) = syntax().parse_words(&["Rain", "fell", "."], &[true]);
    assert_eq!((parsed.len(), starts.len()), (3, 3));
    assert_forest(&parsed, &starts);
}

#[test]
fn a_long_run_parses_whole() {
    let sentence = ["The", "council", "approved", "the", "new", "budget", "on", "Monday", "."];
    let words: Vec<&str> = sentence.iter().copied().cycle().take(2_000).collect();
    let (text, tokens) = tokens_of(&words);
    let (parsed, starts) = syntax().parse_with_sentences(&text, &tokens);
    assert_eq!(parsed.len(), 2_000);
    assert_forest(&parsed, &starts);
    // Most sentence openings are found, each "approved" heads its sentence.
    let approved = (0..2_000).filter(|&i| words[i] == "approved");
    let rooted = approved.filter(|&i| parsed[i].head as usize == i).count();
    assert!(rooted >= 200, "{rooted} of 222 verbs are roots");
}
