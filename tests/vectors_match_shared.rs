//! `tests/vectors/` and `docs/spec/` are copies of `../shared/vectors/` and `../shared/spec/`:
//! this test keeps them equal wherever the originals are there to compare with.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn files(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json") || name.ends_with(".md"))
        .filter(|name| name != "README.md")
        .collect()
}

/// Every file of `../shared/{shared}` has a byte-for-byte copy in `{copy}`.
fn check(copy: &str, shared: &str, expected: &str) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let copies = root.join(copy);
    let originals_dir = root.join("../shared").join(shared);
    let copied = files(&copies);
    assert!(copied.contains(expected), "{copy} holds {copied:?}");
    if !originals_dir.is_dir() {
        eprintln!(
            "skipped: {} is not here (a fresh clone), so the copies in {copy} were not compared",
            originals_dir.display()
        );
        return;
    }
    let originals = files(&originals_dir);
    let missing: Vec<_> = originals.difference(&copied).collect();
    assert!(
        missing.is_empty(),
        "../shared/{shared} has files with no copy in {copy}: {missing:?}"
    );
    for name in &originals {
        let original = fs::read(originals_dir.join(name)).unwrap();
        let copied = fs::read(copies.join(name)).unwrap();
        assert!(
            original == copied,
            "{copy}/{name} differs from ../shared/{shared}/{name}: copy it again"
        );
    }
}

#[test]
fn vectors_equal_the_shared_vectors() {
    check("tests/vectors", "vectors", "reference-tokens.json");
}

#[test]
fn specs_equal_the_shared_specs() {
    check("docs/spec", "spec", "capability-token.md");
}
