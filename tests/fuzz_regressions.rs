//! The fuzz targets' invariants, on stable (fuzz/README.md).
//!
//! The targets themselves live in `fuzz/src/`, one module each with `run(data: &[u8])`; the
//! fuzz binaries only hand libFuzzer's input to them. This test includes the same file, and
//! replays through the same functions:
//! - the checked-in seeds, `fuzz/seeds/<target>/*`;
//! - every minimised input that once failed, `fuzz/regressions/<target>/*`.
//!
//! A failure names the file. To add a regression: minimise the crash with
//! `cargo +nightly fuzz tmin`, copy it to `fuzz/regressions/<target>/`, and give it a test of
//! its own below that says what went wrong.
//!
//! An input that still fails, because its fix is not made yet, waits in `fuzz/open/<target>/`
//! with an ignored test below (`cargo test --test fuzz_regressions -- --ignored`). Once fixed,
//! move the file to `fuzz/regressions/<target>/` and drop the `#[ignore]`.

use std::path::{Path, PathBuf};

use capability::{CapabilityTemplate, MAX_TOKEN_LEN, SignError, verify_capability_token};

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod fuzz;

/// Every file of `fuzz/<kind>/<target>/`, sorted; none when the folder does not exist.
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(kind)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a readable fuzz input folder").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every seed and regression of `target` through its checks; returns how many ran.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let mut count = 0;
    for kind in ["seeds", "regressions"] {
        for path in inputs(kind, target) {
            let data = std::fs::read(&path).expect("a readable fuzz input");
            // Named before it runs, so that a failing assertion's output says which file.
            eprintln!("replaying {}", path.display());
            run(&data);
            count += 1;
        }
    }
    count
}

#[test]
fn verify_inspect_seeds_and_regressions() {
    assert!(replay("verify_inspect", fuzz::verify_inspect::run) > 0);
}

#[test]
fn load_toml_seeds_and_regressions() {
    assert!(replay("load_toml", fuzz::load_toml::run) > 0);
}

#[test]
fn bind_inputs_seeds_and_regressions() {
    assert!(replay("bind_inputs", fuzz::bind_inputs::run) > 0);
}

#[test]
fn formats_seeds_and_regressions() {
    assert!(replay("formats", fuzz::formats::run) > 0);
}

#[test]
fn policy_file_seeds_and_regressions() {
    assert!(replay("policy_file", fuzz::policy_file::run) > 0);
}

#[test]
fn scope_claim_seeds_and_regressions() {
    assert!(replay("scope_claim", fuzz::scope_claim::run) > 0);
}

/// Found by `load_toml` (2026-11-27), fixed: a policy file that loaded but could never be
/// signed. `fuzz/regressions/load_toml/policy-too-long-to-sign.toml` holds one literal param of
/// 1,188 `%`: within `MAX_VALUE_LEN`, but encoded twice (`%2525`) the token would be 8,201
/// bytes, over the 8 KiB `verify` reads. The per-value and per-count limits do not bound the
/// token, so the loader and the builder now check the claim's length too
/// (`PolicyError::TokenTooLong`): the file no longer loads.
#[test]
fn load_toml_policy_too_long_to_sign() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions/load_toml/policy-too-long-to-sign.toml");
    let source = std::fs::read_to_string(path).expect("the reproducer");
    if let Ok(template) = CapabilityTemplate::from_toml_str(&source) {
        let policy = template
            .bind(std::iter::empty::<(&str, &str)>())
            .expect("no inputs");
        match policy.sign_at(&fuzz::CREDS, fuzz::NOW) {
            Ok(token) => {
                let key = fuzz::auth_token(fuzz::AUTH_TOKEN);
                let decoded =
                    verify_capability_token(token.as_str(), &key, fuzz::NOW, 0).expect("verifies");
                assert_eq!(decoded.scopes, policy.scopes());
            }
            Err(SignError::TooLong { len, max }) => {
                assert_eq!((len, max), (8201, MAX_TOKEN_LEN));
                panic!("the policy loaded, but its token would be {len} bytes, over {max}");
            }
            Err(e) => panic!("the policy loaded, but does not sign: {e}"),
        }
    }
    fuzz::load_toml::run(source.as_bytes());
}

/// Found by `bind_inputs` (2026-12-02, a directed input at the length limit, minimised with
/// `cargo fuzz tmin`), fixed in 2a10e33: `AccessMinter` minted a token that
/// `AccessTemplate::bind` refused. `fuzz/regressions/bind_inputs/access-minter-mints-what-bind-refuses.bin`
/// (2,869 bytes) binds the access file with one input `a` in two params (`ttl = 86400`) to
/// 2,860 `x`, a NUL and a U+0013 (each escaped to six bytes), and `b` to "": at the reference
/// clock the token is 8,168 bytes, within `MAX_TOKEN_LEN`, but with 20-digit `now` and `exp` it
/// would be 8,195, so `bind` (through `AccessPolicyBuilder::build` and
/// `rules::check_access_len`) refused it with `PolicyError::TokenTooLong`, while
/// `AccessMinter::mint_at`, which checked the length at its own clock only, minted it. That
/// broke "`mint_at` equals `bind` + `sign_at`: the same bytes, or the same error". The minter
/// now checks `check_access_len` on its inputs and reports what `bind` reports.
#[test]
fn bind_inputs_access_minter_refuses_what_bind_refuses() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions/bind_inputs/access-minter-mints-what-bind-refuses.bin");
    let data = std::fs::read(path).expect("the reproducer");
    let template = capability::AccessTemplate::from_toml_str(fuzz::bind_inputs::TWO_PARAMS)
        .expect("the fixed file loads");
    let value = std::str::from_utf8(&data[4..data.len() - 3]).expect("UTF-8");
    let bound = template.bind([("a", value), ("b", "")]);
    let Err(e) = &bound else {
        panic!("bind accepted a policy whose token can be over MAX_TOKEN_LEN");
    };
    assert!(matches!(
        e.problems(),
        [capability::BindProblem::Policy(
            capability::PolicyError::TokenTooLong { len: 8195, .. }
        )]
    ));
    let minted = capability::AccessMinter::from_template(&template, &fuzz::access::API_KEY)
        .mint_at(&[value, ""], fuzz::NOW);
    assert_eq!(minted, Err(capability::MintError::Inputs(e.clone())));
    fuzz::bind_inputs::run(&data);
}

