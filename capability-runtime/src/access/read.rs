//! Reading access tokens (spec section 3): the claims of a verified payload, with every grant
//! of spec 1.4 typed and every other grant kept raw.

use std::fmt;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::jwt::hmac_prefix::HmacPrefix;
use crate::jwt::verify::{self, Field, RawKind, Time};
use crate::warnings::kind;
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
    /// The `grants` object exactly as decoded, key for key, identity included.
    pub raw_grants: Map<String, Value>,
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
    #[serde(default)]
    grants: Option<Value>,
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
    let raw_grants = match raw.grants {
        Some(Value::Object(map)) => map,
        // `grants` is there, or the token would not be an access token: a `cty` alone makes
        // one, and then `grants` must still be an object.
        other => {
            return Err(VerifyError::ClaimType {
                claim: "grants",
                expected: "an object",
                found: other.as_ref().map_or(JsonKind::Null, kind),
            });
        }
    };
    let mut read = Reader::default();
    let identity = read.identity(raw_grants.get("identity"));
    let grants = read.grants(&raw_grants);
    let decoded = DecodedAccessToken {
        header,
        claims,
        jti,
        sub,
        identity,
        grants,
        raw_grants,
    };
    Ok((decoded, read.problems))
}

/// Reads the grants object, noting each problem and going on.
#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn wrong(&mut self, claim: &'static str, expected: &'static str, value: &Value) {
        self.problems.push(Problem::Type {
            claim,
            expected,
            found: kind(value),
        });
    }

    fn identity(&mut self, value: Option<&Value>) -> String {
        match value {
            None => self.problems.push(Problem::MissingIdentity),
            Some(Value::String(s)) if s.is_empty() => self.problems.push(Problem::EmptyIdentity),
            Some(Value::String(s)) => return s.clone(),
            Some(other) => self.wrong("grants.identity", "a string", other),
        }
        String::new()
    }

    /// `value` as an object, or none and a problem.
    fn object<'v>(
        &mut self,
        claim: &'static str,
        value: &'v Value,
    ) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            other => {
                self.wrong(claim, "an object", other);
                None
            }
        }
    }

    /// The string at `object[key]`, if present; a problem if it is not a string.
    fn string(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        claim: &'static str,
    ) -> Option<String> {
        match object.get(key)? {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong(claim, "a string", other);
                None
            }
        }
    }

    fn grants(&mut self, raw: &Map<String, Value>) -> AccessGrants {
        let mut grants = AccessGrants::default();
        for (key, value) in raw {
            match key.as_str() {
                "identity" => {}
                "voice" => grants.voice = self.voice(value),
                "video" => {
                    grants.video = self.object("grants.video", value).map(|o| VideoClaims {
                        room: self.string(o, "room", "grants.video.room"),
                    });
                }
                "chat" => {
                    grants.chat = self.object("grants.chat", value).map(|o| ChatClaims {
                        service_sid: self.string(o, "service_sid", "grants.chat.service_sid"),
                        endpoint_id: self.string(o, "endpoint_id", "grants.chat.endpoint_id"),
                        deployment_role_sid: self.string(
                            o,
                            "deployment_role_sid",
                            "grants.chat.deployment_role_sid",
                        ),
                        push_credential_sid: self.string(
                            o,
                            "push_credential_sid",
                            "grants.chat.push_credential_sid",
                        ),
                    });
                }
                "data_sync" => {
                    grants.sync = self.object("grants.data_sync", value).map(|o| SyncClaims {
                        service_sid: self.string(o, "service_sid", "grants.data_sync.service_sid"),
                        endpoint_id: self.string(o, "endpoint_id", "grants.data_sync.endpoint_id"),
                    });
                }
                "task_router" => {
                    let object = self.object("grants.task_router", value);
                    grants.task_router = object.map(|o| TaskRouterClaims {
                        workspace_sid: self.string(
                            o,
                            "workspace_sid",
                            "grants.task_router.workspace_sid",
                        ),
                        worker_sid: self.string(o, "worker_sid", "grants.task_router.worker_sid"),
                        role: self.string(o, "role", "grants.task_router.role"),
                    });
                }
                _ => grants.other.push((key.clone(), value.clone())),
            }
        }
        grants
    }

    fn voice(&mut self, value: &Value) -> Option<VoiceClaims> {
        let voice = self.object("grants.voice", value)?;
        let incoming = match voice.get("incoming") {
            None => false,
            Some(incoming) => self
                .object("grants.voice.incoming", incoming)
                .and_then(|o| match o.get("allow") {
                    Some(Value::Bool(allow)) => Some(*allow),
                    None => None,
                    Some(other) => {
                        self.wrong("grants.voice.incoming.allow", "a boolean", other);
                        None
                    }
                })
                .unwrap_or(false),
        };
        let outgoing = voice.get("outgoing").and_then(|outgoing| {
            let o = self.object("grants.voice.outgoing", outgoing)?;
            let claim = "grants.voice.outgoing.application_sid";
            let Some(application_sid) = self.string(o, "application_sid", claim) else {
                if o.get("application_sid").is_none() {
                    self.problems.push(Problem::Type {
                        claim,
                        expected: "a string",
                        found: JsonKind::Null,
                    });
                }
                return None;
            };
            let params = match o.get("params") {
                None => Vec::new(),
                Some(params) => self
                    .object("grants.voice.outgoing.params", params)
                    .map(|p| p.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                    .unwrap_or_default(),
            };
            Some(OutgoingClaims {
                application_sid,
                params,
            })
        });
        Some(VoiceClaims {
            incoming,
            outgoing,
            push_credential_sid: self.string(
                voice,
                "push_credential_sid",
                "grants.voice.push_credential_sid",
            ),
            endpoint_id: self.string(voice, "endpoint_id", "grants.voice.endpoint_id"),
        })
    }
}
