//! Reading access tokens (spec section 3): the claims of a verified payload, with every grant
//! of spec 1.4 typed and every other grant kept raw.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer as _, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::jwt::hmac_prefix::HmacPrefix;
use crate::jwt::verify::{self, Field, RawKind, Time};
use crate::{ApiSecret, Claims, Header, JsonKind, Segment, TokenKind, VerifyError};

/// What an access token says: its header, its claims, its identity and its grants.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodedAccessToken<T = u64> {
    /// The header; `twr` is the region.
    pub header: Header,
    /// The registered claims; `iss` is the API key SID.
    pub claims: Claims<T>,
    /// The `jti` claim, if present.
    pub jti: Option<String>,
    /// The `sub` claim: the account SID.
    pub sub: String,
    /// `grants.identity`. [`verify_access_token`] accepts only a non-empty string;
    /// [`inspect`](crate::inspect) gives the empty text for one that is missing or not a
    /// string, and warns.
    pub identity: String,
    /// The grants, typed.
    pub grants: AccessGrants,
    /// The `grants` object exactly as the token holds it, identity included;
    /// [`raw_grants`](Self::raw_grants) parses it, key for key.
    pub grants_json: String,
}

impl<T> DecodedAccessToken<T> {
    /// The `grants` object as decoded, key for key, identity included.
    pub fn raw_grants(&self) -> Map<String, Value> {
        // The text was read as a JSON object when the token was decoded.
        serde_json::from_str(&self.grants_json).unwrap_or_default()
    }
}

/// The grants of an access token, as decoded. Every grant of spec 1.4 is typed; any other, such
/// as `player`, `ip_messaging` or `rtc`, is kept as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AccessGrants {
    /// `voice`.
    pub voice: Option<VoiceClaims>,
    /// `video`.
    pub video: Option<VideoClaims>,
    /// `chat`.
    pub chat: Option<ChatClaims>,
    /// `data_sync`.
    pub sync: Option<SyncClaims>,
    /// `task_router`.
    pub task_router: Option<TaskRouterClaims>,
    /// Every other grant, in token order, as raw JSON.
    pub other: Vec<(String, Value)>,
}

/// A decoded `voice` grant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct VoiceClaims {
    /// `incoming.allow` (Java writes `{"allow":false}`).
    pub incoming: bool,
    /// `outgoing`, if present.
    pub outgoing: Option<OutgoingClaims>,
    /// `push_credential_sid`.
    pub push_credential_sid: Option<String>,
    /// `endpoint_id`.
    pub endpoint_id: Option<String>,
}

/// A decoded `voice.outgoing`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutgoingClaims {
    /// `application_sid`.
    pub application_sid: String,
    /// `params`, in token order; `{}` and no params are the same. Values that are not strings
    /// (Python and Node pass numbers and booleans through) are kept as JSON.
    pub params: Vec<(String, Value)>,
}

/// A decoded `video` grant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct VideoClaims {
    /// `room`.
    pub room: Option<String>,
}

/// A decoded `chat` grant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ChatClaims {
    /// `service_sid`.
    pub service_sid: Option<String>,
    /// `endpoint_id`.
    pub endpoint_id: Option<String>,
    /// `deployment_role_sid`.
    pub deployment_role_sid: Option<String>,
    /// `push_credential_sid`.
    pub push_credential_sid: Option<String>,
}

/// A decoded `data_sync` grant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SyncClaims {
    /// `service_sid`.
    pub service_sid: Option<String>,
    /// `endpoint_id`.
    pub endpoint_id: Option<String>,
}

/// A decoded `task_router` grant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TaskRouterClaims {
    /// `workspace_sid`.
    pub workspace_sid: Option<String>,
    /// `worker_sid`.
    pub worker_sid: Option<String>,
    /// `role`.
    pub role: Option<String>,
}

