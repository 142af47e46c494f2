//! Reading access tokens (spec section 3): the claims of a verified payload, with every grant
//! of spec 1.4 typed and every other grant kept raw.

use std::marker::PhantomData;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::access::schema;
use crate::jwt::raw_payload::raw_payload;
use crate::jwt::verify::{self, Field, ObjectReader, RawKind, Shape, Time, key};
use crate::schema::claims;
use crate::verifier::verify_once;
use crate::{
    Access, ApiSecret, Claims, GrantKind, Header, JsonKind, Segment, TokenKind, VerifyError,
};

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

impl AccessGrants {
    /// The string fields of the grant `kind` with their keys, in token order; none when the
    /// token has no such grant.
    pub(crate) fn text_fields(&self, kind: GrantKind) -> Vec<(&'static str, Option<&str>)> {
        let fields = match kind {
            GrantKind::Voice => self.voice.as_ref().map(|v| v.fields().to_vec()),
            GrantKind::Video => self.video.as_ref().map(|v| v.fields().to_vec()),
            GrantKind::Chat => self.chat.as_ref().map(|c| c.fields().to_vec()),
            GrantKind::Sync => self.sync.as_ref().map(|s| s.fields().to_vec()),
            GrantKind::TaskRouter => self.task_router.as_ref().map(|t| t.fields().to_vec()),
        };
        fields.unwrap_or_default()
    }
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

impl VoiceClaims {
    /// Each string field with its key in the token, in token order: `push_credential_sid`,
    /// `endpoint_id`.
    ///
    /// ```
    /// let voice = capability::VoiceClaims::default();
    /// assert_eq!(voice.fields(), [("push_credential_sid", None), ("endpoint_id", None)]);
    /// ```
    pub fn fields(&self) -> [(&'static str, Option<&str>); 2] {
        [
            ("push_credential_sid", self.push_credential_sid.as_deref()),
            ("endpoint_id", self.endpoint_id.as_deref()),
        ]
    }
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

/// A decoded grant made of its `N` string fields, in token order.
trait FromFields<const N: usize> {
    fn from_fields(fields: [Option<String>; N]) -> Self;
}

/// Declares a decoded grant whose fields are all optional strings, each named as its key in
/// the token, in the order of the grant's schema table.
macro_rules! text_claims {
    ($(#[$doc:meta])* $name:ident { $($field:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct $name {
            $(
                #[doc = concat!("`", stringify!($field), "`.")]
                pub $field: Option<String>,
            )*
        }

        impl $name {
            /// Each field with its key in the token, in token order.
            ///
            /// ```
            #[doc = concat!("let grant = capability::", stringify!($name), "::default();")]
            /// let keys: Vec<&str> = grant.fields().iter().map(|(key, _)| *key).collect();
            #[doc = concat!("assert_eq!(keys, [", $("\"", stringify!($field), "\", ",)* "]);")]
            /// assert!(grant.fields().iter().all(|(_, value)| value.is_none()));
            /// ```
            pub fn fields(&self) -> [(&'static str, Option<&str>); { [$(stringify!($field)),*].len() }] {
                [$((stringify!($field), self.$field.as_deref())),*]
            }
        }

        impl FromFields<{ [$(stringify!($field)),*].len() }> for $name {
            fn from_fields([$($field),*]: [Option<String>; { [$(stringify!($field)),*].len() }]) -> Self {
                $name { $($field),* }
            }
        }
    };
}

text_claims! {
    /// A decoded `video` grant.
    VideoClaims { room }
}

text_claims! {
    /// A decoded `chat` grant.
    ChatClaims { service_sid, endpoint_id, deployment_role_sid, push_credential_sid }
}

text_claims! {
    /// A decoded `data_sync` grant.
    SyncClaims { service_sid, endpoint_id }
}

text_claims! {
    /// A decoded `task_router` grant.
    TaskRouterClaims { workspace_sid, worker_sid, role }
}

verify_once! {
    /// Checks an access token completely, as [`verify_capability_token`](crate::verify_capability_token) does a capability token,
    /// under the API secret that signed it: its shape, an `HS256` header (`cty`, when present,
    /// `twilio-fpa;v=1`), the signature, the claim types, the grants' types, a non-empty identity,
    /// and the time. Tokens of every official helper library are accepted when their signature is
    /// right.
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
    pub fn verify_access_token(secret: &ApiSecret) -> DecodedAccessToken;
    pub type AccessVerifier = Verifier<Access>;
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

raw_payload! {
    struct RawAccess<'a> {
        jti, sub, policies, workspace_sid;
        #[serde(borrow, default, deserialize_with = "verify::present")]
        grants: Option<&'a RawValue>,
    }
}

/// An access token's payload, with its times read as `T` reads them, and the problems of its
/// grants.
pub(crate) fn decode<T: Time>(
    header: Header,
    payload: &[u8],
) -> Result<(DecodedAccessToken<T>, Vec<Problem>), VerifyError> {
    let raw: RawAccess<'_> = verify::parse_json(payload, Segment::Payload)?;
    RawKind {
        grants: if raw.grants.is_some() {
            Field::Other(JsonKind::Object)
        } else {
            Field::Absent
        },
        policies: raw.policies,
        workspace_sid: raw.workspace_sid,
    }
    .expect(&header, TokenKind::Access)?;
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
    // Read into the token in place: the grants are large to move.
    let mut decoded = DecodedAccessToken {
        header,
        claims,
        jti,
        sub,
        identity: String::new(),
        grants: AccessGrants::default(),
        grants_json: grants.to_owned(),
    };
    let (identity, problems) =
        read(grants, &mut decoded.grants).map_err(|found| VerifyError::ClaimType {
            claim: "grants",
            expected: "an object",
            found,
        })?;
    decoded.identity = identity;
    Ok((decoded, problems))
}

/// The string fields of the grants other than voice, in the order of their claims structs,
/// as the schema tables list them: their token keys are their TOML keys.
const VIDEO: [(&str, &str); 1] = claims(schema::VIDEO.fields);
const CHAT: [(&str, &str); 4] = claims(schema::CHAT.fields);
const SYNC: [(&str, &str); 2] = claims(schema::SYNC.fields);
const TASK_ROUTER: [(&str, &str); 3] = claims(schema::TASK_ROUTER.fields);

/// The identity and the problems of the `grants` object, from its text, each byte read once,
/// and its typed grants into `grants`; the kind of the value when it is not an object.
fn read(text: &str, grants: &mut AccessGrants) -> Result<(String, Vec<Problem>), JsonKind> {
    let mut pass = |pass| {
        // Nothing of a pass that gave up is kept.
        *grants = AccessGrants::default();
        let mut r = Reader {
            pass,
            problems: Vec::new(),
        };
        let mut de = serde_json::Deserializer::from_str(text);
        let read = r.object_seed(Grants(grants)).deserialize(&mut de);
        read.map(|read| read.map(|identity| (identity, r.problems)))
    };
    // The stream gives up at the parser's first error, which the raw pass keeps to its value.
    match pass(Pass::Stream).or_else(|_| pass(Pass::Raw)) {
        Ok(Ok(read)) => Ok(read),
        Ok(Err(field)) => Err(field.kind()),
        Err(_) => Err(kind_of(text)),
    }
}

/// The kind of the JSON value `text` holds (a value read when the token was decoded).
fn kind_of(text: &str) -> JsonKind {
    serde_json::from_str::<Field<'_>>(text).map_or(JsonKind::Null, |f| f.kind())
}

/// How the grants are read.
#[derive(Clone, Copy)]
enum Pass {
    /// Each value straight from the grants' text, once.
    Stream,
    /// Each value from its own raw text, with a parser of its own, so that a parser error is
    /// that value's alone: a number out of range or a lone surrogate is a value that cannot
    /// be read, an object with such a key is no object, and a value is nested as deep as the
    /// parser goes from where it starts. Slower, and only for the grants `Stream` gives up on.
    Raw,
}

/// Reads the grants, noting each problem and going on.
struct Reader {
    pass: Pass,
    problems: Vec<Problem>,
}

/// The members of one kind of object in the grants.
trait Members<'de> {
    type Out;
    fn read<A: MapAccess<'de>>(self, r: &mut Reader, map: &mut A) -> Result<Self::Out, A::Error>;
}

/// An object read by `M` with the reader.
struct With<'r, M> {
    r: &'r mut Reader,
    members: M,
}

impl<'de, M: Members<'de>> ObjectReader<'de> for With<'_, M> {
    type Out = M::Out;
    fn read<A: MapAccess<'de>>(self, mut map: A) -> Result<M::Out, A::Error> {
        // An object that fails to parse is not read at all: it has no problems of its own.
        let before = self.r.problems.len();
        let read = self.members.read(self.r, &mut map);
        if read.is_err() {
            self.r.problems.truncate(before);
        }
        read
    }
}

fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

impl Reader {
    fn wrong(&mut self, claim: &'static str, expected: &'static str, found: JsonKind) {
        self.problems.push(Problem::Type {
            claim,
            expected,
            found,
        });
    }

