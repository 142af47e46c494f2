//! Credentials from files named by `*_FILE` variables (Docker's convention for mounted
//! secrets): the value is the file's contents less one trailing newline, a file over 64 KiB is
//! refused unread, and no error shows what the file holds.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use capability::{
    ACCOUNT_SID_FILE_VAR, ACCOUNT_SID_VAR, API_KEY_FILE_VAR, API_KEY_VAR, API_SECRET_FILE_VAR,
    API_SECRET_VAR, AUTH_TOKEN_FILE_VAR, AUTH_TOKEN_VAR, ApiKey, ApiSecret, AuthToken, Credentials,
    CredentialsError, MAX_SECRET_FILE_LEN,
};

const ACCOUNT_SID: &str = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const KEY_SID: &str = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const SECRET: &str = "goldenvectorsecret0123456789abcd";
const AUTH: &str = "0123456789abcdef0123456789abcdef";

/// A folder of its own under the system's temporary folder, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(tag: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!(
            "capability-credentials-{tag}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A lookup over these variables only.
fn vars(pairs: &[(&'static str, &Path)]) -> impl FnMut(&'static str) -> Option<OsString> {
    let map: HashMap<&str, OsString> = pairs
        .iter()
        .map(|(k, v)| (*k, v.as_os_str().to_owned()))
        .collect();
    move |name| map.get(name).cloned()
}

fn api_key(pairs: &[(&'static str, &Path)]) -> Result<ApiKey, CredentialsError> {
    ApiKey::from_lookup(vars(pairs))
}

#[test]
fn every_value_may_come_from_a_file_less_one_trailing_newline() {
    let dir = Dir::new("values");
    let sid = dir.write("sid", format!("{ACCOUNT_SID}\n").as_bytes());
    let key = dir.write("key", KEY_SID.as_bytes());
    let secret = dir.write("secret", format!("{SECRET}\r\n").as_bytes());
    let auth = dir.write("auth", format!("{AUTH}\n").as_bytes());
    let from_files = api_key(&[
        (ACCOUNT_SID_FILE_VAR, &sid),
        (API_KEY_FILE_VAR, &key),
        (API_SECRET_FILE_VAR, &secret),
    ])
    .unwrap();
    let expected = ApiKey::new(ACCOUNT_SID, KEY_SID, SECRET).unwrap();
    assert_eq!(from_files.account_sid(), expected.account_sid());
    assert_eq!(from_files.key_sid(), expected.key_sid());
    assert_eq!(
        from_files.secret().expose_secret(),
        expected.secret().expose_secret()
    );
    let creds = Credentials::from_lookup(vars(&[
        (ACCOUNT_SID_VAR, Path::new(ACCOUNT_SID)),
        (AUTH_TOKEN_FILE_VAR, &auth),
    ]))
    .unwrap();
    assert_eq!(creds.auth_token().expose_secret(), AUTH);
    let alone = AuthToken::from_lookup(vars(&[(AUTH_TOKEN_FILE_VAR, &auth)])).unwrap();
    assert_eq!(alone.expose_secret(), AUTH);
    let alone = ApiSecret::from_lookup(vars(&[(API_SECRET_FILE_VAR, &secret)])).unwrap();
    assert_eq!(alone.expose_secret(), SECRET);

    // Only one newline goes: a second one, or a lone `\r`, is part of the value.
    for (contents, value) in [
        ("s\n\n", "s\n"),
        ("s\r", "s\r"),
        ("s\n\r\n", "s\n"),
        (" s ", " s "),
    ] {
        let path = dir.write("odd", contents.as_bytes());
        let token = AuthToken::from_lookup(vars(&[(AUTH_TOKEN_FILE_VAR, &path)])).unwrap();
        assert_eq!(token.expose_secret(), value, "{contents:?}");
    }
}

#[test]
fn a_value_and_its_file_together_are_an_error_naming_both() {
    let dir = Dir::new("both");
    let secret = dir.write("secret", SECRET.as_bytes());
    let e = ApiSecret::from_lookup(vars(&[
        (API_SECRET_VAR, Path::new(SECRET)),
        (API_SECRET_FILE_VAR, &secret),
    ]))
    .unwrap_err();
    assert_eq!(
        e,
        CredentialsError::BothSet {
            var: API_SECRET_VAR,
            file_var: API_SECRET_FILE_VAR
        }
    );
    assert_eq!(
        e.to_string(),
        "environment variables TWILIO_API_SECRET and TWILIO_API_SECRET_FILE are both set; set one of them"
    );
    for (var, file_var) in [
        (ACCOUNT_SID_VAR, ACCOUNT_SID_FILE_VAR),
        (API_KEY_VAR, API_KEY_FILE_VAR),
    ] {
        let e = api_key(&[
            (ACCOUNT_SID_VAR, Path::new(ACCOUNT_SID)),
            (API_KEY_VAR, Path::new(KEY_SID)),
            (API_SECRET_VAR, Path::new(SECRET)),
            (file_var, &secret),
        ])
        .unwrap_err();
        assert_eq!(e, CredentialsError::BothSet { var, file_var });
    }
    let e = Credentials::from_lookup(vars(&[
        (ACCOUNT_SID_VAR, Path::new(ACCOUNT_SID)),
        (AUTH_TOKEN_VAR, Path::new(AUTH)),
        (AUTH_TOKEN_FILE_VAR, &secret),
    ]))
    .unwrap_err();
    assert_eq!(
        e,
        CredentialsError::BothSet {
            var: AUTH_TOKEN_VAR,
            file_var: AUTH_TOKEN_FILE_VAR
        }
    );
}

/// Each way a file can fail, by path and cause; the contents are in no error.
#[test]
fn a_file_that_fails_is_named_by_path_never_by_contents() {
    let dir = Dir::new("fail");
    let garbage = "not-a-sid-but-a-secret-3f9a";
    let cases: Vec<(PathBuf, &'static str, CredentialsError)> = vec![
        {
            let p = dir.0.join("absent");
            let e = CredentialsError::UnreadableFile {
                var: API_SECRET_FILE_VAR,
                path: p.display().to_string(),
                reason: "No such file or directory (os error 2)".into(),
            };
            (p, API_SECRET_FILE_VAR, e)
        },
        {
            let p = dir.0.clone();
            let e = CredentialsError::UnreadableFile {
                var: API_SECRET_FILE_VAR,
                path: p.display().to_string(),
                reason: "Is a directory (os error 21)".into(),
            };
            (p, API_SECRET_FILE_VAR, e)
        },
        {
            let p = dir.write("empty", b"");
            let e = CredentialsError::InvalidFile {
                var: API_SECRET_FILE_VAR,
                path: p.display().to_string(),
                field: "API secret",
                rule: "must not be empty",
            };
            (p, API_SECRET_FILE_VAR, e)
        },
        {
            let p = dir.write("newline", b"\n");
            let e = CredentialsError::InvalidFile {
                var: API_SECRET_FILE_VAR,
                path: p.display().to_string(),
                field: "API secret",
                rule: "must not be empty",
            };
            (p, API_SECRET_FILE_VAR, e)
        },
        {
            let mut bytes = garbage.as_bytes().to_vec();
            bytes.push(0xff);
            let p = dir.write("latin1", &bytes);
            let e = CredentialsError::FileNotUnicode {
                var: API_SECRET_FILE_VAR,
                path: p.display().to_string(),
            };
            (p, API_SECRET_FILE_VAR, e)
        },
        {
            let p = dir.write("garbage-sid", garbage.as_bytes());
            let e = CredentialsError::InvalidFile {
                var: ACCOUNT_SID_FILE_VAR,
                path: p.display().to_string(),
                field: "account SID",
                rule: "must be \"AC\" followed by 32 hexadecimal digits",
            };
            (p, ACCOUNT_SID_FILE_VAR, e)
        },
    ];
    for (path, var, expected) in cases {
        let mut pairs = vec![
            (ACCOUNT_SID_VAR, Path::new(ACCOUNT_SID)),
            (API_KEY_VAR, Path::new(KEY_SID)),
            (API_SECRET_VAR, Path::new(SECRET)),
        ];
        // The file stands in for its value's variable.
        let value_var = var.strip_suffix("_FILE").unwrap();
        pairs.retain(|(k, _)| *k != value_var);
        pairs.push((var, &path));
        let e = api_key(&pairs).unwrap_err();
        assert_eq!(e, expected, "{}", path.display());
        for shown in [e.to_string(), format!("{e:?}")] {
            assert!(!shown.contains(garbage), "{shown}");
            assert!(shown.contains(var), "{shown}");
        }
    }
}

#[test]
fn a_file_over_64_kib_is_refused_and_not_read_past_the_limit() {
    let dir = Dir::new("large");
    let at_limit = dir.write("at-limit", &vec![b's'; MAX_SECRET_FILE_LEN]);
    let read = ApiSecret::from_lookup(vars(&[(API_SECRET_FILE_VAR, &at_limit)])).unwrap();
    assert_eq!(read.expose_secret().len(), MAX_SECRET_FILE_LEN);
    let over = dir.write("over", &vec![b's'; MAX_SECRET_FILE_LEN + 1]);
    let huge = dir.write("10mb", &vec![b's'; 10_000_000]);
    for path in [over, huge] {
        let e = ApiSecret::from_lookup(vars(&[(API_SECRET_FILE_VAR, &path)])).unwrap_err();
        assert_eq!(
            e,
            CredentialsError::FileTooLarge {
                var: API_SECRET_FILE_VAR,
                path: path.display().to_string(),
                max: MAX_SECRET_FILE_LEN
            }
        );
        assert_eq!(
            e.to_string(),
            format!(
                "environment variable TWILIO_API_SECRET_FILE: {} is more than 65536 bytes long, over the limit",
                path.display()
            )
        );
    }
}

/// A pipe has no length: the read stops one byte past the limit, however much is written.
#[test]
fn a_pipe_is_bounded_by_the_read() {
    let dir = Dir::new("fifo");
    let fifo = dir.0.join("secret");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut pipe = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            let chunk = [b's'; 4096];
            let mut written = 0;
            // Ten times the limit, unless the reader hangs up first.
            while written < 10 * MAX_SECRET_FILE_LEN {
                match pipe.write(&chunk) {
                    Ok(n) => written += n,
                    Err(_) => break,
                }
            }
            written
        })
    };
    let e = ApiSecret::from_lookup(vars(&[(API_SECRET_FILE_VAR, &fifo)])).unwrap_err();
    assert!(matches!(e, CredentialsError::FileTooLarge { .. }), "{e:?}");
    let written = writer.join().unwrap();
    assert!(written > MAX_SECRET_FILE_LEN, "{written}");
    assert!(
        written < 10 * MAX_SECRET_FILE_LEN,
        "read to the end: {written}"
    );
}