/// Checks an access token completely, as [`verify`](crate::verify) does a capability token,
/// under the API secret that signed it: its shape, an `HS256` header (`cty`, when present,
/// `twilio-fpa;v=1`), the signature, the claim types, the grants' types, a non-empty identity,
/// and the time. Tokens of every official helper library are accepted when their signature is
/// right.
///
/// # Errors
/// A [`VerifyError`] naming the first rule the token broke; [`VerifyError::WrongKind`] for a
/// capability or TaskRouter token.
///
/// ```
/// use capability::{AccessPolicy, ApiKey, VoiceGrant, verify_access_token};
///
/// let key = ApiKey::new(
///     "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
///     "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
///     "goldenvectorsecret0123456789abcd",
/// )?;
/// let policy = AccessPolicy::builder()
///     .identity("alice".parse()?)
///     .voice(VoiceGrant::new().allow_incoming())
///     .build()?;
/// let token = policy.sign_at(&key, 1_700_000_000)?;
/// let decoded = verify_access_token(token.as_str(), key.secret(), 1_700_000_000, 0)?;
/// assert_eq!(decoded.identity, "alice");
/// assert_eq!(decoded.grants, policy.grants());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_access_token(
    token: &str,
    secret: &ApiSecret,
    now: u64,
    leeway: u64,
) -> Result<DecodedAccessToken, VerifyError> {
    AccessVerifier::new(secret).verify(token, now, leeway)
}

/// [`verify_access_token`] with the HMAC keyed once, for a server that checks many tokens.
#[derive(Clone)]
pub struct AccessVerifier {
    key: HmacPrefix,
}

impl AccessVerifier {
    /// Keys the HMAC with the API secret.
    pub fn new(secret: &ApiSecret) -> AccessVerifier {
        AccessVerifier {
            key: HmacPrefix::new(secret.expose_secret().as_bytes(), b""),
        }
    }

    /// Checks a token completely, as [`verify_access_token`] does.
    ///
    /// # Errors
    /// A [`VerifyError`] naming the first rule the token broke.
    pub fn verify(
        &self,
        token: &str,
        now: u64,
        leeway: u64,
    ) -> Result<DecodedAccessToken, VerifyError> {
        let (decoded, problems) = verify::open(token, &self.key, decode)?;
        if let Some(problem) = problems.into_iter().next() {
            return Err(problem.into());
        }
        verify::check_time(&decoded.claims, now, leeway)?;
        Ok(decoded)
    }
}

impl fmt::Debug for AccessVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessVerifier(<keyed with a redacted API secret>)")
    }
}

/// A claim inside the grants that is not what spec section 3 reads: `verify` refuses the
/// token for the first, `inspect` warns about each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// A value of the wrong JSON type.
    Type {
        claim: &'static str,
        expected: &'static str,
        found: JsonKind,
    },
    /// The identity is missing.
    MissingIdentity,
    /// The identity is the empty string.
    EmptyIdentity,
}

impl From<Problem> for VerifyError {
    fn from(problem: Problem) -> VerifyError {
        match problem {
            Problem::Type {
                claim,
                expected,
                found,
            } => VerifyError::ClaimType {
                claim,
                expected,
                found,
            },
            Problem::MissingIdentity => VerifyError::MissingClaim {
                claim: "grants.identity",
            },
            Problem::EmptyIdentity => VerifyError::EmptyClaim {
                claim: "grants.identity",
            },
        }
    }
}

#[derive(Deserialize)]
struct RawAccess<'a> {
    #[serde(borrow, default)]
    jti: Field<'a>,
    #[serde(borrow, default)]
    iss: Field<'a>,
    #[serde(borrow, default)]
    sub: Field<'a>,
    #[serde(borrow, default)]
    exp: Field<'a>,
    #[serde(borrow, default)]
    nbf: Field<'a>,
    #[serde(borrow, default)]
    iat: Field<'a>,
    #[serde(borrow, default, deserialize_with = "verify::present")]
    grants: Option<&'a RawValue>,
    #[serde(borrow, default)]
    policies: Field<'a>,
    #[serde(borrow, default)]
    workspace_sid: Field<'a>,
}