    fn object_seed<M>(&mut self, members: M) -> Shape<With<'_, M>> {
        Shape(With { r: self, members })
    }

    /// The next value, read by `seed`: from the stream, or (`Pass::Raw`) from its own text,
    /// `Err(text)` when that text does not parse.
    fn value<'de, A: MapAccess<'de>, S: DeserializeSeed<'de>>(
        pass: Pass,
        map: &mut A,
        seed: S,
    ) -> Result<Result<S::Value, &'de str>, A::Error> {
        match pass {
            Pass::Stream => map.next_value_seed(seed).map(Ok),
            Pass::Raw => {
                let text = map.next_value::<&'de RawValue>()?.get();
                let mut de = serde_json::Deserializer::from_str(text);
                Ok(seed.deserialize(&mut de).map_err(|_| text))
            }
        }
    }

    /// The next value as a `Field`; `Err` when it cannot be read.
    fn field<'de, A: MapAccess<'de>>(
        &self,
        map: &mut A,
    ) -> Result<Result<Field<'de>, ()>, A::Error> {
        let read = Reader::value(self.pass, map, PhantomData::<Field<'de>>)?;
        Ok(read.map_err(drop))
    }

    /// The next value as JSON; `null` when it cannot be read.
    fn json<'de, A: MapAccess<'de>>(&self, map: &mut A) -> Result<Value, A::Error> {
        let read = Reader::value(self.pass, map, PhantomData::<Value>)?;
        Ok(read.unwrap_or(Value::Null))
    }

    /// The next value as the object `claim`, read by `members`; none and a problem when it is
    /// another value.
    fn object<'de, A: MapAccess<'de>, M: Members<'de>>(
        &mut self,
        map: &mut A,
        claim: &'static str,
        members: M,
    ) -> Result<Option<M::Out>, A::Error> {
        let found = match Reader::value(self.pass, map, self.object_seed(members))? {
            Ok(Ok(read)) => return Ok(Some(read)),
            Ok(Err(field)) => field.kind(),
            Err(text) => kind_of(text),
        };
        self.wrong(claim, "an object", found);
        Ok(None)
    }

    /// A string, or none and a problem (none alone when it cannot be read).
    fn string<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        claim: &'static str,
    ) -> Result<Option<String>, A::Error> {
        Ok(match self.field(map)? {
            Ok(Field::Str(s)) => Some(s.into_owned()),
            Ok(other) => {
                self.wrong(claim, "a string", other.kind());
                None
            }
            Err(()) => None,
        })
    }

    /// The grant `claim` of string fields `wanted`, as [`strings`](Self::strings) reads them.
    fn text_grant<'de, A: MapAccess<'de>, G: FromFields<N>, const N: usize>(
        &mut self,
        map: &mut A,
        claim: &'static str,
        wanted: [(&'static str, &'static str); N],
    ) -> Result<Option<G>, A::Error> {
        Ok(Some(G::from_fields(self.strings(map, claim, wanted)?)))
    }

    /// The string fields `wanted` of the object `claim`, each absent, a string, or a problem;
    /// none and a problem when it is not an object.
    fn strings<'de, A: MapAccess<'de>, const N: usize>(
        &mut self,
        map: &mut A,
        claim: &'static str,
        wanted: [(&'static str, &'static str); N],
    ) -> Result<[Option<String>; N], A::Error> {
        let read = self.object(map, claim, Strings(wanted))?;
        Ok(read.unwrap_or([const { None }; N]))
    }
}

