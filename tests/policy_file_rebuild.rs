//! Editing a policy file that `#[derive(PolicyFile)]` reads rebuilds the crate: a small crate
//! is built, its policy file is made invalid, and `cargo build` (no `cargo clean`) fails with
//! the loader's error; made valid again, it builds.
//!
//! Slow (it builds the crate's dependencies once, in a target directory of its own), so it is
//! ignored by `cargo test`; `.ci/run` runs it with
//! `cargo test --test policy_file_rebuild -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::Command;

const MAIN: &str = r#"
use capability::{ClientName, PolicyFile};

#[derive(PolicyFile)]
#[policy(file = "policy.toml")]
struct Agent {
    identity: ClientName,
}

fn main() {
    println!("{}", Agent::TTL.as_secs());
}
"#;

const VALID: &str = "ttl = 600\n\n[incoming]\nclient_name = { input = \"identity\" }\n";
const INVALID: &str = "ttl = 0\n\n[incoming]\nclient_name = { input = \"identity\" }\n";

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// `cargo build` of the crate: whether it succeeded, and what it printed.
fn build(dir: &Path, target: &Path) -> (bool, String) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["build", "--quiet", "--color", "never"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo build");
    let text = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.success(), text)
}

#[test]
#[ignore = "builds a crate and its dependencies: run by .ci/run with --ignored"]
fn an_edited_policy_file_rebuilds_the_crate() {
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("policy-file-rebuild");
    let dir = scratch.join("agent");
    let target = scratch.join("target");
    std::fs::create_dir_all(dir.join("src")).expect("create the crate");
    let facade = env!("CARGO_MANIFEST_DIR");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"agent\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\ncapability = {{ package = \"twilio-capability\", path = {facade:?} }}\n\n\
             [workspace]\n"
        ),
    );
    // The workspace's versions, so that the crate builds what the tests were built with.
    std::fs::copy(Path::new(facade).join("Cargo.lock"), dir.join("Cargo.lock"))
        .expect("copy Cargo.lock");
    write(&dir.join("src/main.rs"), MAIN);
    write(&dir.join("policy.toml"), VALID);

    let (ok, stderr) = build(&dir, &target);
    assert!(ok, "the valid policy file builds:\n{stderr}");

    write(&dir.join("policy.toml"), INVALID);
    let (ok, stderr) = build(&dir, &target);
    assert!(
        !ok,
        "an invalid policy file fails the build, with no cargo clean"
    );
    assert!(
        stderr.contains("ttl 0 must be a whole number of seconds from 1 to 86400"),
        "{stderr}"
    );
    assert!(stderr.contains("--> policy.toml:1:7"), "{stderr}");

    write(&dir.join("policy.toml"), VALID);
    let (ok, stderr) = build(&dir, &target);
    assert!(ok, "fixed again, it builds:\n{stderr}");
}
