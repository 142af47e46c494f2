//! Shared by the CLI's end-to-end tests: run the built binary with a controlled environment,
//! temporary files, the reference vectors, and forged tokens.
#![allow(dead_code)] // each test binary uses a different part

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

/// The policy files written from vectors, shared with the library's tests.
#[path = "../../../tests/support/policy_toml.rs"]
pub mod policy_toml;

/// The reference vectors' account SID and auth token.
pub const ACCOUNT_SID: &str = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
pub const AUTH_TOKEN: &str = "0123456789abcdef0123456789abcdef";
/// The reference vectors' clock.
pub const NOW: u64 = 1_700_000_000;
/// The API key of `access-tokens.json`.
pub const API_KEY_SID: &str = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
pub const API_SECRET: &str = "goldenvectorsecret0123456789abcd";
/// An auth token easy to spot in any output.
pub const SECRET: &str = "SeCrEt-7f3a9c-do-not-print";

/// The workspace root, where `examples/policies/` is.
pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the CLI crate is inside the workspace")
        .to_path_buf()
}

/// A bundled example policy, as a path relative to the workspace root.
pub fn example(name: &str) -> String {
    format!("examples/policies/{name}.toml")
}

/// A run of `capability` with an empty environment, in the workspace root.
pub struct Run {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

/// `capability ARGS…`, with no environment variables at all unless added.
pub fn capability<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_capability"));
    cmd.args(args).env_clear().current_dir(workspace());
    Run { cmd, stdin: None }
}

/// The CLI as a user without privileges: as itself when it is not root, else as `nobody`
/// through util-linux's `setpriv`, since root reads a file whatever its mode says.
pub fn capability_unprivileged<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    use std::os::unix::fs::MetadataExt as _;
    let root = std::fs::metadata("/proc/self").expect("procfs").uid() == 0;
    if !root {
        return capability(args);
    }
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("setpriv (util-linux), to run the CLI as nobody: the tests run as root");
    let mut cmd = Command::new(setpriv);
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_capability"))
        .args(args)
        .env_clear()
        .current_dir(workspace());
    Run { cmd, stdin: None }
}

impl Run {
    /// Adds arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd.args(args);
        self
    }

    /// Sets `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN`.
    pub fn creds(self, account_sid: &str, auth_token: &str) -> Self {
        self.env("TWILIO_ACCOUNT_SID", account_sid)
            .env("TWILIO_AUTH_TOKEN", auth_token)
    }

    /// Sets `TWILIO_ACCOUNT_SID`, `TWILIO_API_KEY` and `TWILIO_API_SECRET`.
    pub fn api_key(self, account_sid: &str, key_sid: &str, secret: &str) -> Self {
        self.env("TWILIO_ACCOUNT_SID", account_sid)
            .env("TWILIO_API_KEY", key_sid)
            .env("TWILIO_API_SECRET", secret)
    }

    /// Sets the access vectors' API key.
    pub fn vector_api_key(self) -> Self {
        self.api_key(ACCOUNT_SID, API_KEY_SID, API_SECRET)
    }

    /// Sets the reference vectors' credentials.
    pub fn vector_creds(self) -> Self {
        self.creds(ACCOUNT_SID, AUTH_TOKEN)
    }

    /// Sets one environment variable.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// Feeds `text` on standard input.
    pub fn stdin(mut self, text: &str) -> Self {
        self.stdin = Some(text.as_bytes().to_vec());
        self
    }

    /// Runs it to the end.
    pub fn run(mut self) -> Output {
        self.cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        self.cmd.stdin(if self.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        let mut child = self.cmd.spawn().expect("the binary starts");
        if let Some(bytes) = self.stdin.take() {
            let mut pipe = child.stdin.take().expect("stdin is piped");
            pipe.write_all(&bytes).expect("stdin is written");
        }
        let out = child.wait_with_output().expect("the binary runs");
        Output {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// What a run printed, and its exit code.
#[derive(Debug)]
pub struct Output {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Asserts the exit code, showing both streams if it is wrong.
    #[track_caller]
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "exit code\n--- stdout\n{}--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Asserts success with nothing on standard error, and gives standard output.
    #[track_caller]
    pub fn ok(&self) -> &str {
        self.code(0);
        assert_eq!(self.stderr, "", "stderr of a success");
        &self.stdout
    }

    /// Asserts exit code `code`, nothing on standard output, and that standard error contains
    /// every one of `needles`; gives standard error.
    #[track_caller]
    pub fn fails(&self, code: i32, needles: &[&str]) -> &str {
        self.code(code);
        assert_eq!(self.stdout, "", "stdout of a failure");
        self.stderr_has(needles);
        &self.stderr
    }

    /// Asserts that standard error contains every one of `needles`.
    #[track_caller]
    pub fn stderr_has(&self, needles: &[&str]) -> &Self {
        for needle in needles {
            assert!(
                self.stderr.contains(needle),
                "stderr lacks {needle:?}:\n{}",
                self.stderr
            );
        }
        self
    }

    /// Asserts that every line of standard error is an `error: ` or `help: ` line, or part of
    /// a rustc-style snippet.
    #[track_caller]
    pub fn stderr_lines_are_prefixed(&self) -> &Self {
        let mut lines = self.stderr.lines();
        let first = lines.next().unwrap_or("");
        assert!(first.starts_with("error: "), "stderr:\n{}", self.stderr);
        for line in lines {
            let t = line.trim_start();
            assert!(
                line.starts_with("error: ")
                    || line.starts_with("help: ")
                    || line.is_empty()
                    || t.starts_with("-->")
                    || t.starts_with('|')
                    || t.split_once(" | ")
                        .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit())),
                "unprefixed stderr line {line:?} in:\n{}",
                self.stderr
            );
        }
        self
    }
}

/// A temporary directory, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "capability-cli-test-{tag}-{}-{n}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the temporary directory is created");
        TempDir(dir)
    }

    /// Writes `name` in the directory and gives its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("the temporary file is written");
        path
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A path as a string argument.
pub fn arg(path: &Path) -> String {
    path.to_str().expect("temporary paths are UTF-8").to_owned()
}

