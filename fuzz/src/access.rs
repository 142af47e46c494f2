//! The access-token oracles (`docs/spec/access-token.md`), shared by the targets.
//!
//! As for capability tokens, they are written from the spec, not from the library:
//! - [`model`] reads a payload's `grants` as spec section 3 says, with a JSON tree of its own
//!   (which keeps every member, so a repeated key is seen), into the typed grants and the list
//!   of type problems `verify_access_token` must refuse;
//! - [`reference_token`] writes the token spec 1.1-1.5 describes for a policy, with a JSON
//!   escaper of its own, signed by the `hmac` crate;
//! - [`check_binding`] binds an [`AccessTemplate`] by name and by position ([`AccessMinter`])
//!   and checks that both agree, and that what they sign round-trips.
use std::fmt;
use std::sync::LazyLock;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::{ACCOUNT_SID, AUTH_TOKEN, auth_token, forge, signed_with};
use capability::{
    AccessGrants, AccessMinter, AccessPolicy, AccessTemplate, ApiKey, ApiSecret, BindError,
    BindProblem, ChatClaims, InputUse, JsonKind, MAX_TOKEN_LEN, MintError, OutgoingClaims,
    PolicyError, SidKind, SignError, SyncClaims, TaskRouterClaims, TextKind, Token, TokenKind,
    VerifyError, VideoClaims, VoiceClaims, inspect, verify_access_token, verify_capability_token,
};

/// The reference API key of `tests/vectors/access-tokens.json`.
pub const API_KEY_SID: &str = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
/// Its secret: every reference access token is signed with it.
pub const API_SECRET: &str = "goldenvectorsecret0123456789abcd";
/// The secret of the official libraries' access tokens (`official-access-tokens.json`).
pub const OFFICIAL_SECRET: &str = "s3cr3ts3cr3ts3cr3ts3cr3ts3cr3t00";
/// Spec 1.2.
pub const CTY: &str = "twilio-fpa;v=1";

/// The reference API key.
pub static API_KEY: LazyLock<ApiKey> = LazyLock::new(|| {
    ApiKey::new(ACCOUNT_SID, API_KEY_SID, API_SECRET).expect("the reference API key")
});

/// `text` as an `ApiSecret`.
pub fn api_secret(text: &str) -> ApiSecret {
    text.parse().expect("a non-empty secret")
}

// ---------------------------------------------------------------------------------------------
// A JSON tree that keeps every member of an object, in order.

