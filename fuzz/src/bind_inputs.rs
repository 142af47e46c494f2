//! Binding inputs to a fixed set of policy files, capability and access-token, with arbitrary
//! names and values.
//!
//! Input format (chosen so that seeds are readable and any UTF-8 text can be a value):
//! - byte 0 picks the policy file (modulo the number of files: the capability files first,
//!   then the access-token files);
//! - byte 1 picks the clock: `NOW + b * 997`, or for 0xFD, 0xFE, 0xFF: 0, `u64::MAX - 86400`,
//!   `u64::MAX` (to reach the expiry overflow);
//! - the rest is split on the byte 0xFF, which never occurs in UTF-8, into fields taken two
//!   by two as `name`, `value` (lossily converted to UTF-8; a lone last name gets "").
//!
//! Invariants (see `check_binding`):
//! - names that are not the inputs one to one are an error from `bind`, and a wrong count is
//!   `InputCount` from `CapabilityMinter`;
//! - `bind` + `sign_at` and `CapabilityMinter::mint_at` agree: identical tokens, or the same error;
//! - a successful binding puts each value in every field its input fills, and its token is the
//!   reference bytes and verifies back to `policy.scopes()`; a token refused as too long is
//!   really over `MAX_TOKEN_LEN`, by the length reported.
//!
//! For an access-token file (`AccessTemplate` and `AccessMinter` with the reference API key,
//! see `access::check_binding`): the same, and
//! - `bind` + `sign_at` and `AccessMinter::mint_at` agree: identical tokens, or the same
//!   error; `mint_into` gives the same token, or leaves its buffer empty on error;
//! - a bound policy's token is the reference bytes of spec 1.1-1.5, at most `MAX_TOKEN_LEN`,
//!   verifies with `verify_access_token` and decodes to `policy.grants()` and its identity, and
//!   each value is in every field its input fills.
use std::sync::LazyLock;

use super::access::{self, API_KEY};
use super::{CREDS, NOW, Outcome, check_binding};
use capability::{AccessMinter, AccessTemplate, CapabilityMinter, CapabilityTemplate};

const FILES: &[&str] = &[
    include_str!("../../examples/policies/agent_desk.toml"),
    include_str!("../../examples/policies/click_to_call.toml"),
    include_str!("../../examples/policies/monitor.toml"),
    // Several incoming inputs beside a literal: their values must be distinct.
    r#"
[incoming]
client_name = ["alice", { input = "first" }, { input = "second" }]
[event_stream]
"#,
    // One input fills a client name and the application SID.
    r#"
ttl = 86400
[incoming]
client_name = { input = "who" }
[outgoing]
application_sid = { input = "who" }
params = { caller = { input = "who" }, note = { input = "note" } }
"#,
    // The same input in a param and a filter; the filters table is given.
    r#"
[outgoing]
application_sid = { input = "app" }
params = { a = { input = "v" }, b = "literal", c = 42, d = true }
[event_stream]
filters = { CallSid = { input = "v" }, other = { input = "w" } }
"#,
    // No inputs at all.
    r#"
ttl = 1
[incoming]
client_name = ["alice", "bob"]
[outgoing]
application_sid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
"#,
];

const ACCESS_FILES: &[&str] = &[
    include_str!("../../examples/policies/voice_agent.toml"),
    include_str!("../../examples/policies/team_chat.toml"),
    // Every grant but voice, most fields inputs; one input in two endpoint ids.
    r#"
format = "access-token"
identity = { input = "who" }
region = { input = "region" }
ttl = 600
[video]
room = { input = "room" }
[chat]
service_sid = { input = "chat_service" }
endpoint_id = { input = "endpoint" }
deployment_role_sid = "RL0123456789abcdef0123456789abcdef"
push_credential_sid = { input = "push" }
[sync]
service_sid = { input = "sync_service" }
endpoint_id = { input = "endpoint" }
[task_router]
workspace_sid = "WS0123456789abcdef0123456789abcdef"
worker_sid = { input = "worker" }
role = { input = "role" }
"#,
    // Voice: one input is the identity, the endpoint id and a param.
    r#"
format = "access-token"
identity = { input = "who" }
[voice]
incoming = true
endpoint_id = { input = "who" }
push_credential_sid = { input = "push" }
[voice.outgoing]
application_sid = { input = "app" }
params = { caller = { input = "who" }, note = { input = "note" }, fixed = "a&b=c \"q\"\n" }
"#,
    // No inputs at all.
    r#"
format = "access-token"
identity = "alice"
ttl = 1
[voice]
incoming = true
[video]
"#,
    TWO_PARAMS,
];

/// One input in two params, to reach the length limit with half the bytes (the last access
/// file; `tests/fuzz_regressions.rs` binds it too).
pub const TWO_PARAMS: &str = r#"
format = "access-token"
identity = "alice"
ttl = 86400
[voice.outgoing]
application_sid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
params = { a = { input = "a" }, b = { input = "b" }, c = { input = "a" } }
"#;

static ACCESS_TEMPLATES: LazyLock<Vec<(AccessTemplate, AccessMinter)>> = LazyLock::new(|| {
    ACCESS_FILES
        .iter()
        .map(|source| {
            let template = AccessTemplate::from_toml_str(source)
                .unwrap_or_else(|e| panic!("a fixed access policy file does not load: {e}"));
            let minter = AccessMinter::from_template(&template, &API_KEY);
            (template, minter)
        })
        .collect()
});

static TEMPLATES: LazyLock<Vec<(CapabilityTemplate, CapabilityMinter)>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|source| {
            let template = CapabilityTemplate::from_toml_str(source)
                .unwrap_or_else(|e| panic!("a fixed policy file does not load: {e}"));
            let minter = CapabilityMinter::from_template(&template, &CREDS);
            (template, minter)
        })
        .collect()
});

fn clock(b: u8) -> u64 {
    match b {
        0xFD => 0,
        0xFE => u64::MAX - 86_400,
        0xFF => u64::MAX,
        b => NOW + u64::from(b) * 997,
    }
}

/// Runs one input.
pub fn run(data: &[u8]) {
    let [pick, time, rest @ ..] = data else {
        return;
    };
    let pick = usize::from(*pick) % (TEMPLATES.len() + ACCESS_TEMPLATES.len());
    let fields: Vec<String> = if rest.is_empty() {
        Vec::new()
    } else {
        rest.split(|&b| b == 0xFF)
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect()
    };
    let pairs: Vec<(&str, &str)> = fields
        .chunks(2)
        .map(|c| (c[0].as_str(), c.get(1).map_or("", String::as_str)))
        .collect();
    let Some((template, minter)) = TEMPLATES.get(pick) else {
        let (template, minter) = &ACCESS_TEMPLATES[pick - TEMPLATES.len()];
        if let access::Outcome::Signed(policy, _) | access::Outcome::Unsigned(policy, _) =
            access::check_binding(template, minter, &pairs, clock(*time))
        {
            assert_eq!(template.bind(pairs.iter().copied()).as_ref(), Ok(&policy));
        }
        return;
    };
    if let Outcome::Signed(policy, _) | Outcome::Unsigned(policy, _) =
        check_binding(template, minter, &pairs, clock(*time))
    {
        // Binding is deterministic: the same names and values give the same policy.
        assert_eq!(template.bind(pairs.iter().copied()).as_ref(), Ok(&policy));
    }
}