/// An access token's payload, with its times read as `T` reads them, and the problems of its
/// grants.
pub(crate) fn decode<T: Time>(
    header: Header,
    payload: &[u8],
) -> Result<(DecodedAccessToken<T>, Vec<Problem>), VerifyError> {
    let raw: RawAccess<'_> = verify::parse_json(payload, Segment::Payload)?;
    let found = RawKind {
        grants: if raw.grants.is_some() {
            Field::Other(JsonKind::Object)
        } else {
            Field::Absent
        },
        policies: raw.policies,
        workspace_sid: raw.workspace_sid,
    }
    .kind(&header);
    if found != TokenKind::Access {
        return Err(VerifyError::WrongKind {
            expected: TokenKind::Access,
            found,
        });
    }
    let claims = verify::registered([raw.iss, raw.exp, raw.nbf, raw.iat], payload)?;
    let jti = raw.jti.string("jti")?;
    let sub = raw
        .sub
        .string("sub")?
        .ok_or(VerifyError::MissingClaim { claim: "sub" })?;
    // A `cty` alone makes an access token, which must still have its grants.
    let grants = raw
        .grants
        .map(RawValue::get)
        .ok_or(VerifyError::MissingClaim { claim: "grants" })?;
    let Some(pairs) = object(grants) else {
        return Err(VerifyError::ClaimType {
            claim: "grants",
            expected: "an object",
            found: kind_of(grants),
        });
    };
    let mut read = Reader::default();
    let mut identity = None;
    let mut typed = AccessGrants::default();
    for (key, value) in pairs {
        match &*key {
            "identity" => identity = Some(value),
            "voice" => typed.voice = read.voice(value),
            "video" => {
                let [room] = read.fields("grants.video", value, VIDEO);
                typed.video = Some(VideoClaims { room });
            }
            "chat" => {
                let [
                    service_sid,
                    endpoint_id,
                    deployment_role_sid,
                    push_credential_sid,
                ] = read.fields("grants.chat", value, CHAT);
                typed.chat = Some(ChatClaims {
                    service_sid,
                    endpoint_id,
                    deployment_role_sid,
                    push_credential_sid,
                });
            }
            "data_sync" => {
                let [service_sid, endpoint_id] = read.fields("grants.data_sync", value, SYNC);
                typed.sync = Some(SyncClaims {
                    service_sid,
                    endpoint_id,
                });
            }
            "task_router" => {
                let [workspace_sid, worker_sid, role] =
                    read.fields("grants.task_router", value, TASK_ROUTER);
                typed.task_router = Some(TaskRouterClaims {
                    workspace_sid,
                    worker_sid,
                    role,
                });
            }
            _ => typed.other.push((key.into_owned(), json(value))),
        }
    }
    let identity = read.identity(identity);
    let decoded = DecodedAccessToken {
        header,
        claims,
        jti,
        sub,
        identity,
        grants: typed,
        grants_json: grants.to_owned(),
    };
    Ok((decoded, read.problems))
}

/// The string fields of the grants other than voice, in the order of their claims structs.
const VIDEO: [(&str, &str); 1] = [("room", "grants.video.room")];
const CHAT: [(&str, &str); 4] = [
    ("service_sid", "grants.chat.service_sid"),
    ("endpoint_id", "grants.chat.endpoint_id"),
    ("deployment_role_sid", "grants.chat.deployment_role_sid"),
    ("push_credential_sid", "grants.chat.push_credential_sid"),
];
const SYNC: [(&str, &str); 2] = [
    ("service_sid", "grants.data_sync.service_sid"),
    ("endpoint_id", "grants.data_sync.endpoint_id"),
];
const TASK_ROUTER: [(&str, &str); 3] = [
    ("workspace_sid", "grants.task_router.workspace_sid"),
    ("worker_sid", "grants.task_router.worker_sid"),
    ("role", "grants.task_router.role"),
];

/// A JSON object's members, each as the raw text of its value, in order; none when the text
/// is not an object. Reading them so costs no map and no tree of values: the grants are few,
/// and each is read into its own type.
fn object(text: &str) -> Option<Vec<(Cow<'_, str>, &RawValue)>> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    struct Members;
    impl<'de> Visitor<'de> for Members {
        type Value = Vec<(Cow<'de, str>, &'de RawValue)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut members = Vec::new();
            while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                members.push((key, map.next_value()?));
            }
            Ok(members)
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    de.deserialize_map(Members).ok()
}

/// The kind of the JSON value `text` holds (a value read when the token was decoded).
fn kind_of(text: &str) -> JsonKind {
    serde_json::from_str::<Field<'_>>(text).map_or(JsonKind::Null, |f| f.kind())
}

/// A raw value as a JSON value.
fn json(raw: &RawValue) -> Value {
    // The text was read as JSON when the token was decoded.
    serde_json::from_str(raw.get()).unwrap_or(Value::Null)
}

