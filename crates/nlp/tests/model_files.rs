//! The shipped model files are the ones `models/ner/build.py` and `models/syntax/build.py` wrote.
//!
//! `build.py` records each output's size and FNV-1a 64 hash in
//! `models/ner/MANIFEST`; a hand edit or a partial rebuild shows up here.
//! To rebuild: `python3 models/ner/build.py` (see `models/ner/ATTRIBUTION.md`).

use std::path::Path;

fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[test]
fn shipped_files_match_the_build_manifest() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/ner");
    for language in newsgraph_nlp::LANGUAGES {
        // English sits in models/ner itself, every other language in models/ner/<code>.
        let dir = if *language == "en" { root.clone() } else { root.join(language) };
        let manifest = std::fs::read_to_string(dir.join("MANIFEST")).unwrap();
        let mut checked = 0;
        for line in manifest.lines() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [name, size, hash] = fields[..] else { panic!("bad manifest line {line:?}") };
            let bytes = std::fs::read(dir.join(name)).unwrap();
            assert_eq!(bytes.len().to_string(), size, "{language} {name}: size differs from MANIFEST; rerun build.py");
            assert_eq!(
                format!("{:016x}", fnv1a64(&bytes)),
                hash,
                "{language} {name}: content differs from MANIFEST; rerun build.py"
            );
            checked += 1;
        }
        assert_eq!(checked, 2, "{language}: MANIFEST should list weights.bin and tokenizer.json");
    }
}

#[test]
fn the_model_loads_with_the_expected_shapes() {
    // Nlp::load checks every array's shape against the spaCy config.
    let nlp = newsgraph_nlp::Nlp::load().unwrap();
    assert!(nlp.analyze("Joe Biden spoke.").ner.len() <= 2);
}

#[test]
fn shipped_syntax_files_match_the_build_manifest() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/syntax");
    let manifest = std::fs::read_to_string(dir.join("MANIFEST")).unwrap();
    let mut names = Vec::new();
    for line in manifest.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [name, size, hash] = fields[..] else { panic!("bad manifest line {line:?}") };
        let bytes = std::fs::read(dir.join(name)).unwrap();
        assert_eq!(bytes.len().to_string(), size, "syntax {name}: size differs from MANIFEST; rerun build.py");
        assert_eq!(
            format!("{:016x}", fnv1a64(&bytes)),
            hash,
            "syntax {name}: content differs from MANIFEST; rerun build.py"
        );
        names.push(name.to_string());
    }
    assert_eq!(names, ["syntax.json", "weights.bin"], "models/syntax/MANIFEST should list both outputs");
}