/// A JSON value. Objects keep every member, repeated keys included, so that the model can
/// tell a repeated key (which spec section 3 does not define) from a unique one.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(Number),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Json, E> {
                Ok(Json::Bool(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Json, E> {
                Ok(Json::Num(v.into()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Json, E> {
                Ok(Json::Num(v.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Json, E> {
                Number::from_f64(v)
                    .map(Json::Num)
                    .ok_or_else(|| E::custom("not a JSON number"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Json, E> {
                Ok(Json::Str(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Json, E> {
                Ok(Json::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Arr(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, Json>()? {
                    members.push(member);
                }
                Ok(Json::Obj(members))
            }
        }
        d.deserialize_any(V)
    }
}

impl Json {
    /// Whether an object anywhere inside holds a key twice.
    pub fn has_repeated_key(&self) -> bool {
        match self {
            Json::Obj(members) => {
                members
                    .iter()
                    .enumerate()
                    .any(|(i, (k, _))| members[..i].iter().any(|(e, _)| e == k))
                    || members.iter().any(|(_, v)| v.has_repeated_key())
            }
            Json::Arr(items) => items.iter().any(Json::has_repeated_key),
            _ => false,
        }
    }

    /// The kind spec section 3 names in a type error.
    pub fn kind(&self) -> JsonKind {
        match self {
            Json::Null => JsonKind::Null,
            Json::Bool(_) => JsonKind::Bool,
            Json::Num(n) if n.is_u64() => JsonKind::Integer,
            Json::Num(n) if n.is_i64() => JsonKind::NegativeInteger,
            Json::Num(_) => JsonKind::OtherNumber,
            Json::Str(_) => JsonKind::String,
            Json::Arr(_) => JsonKind::Array,
            Json::Obj(_) => JsonKind::Object,
        }
    }

    /// As a `serde_json::Value` (for a tree without repeated keys).
    pub fn to_value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Num(n) => Value::Number(n.clone()),
            Json::Str(s) => Value::String(s.clone()),
            Json::Arr(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            Json::Obj(members) => {
                let mut map = Map::new();
                for (k, v) in members {
                    map.insert(k.clone(), v.to_value());
                }
                Value::Object(map)
            }
        }
    }

    fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Spec section 3: the grants, typed, and their type problems.

/// What spec section 3 reads in a payload's `grants`.
#[derive(Debug)]
pub struct Model {
    /// `grants.identity`, when it is a non-empty string.
    pub identity: Option<String>,
    /// The typed grants. Exact only when `problems` is empty: spec section 3 does not say how
    /// `inspect` shows a grant of the wrong type.
    pub grants: AccessGrants,
    /// Every rule of section 3 the grants break; `verify_access_token` refuses the token with
    /// one of them (the spec does not order them).
    pub problems: Vec<VerifyError>,
}

/// Reads the payload JSON (`payload`) as spec section 3 does, when its `grants` is an object
/// without a repeated key anywhere; `None` otherwise (not modelled).
pub fn model(payload: &[u8]) -> Option<Model> {
    let tree: Json = serde_json::from_slice(payload).ok()?;
    let grants = tree.get("grants")?;
    let Json::Obj(members) = grants else {
        return None;
    };
    if grants.has_repeated_key() {
        return None;
    }
    let mut m = Reader::default();
    let mut out = AccessGrants::default();
    let mut identity = None;
    for (key, value) in members {
        match key.as_str() {
            "identity" => identity = Some(value),
            "voice" => out.voice = m.voice(value),
            "video" => {
                out.video = m.object("grants.video", value).map(|_| {
                    let mut video = VideoClaims::default();
                    video.room = m.string("grants.video.room", value.get("room"));
                    video
                });
            }
            "chat" => {
                out.chat = m.object("grants.chat", value).map(|_| {
                    let mut chat = ChatClaims::default();
                    let mut field = |name, claim| m.string(claim, value.get(name));
                    chat.service_sid = field("service_sid", "grants.chat.service_sid");
                    chat.endpoint_id = field("endpoint_id", "grants.chat.endpoint_id");
                    chat.deployment_role_sid =
                        field("deployment_role_sid", "grants.chat.deployment_role_sid");
                    chat.push_credential_sid =
                        field("push_credential_sid", "grants.chat.push_credential_sid");
                    chat
                });
            }
            "data_sync" => {
                out.sync = m.object("grants.data_sync", value).map(|_| {
                    let mut sync = SyncClaims::default();
                    let mut field = |name, claim| m.string(claim, value.get(name));
                    sync.service_sid = field("service_sid", "grants.data_sync.service_sid");
                    sync.endpoint_id = field("endpoint_id", "grants.data_sync.endpoint_id");
                    sync
                });
            }
            "task_router" => {
                out.task_router = m.object("grants.task_router", value).map(|_| {
                    let mut tr = TaskRouterClaims::default();
                    let mut field = |name, claim| m.string(claim, value.get(name));
                    tr.workspace_sid = field("workspace_sid", "grants.task_router.workspace_sid");
                    tr.worker_sid = field("worker_sid", "grants.task_router.worker_sid");
                    tr.role = field("role", "grants.task_router.role");
                    tr
                });
            }
            // Spec 3: a grant we do not know is kept as raw JSON, never dropped.
            _ => out.other.push((key.clone(), value.to_value())),
        }
    }
    let claim = "grants.identity";
    let identity = match identity {
        None => {
            m.problems.push(VerifyError::MissingClaim { claim });
            None
        }
        Some(Json::Str(s)) if s.is_empty() => {
            m.problems.push(VerifyError::EmptyClaim { claim });
            None
        }
        Some(Json::Str(s)) => Some(s.clone()),
        Some(other) => {
            m.type_error(claim, "a string", other.kind());
            None
        }
    };
    Some(Model {
        identity,
        grants: out,
        problems: m.problems,
    })
}

#[derive(Default)]
struct Reader {
    problems: Vec<VerifyError>,
}

impl Reader {
    fn type_error(&mut self, claim: &'static str, expected: &'static str, found: JsonKind) {
        self.problems.push(VerifyError::ClaimType {
            claim,
            expected,
            found,
        });
    }

    /// `Some` when `value` is an object; a problem otherwise.
    fn object<'a>(&mut self, claim: &'static str, value: &'a Json) -> Option<&'a Json> {
        if matches!(value, Json::Obj(_)) {
            Some(value)
        } else {
            self.type_error(claim, "an object", value.kind());
            None
        }
    }

    /// An optional string field.
    fn string(&mut self, claim: &'static str, value: Option<&Json>) -> Option<String> {
        match value? {
            Json::Str(s) => Some(s.clone()),
            other => {
                self.type_error(claim, "a string", other.kind());
                None
            }
        }
    }

    fn voice(&mut self, value: &Json) -> Option<VoiceClaims> {
        self.object("grants.voice", value)?;
        let incoming = match value.get("incoming") {
            None => false,
            Some(incoming) => match self.object("grants.voice.incoming", incoming) {
                None => false,
                Some(incoming) => match incoming.get("allow") {
                    None => false,
                    Some(Json::Bool(allow)) => *allow,
                    Some(other) => {
                        self.type_error("grants.voice.incoming.allow", "a boolean", other.kind());
                        false
                    }
                },
            },
        };
        let mut voice = VoiceClaims::default();
        voice.incoming = incoming;
        voice.outgoing = value.get("outgoing").and_then(|o| self.outgoing(o));
        voice.push_credential_sid = self.string(
            "grants.voice.push_credential_sid",
            value.get("push_credential_sid"),
        );
        voice.endpoint_id = self.string("grants.voice.endpoint_id", value.get("endpoint_id"));
        Some(voice)
    }

    fn outgoing(&mut self, value: &Json) -> Option<OutgoingClaims> {
        self.object("grants.voice.outgoing", value)?;
        let params = match value.get("params") {
            None => Vec::new(),
            // Spec 3: values that are not strings are kept as JSON; `{}` is no params.
            Some(Json::Obj(pairs)) => pairs
                .iter()
                .map(|(k, v)| (k.clone(), v.to_value()))
                .collect(),
            Some(other) => {
                self.type_error("grants.voice.outgoing.params", "an object", other.kind());
                Vec::new()
            }
        };
        let claim = "grants.voice.outgoing.application_sid";
        match value.get("application_sid") {
            Some(Json::Str(sid)) => {
                let mut outgoing = OutgoingClaims::default();
                outgoing.application_sid = sid.clone();
                outgoing.params = params;
                Some(outgoing)
            }
            // A missing SID is reported as one of the wrong type, `null`.
            None => {
                self.type_error(claim, "a string", JsonKind::Null);
                None
            }
            Some(other) => {
                self.type_error(claim, "a string", other.kind());
                None
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Spec 1.1-1.5: the reference bytes of a policy's token.

/// A JSON string as spec 1.5 writes it.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text of an optional value.
fn text<T: AsRef<str>>(value: Option<&T>) -> Option<&str> {
    value.map(AsRef::as_ref)
}

/// `{"k":"v",…}` of the fields that are set, in the order given.
fn fields(fields: &[(&str, Option<&str>)]) -> String {
    let parts: Vec<String> = fields
        .iter()
        .filter_map(|(k, v)| v.map(|v| format!("\"{k}\":{}", json_string(v))))
        .collect();
    format!("{{{}}}", parts.join(","))
}

/// Spec 1.2.
pub fn reference_header(region: Option<&str>) -> String {
    match region {
        None => format!(r#"{{"typ":"JWT","alg":"HS256","cty":"{CTY}"}}"#),
        Some(r) => format!(
            r#"{{"typ":"JWT","alg":"HS256","cty":"{CTY}","twr":{}}}"#,
            json_string(r)
        ),
    }
}

/// Spec 1.4: the grants object of `policy`, identity first.
pub fn reference_grants(policy: &AccessPolicy) -> String {
    let mut out = format!("{{\"identity\":{}", json_string(policy.identity().as_str()));
    if let Some(v) = policy.voice() {
        let mut parts = Vec::new();
        if v.incoming() {
            parts.push(r#""incoming":{"allow":true}"#.to_owned());
        }
        if let Some(o) = v.outgoing() {
            let mut part = format!(
                "\"outgoing\":{{\"application_sid\":{}",
                json_string(o.application_sid().as_str())
            );
            if !o.params().is_empty() {
                let params: Vec<String> = o
                    .params()
                    .iter()
                    .map(|(k, v)| format!("{}:{}", json_string(k), json_string(v)))
                    .collect();
                part.push_str(&format!(",\"params\":{{{}}}", params.join(",")));
            }
            part.push('}');
            parts.push(part);
        }
        if let Some(sid) = v.push_credential_sid() {
            parts.push(format!(
                "\"push_credential_sid\":{}",
                json_string(AsRef::<str>::as_ref(sid))
            ));
        }
        if let Some(id) = v.endpoint_id() {
            parts.push(format!(
                "\"endpoint_id\":{}",
                json_string(AsRef::<str>::as_ref(id))
            ));
        }
        out.push_str(&format!(",\"voice\":{{{}}}", parts.join(",")));
    }
    if let Some(v) = policy.video() {
        let room = text(v.room_name());
        out.push_str(&format!(",\"video\":{}", fields(&[("room", room)])));
    }
    if let Some(c) = policy.chat() {
        let grant = fields(&[
            ("service_sid", text(c.service_sid())),
            ("endpoint_id", text(c.endpoint_id())),
            ("deployment_role_sid", text(c.deployment_role_sid())),
            ("push_credential_sid", text(c.push_credential_sid())),
        ]);
        out.push_str(&format!(",\"chat\":{grant}"));
    }
    if let Some(s) = policy.sync() {
        let grant = fields(&[
            ("service_sid", text(s.service_sid())),
            ("endpoint_id", text(s.endpoint_id())),
        ]);
        out.push_str(&format!(",\"data_sync\":{grant}"));
    }
    if let Some(t) = policy.task_router() {
        let grant = fields(&[
            ("workspace_sid", text(t.workspace_sid())),
            ("worker_sid", text(t.worker_sid())),
            ("role", text(t.role_name())),
        ]);
        out.push_str(&format!(",\"task_router\":{grant}"));
    }
    out.push('}');
    out
}

/// The header and payload JSON spec 1.2-1.4 describe for `policy`, the reference key and `now`.
pub fn reference_parts(policy: &AccessPolicy, now: u64) -> (String, String) {
    let exp = now + u64::from(policy.ttl().as_secs());
    let header = reference_header(policy.region().map(|r| r.as_str()));
    let payload = format!(
        r#"{{"jti":"{API_KEY_SID}-{now}","iss":"{API_KEY_SID}","sub":"{ACCOUNT_SID}","exp":{exp},"grants":{}}}"#,
        reference_grants(policy)
    );
    (header, payload)
}

/// The token spec 1.1-1.5 describe for `policy`, the reference key and `now`.
pub fn reference_token(policy: &AccessPolicy, now: u64) -> String {
    let (header, payload) = reference_parts(policy, now);
    forge(header.as_bytes(), payload.as_bytes(), API_SECRET)
}

/// A signed policy's token is exactly the reference bytes, within `MAX_TOKEN_LEN`, and reads
/// back as the policy: `verify_access_token` gives its identity and `policy.grants()` (which
/// the spec model also reads from the reference bytes), `inspect` reads it as an access token
/// without warnings, and the capability `verify` refuses it as the wrong kind.
pub fn check_round_trip(policy: &AccessPolicy, token: &Token, now: u64) {
    let exp = now + u64::from(policy.ttl().as_secs());
    assert_eq!(token.expires_at(), exp, "exp is not now + ttl");
    let (_, payload) = reference_parts(policy, now);
    assert_eq!(
        token.as_str(),
        reference_token(policy, now),
        "the access token is not the reference bytes"
    );
    assert!(
        token.as_str().len() <= MAX_TOKEN_LEN,
        "a token over MAX_TOKEN_LEN"
    );
    assert!(signed_with(token.as_str(), API_SECRET));
    assert_eq!(policy.grants_json(), reference_grants(policy));

    let model = model(payload.as_bytes()).expect("the reference grants are an object");
    assert_eq!(
        model.problems,
        [],
        "the reference grants break spec section 3"
    );
    assert_eq!(model.identity.as_deref(), Some(policy.identity().as_str()));
    assert_eq!(
        model.grants,
        policy.grants(),
        "policy.grants() is not what the token says"
    );

    let d = verify_access_token(token.as_str(), &api_secret(API_SECRET), now, 0)
        .unwrap_or_else(|e| panic!("a signed access policy does not verify back: {e}"));
    assert_eq!(d.identity, policy.identity().as_str());
    assert_eq!(
        d.grants,
        policy.grants(),
        "verify gives other grants than the policy"
    );
    assert_eq!(d.grants_json, policy.grants_json());
    assert_eq!(d.header.alg, "HS256");
    assert_eq!(d.header.typ.as_deref(), Some("JWT"));
    assert_eq!(d.header.cty.as_deref(), Some(CTY));
    assert_eq!(d.header.twr.as_deref(), policy.region().map(|r| r.as_str()));
    assert_eq!(d.claims.iss, API_KEY_SID);
    assert_eq!(d.sub, ACCOUNT_SID);
    assert_eq!(d.claims.exp, exp);
    assert_eq!(d.claims.nbf, None);
    assert_eq!(d.claims.iat, None);
    assert_eq!(d.jti, Some(format!("{API_KEY_SID}-{now}")));

    let unverified = inspect(token.as_str()).expect("inspect reads a signed access token");
    assert_eq!(unverified.kind(), TokenKind::Access);
    assert_eq!(
        unverified.warnings(),
        [],
        "a token this crate made has warnings"
    );
    // Even under the key that signed it, the capability verifier refuses the format.
    assert_eq!(
        verify_capability_token(token.as_str(), &auth_token(API_SECRET), now, 0).map(|_| ()),
        Err(VerifyError::WrongKind {
            expected: TokenKind::Capability,
            found: TokenKind::Access
        })
    );
    // And under the capability key, the signature is wrong.
    assert_eq!(
        verify_capability_token(token.as_str(), &auth_token(AUTH_TOKEN), now, 0).map(|_| ()),
        Err(VerifyError::BadSignature)
    );
}

// ---------------------------------------------------------------------------------------------
// Binding an access template, by name and by position.

/// What became of a binding, once `bind` and `AccessMinter` were found to agree.
#[derive(Debug)]
pub enum Outcome {
    /// The names are not the inputs one to one: `bind` refused them.
    Unmatched,
    /// `bind` refused the values (and `AccessMinter` failed too).
    Unbound(BindError),
    /// The values bound, but signing failed (and minting failed the same way).
    Unsigned(AccessPolicy, SignError),
    /// The token was signed, and it round-tripped.
    Signed(AccessPolicy, Token),
}

/// Mints into a buffer that holds something already: the same token as `mint_at`, or an
/// empty buffer on error.
fn check_mint_into(
    minter: &AccessMinter,
    values: &[&str],
    now: u64,
    minted: &Result<Token, MintError>,
) {
    let mut buf = String::from("stale contents of the buffer");
    let into = minter.mint_into(&mut buf, values, now);
    match (minted, into) {
        (Ok(token), Ok(exp)) => {
            assert_eq!(buf, token.as_str(), "mint_into and mint_at disagree");
            assert_eq!(exp, token.expires_at());
        }
        (Err(a), Err(b)) => {
            assert_eq!(*a, b, "mint_into and mint_at fail differently");
            assert!(
                buf.is_empty(),
                "mint_into left {} bytes in the buffer on error",
                buf.len()
            );
        }
        (a, b) => panic!("mint_at gave {a:?}, mint_into {b:?}"),
    }
}

/// Binds `pairs` to `template` by name (`bind`, then `sign_at`) and by position (`minter`,
/// built from the same template with [`API_KEY`]) and checks that both agree: the same token
/// bytes, or the same error (`BindError` for `BindError`, `SignError` for `SignError`). A
/// signed token must round-trip ([`check_round_trip`]); a token refused as too long must
/// really be over [`MAX_TOKEN_LEN`], with the length reported.
pub fn check_binding(
    template: &AccessTemplate,
    minter: &AccessMinter,
    pairs: &[(&str, &str)],
    now: u64,
) -> Outcome {
    let inputs = template.inputs();
    assert_eq!(
        minter.inputs(),
        inputs,
        "AccessMinter and template list different inputs"
    );
    let bound = template.bind(pairs.iter().copied());

    let positional: Option<Vec<&str>> = if pairs.len() == inputs.len() {
        inputs
            .iter()
            .map(|i| pairs.iter().find(|(n, _)| *n == i.name()).map(|(_, v)| *v))
            .collect()
    } else {
        None
    };
    let Some(values) = positional else {
        assert!(
            bound.is_err(),
            "bind accepted names that are not the inputs one to one: {pairs:?}"
        );
        if pairs.len() != inputs.len() {
            let given: Vec<&str> = pairs.iter().map(|(_, v)| *v).collect();
            let minted = minter.mint_at(&given, now);
            check_mint_into(minter, &given, now, &minted);
            match minted {
                Err(MintError::Inputs(e)) => assert!(
                    matches!(e.problems(), [BindProblem::InputCount { .. }]),
                    "AccessMinter: {e}"
                ),
                other => panic!(
                    "AccessMinter took {} values for {} inputs: {other:?}",
                    given.len(),
                    inputs.len()
                ),
            }
        }
        return Outcome::Unmatched;
    };

    let minted = minter.mint_at(&values, now);
    check_mint_into(minter, &values, now, &minted);
    let policy = match (bound, minted) {
        (Ok(policy), minted) => (policy, minted),
        (Err(a), Err(MintError::Inputs(b))) => {
            assert_eq!(a, b, "bind and AccessMinter report different problems");
            return Outcome::Unbound(a);
        }
        (bound, minted) => panic!(
            "bind gave {bound:?}, AccessMinter {:?} (the token's length)",
            minted.as_ref().map(|t| t.as_str().len())
        ),
    };
    let (policy, minted) = policy;
    check_uses(template, &values, &policy);
    match (policy.sign_at(&API_KEY, now), minted) {
        (Ok(signed), Ok(minted)) => {
            assert_eq!(
                signed, minted,
                "AccessMinter and bind+sign_at disagree on the bytes"
            );
            check_round_trip(&policy, &signed, now);
            Outcome::Signed(policy, signed)
        }
        (Err(a), Err(MintError::Sign(b))) => {
            assert_eq!(a, b, "sign_at and AccessMinter fail differently");
            if let SignError::TooLong { len, max } = a {
                assert_eq!(max, MAX_TOKEN_LEN);
                let real = reference_token(&policy, now).len();
                assert_eq!(
                    len, real,
                    "TooLong reports a length the token would not have"
                );
                assert!(
                    len > MAX_TOKEN_LEN,
                    "refused a token of {len} bytes as too long"
                );
            }
            Outcome::Unsigned(policy, a)
        }
        (signed, minted) => panic!("bind+sign_at gave {signed:?}, AccessMinter {minted:?}"),
    }
}

/// Each input's value landed in every field it fills.
fn check_uses(template: &AccessTemplate, values: &[&str], policy: &AccessPolicy) {
    let g = policy.grants();
    let voice = g.voice.as_ref();
    let chat = g.chat.as_ref();
    let sync = g.sync.as_ref();
    let tr = g.task_router.as_ref();
    for (input, value) in template.inputs().iter().zip(values) {
        let value = Some(*value);
        for use_ in input.uses() {
            let found: Vec<Option<&str>> = match use_ {
                InputUse::Identity | InputUse::VoiceIdentity => {
                    vec![Some(policy.identity().as_str())]
                }
                InputUse::Region => vec![policy.region().map(|r| r.as_str())],
                InputUse::ApplicationSid => vec![
                    voice
                        .and_then(|v| v.outgoing.as_ref())
                        .map(|o| o.application_sid.as_str()),
                ],
                InputUse::Param { key } => vec![
                    voice
                        .and_then(|v| v.outgoing.as_ref())
                        .and_then(|o| o.params.iter().find(|(k, _)| k == key))
                        .and_then(|(_, v)| v.as_str()),
                ],
                InputUse::Sid(SidKind::PushCredential) => vec![
                    voice.and_then(|v| v.push_credential_sid.as_deref()),
                    chat.and_then(|c| c.push_credential_sid.as_deref()),
                ],
                InputUse::Sid(SidKind::ChatService) => {
                    vec![chat.and_then(|c| c.service_sid.as_deref())]
                }
                InputUse::Sid(SidKind::SyncService) => {
                    vec![sync.and_then(|s| s.service_sid.as_deref())]
                }
                InputUse::Sid(SidKind::DeploymentRole) => {
                    vec![chat.and_then(|c| c.deployment_role_sid.as_deref())]
                }
                InputUse::Sid(SidKind::Workspace) => {
                    vec![tr.and_then(|t| t.workspace_sid.as_deref())]
                }
                InputUse::Sid(SidKind::Worker) => vec![tr.and_then(|t| t.worker_sid.as_deref())],
                InputUse::Text(TextKind::Room) => {
                    vec![g.video.as_ref().and_then(|v| v.room.as_deref())]
                }
                InputUse::Text(TextKind::EndpointId) => vec![
                    voice.and_then(|v| v.endpoint_id.as_deref()),
                    chat.and_then(|c| c.endpoint_id.as_deref()),
                    sync.and_then(|s| s.endpoint_id.as_deref()),
                ],
                InputUse::Text(TextKind::Role) => vec![tr.and_then(|t| t.role.as_deref())],
                other => panic!("an access template with the input use {other:?}"),
            };
            assert!(
                found.contains(&value),
                "input {:?} ({use_:?}) is not in its field: {found:?}",
                input.name()
            );
        }
    }
}

/// Whether a bind error is only a rule of the whole policy that valid values can still break
/// (the token would be too long for some clock).
pub fn is_too_long(e: &BindError) -> bool {
    e.problems()
        .iter()
        .all(|p| matches!(p, BindProblem::Policy(PolicyError::TokenTooLong { .. })))
}