/// One case of `reference-tokens.json`.
pub struct Vector {
    pub name: String,
    pub input: Value,
    pub token: String,
}

/// Every case of `tests/vectors/reference-tokens.json`, the workspace's copy of the shared vectors.
pub fn vectors() -> Vec<Vector> {
    let path = workspace().join("tests/vectors/reference-tokens.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).expect("the vectors are JSON");
    assert_eq!(doc["account_sid"], ACCOUNT_SID);
    assert_eq!(doc["auth_token"], AUTH_TOKEN);
    assert_eq!(doc["now"], NOW);
    let cases = doc["cases"].as_array().expect("cases is an array");
    assert!(!cases.is_empty());
    cases
        .iter()
        .map(|c| Vector {
            name: c["name"].as_str().expect("name").to_owned(),
            input: c["input"].clone(),
            token: c["token"].as_str().expect("token").to_owned(),
        })
        .collect()
}

/// A file of `tests/vectors/`, parsed.
pub fn vector_file(name: &str) -> Value {
    let path = workspace().join("tests/vectors").join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).expect("the vectors are JSON")
}

/// The vector called `name`.
pub fn vector(name: &str) -> Vector {
    vectors()
        .into_iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no vector {name}"))
}

#[allow(unused_imports)] // each test binary uses a different part
pub use policy_toml::policy_toml;

/// A token with this header and payload JSON and these signature bytes, not signed.
pub fn forge(header: &str, payload: &str, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

/// A token with this header and payload JSON, correctly signed with `key`.
pub fn sign(header: &str, payload: &str, key: &str) -> String {
    use hmac::{KeyInit as _, Mac as _};
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).expect("any key");
    mac.update(input.as_bytes());
    format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

/// Decodes a token's payload to text.
pub fn payload_of(token: &str) -> String {
    let payload = token.split('.').nth(1).expect("a payload segment");
    String::from_utf8(URL_SAFE_NO_PAD.decode(payload).expect("base64url")).expect("UTF-8")
}

/// The token with one character of segment `index` changed, keeping it valid base64url.
pub fn tamper(token: &str, index: usize) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let segment = &mut parts[index];
    // Change the first character: it carries six whole bits, so the segment stays canonical.
    let first = segment.remove(0);
    segment.insert(0, if first == 'A' { 'B' } else { 'A' });
    parts.join(".")
}
