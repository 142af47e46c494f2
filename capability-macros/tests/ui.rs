//! Compile-time behaviour of the macros and of `#[derive(PolicyFile)]`: what must not compile,
//! and the message it gives (`tests/ui/fail/*.stderr`), and what must compile and run
//! (`tests/ui/pass`).
//!
//! Regenerate the expected messages with `TRYBUILD=overwrite cargo test -p capability-macros --test ui`, then read
//! every changed `.stderr`. They depend on the compiler version pinned in `rust-toolchain.toml`.
//!
//! The derive's cases name policy files under `tests/policies/`, relative to the manifest
//! directory, as users name theirs. trybuild builds its cases in a scratch crate of its own,
//! `<target>/tests/trybuild/capability-macros/`, which is their `CARGO_MANIFEST_DIR`
//! (dtolnay/trybuild#202), so the test copies `tests/policies/` there first: the same path
//! then names the same file in both. Messages name a file as the attribute writes it, so no
//! `.stderr` holds a machine's path; a file that cannot be read is named by the path it
//! resolves to, so that case names an absolute path, and the in-process tests
//! (`src/tests/policy_file.rs`) check how a relative one resolves.

use std::path::{Path, PathBuf};

#[test]
fn ui() {
    copy_policies();
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
}

/// The scratch crate's directory: trybuild's, under the target directory.
fn scratch_crate() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target tmp dir is inside the target dir");
    target.join("tests/trybuild").join(env!("CARGO_PKG_NAME"))
}

fn copy_policies() {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/policies");
    let to = scratch_crate().join("tests/policies");
    std::fs::create_dir_all(&to).expect("create the scratch crate's tests/policies");
    for entry in std::fs::read_dir(&from).expect("read tests/policies") {
        let path = entry.expect("a directory entry").path();
        let name = path.file_name().expect("a file name");
        std::fs::copy(&path, to.join(name)).expect("copy a policy file");
    }
}