/// The `grants` object: its identity, and its grants into the token.
struct Grants<'g>(&'g mut AccessGrants);

impl<'de> Members<'de> for Grants<'_> {
    type Out = String;
    fn read<A: MapAccess<'de>>(self, r: &mut Reader, map: &mut A) -> Result<String, A::Error> {
        let mut identity = None;
        let typed = self.0;
        while let Some(key) = key(map)? {
            match &*key {
                // Only the last identity counts.
                "identity" => identity = Some(r.field(map)?),
                "voice" => typed.voice = r.object(map, "grants.voice", Voice)?,
                "video" => typed.video = r.text_grant(map, "grants.video", VIDEO)?,
                "chat" => typed.chat = r.text_grant(map, "grants.chat", CHAT)?,
                "data_sync" => typed.sync = r.text_grant(map, "grants.data_sync", SYNC)?,
                "task_router" => {
                    typed.task_router = r.text_grant(map, "grants.task_router", TASK_ROUTER)?;
                }
                _ => typed.other.push((key.into_owned(), r.json(map)?)),
            }
        }
        // The identity's problem comes after those of the grants.
        let claim = "grants.identity";
        let identity = match identity {
            None => {
                r.problems.push(Problem::MissingIdentity);
                String::new()
            }
            Some(Ok(Field::Str(s))) if s.is_empty() => {
                r.problems.push(Problem::EmptyIdentity);
                String::new()
            }
            Some(Ok(Field::Str(s))) => s.into_owned(),
            Some(Ok(other)) => {
                r.wrong(claim, "a string", other.kind());
                String::new()
            }
            Some(Err(())) => {
                r.wrong(claim, "a string", JsonKind::Null);
                String::new()
            }
        };
        Ok(identity)
    }
}

