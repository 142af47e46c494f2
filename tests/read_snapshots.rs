//! Differential snapshots of the access-token and TaskRouter readers: what
//! `verify_access_token`, `verify_taskrouter_token` and `inspect` answer (the decoded token or
//! the error, and inspect's warnings) for hostile payloads, recorded once in
//! `tests/snapshots/readers.txt` and compared on every run, so that a faster reader is held to
//! exactly the answers of the one before it: the same values, the same first problem, the same
//! duplicate-key handling.
//!
//! A table of hand-written cases is recorded in full; the generated ones (a fixed-seed
//! generator of JSON built from the formats' own keys, with wrong types, repeated keys, escapes,
//! lone surrogates, out-of-range numbers and deep nesting) as one FNV-1a hash per block of 50.
//! To record again, on purpose: `SNAPSHOT_UPDATE=1 cargo test --test read_snapshots`.

use std::fmt::{Debug, Write as _};

use capability::{AuthToken, inspect, verify_access_token, verify_taskrouter_token};

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod fuzz;

const SNAPSHOT: &str = "tests/snapshots/readers.txt";
const ACCESS_HEADER: &str = r#"{"typ":"JWT","alg":"HS256","cty":"twilio-fpa;v=1"}"#;
const TR_HEADER: &str = r#"{"typ":"JWT","alg":"HS256"}"#;
const KEY: &str = "s3cr3t";
const NOW: u64 = 1_700_000_000;
const BLOCK: usize = 50;
const GENERATED: usize = 2000;

/// An access payload around `grants`.
fn access_payload(grants: &str) -> String {
    format!(
        r#"{{"jti":"SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-1700000000","iss":"SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","sub":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","exp":1700003600,"grants":{grants}}}"#
    )
}

/// A TaskRouter payload around `policies`.
fn taskrouter_payload(policies: &str) -> String {
    format!(
        r#"{{"account_sid":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","workspace_sid":"WS11111111111111111111111111111111","channel":"WK22222222222222222222222222222222","version":"v1","friendly_name":"WK22222222222222222222222222222222","policies":{policies},"iss":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","exp":1700003600,"worker_sid":"WK22222222222222222222222222222222"}}"#
    )
}

/// What the verifier and `inspect` answer for an access payload, on one line each.
fn access_outcome(payload: &str) -> String {
    let token = fuzz::forge(ACCESS_HEADER.as_bytes(), payload.as_bytes(), KEY);
    let secret = KEY.parse().unwrap();
    lines(
        verify_access_token(&token, &secret, NOW, 0),
        inspect(&token),
    )
}

/// What the verifier and `inspect` answer for a TaskRouter payload.
fn taskrouter_outcome(payload: &str) -> String {
    let token = fuzz::forge(TR_HEADER.as_bytes(), payload.as_bytes(), KEY);
    let key: AuthToken = KEY.parse().unwrap();
    lines(
        verify_taskrouter_token(&token, &key, NOW, 0),
        inspect(&token),
    )
}

/// The constants every case repeats, shortened in the snapshot: the access header and claims,
/// the absent grants, the SIDs.
const SHORT: [(&str, &str); 7] = [
    (
        r#"Header { alg: "HS256", typ: Some("JWT"), cty: Some("twilio-fpa;v=1"), twr: None }"#,
        "HEADER",
    ),
    (
        r#"claims: Claims { iss: "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", exp: Seconds(1700003600), nbf: None, iat: None }, jti: Some("SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-1700000000"), sub: "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa""#,
        "CLAIMS",
    ),
    (
        "video: None, chat: None, sync: None, task_router: None",
        "NONE",
    ),
    ("SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "SKb…"),
    ("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ACa…"),
    ("WK22222222222222222222222222222222", "WK2…"),
    ("WS11111111111111111111111111111111", "WS1…"),
];

/// The verifier's answer (a decoded token by its hash: `inspect` shows it) and inspect's.
fn lines<T: Debug, E: Debug>(verified: Result<T, E>, inspected: impl Debug) -> String {
    let verified = match verified {
        Ok(d) => format!("Ok(fnv {:016x})", fnv1a(&format!("{d:?}"))),
        Err(e) => format!("Err({e:?})"),
    };
    let text = format!("verify: {verified}\ninspect: {inspected:?}\n");
    SHORT
        .iter()
        .fold(text, |text, (long, short)| text.replace(long, short))
}

/// `[[...[x]...]]`, `depth` deep.
fn nested(depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth))
}