/// Reads the grants, noting each problem and going on.
#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn wrong(&mut self, claim: &'static str, expected: &'static str, found: JsonKind) {
        self.problems.push(Problem::Type {
            claim,
            expected,
            found,
        });
    }

    fn identity(&mut self, value: Option<&RawValue>) -> String {
        let field = value.map(|raw| serde_json::from_str::<Field<'_>>(raw.get()));
        match field {
            None => self.problems.push(Problem::MissingIdentity),
            Some(Ok(Field::Str(s))) if s.is_empty() => self.problems.push(Problem::EmptyIdentity),
            Some(Ok(Field::Str(s))) => return s.into_owned(),
            Some(Ok(other)) => self.wrong("grants.identity", "a string", other.kind()),
            Some(Err(_)) => self.wrong("grants.identity", "a string", JsonKind::Null),
        }
        String::new()
    }

    /// The string fields `wanted` of an object, each absent, a string, or a problem; none and
    /// a problem when `value` is not an object.
    fn fields<const N: usize>(
        &mut self,
        claim: &'static str,
        value: &RawValue,
        wanted: [(&str, &'static str); N],
    ) -> [Option<String>; N] {
        let mut out = [const { None }; N];
        let Some(members) = object(value.get()) else {
            self.wrong(claim, "an object", kind_of(value.get()));
            return out;
        };
        for (key, raw) in members {
            let Some(i) = wanted.iter().position(|(name, _)| *name == key) else {
                continue;
            };
            out[i] = self.string(wanted[i].1, raw);
        }
        out
    }

    /// A string, or none and a problem.
    fn string(&mut self, claim: &'static str, raw: &RawValue) -> Option<String> {
        match serde_json::from_str::<Field<'_>>(raw.get()) {
            Ok(Field::Str(s)) => Some(s.into_owned()),
            Ok(other) => {
                self.wrong(claim, "a string", other.kind());
                None
            }
            Err(_) => None,
        }
    }

    fn voice(&mut self, value: &RawValue) -> Option<VoiceClaims> {
        let Some(members) = object(value.get()) else {
            self.wrong("grants.voice", "an object", kind_of(value.get()));
            return None;
        };
        let mut voice = VoiceClaims::default();
        for (key, raw) in members {
            match &*key {
                "incoming" => voice.incoming = self.incoming(raw),
                "outgoing" => voice.outgoing = self.outgoing(raw),
                "push_credential_sid" => {
                    voice.push_credential_sid =
                        self.string("grants.voice.push_credential_sid", raw);
                }
                "endpoint_id" => voice.endpoint_id = self.string("grants.voice.endpoint_id", raw),
                _ => {}
            }
        }
        Some(voice)
    }

    /// `{"allow": true}`; Java writes `{"allow":false}`.
    fn incoming(&mut self, raw: &RawValue) -> bool {
        let Some(members) = object(raw.get()) else {
            self.wrong("grants.voice.incoming", "an object", kind_of(raw.get()));
            return false;
        };
        let allow = members.into_iter().find(|(k, _)| k == "allow");
        match allow.map(|(_, v)| serde_json::from_str::<Field<'_>>(v.get())) {
            None => false,
            Some(Ok(Field::Bool(allow))) => allow,
            Some(Ok(other)) => {
                self.wrong("grants.voice.incoming.allow", "a boolean", other.kind());
                false
            }
            Some(Err(_)) => false,
        }
    }

    fn outgoing(&mut self, raw: &RawValue) -> Option<OutgoingClaims> {
        let Some(members) = object(raw.get()) else {
            self.wrong("grants.voice.outgoing", "an object", kind_of(raw.get()));
            return None;
        };
        let mut application_sid = None;
        let mut params = Vec::new();
        let claim = "grants.voice.outgoing.application_sid";
        for (key, raw) in members {
            match &*key {
                "application_sid" => application_sid = Some(self.string(claim, raw)),
                "params" => match object(raw.get()) {
                    Some(pairs) => {
                        params = pairs
                            .into_iter()
                            .map(|(k, v)| (k.into_owned(), json(v)))
                            .collect();
                    }
                    None => {
                        self.wrong(
                            "grants.voice.outgoing.params",
                            "an object",
                            kind_of(raw.get()),
                        );
                    }
                },
                _ => {}
            }
        }
        match application_sid {
            Some(Some(application_sid)) => Some(OutgoingClaims {
                application_sid,
                params,
            }),
            // A wrong type is noted already; a missing SID is noted here.
            Some(None) => None,
            None => {
                self.wrong(claim, "a string", JsonKind::Null);
                None
            }
        }
    }
}