/// Found by `verify_inspect` (2026-12-02, directed inputs, minimised with `cargo fuzz tmin`),
/// fixed 2026-12-06: `inspect` refused a token as of the wrong kind, though it picks the kind
/// itself. `fuzz/regressions/verify_inspect/inspect-wrong-kind-grants-null.json` is
/// `{"alg":""}` and `{"grants":null}` (26 bytes): format detection counted the `null` `grants`
/// claim as present, so the token is an access token (spec `access-token.md` 3), but the access
/// reader took `grants` as an `Option`, for which `null` is absent, and answered `WrongKind {
/// expected: Access, found: Capability }` instead of the claim type error.
/// `inspect-wrong-kind-policies-null.json` is the same for a TaskRouter token
/// (`{"policies":null,"workspace_sid":""}`). Now each reader counts a `null` claim as present,
/// as detection does, and says it has the wrong type; this test asks that of every JSON type
/// but the format's own, under `inspect` and the format's verifier.
#[test]
fn verify_inspect_null_grants_or_policies_is_not_the_wrong_kind() {
    use capability::{JsonKind, TokenKind, VerifyError, inspect, verify_taskrouter_token};
    let every_type = [
        ("null", JsonKind::Null),
        ("{}", JsonKind::Object),
        ("[]", JsonKind::Array),
        (r#""x""#, JsonKind::String),
        ("7", JsonKind::Integer),
        ("-7", JsonKind::NegativeInteger),
        ("1.5", JsonKind::OtherNumber),
        ("true", JsonKind::Bool),
    ];
    let secret = fuzz::access::api_secret(fuzz::access::API_SECRET);
    let auth_token = fuzz::auth_token(fuzz::AUTH_TOKEN);
    for (value, found) in every_type {
        if found == JsonKind::Object {
            continue;
        }
        let grants = VerifyError::ClaimType {
            claim: "grants",
            expected: "an object",
            found,
        };
        let payload = format!(
            r#"{{"iss":"SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","sub":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","exp":1700003600,"grants":{value}}}"#
        );
        let token = fuzz::forge(
            br#"{"alg":"HS256"}"#,
            payload.as_bytes(),
            fuzz::access::API_SECRET,
        );
        assert_eq!(
            inspect(&token),
            Err(grants.clone()),
            "inspect, grants {value}"
        );
        let access = capability::verify_access_token(&token, &secret, fuzz::NOW, 0);
        assert_eq!(access, Err(grants), "verify_access_token, grants {value}");
        // The capability verifier may still say the token is not its format.
        let forged = fuzz::forge(br#"{"alg":"HS256"}"#, payload.as_bytes(), fuzz::AUTH_TOKEN);
        assert_eq!(
            verify_capability_token(&forged, &auth_token, fuzz::NOW, 0),
            Err(VerifyError::WrongKind {
                expected: TokenKind::Capability,
                found: TokenKind::Access
            }),
            "verify, grants {value}"
        );
    }
    for (value, found) in every_type {
        if found == JsonKind::Array {
            continue;
        }
        let policies = VerifyError::ClaimType {
            claim: "policies",
            expected: "an array",
            found,
        };
        let payload = format!(
            r#"{{"iss":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","exp":1700003600,"account_sid":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","workspace_sid":"WS11111111111111111111111111111111","channel":"WK22222222222222222222222222222222","policies":{value}}}"#
        );
        let token = fuzz::forge(br#"{"alg":"HS256"}"#, payload.as_bytes(), fuzz::AUTH_TOKEN);
        assert_eq!(
            inspect(&token),
            Err(policies.clone()),
            "inspect, policies {value}"
        );
        let taskrouter = verify_taskrouter_token(&token, &auth_token, fuzz::NOW, 0);
        assert_eq!(
            taskrouter,
            Err(policies),
            "verify_taskrouter_token, policies {value}"
        );
    }
    // A `cty` makes an access token by itself; its grants must still be there.
    let token = fuzz::forge(
        br#"{"alg":"HS256","cty":"twilio-fpa;v=1"}"#,
        br#"{"iss":"SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","sub":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","exp":1700003600}"#,
        fuzz::access::API_SECRET,
    );
    assert_eq!(
        inspect(&token),
        Err(VerifyError::MissingClaim { claim: "grants" })
    );
    // The two minimised inputs, through the target's own invariants.
    for name in [
        "inspect-wrong-kind-grants-null.json",
        "inspect-wrong-kind-policies-null.json",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/verify_inspect")
            .join(name);
        let data = std::fs::read(path).expect("the reproducer");
        fuzz::verify_inspect::run(&data);
    }
}
