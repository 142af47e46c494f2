//! The auth token never appears in any output: not on success, not on failure, not when it is
//! misplaced (in the account SID variable, in a broken env file line, on the command line, or
//! given to `inspect` as if it were a token).

mod support;

use support::{ACCOUNT_SID, Output, SECRET, TempDir, arg, capability, example};

/// Asserts that neither stream holds the secret or a recognisable piece of it.
#[track_caller]
fn clean(what: &str, out: &Output) {
    for needle in [SECRET, "SeCrEt", "7f3a9c", "do-not-print"] {
        assert!(
            !out.stdout.contains(needle) && !out.stderr.contains(needle),
            "{what}: output holds {needle:?}\n--- stdout\n{}--- stderr\n{}",
            out.stdout,
            out.stderr
        );
    }
}

#[test]
fn the_auth_token_appears_in_no_output() {
    let dir = TempDir::new("secret");
    let policy = example("agent_desk");
    let inputs = ["--input", "identity=alice", "--input", "team=billing"];
    let mint = |extra: &[&str]| {
        capability(["mint", policy.as_str()])
            .args(inputs)
            .args(extra)
    };

    // Successes.
    let out = mint(&["--now", "1700000000"])
        .creds(ACCOUNT_SID, SECRET)
        .run();
    clean("mint", &out);
    let token = out.ok().trim().to_owned();
    clean(
        "mint --json",
        mint(&["--json"]).creds(ACCOUNT_SID, SECRET).run().code(0),
    );
    let env = dir.write(
        "good.env",
        &format!("TWILIO_ACCOUNT_SID={ACCOUNT_SID}\nTWILIO_AUTH_TOKEN=\"{SECRET}\"\n"),
    );
    clean(
        "mint --env-file",
        mint(&["--env-file", &arg(&env)]).run().code(0),
    );
    clean(
        "inspect",
        capability(["inspect", &token])
            .creds(ACCOUNT_SID, SECRET)
            .run()
            .code(0),
    );
    for json in [&[][..], &["--json"][..]] {
        clean(
            "inspect --verify",
            capability(["inspect", &token, "--verify", "--now", "1700000001"])
                .args(json)
                .env("TWILIO_AUTH_TOKEN", SECRET)
                .run()
                .code(0),
        );
    }
    clean(
        "inspect --verify --env-file",
        capability([
            "inspect",
            "--verify",
            "--now",
            "1700000001",
            "--env-file",
            &arg(&env),
        ])
        .stdin(&token)
        .run()
        .code(0),
    );
    clean(
        "check",
        capability(["check", &example("agent_desk"), &example("monitor")])
            .creds(ACCOUNT_SID, SECRET)
            .run()
            .code(0),
    );

    // Verification failures.
    let cases: [(&str, &[&str]); 3] = [
        ("expired", &["--now", "1800000000"]),
        ("expired, json", &["--now", "1800000000", "--json"]),
        ("bad signature", &["--now", "1700000001"]),
    ];
    for (what, extra) in cases {
        let key = if what == "bad signature" {
            "SeCrEt-7f3a9c-but-another"
        } else {
            SECRET
        };
        clean(
            what,
            capability(["inspect", &token, "--verify"])
                .args(extra)
                .env("TWILIO_AUTH_TOKEN", key)
                .run()
                .code(1),
        );
    }

    // The secret where a token should be, as an argument and on stdin.
    for verify in [&[][..], &["--verify"][..]] {
        clean(
            "inspect SECRET",
            capability(["inspect", SECRET])
                .args(verify)
                .env("TWILIO_AUTH_TOKEN", SECRET)
                .run()
                .code(1),
        );
        clean(
            "inspect < SECRET",
            capability(["inspect"])
                .args(verify)
                .env("TWILIO_AUTH_TOKEN", SECRET)
                .stdin(SECRET)
                .run()
                .code(1),
        );
    }

    // Mint failures, with the secret in the environment.
    let broken = dir.write("broken.toml", "[incoming\n");
    let failures: [(&str, Vec<&str>); 4] = [
        (
            "missing input",
            vec!["mint", &policy, "-i", "identity=alice"],
        ),
        (
            "bad input",
            vec!["mint", &policy, "-i", "identity=a b", "-i", "team=x"],
        ),
        ("syntax error", vec!["mint", broken.to_str().unwrap()]),
        (
            "bad ttl",
            vec![
                "mint",
                &policy,
                "-i",
                "identity=a",
                "-i",
                "team=x",
                "--ttl",
                "0",
            ],
        ),
    ];
    for (what, args) in failures {
        let out = capability(args).creds(ACCOUNT_SID, SECRET).run();
        assert_ne!(out.code, Some(0), "{what}");
        clean(what, &out);
    }
    let out = mint(&[]).env("TWILIO_AUTH_TOKEN", SECRET).run();
    clean("no account SID", out.code(1));
    let out = mint(&[]).creds(SECRET, SECRET).run();
    clean("secret as the account SID", out.code(1));
    let out = mint(&[])
        .env("TWILIO_ACCOUNT_SID", SECRET)
        .env("TWILIO_AUTH_TOKEN", ACCOUNT_SID)
        .run();
    clean("swapped variables", out.code(1));

    // Env files that hold the secret but are broken.
    let env_files = [
        format!("TWILIO_ACCOUNT_SID={ACCOUNT_SID}\nTWILIO_AUTH_TOKEN '{SECRET}'\n"),
        format!("TWILIO_ACCOUNT_SID={ACCOUNT_SID}\nTWILIO_AUTH_TOKEN=\"{SECRET}\n"),
        format!("TWILIO_ACCOUNT_SID={ACCOUNT_SID}\nTWILIO_AUTH_TOKEN='{SECRET}\n"),
        format!("TWILIO_ACCOUNT_SID={ACCOUNT_SID}\nTWILIO_AUTH_TOKEN='{SECRET}' {SECRET}\n"),
        format!("{SECRET}\n"),
        format!("{SECRET}=x\n"),
        format!("TWILIO_ACCOUNT_SID={SECRET}\nTWILIO_AUTH_TOKEN={SECRET}\n"),
        format!("TWILIO_AUTH_TOKEN={SECRET}\n"),
    ];
    for (i, text) in env_files.iter().enumerate() {
        let path = dir.write(&format!("bad{i}.env"), text);
        let out = mint(&["--env-file", &arg(&path)]).run();
        clean(&format!("env file {i}"), out.code(1));
        let out = capability(["inspect", "--verify", "--env-file", &arg(&path), SECRET]).run();
        clean(&format!("inspect with env file {i}"), out.code(1));
    }

    // The secret on the command line is refused by name of flag, not echoed.
    for args in [
        vec!["--auth-token", SECRET],
        vec!["--auth-token=SeCrEt-7f3a9c-do-not-print"],
        vec!["--token", SECRET],
        vec!["-aSeCrEt-7f3a9c-do-not-print"],
    ] {
        let out = mint(&args).run();
        clean("secret flag", out.code(2));
    }
}