/// Hand-written access grants: each a `grants` value, or (starting with `payload:`) a whole
/// payload.
fn access_table() -> Vec<String> {
    let mut cases: Vec<String> = [
        r#"{"identity":"alice","voice":{"incoming":{"allow":true}}}"#,
        // The grants themselves of every wrong type.
        "null",
        "1",
        "-1",
        "1.5",
        "1e400",
        "18446744073709551616",
        r#""x""#,
        r#""\ud800""#,
        "[]",
        "true",
        "{}",
        r#" { "identity" : "alice" } "#,
        // The identity.
        r#"{"voice":{}}"#,
        r#"{"identity":""}"#,
        r#"{"identity":1}"#,
        r#"{"identity":null}"#,
        r#"{"identity":[]}"#,
        r#"{"identity":{}}"#,
        r#"{"identity":1e400}"#,
        r#"{"identity":"\ud800"}"#,
        r#"{"identity":"\u0061lice\u00e9\ud83d\ude00"}"#,
        r#"{"identity":1,"identity":"bob"}"#,
        r#"{"identity":"bob","identity":1}"#,
        r#"{"identity":1e400,"identity":"bob"}"#,
        r#"{"identity":"bob","identity":"\ud800"}"#,
        // voice, at every level.
        r#"{"identity":"a","voice":null}"#,
        r#"{"identity":"a","voice":1}"#,
        r#"{"identity":"a","voice":1e400}"#,
        r#"{"identity":"a","voice":"x"}"#,
        r#"{"identity":"a","voice":[]}"#,
        r#"{"identity":"a","voice":{}}"#,
        r#"{"identity":"a","voice":{"incoming":null}}"#,
        r#"{"identity":"a","voice":{"incoming":1}}"#,
        r#"{"identity":"a","voice":{"incoming":"\ud800"}}"#,
        r#"{"identity":"a","voice":{"incoming":{}}}"#,
        r#"{"identity":"a","voice":{"incoming":{"allow":1}}}"#,
        r#"{"identity":"a","voice":{"incoming":{"allow":null}}}"#,
        r#"{"identity":"a","voice":{"incoming":{"allow":1e400}}}"#,
        r#"{"identity":"a","voice":{"incoming":{"allow":true,"allow":1}}}"#,
        r#"{"identity":"a","voice":{"incoming":{"allow":1,"allow":true}}}"#,
        r#"{"identity":"a","voice":{"incoming":{"allow":false,"allow":1e400}}}"#,
        r#"{"identity":"a","voice":{"incoming":{"x":1e400,"allow":true,"y":"\ud800"}}}"#,
        r#"{"identity":"a","voice":{"incoming":{"allow":true},"incoming":{"allow":false}}}"#,
        r#"{"identity":"a","voice":{"incoming":{"allow":true},"incoming":1}}"#,
        r#"{"identity":"a","voice":{"incoming":{"allow":true,"\ud800":1}}}"#,
        r#"{"identity":"a","voice":{"incoming":1,"\udc00":2}}"#,
        r#"{"identity":"a","voice":{"\ud800":1}}"#,
        r#"{"identity":"a","voice":{"outgoing":null}}"#,
        r#"{"identity":"a","voice":{"outgoing":1}}"#,
        r#"{"identity":"a","voice":{"outgoing":{}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":1}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":null}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":1e400}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":"\ud800"}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":"AP1","application_sid":2}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":2,"application_sid":"AP1"}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"params":{"a":"b"}}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":"AP1","params":1}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":"AP1","params":null}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":"AP1","params":1e400}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":"AP1","params":{}}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":"AP1","params":{"a":1e400,"b":"\ud800","c":[1,{"d":null,"d":2}],"a":2,"\u00e9":"\u0000"}}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":"AP1","params":{"a":"1"},"params":1}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":"AP1","params":1,"params":{"a":"1"}}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":"AP1","params":{"a":"1"},"params":{"b":"2"}}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":"AP1","params":{"\ud800":"1"}}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":"AP1","x":1e400,"y":{"z":"\ud800"}}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":"AP1"},"outgoing":{"application_sid":2}}}"#,
        r#"{"identity":"a","voice":{"outgoing":{"application_sid":2},"outgoing":{"application_sid":"AP1"}}}"#,
        r#"{"identity":"a","voice":{"push_credential_sid":1,"endpoint_id":null}}"#,
        r#"{"identity":"a","voice":{"push_credential_sid":"CR1","endpoint_id":"e","push_credential_sid":"CR2"}}"#,
        r#"{"identity":"a","voice":{"push_credential_sid":"CR1","push_credential_sid":1e400}}"#,
        r#"{"identity":"a","voice":{"endpoint_id":"\ud800","endpoint_id":"e"}}"#,
        r#"{"identity":"a","voice":{"unknown":1e400,"incoming":{"allow":true},"other":[1,2]}}"#,
        r#"{"identity":"a","voice":{"incoming":{"allow":true}},"voice":1}"#,
        r#"{"identity":"a","voice":1,"voice":{"incoming":{"allow":true}}}"#,
        r#"{"identity":"a","voice":{"incoming":{"allow":true}},"voice":{"outgoing":{"application_sid":"AP1"}}}"#,
        // video, chat, data_sync, task_router.
        r#"{"identity":"a","video":1}"#,
        r#"{"identity":"a","video":null}"#,
        r#"{"identity":"a","video":{}}"#,
        r#"{"identity":"a","video":{"room":1}}"#,
        r#"{"identity":"a","video":{"room":"r","room":2}}"#,
        r#"{"identity":"a","video":{"room":2,"room":"r"}}"#,
        r#"{"identity":"a","video":{"room":"r","room":1e400}}"#,
        r#"{"identity":"a","video":{"room":"\ud800"}}"#,
        r#"{"identity":"a","video":{"room":"r","\ud800":1}}"#,
        r#"{"identity":"a","video":{"room":"r"},"video":{"room":"s"}}"#,
        r#"{"identity":"a","video":{"room":"r"},"video":1}"#,
        r#"{"identity":"a","chat":{"service_sid":"IS1","endpoint_id":"e","deployment_role_sid":"RL1","push_credential_sid":"CR1"}}"#,
        r#"{"identity":"a","chat":{"service_sid":1,"endpoint_id":true,"deployment_role_sid":[],"push_credential_sid":{}}}"#,
        r#"{"identity":"a","chat":[]}"#,
        r#"{"identity":"a","data_sync":{"service_sid":"IS1","endpoint_id":null}}"#,
        r#"{"identity":"a","data_sync":"x"}"#,
        r#"{"identity":"a","task_router":{"workspace_sid":"WS1","worker_sid":"WK1","role":"worker"}}"#,
        r#"{"identity":"a","task_router":{"workspace_sid":-1,"worker_sid":1.5,"role":18446744073709551616}}"#,
        r#"{"identity":"a","task_router":false}"#,
        // Grants this crate does not type, and keys that only look like the typed ones.
        r#"{"identity":"a","player":{"voice":{"incoming":1}},"rtc":null,"ip_messaging":[1,"x"]}"#,
        r#"{"identity":"a","player":1,"player":{"url":"x"}}"#,
        r#"{"identity":"a","player":{"a":1e400}}"#,
        r#"{"identity":"a","player":"\ud800"}"#,
        r#"{"identity":"a","player":{"a":1,"a":2}}"#,
        r#"{"identity":"a","\u0076oice":{"incoming":{"\u0061llow":true}}}"#,
        r#"{"identity":"a","voice ":{"incoming":{"allow":true}}}"#,
        r#"{"identity":"a","\ud800":1}"#,
        r#"{"\u0069dentity":"a","vid\u0065o":{"ro\u006fm":"\"r\\"}}"#,
        // Several problems, in token order.
        r#"{"voice":{"incoming":1,"outgoing":{"application_sid":2,"params":3},"endpoint_id":4},"video":{"room":5},"chat":{"service_sid":6},"identity":7}"#,
        r#"{"identity":"","task_router":{"role":1},"data_sync":{"endpoint_id":2},"voice":{"outgoing":{}}}"#,
    ]
    .map(str::to_owned)
    .to_vec();
    // Deep values: a fresh parser reads up to 128 levels.
    for depth in [100, 120, 126, 127, 130, 200] {
        let deep = nested(depth, "1");
        cases.push(format!(r#"{{"identity":"a","player":{deep}}}"#));
        cases.push(format!(
            r#"{{"identity":"a","voice":{{"outgoing":{{"application_sid":"AP1","params":{{"a":{deep}}}}}}}}}"#
        ));
        cases.push(format!(r#"{{"identity":"a","voice":{{"x":{deep}}}}}"#));
        cases.push(format!(r#"{{"identity":{deep}}}"#));
        cases.push(format!(r#"{{"identity":"a","video":{{"room":{deep}}}}}"#));
    }
    // Whole payloads: the top-level claims.
    let grants = r#"{"identity":"a","voice":{"incoming":{"allow":true}}}"#;
    for payload in [
        format!(
            r#"{{"iss":"SK1","sub":"AC1","exp":1700003600,"grants":{grants},"grants":{grants}}}"#
        ),
        format!(r#"{{"iss":"SK1","sub":"AC1","sub":"AC2","exp":1700003600,"grants":{grants}}}"#),
        format!(r#"{{"iss":"SK1","sub":"AC1","exp":1700003600,"x":1,"x":2,"grants":{grants}}}"#),
        format!(
            r#"{{"iss":"SK1","sub":"AC1","exp":1700003600,"grants":{grants},"policies":[],"workspace_sid":"WS1"}}"#
        ),
        r#"{"iss":"SK1","sub":"AC1","exp":1700003600,"grants":null,"policies":[],"workspace_sid":"WS1"}"#.to_string(),
        format!(r#"{{"iss":"SK1","sub":"AC1","exp":1.5,"grants":{grants}}}"#),
        format!(r#"{{"iss":"SK1","exp":1700003600,"grants":{grants}}}"#),
        format!(r#"{{"iss":"SK1","sub":1,"exp":1700003600,"grants":{grants}}}"#),
        format!(r#"{{"jti":1,"iss":"SK1","sub":"AC1","exp":1700003600,"grants":{grants}}}"#),
        r#"{"iss":"SK1","sub":"AC1","exp":1700003600}"#.to_string(),
        format!(r#"{{"iss":"SK1","sub":"AC1","exp":1700003600,"grants":{grants},"y":1e400}}"#),
        r#"{"iss":"SK1","sub":"AC1","exp":1699999999,"grants":{"identity":1}}"#.to_string(),
        r#"{"iss":"SK1","sub":"AC1","exp":1700003600,"nbf":1800000000,"grants":{"identity":1}}"#.to_string(),
    ] {
        cases.push(format!("payload:{payload}"));
    }
    cases
}

/// Hand-written TaskRouter policies: each a `policies` value, or a whole payload.
fn taskrouter_table() -> Vec<String> {
    let good = r#"{"url":"https://taskrouter.twilio.com/v1/Workspaces/WS1/Activities","method":"GET","allow":true,"query_filter":{},"post_filter":{}}"#;
    let mut cases: Vec<String> = [
        "null",
        "1",
        "{}",
        r#""x""#,
        "[]",
        "[1]",
        "[null,{}]",
        r#"[{"url":1,"method":null,"allow":"yes"}]"#,
        r#"[{"url":"u","method":"GET"}]"#,
        r#"[{"url":"u","method":"GET","allow":true}]"#,
        r#"[{"url":"u","method":"GET","allow":true,"query_filter":1,"post_filter":[]}]"#,
        r#"[{"url":"u","method":"GET","allow":true,"query_filter":{"a":{"required":true},"b":{"required":false}}}]"#,
        r#"[{"url":"u","method":"GET","allow":true,"query_filter":{"a":{"required":1}}}]"#,
        r#"[{"url":"u","method":"GET","allow":true,"query_filter":{"a":1,"b":{"required":1}}}]"#,
        r#"[{"url":"u","method":"GET","allow":true,"post_filter":{"a":{}}}]"#,
        r#"[{"url":"u","method":"GET","allow":true,"post_filter":{"a":{"required":true,"required":1}}}]"#,
        r#"[{"url":"u","method":"GET","allow":true,"query_filter":{"a":{"required":true},"a":{"required":false}}}]"#,
        r#"[{"url":"u","url":1,"method":"GET","allow":true}]"#,
        r#"[{"url":1,"url":"u","method":"GET","allow":true,"allow":false}]"#,
        r#"[{"url":"\u0075\ud83d\ude00","method":"G\u0045T","allow":true,"x":[1,{"y":null}]}]"#,
        r#"[{"url":"\ud800","method":"GET","allow":true}]"#,
        r#"[{"url":"u","method":"GET","allow":true,"x":1e400}]"#,
        r#"[{"\ud800":1,"url":"u","method":"GET","allow":true}]"#,
        r#"[{"url":"u","method":"GET","allow":true,"query_filter":{"a":{"required":true,"x":2}}}]"#,
        r#"[1,{"url":2},{"url":"u","method":"GET","allow":true,"query_filter":3}]"#,
    ]
    .map(str::to_owned)
    .to_vec();
    cases.push(format!("[{good},{good}]"));
    for depth in [120, 126, 127, 130] {
        cases.push(format!(
            r#"[{{"url":"u","method":"GET","allow":true,"x":{}}}]"#,
            nested(depth, "1")
        ));
    }
    let p = format!("[{good}]");
    let head = r#""account_sid":"AC1","workspace_sid":"WS1","channel":"WK1""#;
    for payload in [
        format!(r#"{{{head},"policies":{p},"policies":{p},"iss":"AC1","exp":1700003600}}"#),
        format!(r#"{{{head},"policies":{p},"iss":"AC1","exp":1700003600,"grants":{{}}}}"#),
        format!(r#"{{{head},"policies":{p},"iss":"AC1","exp":1700003600,"worker_sid":1}}"#),
        format!(
            r#"{{"account_sid":"AC1","workspace_sid":"WS1","policies":{p},"iss":"AC1","exp":1700003600}}"#
        ),
        format!(
            r#"{{"account_sid":"AC1","channel":"WK1","policies":{p},"iss":"AC1","exp":1700003600}}"#
        ),
        format!(r#"{{{head},"workspace_sid":"WS2","policies":{p},"iss":"AC1","exp":1700003600}}"#),
        format!(
            r#"{{{head},"policies":{p},"iss":"AC1","exp":1700003600,"friendly_name":null,"version":2}}"#
        ),
    ] {
        cases.push(format!("payload:{payload}"));
    }
    cases
}

/// A small deterministic generator (splitmix64), so that the generated cases never change.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    /// Any JSON value for a member `key`: its objects' keys are `children(key)`, `depth`
    /// levels at most.
    fn value(&mut self, key: &str, children: Children, depth: usize) -> String {
        const SCALARS: [&str; 16] = [
            "null",
            "true",
            "false",
            "0",
            "-1",
            "1.5",
            "1e400",
            "18446744073709551616",
            r#""""#,
            r#""alice""#,
            r#""APcccccccccccccccccccccccccccccccc""#,
            r#""\u0061\"\\""#,
            r#""\ud800""#,
            r#""é\ud83d\ude00""#,
            r#""GET""#,
            r#""https://x/**""#,
        ];
        match self.below(if depth == 0 { 4 } else { 10 }) {
            0..=3 => self.pick(&SCALARS).to_owned(),
            4 => {
                let items: Vec<String> = (0..self.below(3))
                    .map(|_| self.value(key, children, depth - 1))
                    .collect();
                format!("[{}]", items.join(","))
            }
            _ => self.object(key, children, depth - 1),
        }
    }

    /// An object for a member `key`, of 0 to 4 members.
    fn object(&mut self, key: &str, children: Children, depth: usize) -> String {
        let keys = children(key);
        let members: Vec<String> = (0..self.below(5))
            .map(|_| {
                let child = self.pick(keys);
                let text = match self.below(20) {
                    0 => r#""\ud800""#.to_owned(),
                    // The same key, escaped.
                    1 => format!(r#""\u{:04x}{}""#, child.as_bytes()[0], &child[1..]),
                    _ => format!(r#""{child}""#),
                };
                format!("{text}:{}", self.value(child, children, depth))
            })
            .collect();
        format!("{{{}}}", members.join(","))
    }
}

/// The keys of an object that is the value of a member `key`.
type Children = fn(&str) -> &'static [&'static str];

fn access_children(key: &str) -> &'static [&'static str] {
    match key {
        "grants" => &[
            "identity",
            "voice",
            "video",
            "chat",
            "data_sync",
            "task_router",
            "player",
            "voice",
        ],
        "voice" => &[
            "incoming",
            "outgoing",
            "push_credential_sid",
            "endpoint_id",
            "x",
        ],
        "incoming" => &["allow", "x"],
        "outgoing" => &["application_sid", "params", "x"],
        "video" => &["room", "x"],
        "chat" => &[
            "service_sid",
            "endpoint_id",
            "deployment_role_sid",
            "push_credential_sid",
        ],
        "data_sync" => &["service_sid", "endpoint_id"],
        "task_router" => &["workspace_sid", "worker_sid", "role"],
        _ => &["a", "voice", "allow"],
    }
}

fn taskrouter_children(key: &str) -> &'static [&'static str] {
    match key {
        "policies" => &["url", "method", "allow", "query_filter", "post_filter", "x"],
        "query_filter" | "post_filter" => &["a", "b"],
        "a" | "b" => &["required", "required", "x"],
        _ => &["a", "url"],
    }
}

/// The generated access grants.
fn access_generated() -> Vec<String> {
    let mut g = Gen(20);
    (0..GENERATED)
        .map(|i| {
            let grants = g.object("grants", access_children, 4);
            // Half of them with a good identity first, so that the grants' own problems show.
            if i % 2 == 0 && grants.len() > 2 {
                format!(r#"{{"identity":"alice",{}"#, &grants[1..])
            } else {
                grants
            }
        })
        .collect()
}

/// The generated TaskRouter policies.
fn taskrouter_generated() -> Vec<String> {
    let mut g = Gen(6);
    (0..GENERATED)
        .map(|_| {
            let policies: Vec<String> = (0..g.below(4))
                .map(|_| match g.below(4) {
                    0 => g.value("policies", taskrouter_children, 3),
                    _ => g.object("policies", taskrouter_children, 3),
                })
                .collect();
            format!("[{}]", policies.join(","))
        })
        .collect()
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The payload a case stands for.
fn payload_of(case: &str, around: fn(&str) -> String) -> String {
    case.strip_prefix("payload:")
        .map_or_else(|| around(case), str::to_owned)
}

/// The snapshot text of every case, as the readers answer today.
fn snapshot() -> String {
    let mut out = String::new();
    /// A format: its name, its hand-written and generated cases, how a case becomes a
    /// payload, and what the readers answer for a token.
    type Format = (
        &'static str,
        Vec<String>,
        Vec<String>,
        fn(&str) -> String,
        fn(&str) -> String,
    );
    let formats: [Format; 2] = [
        (
            "access",
            access_table(),
            access_generated(),
            access_payload,
            access_outcome,
        ),
        (
            "taskrouter",
            taskrouter_table(),
            taskrouter_generated(),
            taskrouter_payload,
            taskrouter_outcome,
        ),
    ];
    for (name, table, generated, around, outcome) in formats {
        for (i, case) in table.iter().enumerate() {
            let payload = payload_of(case, around);
            // Deep cases are long; they are named by their hash.
            let shown = if case.len() > 300 {
                format!("{} bytes, fnv {:016x}", case.len(), fnv1a(case))
            } else {
                case.clone()
            };
            let _ = write!(out, "== {name} {i}: {shown}\n{}", outcome(&payload));
        }
        for (block, cases) in generated.chunks(BLOCK).enumerate() {
            let text: String = cases.iter().map(|c| outcome(&around(c))).collect();
            let _ = writeln!(
                out,
                "== {name} generated block {block}: fnv {:016x}",
                fnv1a(&text)
            );
        }
    }
    out
}

#[test]
fn the_readers_answer_as_recorded() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SNAPSHOT);
    let now = snapshot();
    if std::env::var_os("SNAPSHOT_UPDATE").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &now).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&path).expect("the recorded snapshot");
    let differ: Vec<(&str, &str)> = recorded
        .split("\n== ")
        .zip(now.split("\n== "))
        .filter(|(a, b)| a != b)
        .collect();
    for (was, is) in differ.iter().take(5) {
        eprintln!("--- recorded:\n{was}\n+++ now:\n{is}\n");
    }
    assert!(
        differ.is_empty(),
        "{} cases answer differently",
        differ.len()
    );
    assert_eq!(recorded, now, "the snapshot has another number of cases");
}

/// The generator reaches what it is for: the generated cases are not all refused alike.
#[test]
fn the_generated_cases_reach_the_grants_and_policies() {
    let access: Vec<String> = access_generated()
        .iter()
        .map(|c| access_outcome(&access_payload(c)))
        .collect();
    let count =
        |outcomes: &[String], what: &str| outcomes.iter().filter(|o| o.contains(what)).count();
    assert!(count(&access, "verify: Ok(") > 20, "few verified");
    assert!(count(&access, "grants.voice.incoming.allow") > 20);
    assert!(count(&access, "grants.voice.outgoing.application_sid") > 20);
    assert!(count(&access, "grants.chat.") > 20);
    assert!(count(&access, "Malformed") > 5);
    let tr: Vec<String> = taskrouter_generated()
        .iter()
        .map(|c| taskrouter_outcome(&taskrouter_payload(c)))
        .collect();
    assert!(count(&tr, "verify: Ok(") > 20, "few verified");
    assert!(count(&tr, "policies[].query_filter") > 20);
    assert!(count(&tr, "policies[].allow") > 20);
}
