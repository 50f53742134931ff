//! The crate's modules import each other in layers, as the crate doc lists them: a module
//! may use only modules of lower layers, so there is no import circle. This reads the
//! sources and fails when a `crate::` path points sideways or up.

use std::path::Path;

/// The layers, lowest first; `lib` stands for items of `lib.rs` (`crate::EventCoder`).
const LAYERS: &[&[&str]] = &[
    &["vocab", "types", "table", "tree_walk"],
    &["text"],
    &["lexicon", "actors", "cameo"],
    &["clause", "status", "tree"],
    &["tree_status", "tree_place", "tree_owner", "tree_participle", "tree_condition"],
    &["trigger", "tree_code"],
    &["coder"],
    &["lib"],
    &["petrarch"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The module each `crate::` path in `source` names (outside comments); `lib` for an item
/// of the crate root.
fn imports(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (at, _) in line.match_indices("crate::") {
            let rest = &line[at + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let module =
                if rest[name.len()..].starts_with("::") || layer(&name).is_some() { name } else { "lib".into() };
            out.push(module);
        }
    }
    out
}

#[test]
fn every_module_imports_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut checked = 0;
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let module = path.file_stem().unwrap().to_string_lossy().into_owned();
        if module == "lib" {
            continue;
        }
        let own = layer(&module).unwrap_or_else(|| panic!("module {module} is in no layer: add it to LAYERS"));
        if path.is_dir() {
            // A module's submodules (`cameo/compile.rs`) are in their parent's layer.
            for sub in std::fs::read_dir(&path).unwrap() {
                let source = std::fs::read_to_string(sub.unwrap().path()).unwrap();
                check_imports(&module, own, &source);
            }
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        check_imports(&module, own, &source);
        checked += 1;
    }
    assert_eq!(checked, LAYERS.iter().map(|l| l.len()).sum::<usize>() - 1, "every module but lib.rs is checked");
}

fn check_imports(module: &str, own: usize, source: &str) {
    for used in imports(source) {
        let theirs = layer(&used).unwrap_or_else(|| panic!("{module} uses crate::{used}, which is in no layer"));
        assert!(theirs < own, "{module} (layer {own}) uses crate::{used} (layer {theirs}): not a lower layer");
    }
}

#[test]
fn the_import_reader_sees_sideways_uses() {
    let found = imports("use crate::coder::Found;\n// use crate::lexicon::Hit;\nuse crate::EventCoder;");
    assert_eq!(found, ["coder", "lib"]);
}
