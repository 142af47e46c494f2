//! `capability check`, end to end: every bundled example passes, errors are rustc-style, and
//! one bad file fails the run without hiding the others.

mod support;

use std::io::Write as _;
use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};

use capability::{MAX_POLICY_LEN, PolicyFile};
use support::{TempDir, arg, capability, capability_unprivileged, workspace};

/// Every `examples/policies/*.toml`, relative to the workspace root, sorted.
fn example_policies() -> Vec<String> {
    let dir = workspace().join("examples/policies");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("examples/policies/{n}"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_example_policy_passes() {
    let files = example_policies();
    assert!(files.len() >= 3, "{files:?}");
    let out = capability(["check"]).args(&files).run();
    let text = out.ok();
    for file in &files {
        let (format, ttl, inputs) =
            match PolicyFile::from_toml_file(workspace().join(file)).unwrap() {
                PolicyFile::Capability(t) => ("capability", t.ttl(), t.inputs().to_vec()),
                PolicyFile::Access(t) => ("access-token", t.ttl(), t.inputs().to_vec()),
                PolicyFile::TaskRouter(t) => ("taskrouter", t.ttl(), t.inputs().to_vec()),
                _ => unreachable!("the examples are of the formats above"),
            };
        let header = format!("{file}: ok, {format} policy, ttl {ttl}s, ");
        assert!(text.contains(&header), "{header:?} in\n{text}");
        for input in &inputs {
            assert!(
                text.contains(&format!("\n  {}: ", input.name())),
                "input {} of {file} in\n{text}",
                input.name()
            );
        }
    }
    // One at a time too: each passes on its own.
    for file in &files {
        capability(["check", file.as_str()]).run().ok();
    }
}

#[test]
fn inputs_are_listed_with_what_they_fill() {
    let out = capability(["check", "examples/policies/agent_desk.toml"]).run();
    assert_eq!(
        out.ok(),
        "examples/policies/agent_desk.toml: ok, capability policy, ttl 3600s, 2 inputs\n  \
         identity: incoming client name, outgoing param `agent`\n  \
         team: outgoing param `team`\n"
    );
    let dir = TempDir::new("check-inputs");
    let all = dir.write(
        "all.toml",
        r#"
ttl = 60
[incoming]
client_name = "fixed"
[outgoing]
application_sid = { input = "app" }
[event_stream]
filters = { CallSid = { input = "call" } }
"#,
    );
    let none = dir.write("none.toml", "[incoming]\nclient_name = \"a\"\n");
    let out = capability(["check", &arg(&all), &arg(&none)]).run();
    assert_eq!(
        out.ok(),
        format!(
            "{}: ok, capability policy, ttl 60s, 2 inputs\n  app: outgoing application SID\n  call: event stream filter `CallSid`\n\
             {}: ok, capability policy, ttl 3600s, no inputs\n",
            all.display(),
            none.display()
        )
    );
}

#[test]
fn a_syntax_error_fails_rustc_style() {
    let dir = TempDir::new("check-syntax");
    let path = dir.write("broken.toml", "ttl = 60\n[incoming\nclient_name = \"a\"\n");
    let out = capability(["check", &arg(&path)]).run();
    assert_eq!(
        out.fails(1, &[]),
        format!(
            "error: TOML syntax: unclosed table, expected `]`\n \
             --> {}:2:10\n  |\n2 | [incoming\n  |          ^\n\n\
             error: 1 of 1 policy file failed the check\n",
            path.display()
        )
    );
}

#[test]
fn an_unknown_key_and_a_bad_value_are_each_placed() {
    let dir = TempDir::new("check-errors");
    let path = dir.write(
        "errors.toml",
        "ttl = 90000\n[incoming]\nclient_name = \"bob smith\"\nclientname = \"x\"\n",
    );
    let out = capability(["check", &arg(&path)]).run();
    let p = path.display();
    assert_eq!(
        out.fails(1, &[]),
        format!(
            "error: ttl 90000 must be a whole number of seconds from 1 to 86400\n \
             --> {p}:1:7\n  |\n1 | ttl = 90000\n  |       ^^^^^\n\n\
             error: client name \"bob smith\" may contain only letters, digits and underscores\n \
             --> {p}:3:15\n  |\n3 | client_name = \"bob smith\"\n  |               ^^^^^^^^^^^\n\n\
             error: unknown key `clientname` in [incoming]; expected one of: client_name\n \
             --> {p}:4:1\n  |\n4 | clientname = \"x\"\n  | ^^^^^^^^^^\n\n\
             error: 1 of 1 policy file failed the check\n"
        )
    );
}

#[test]
fn one_bad_file_fails_the_run_but_the_others_are_still_checked() {
    let dir = TempDir::new("check-mixed");
    let bad = dir.write("bad.toml", "[outgoing]\napplication_sid = \"AP123\"\n");
    let out = capability([
        "check",
        "examples/policies/monitor.toml",
        &arg(&bad),
        "examples/policies/click_to_call.toml",
    ])
    .run();
    out.code(1);
    assert!(out.stdout.starts_with("examples/policies/monitor.toml: ok"));
    assert!(
        out.stdout
            .contains("\nexamples/policies/click_to_call.toml: ok")
    );
    assert!(!out.stdout.contains("bad.toml"));
    out.stderr_has(&[
        "error: application SID \"AP123\" must be \"AP\" followed by 32 hexadecimal digits\n",
        &format!("--> {}:2:19\n", bad.display()),
        "error: 1 of 3 policy files failed the check\n",
    ])
    .stderr_lines_are_prefixed();
}

/// A file that cannot be read is named, with the cause, and no place in it (no `:1:1`).
#[test]
fn an_unreadable_file_is_named_with_its_cause_and_no_location() {
    let dir = TempDir::new("check-unreadable");
    let secret = dir.write("secret.toml", "[incoming]\nclient_name = \"a\"\n");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let cases = [
        (
            "examples/policies/absent.toml".to_owned(),
            "No such file or directory",
        ),
        (arg(dir.path()), "Is a directory"),
        (arg(&secret), "Permission denied"),
    ];
    for (path, cause) in cases {
        let out = capability_unprivileged(["check", &path]).run();
        let stderr = out.fails(
            1,
            &[
                &format!("error: {path}: cannot read the policy file: {cause}"),
                "error: 1 of 1 policy file failed the check\n",
            ],
        );
        assert!(
            !stderr.contains("-->") && !stderr.contains(":1:1"),
            "{stderr}"
        );
        let mint = capability_unprivileged(["mint", &path])
            .vector_creds()
            .run();
        let stderr = mint.fails(
            1,
            &[&format!(
                "error: {path}: cannot read the policy file: {cause}"
            )],
        );
        assert!(!stderr.contains(":1:1"), "{stderr}");
    }
}

/// A policy with no length to read beforehand (a device, a pipe) is refused by what was read.
#[test]
fn a_policy_over_the_limit_is_reported_by_what_was_read() {
    let message = format!("policy file is more than {MAX_POLICY_LEN} bytes long, over the limit");
    capability(["check", "/dev/zero"])
        .run()
        .fails(1, &[&format!("error: /dev/zero: {message}\n")]);

    let dir = TempDir::new("check-fifo");
    let fifo = dir.path().join("policy.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let writer = {
        let fifo = fifo.clone();
        // 2 MiB of a valid comment: the reader stops one byte past the limit, then closes.
        std::thread::spawn(move || {
            let mut pipe = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            let chunk = [b'#'; 64 * 1024];
            let mut written = 0;
            while written < 2 * 1024 * 1024 {
                match pipe.write(&chunk) {
                    Ok(n) => written += n,
                    Err(_) => break,
                }
            }
            written
        })
    };
    let out = capability(["check", &arg(&fifo)]).run();
    // Should the CLI not have opened the pipe, this frees the writer from its open.
    const O_NONBLOCK: i32 = 0o4000;
    let _ = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(O_NONBLOCK)
        .open(&fifo);
    out.fails(1, &[&format!("error: {}: {message}\n", arg(&fifo))]);
    assert!(!out.stderr.contains(":1:1"), "{}", out.stderr);
    let written = writer.join().unwrap();
    assert!(written > MAX_POLICY_LEN, "the writer wrote {written} bytes");
}

#[test]
fn a_policy_that_grants_nothing_fails() {
    let dir = TempDir::new("check-empty");
    let path = dir.write("empty.toml", "ttl = 60\n");
    capability(["check", &arg(&path)])
        .run()
        .fails(1, &["error: policy grants nothing"]);
}

#[test]
fn check_needs_a_file() {
    capability(["check"])
        .run()
        .fails(2, &["error: ", "<POLICY.toml>"]);
}