/// An object of string fields, each the last of its key.
struct Strings<const N: usize>([(&'static str, &'static str); N]);

impl<'de, const N: usize> Members<'de> for Strings<N> {
    type Out = [Option<String>; N];
    fn read<A: MapAccess<'de>>(self, r: &mut Reader, map: &mut A) -> Result<Self::Out, A::Error> {
        let mut out = [const { None }; N];
        while let Some(key) = key(map)? {
            match self.0.iter().position(|(name, _)| *name == key) {
                Some(i) => out[i] = r.string(map, self.0[i].1)?,
                None => skip(map)?,
            }
        }
        Ok(out)
    }
}

struct Voice;

impl<'de> Members<'de> for Voice {
    type Out = VoiceClaims;
    fn read<A: MapAccess<'de>>(self, r: &mut Reader, map: &mut A) -> Result<Self::Out, A::Error> {
        let mut voice = VoiceClaims::default();
        while let Some(key) = key(map)? {
            match &*key {
                "incoming" => {
                    let incoming = r.object(map, "grants.voice.incoming", Incoming)?;
                    voice.incoming = incoming.unwrap_or(false);
                }
                "outgoing" => {
                    voice.outgoing = r.object(map, "grants.voice.outgoing", Outgoing)?.flatten();
                }
                "push_credential_sid" => {
                    voice.push_credential_sid =
                        r.string(map, "grants.voice.push_credential_sid")?;
                }
                "endpoint_id" => voice.endpoint_id = r.string(map, "grants.voice.endpoint_id")?,
                _ => skip(map)?,
            }
        }
        Ok(voice)
    }
}

/// `{"allow": true}`; Java writes `{"allow":false}`. Only the first `allow` counts.
struct Incoming;

impl<'de> Members<'de> for Incoming {
    type Out = bool;
    fn read<A: MapAccess<'de>>(self, r: &mut Reader, map: &mut A) -> Result<bool, A::Error> {
        let mut allow = None;
        while let Some(key) = key(map)? {
            if key == "allow" && allow.is_none() {
                allow = Some(r.field(map)?);
            } else {
                skip(map)?;
            }
        }
        Ok(match allow {
            Some(Ok(Field::Bool(allow))) => allow,
            Some(Ok(other)) => {
                r.wrong("grants.voice.incoming.allow", "a boolean", other.kind());
                false
            }
            None | Some(Err(())) => false,
        })
    }
}

struct Outgoing;

impl<'de> Members<'de> for Outgoing {
    type Out = Option<OutgoingClaims>;
    fn read<A: MapAccess<'de>>(self, r: &mut Reader, map: &mut A) -> Result<Self::Out, A::Error> {
        let claim = "grants.voice.outgoing.application_sid";
        let mut application_sid = None;
        let mut params = Vec::new();
        while let Some(key) = key(map)? {
            match &*key {
                "application_sid" => application_sid = Some(r.string(map, claim)?),
                // Params of the wrong type leave those read before.
                "params" => {
                    if let Some(read) = r.object(map, "grants.voice.outgoing.params", Params)? {
                        params = read;
                    }
                }
                _ => skip(map)?,
            }
        }
        Ok(match application_sid {
            Some(Some(application_sid)) => Some(OutgoingClaims {
                application_sid,
                params,
            }),
            // A wrong type is noted already; a missing SID is noted here.
            Some(None) => None,
            None => {
                r.wrong(claim, "a string", JsonKind::Null);
                None
            }
        })
    }
}

/// `params`: every member, in token order, as JSON.
struct Params;

impl<'de> Members<'de> for Params {
    type Out = Vec<(String, Value)>;
    fn read<A: MapAccess<'de>>(self, r: &mut Reader, map: &mut A) -> Result<Self::Out, A::Error> {
        let mut params = Vec::new();
        while let Some(key) = key(map)? {
            params.push((key.into_owned(), r.json(map)?));
        }
        Ok(params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_claims_list_their_fields_as_the_schema_tables_do() {
        fn keys(fields: &[(&'static str, Option<&str>)]) -> Vec<&'static str> {
            fields.iter().map(|(key, _)| *key).collect()
        }
        fn schema_keys(fields: &[(&'static str, &'static str)]) -> Vec<&'static str> {
            fields.iter().map(|(key, _)| *key).collect()
        }
        assert_eq!(keys(&VideoClaims::default().fields()), schema_keys(&VIDEO));
        assert_eq!(keys(&ChatClaims::default().fields()), schema_keys(&CHAT));
        assert_eq!(keys(&SyncClaims::default().fields()), schema_keys(&SYNC));
        let task_router = TaskRouterClaims::default();
        assert_eq!(keys(&task_router.fields()), schema_keys(&TASK_ROUTER));
    }
}