#[test]
fn the_api_secret_appears_in_no_output() {
    let dir = TempDir::new("api-secret");
    let policy = example("voice_agent");
    let key_sid = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    let mint = |extra: &[&str]| {
        capability([
            "mint",
            policy.as_str(),
            "-i",
            "identity=alice",
            "-i",
            "team=x",
        ])
        .args(extra)
        .api_key(ACCOUNT_SID, key_sid, SECRET)
    };
    let out = mint(&["--now", "1700000000"]).run();
    clean("mint", &out);
    let token = out.ok().trim().to_owned();
    clean("mint --json", mint(&["--json"]).run().code(0));
    for (what, extra, code) in [
        ("inspect --verify", &["--now", "1700000001"][..], 0),
        (
            "inspect --verify --json",
            &["--now", "1700000001", "--json"][..],
            0,
        ),
        ("expired", &["--now", "1800000000"][..], 1),
    ] {
        clean(
            what,
            capability(["inspect", &token, "--verify"])
                .args(extra)
                .env("TWILIO_API_SECRET", SECRET)
                .run()
                .code(code),
        );
    }
    // Misplaced: the secret in the key SID variable, in a broken env file, as a token.
    clean(
        "secret as key sid",
        capability(["mint", policy.as_str(), "-i", "identity=a", "-i", "team=x"])
            .api_key(ACCOUNT_SID, SECRET, SECRET)
            .run()
            .code(1),
    );
    let env = dir.write("bad.env", &format!("TWILIO_API_SECRET {SECRET}\n"));
    clean(
        "broken env file",
        capability(["mint", policy.as_str(), "--env-file", &arg(&env)])
            .run()
            .code(1),
    );
    clean(
        "--as access-token refused",
        capability([
            "mint",
            &example("monitor"),
            "-i",
            "call_sid=CA1",
            "--as",
            "access-token",
        ])
        .api_key(ACCOUNT_SID, key_sid, SECRET)
        .run()
        .code(1),
    );
    clean(
        "inspect SECRET",
        capability(["inspect", SECRET, "--verify"])
            .env("TWILIO_API_SECRET", SECRET)
            .run()
            .code(1),
    );
}
