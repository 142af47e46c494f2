//! The command line with access tokens: `mint` of every vector byte for byte, `mint --as
//! access-token` row by row of spec section 4, `inspect` and `inspect --verify --json` of
//! access tokens, `check` of access-token policies.

mod support;

use serde_json::{Value, json};
use support::policy_toml::access_policy_toml;
use support::{
    ACCOUNT_SID, API_KEY_SID, API_SECRET, AUTH_TOKEN, NOW, TempDir, arg, capability, vector_file,
};

fn now() -> String {
    NOW.to_string()
}

#[test]
fn mint_reproduces_every_access_vector() {
    let doc = vector_file("access-tokens.json");
    let dir = TempDir::new("access-vectors");
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let file = dir.write(
            &format!("{name}.toml"),
            &access_policy_toml(&case["input"], &["identity"]),
        );
        let identity = format!("identity={}", case["input"]["identity"].as_str().unwrap());
        let out = capability(["mint", &arg(&file), "--input", &identity, "--now", &now()])
            .vector_api_key()
            .run();
        assert_eq!(
            out.ok().trim_end(),
            case["token"].as_str().unwrap(),
            "{name}"
        );
    }
}

#[test]
fn mint_json_has_kind_identity_and_grants() {
    let dir = TempDir::new("access-json");
    let file = dir.write(
        "p.toml",
        "format = \"access-token\"\nidentity = { input = \"identity\" }\nregion = \"ie1\"\n[voice]\nincoming = true\noutgoing = { application_sid = \"APcccccccccccccccccccccccccccccccc\", params = { user_id = \"42\" } }\n",
    );
    let out = capability([
        "mint",
        &arg(&file),
        "--input",
        "identity=mallory",
        "--json",
        "--now",
        &now(),
    ])
    .vector_api_key()
    .run();
    let text = out.ok();
    assert!(
        text.starts_with(r#"{"kind":"access_token","token":""#),
        "{text}"
    );
    let value: Value = serde_json::from_str(text).unwrap();
    let region_vector = vector_file("access-tokens.json")["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "region_ie1")
        .unwrap()
        .clone();
    assert_eq!(
        value,
        json!({
            "kind": "access_token",
            "token": region_vector["token"],
            "expires_at": NOW + 3600,
            "identity": "mallory",
            "grants": {"identity": "mallory", "voice": {"incoming": {"allow": true}, "outgoing": {"application_sid": "APcccccccccccccccccccccccccccccccc", "params": {"user_id": "42"}}}}
        })
    );
}

#[test]
fn an_access_policy_needs_the_api_key_and_never_the_auth_token() {
    let dir = TempDir::new("access-creds");
    let file = dir.write(
        "p.toml",
        "format = \"access-token\"\nidentity = \"a\"\n[video]\n",
    );
    let out = capability(["mint", &arg(&file)]).vector_creds().run();
    out.fails(1, &["environment variable TWILIO_API_KEY is not set"]);
    let out = capability(["mint", &arg(&file)])
        .api_key(ACCOUNT_SID, "SK123", API_SECRET)
        .run();
    out.fails(
        1,
        &["TWILIO_API_KEY: the API key SID must be \"SK\" followed by 32 hexadecimal digits"],
    );
    assert!(!out.stderr.contains("SK123") && !out.stderr.contains(API_SECRET));
    let env = dir.write(
        "key.env",
        &format!("TWILIO_ACCOUNT_SID={ACCOUNT_SID}\nTWILIO_API_KEY={API_KEY_SID}\nTWILIO_API_SECRET={API_SECRET}\n"),
    );
    capability(["mint", &arg(&file), "--env-file", &arg(&env)])
        .run()
        .code(0);
}

/// `mint --as access-token` of a capability policy file.
fn convert(dir: &TempDir, policy: &str, extra: &[&str]) -> support::Output {
    let file = dir.write("cap.toml", policy);
    capability([
        "mint",
        &arg(&file),
        "--as",
        "access-token",
        "--json",
        "--now",
        &now(),
    ])
    .args(extra)
    .vector_api_key()
    .run()
}

#[test]
fn mint_as_access_token_converts_each_row_of_section_4() {
    let dir = TempDir::new("convert");
    // One incoming name, outgoing with params, a ttl.
    let out = convert(
        &dir,
        "ttl = 600\n[incoming]\nclient_name = \"alice\"\n[outgoing]\napplication_sid = \"APcccccccccccccccccccccccccccccccc\"\nparams = { z = \"1\", a = \"2\" }\n",
        &[],
    );
    let value: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(value["expires_at"], NOW + 600);
    assert_eq!(
        value["grants"],
        json!({"identity": "alice", "voice": {"incoming": {"allow": true}, "outgoing": {"application_sid": "APcccccccccccccccccccccccccccccccc", "params": {"z": "1", "a": "2"}}}})
    );
    assert_eq!(
        serde_json::to_string(&value["grants"]).unwrap(),
        r#"{"identity":"alice","voice":{"incoming":{"allow":true},"outgoing":{"application_sid":"APcccccccccccccccccccccccccccccccc","params":{"z":"1","a":"2"}}}}"#
    );
    // No incoming name: --identity gives it, and must be a client name.
    let outgoing = "[outgoing]\napplication_sid = \"APcccccccccccccccccccccccccccccccc\"\n";
    let out = convert(&dir, outgoing, &["--identity", "bob"]);
    let value: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(value["identity"], "bob");
    convert(&dir, outgoing, &[]).fails(
        1,
        &["cannot sign as an access token: the policy has no incoming client name"],
    );
    convert(&dir, outgoing, &["--identity", "bob smith"]).fails(
        1,
        &["--identity: client name \"bob smith\" may contain only letters, digits and underscores"],
    );
    // Refusals, each naming what cannot be carried over.
    convert(&dir, "[incoming]\nclient_name = [\"a\", \"b\"]\n", &[]).fails(
        1,
        &["incoming calls to 2 client names (\"a\", \"b\"); an access token has one identity"],
    );
    convert(
        &dir,
        "[incoming]\nclient_name = \"a\"\n[event_stream]\n",
        &[],
    )
    .fails(1, &["access tokens have no event-stream grant"]);
    convert(&dir, "[incoming]\nclient_name = \"a\"\n", &["--identity", "b"]).fails(1, &["the policy's incoming client name \"a\" is the access token's identity; do not give another"]);
    // --identity is for --as; --as is for capability policies.
    let file = dir.write("cap2.toml", "[incoming]\nclient_name = \"a\"\n");
    capability(["mint", &arg(&file), "--identity", "b"])
        .vector_api_key()
        .run()
        .code(2);
    let access = dir.write(
        "acc.toml",
        "format = \"access-token\"\nidentity = \"a\"\n[video]\n",
    );
    capability(["mint", &arg(&access), "--as", "access-token"])
        .vector_api_key()
        .run()
        .fails(2, &["is not a capability policy"]);
}

#[test]
fn inspect_detects_an_access_token_and_verifies_it_with_the_api_secret() {
    let doc = vector_file("access-tokens.json");
    let case = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "region_ie1")
        .unwrap();
    let token = case["token"].as_str().unwrap();
    let out = capability(["inspect", token, "--now", &now()]).run();
    assert_eq!(
        out.ok(),
        "\
header:     alg \"HS256\", typ \"JWT\", cty \"twilio-fpa;v=1\", region \"ie1\"
issuer:     SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
account:    ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
identity:   mallory
expiry:     2023-11-14 23:13:20 UTC (expires in 1h)
grants:
  - voice: incoming calls; outgoing calls through application \"APcccccccccccccccccccccccccccccccc\", with params \"user_id\" = \"42\"
signature:  NOT verified (use --verify)
"
    );
    // --verify takes TWILIO_API_SECRET for an access token; the auth token is not asked for.
    let out = capability(["inspect", token, "--verify", "--json", "--now", &now()])
        .env("TWILIO_API_SECRET", API_SECRET)
        .run();
    let value: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(
        value,
        json!({
            "kind": "access_token",
            "verified": true,
            "header": {"typ": "JWT", "alg": "HS256", "cty": "twilio-fpa;v=1", "twr": "ie1"},
            "claims": {"jti": format!("{API_KEY_SID}-{NOW}"), "iss": API_KEY_SID, "sub": ACCOUNT_SID, "exp": NOW + 3600, "nbf": null, "iat": null},
            "grants": {"identity": "mallory", "voice": {"incoming": {"allow": true}, "outgoing": {"application_sid": "APcccccccccccccccccccccccccccccccc", "params": {"user_id": "42"}}}},
            "warnings": []
        })
    );
    let out = capability(["inspect", token, "--verify", "--now", &now()])
        .env("TWILIO_API_SECRET", "wrong")
        .env("TWILIO_AUTH_TOKEN", API_SECRET)
        .run();
    out.code(1).stderr_has(&["token rejected: bad signature"]);
    assert!(out.stdout.contains("signature:  REJECTED: bad signature"));
    capability(["inspect", token, "--verify", "--now", &now()])
        .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
        .run()
        .fails(1, &["environment variable TWILIO_API_SECRET is not set"]);
}

#[test]
fn inspect_reads_every_official_access_token() {
    let doc = vector_file("official-access-tokens.json");
    for case in doc["cases"].as_array().unwrap() {
        if case["kind"] != "access" {
            continue;
        }
        let token = case["token"].as_str().unwrap();
        let out = capability(["inspect", token, "--verify", "--json", "--now", &now()])
            .env("TWILIO_API_SECRET", case["api_secret"].as_str().unwrap())
            .run();
        let value: Value = serde_json::from_str(out.ok()).unwrap();
        let expect = &case["expect"];
        assert_eq!(value["header"], expect["header"], "{}", case["name"]);
        let mut grants = expect["grants"].clone();
        grants["identity"] = expect["identity"].clone();
        let sorted = |v: &Value| {
            serde_json::to_string(
                &serde_json::from_value::<std::collections::BTreeMap<String, Value>>(v.clone())
                    .unwrap(),
            )
            .unwrap()
        };
        assert_eq!(
            sorted(&value["grants"]),
            sorted(&grants),
            "{}",
            case["name"]
        );
        for claim in ["jti", "iss", "sub", "exp", "nbf", "iat"] {
            let expected = expect["claims"].get(claim).cloned().unwrap_or(Value::Null);
            assert_eq!(value["claims"][claim], expected, "{} {claim}", case["name"]);
        }
        assert_eq!(value["warnings"], json!([]), "{}", case["name"]);
    }
}

#[test]
fn check_validates_access_token_policies() {
    let dir = TempDir::new("access-check");
    let good = dir.write(
        "good.toml",
        "format = \"access-token\"\nidentity = { input = \"identity\" }\nttl = 600\n[voice]\nincoming = true\n",
    );
    let bad = dir.write(
        "bad.toml",
        "format = \"access-token\"\nidentity = \"a b\"\n[video]\n",
    );
    let out = capability(["check", &arg(&good), &arg(&bad)]).run();
    out.code(1);
    assert!(
        out.stdout.contains(&format!(
            "{}: ok, access-token policy, ttl 600s, 1 input\n  identity: identity (a client name: the policy has a voice grant)\n",
            arg(&good)
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains(&format!("--> {}:2:12", arg(&bad))),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("identity \"a b\" must be 1 to 121 characters"),
        "{}",
        out.stderr
    );
}
