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

/// The README's example, whose error for a typo in the file the README shows.
const README_MAIN: &str = r#"use capability::{ApiKey, ClientName, PolicyFile};

/// One access token per signed-in agent, for both directions.
#[derive(PolicyFile)]
#[policy(file = "examples/policies/voice_agent.toml")]   // relative to the crate's CARGO_MANIFEST_DIR
struct VoiceAgent<'a> {
    identity: ClientName,   // the file's `{ input = "identity" }`, a voice identity
    team: &'a str,          // the file's `{ input = "team" }`, an outgoing param
}

fn main() {
    let key = ApiKey::from_env().unwrap();
    let agent = VoiceAgent { identity: "alice".parse().unwrap(), team: "billing" };
    println!("{}", agent.sign(&key).unwrap());
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

    // The README's error for a typo, as rustc prints it, and nothing more.
    let example = Path::new(facade).join("examples/policies/voice_agent.toml");
    let text = std::fs::read_to_string(example).expect("read voice_agent.toml");
    assert!(text.contains("\nincoming = true\n"));
    std::fs::create_dir_all(dir.join("examples/policies")).expect("create examples/policies");
    write(
        &dir.join("examples/policies/voice_agent.toml"),
        &text.replace("\nincoming = true\n", "\nincomming = true\n"),
    );
    write(&dir.join("src/main.rs"), README_MAIN);
    let (ok, stderr) = build(&dir, &target);
    assert!(!ok, "the typo fails the build");
    let readme = std::fs::read_to_string(Path::new(facade).join("README.md")).expect("README");
    let start = readme
        .find("error: unknown key `incomming`")
        .expect("the README shows it");
    let shown = &readme[start..start + readme[start..].find("\n```").expect("end of block")];
    assert!(
        stderr.starts_with(shown),
        "README:\n{shown}\nrustc:\n{stderr}"
    );
    assert_eq!(
        stderr.matches("error:").count(),
        2,
        "one error, then cargo's line: {stderr}"
    );
    write(&dir.join("src/main.rs"), MAIN);
}
