//! Credentials from files named by `NAME_FILE`, in the environment and in an `--env-file`
//! alike: the same tokens as the values themselves, and failures that name the variable and
//! the path, never what the file holds.

mod support;

use support::{
    ACCOUNT_SID, API_KEY_SID, API_SECRET, AUTH_TOKEN, NOW, SECRET, TempDir, arg, capability,
    example,
};

fn mint_capability() -> support::Run {
    capability([
        "mint",
        &example("click_to_call"),
        "--input",
        "campaign=x",
        "--now",
        &NOW.to_string(),
    ])
}

fn mint_access() -> support::Run {
    capability([
        "mint",
        &example("voice_agent"),
        "--input",
        "identity=alice",
        "--input",
        "team=billing",
        "--now",
        &NOW.to_string(),
    ])
}

#[test]
fn a_file_gives_the_same_token_as_the_value() {
    let dir = TempDir::new("secret-files-same");
    let expected = mint_capability().vector_creds().run().ok().to_owned();
    let auth = dir.write("auth_token", &format!("{AUTH_TOKEN}\n"));
    let sid = dir.write("account_sid", ACCOUNT_SID);
    let out = mint_capability()
        .env("TWILIO_ACCOUNT_SID_FILE", &arg(&sid))
        .env("TWILIO_AUTH_TOKEN_FILE", &arg(&auth))
        .run();
    assert_eq!(out.ok(), expected);

    let expected = mint_access().vector_api_key().run().ok().to_owned();
    let secret = dir.write("api_secret", &format!("{API_SECRET}\r\n"));
    let key = dir.write("api_key", &format!("{API_KEY_SID}\n"));
    let out = mint_access()
        .env("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
        .env("TWILIO_API_KEY_FILE", &arg(&key))
        .env("TWILIO_API_SECRET_FILE", &arg(&secret))
        .run();
    assert_eq!(out.ok(), expected);

    // In a dotenv file, as in the environment.
    let env = dir.write(
        "twilio.env",
        &format!(
            "TWILIO_ACCOUNT_SID={ACCOUNT_SID}\nTWILIO_API_KEY={API_KEY_SID}\nTWILIO_API_SECRET_FILE={}\n",
            arg(&secret)
        ),
    );
    let out = mint_access().args(["--env-file", &arg(&env)]).run();
    assert_eq!(out.ok(), expected);

    // inspect --verify reads the key from a file too.
    let token = expected.trim();
    let verified = capability(["inspect", token, "--verify", "--now", &NOW.to_string()])
        .env("TWILIO_API_SECRET_FILE", &arg(&secret))
        .run();
    assert!(
        verified.ok().contains("signature:  verified"),
        "{}",
        verified.stdout
    );
}

#[test]
fn a_value_and_its_file_together_fail_naming_both() {
    let dir = TempDir::new("secret-files-both");
    let auth = dir.write("auth_token", AUTH_TOKEN);
    let out = mint_capability()
        .vector_creds()
        .env("TWILIO_AUTH_TOKEN_FILE", &arg(&auth))
        .run();
    out.fails(
        1,
        &["error: environment variables TWILIO_AUTH_TOKEN and TWILIO_AUTH_TOKEN_FILE are both set; set one of them\n"],
    );
    let env = dir.write(
        "both.env",
        &format!(
            "TWILIO_ACCOUNT_SID={ACCOUNT_SID}\nTWILIO_AUTH_TOKEN={AUTH_TOKEN}\nTWILIO_AUTH_TOKEN_FILE={}\n",
            arg(&auth)
        ),
    );
    let out = mint_capability().args(["--env-file", &arg(&env)]).run();
    out.fails(
        1,
        &[&format!(
            "error: the env file {}: environment variables TWILIO_AUTH_TOKEN and TWILIO_AUTH_TOKEN_FILE are both set",
            env.display()
        )],
    );
}

/// Every way the file can fail: exit 1, the variable and the path named, the contents nowhere.
#[test]
fn a_file_that_fails_is_named_and_its_contents_never_printed() {
    let dir = TempDir::new("secret-files-fail");
    let garbage = dir.write("garbage", &format!("{SECRET}\n"));
    let empty = dir.write("empty", "");
    let large = dir.write("large", &"s".repeat(10_000_000));
    let cases = [
        (
            "TWILIO_ACCOUNT_SID_FILE",
            arg(&garbage),
            "the account SID in PATH must be \"AC\" followed by 32 hexadecimal digits".to_owned(),
        ),
        (
            "TWILIO_AUTH_TOKEN_FILE",
            arg(&empty),
            "the auth token in PATH must not be empty".to_owned(),
        ),
        (
            "TWILIO_AUTH_TOKEN_FILE",
            arg(dir.path()),
            "cannot read PATH: Is a directory (os error 21)".to_owned(),
        ),
        (
            "TWILIO_AUTH_TOKEN_FILE",
            arg(&dir.path().join("absent")),
            "cannot read PATH: No such file or directory (os error 2)".to_owned(),
        ),
        (
            "TWILIO_AUTH_TOKEN_FILE",
            arg(&large),
            "PATH is more than 65536 bytes long, over the limit".to_owned(),
        ),
    ];
    for (var, path, message) in cases {
        let mut run = mint_capability().env(var, &path);
        if var != "TWILIO_ACCOUNT_SID_FILE" {
            run = run.env("TWILIO_ACCOUNT_SID", ACCOUNT_SID);
        } else {
            run = run.env("TWILIO_AUTH_TOKEN", AUTH_TOKEN);
        }
        let out = run.run();
        let expected = format!(
            "error: environment variable {var}: {}\n",
            message.replace("PATH", &path)
        );
        out.fails(1, &[&expected]);
        assert!(!out.stderr.contains(SECRET) && !out.stdout.contains(SECRET));
    }
}

#[test]
fn help_names_the_file_variables() {
    for command in ["mint", "inspect"] {
        let help = capability([command, "--help"]).run();
        assert!(help.ok().contains("_FILE"), "{command}: {}", help.stdout);
    }
    let help = capability(["mint", "--help"]).run();
    assert!(help.ok().contains("NAME_FILE=PATH"), "{}", help.stdout);
    let missing = mint_capability()
        .env("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
        .run();
    missing.fails(
        1,
        &["help: set TWILIO_AUTH_TOKEN, or TWILIO_AUTH_TOKEN_FILE to a file that holds it"],
    );
}
