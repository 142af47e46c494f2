//! The verification core every format shares: the token's shape, its header, the signature
//! in constant time over the bytes as received, the registered claims and the time.

use std::borrow::Cow;
use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::{DecodeSliceError, Engine as _};
use hmac::digest::CtOutput;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::credentials::HmacSha256;
use crate::jwt::hmac_prefix::HmacPrefix;
use crate::jwt::scan;
use crate::jwt::token::{HEADER_B64, MAX_TOKEN_LEN};
use crate::{JsonKind, Malformed, Segment, TokenKind, VerifyError};

/// A token's header, as decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Header {
    /// The `alg` field. [`verify_capability_token`](crate::verify_capability_token) accepts only `HS256`.
    pub alg: String,
    /// The `typ` field, if present. [`verify_capability_token`](crate::verify_capability_token) accepts only `JWT`.
    pub typ: Option<String>,
    /// The `cty` field of an access token, if present: `twilio-fpa;v=1`.
    pub cty: Option<String>,
    /// The `twr` field of an access token: its Twilio region, if present. Ruby's
    /// `"twr":null` reads as absent.
    pub twr: Option<String>,
}

/// The `cty` of an access token.
pub(crate) const ACCESS_CTY: &str = "twilio-fpa;v=1";

/// A token's registered claims, as decoded. Unknown claims are ignored.
///
/// [`verify_capability_token`](crate::verify_capability_token) gives `Claims` with the times as `u64`; [`inspect`](crate::inspect), which reads a token whose
/// times are not integers too, gives `Claims<TimeClaim>`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Claims<T = u64> {
    /// The issuer: the account SID.
    pub iss: String,
    /// The expiry, in Unix seconds.
    pub exp: T,
    /// Not before, in Unix seconds, if present (Python's helper writes it).
    pub nbf: Option<T>,
    /// Issued at, in Unix seconds, if present (Node's helper writes it).
    pub iat: Option<T>,
}

/// A time claim as [`inspect`](crate::inspect) reads it: Unix seconds, or whatever else the token holds there.
#[derive(Debug, Clone, PartialEq)]
pub enum TimeClaim {
    /// A non-negative JSON integer: Unix seconds.
    Seconds(u64),
    /// Any other JSON value, such as the float `exp` Python writes for a fractional ttl.
    /// [`verify_capability_token`](crate::verify_capability_token) refuses it with [`VerifyError::ClaimType`].
    Invalid(serde_json::Value),
}

// JSON numbers here are never NaN, so equality is total.
impl Eq for TimeClaim {}

impl TimeClaim {
    /// The seconds, when the claim is an integer.
    pub fn seconds(&self) -> Option<u64> {
        match self {
            TimeClaim::Seconds(secs) => Some(*secs),
            TimeClaim::Invalid(_) => None,
        }
    }
}

impl fmt::Display for TimeClaim {
    /// The seconds, or the JSON value as the token holds it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeClaim::Seconds(secs) => write!(f, "{secs}"),
            TimeClaim::Invalid(value) => write!(f, "{value}"),
        }
    }
}

/// Which format a token is (spec `access-token.md` section 3, `taskrouter-token.md` section
/// 3): an access token by its `cty` header or its `grants`, a TaskRouter token by its
/// `policies` and `workspace_sid`, else a capability token.
pub(crate) fn kind(header: &Header, payload: &[u8]) -> Result<TokenKind, VerifyError> {
    let raw: RawKind<'_> = parse_json(payload, Segment::Payload)?;
    Ok(raw.kind(header))
}

/// The claims that tell the formats apart, read as present or not.
#[derive(Deserialize)]
pub(crate) struct RawKind<'a> {
    #[serde(borrow, default)]
    pub(crate) grants: Field<'a>,
    #[serde(borrow, default)]
    pub(crate) policies: Field<'a>,
    #[serde(borrow, default)]
    pub(crate) workspace_sid: Field<'a>,
}

impl RawKind<'_> {
    /// Refuses a token that is not of the `expected` format.
    pub(crate) fn expect(&self, header: &Header, expected: TokenKind) -> Result<(), VerifyError> {
        let found = self.kind(header);
        if found != expected {
            return Err(VerifyError::WrongKind { expected, found });
        }
        Ok(())
    }

    /// The format, from the header and these claims.
    pub(crate) fn kind(&self, header: &Header) -> TokenKind {
        if header.cty.is_some() || !matches!(self.grants, Field::Absent) {
            TokenKind::Access
        } else if !matches!(self.policies, Field::Absent)
            && !matches!(self.workspace_sid, Field::Absent)
        {
            TokenKind::TaskRouter
        } else {
            TokenKind::Capability
        }
    }
}

/// A token split at its two dots.
pub(crate) struct Parts<'a> {
    pub(crate) header: &'a str,
    pub(crate) signing_input: &'a str,
    pub(crate) payload: &'a str,
    pub(crate) signature: &'a str,
}

pub(crate) fn split(token: &str) -> Result<Parts<'_>, VerifyError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(VerifyError::TooLong {
            len: token.len(),
            max: MAX_TOKEN_LEN,
        });
    }
    // The first dot ends the short header, the last starts the short signature; the long
    // payload between them is only checked for a third.
    let bytes = token.as_bytes();
    let dots = scan::find(bytes, b'.').zip(scan::rfind(bytes, b'.'));
    let Some((first, second)) = dots.filter(|&(first, second)| {
        first < second && !scan::contains(&bytes[first + 1..second], b'.')
    }) else {
        let count = token.split('.').count();
        return Err(Malformed::Segments { count }.into());
    };
    let header = &token[..first];
    let signing_input = &token[..second];
    let payload = &token[first + 1..second];
    let signature = &token[second + 1..];
    Ok(Parts {
        header,
        signing_input,
        payload,
        signature,
    })
}

pub(crate) fn decode_b64(text: &str, segment: Segment) -> Result<Vec<u8>, Malformed> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| Malformed::Base64 { segment })
}

pub(crate) fn parse_json<'a, T: Deserialize<'a>>(
    bytes: &'a [u8],
    segment: Segment,
) -> Result<T, Malformed> {
    // serde's derived structs also accept a JSON array; a header or payload must be an object.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(Malformed::Json {
            segment,
            message: "expected a JSON object".to_owned(),
        });
    }
    // Text known to be UTF-8 parses the same as bytes, without a UTF-8 check per string.
    match std::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    }
    .map_err(|e| Malformed::Json {
        segment,
        message: e.to_string(),
    })
}

/// Payloads of up to this many bytes are decoded on the stack; longer ones into a `Vec`.
const PAYLOAD_ON_STACK: usize = 1024;

/// Checks a token's shape, its `HS256` header and its signature under `key`, then hands the
/// header and the decoded payload to `read`. Nothing of the payload is parsed before the
/// signature is known to be right.
pub(crate) fn open<T>(
    token: &str,
    key: &HmacPrefix,
    read: impl FnOnce(Header, &[u8]) -> Result<T, VerifyError>,
) -> Result<T, VerifyError> {
    let parts = split(token)?;
    let header = decode_header(parts.header)?;
    if header.alg != "HS256" {
        return Err(VerifyError::UnsupportedAlgorithm { alg: header.alg });
    }
    if let Some(typ) = header.typ.as_ref().filter(|t| *t != "JWT") {
        return Err(VerifyError::UnsupportedType { typ: typ.clone() });
    }
    if let Some(cty) = header.cty.as_ref().filter(|c| *c != ACCESS_CTY) {
        return Err(VerifyError::UnsupportedContentType { cty: cty.clone() });
    }
    // All three segments must be base64url before anything is trusted or parsed further.
    let mut stack = [0u8; PAYLOAD_ON_STACK];
    let heap;
    let payload = match URL_SAFE_NO_PAD.decode_slice(parts.payload, &mut stack) {
        Ok(n) => &stack[..n],
        Err(DecodeSliceError::OutputSliceTooSmall) => {
            heap = decode_b64(parts.payload, Segment::Payload)?;
            &heap[..]
        }
        Err(DecodeSliceError::DecodeError(_)) => {
            return Err(Malformed::Base64 {
                segment: Segment::Payload,
            }
            .into());
        }
    };
    // An HS256 signature is 32 bytes, 43 characters; any other length is a bad signature, once
    // it is known to be base64url at all.
    let mut signature = [0u8; 32];
    let is_32_bytes = URL_SAFE_NO_PAD.decode_slice(parts.signature, &mut signature) == Ok(32);
    if !is_32_bytes {
        decode_b64(parts.signature, Segment::Signature)?;
    }
    let tag = key.finish(parts.signing_input.as_bytes());
    // Constant-time comparison: `CtOutput`'s `==` is `digest`'s constant-time equality, the one
    // `Mac::verify_slice` uses. Only the length, which is public, is compared in the open.
    let tag = CtOutput::<HmacSha256>::new(tag.into());
    if !is_32_bytes || tag != CtOutput::new(signature.into()) {
        return Err(VerifyError::BadSignature);
    }
    read(header, payload)
}

/// Decodes a token's header and payload **without checking anything**, for `inspect`.
pub(crate) fn decode_unchecked(token: &str) -> Result<(Header, Vec<u8>), VerifyError> {
    let parts = split(token)?;
    let header = decode_header(parts.header)?;
    let payload = decode_b64(parts.payload, Segment::Payload)?;
    decode_b64(parts.signature, Segment::Signature)?;
    Ok((header, payload))
}

/// A format's reading of a token, as a verifier takes it: the first problem of its claims, of
/// those `inspect` would warn about, is the error.
pub(crate) trait Strict {
    /// The token decoded.
    type Decoded;
    /// The token, or its first problem as the error.
    fn strict(self) -> Result<Self::Decoded, VerifyError>;
}

/// A token decoded with the problems of its claims, which `inspect` warns about.
impl<T, P: Into<VerifyError>> Strict for Result<(T, Vec<P>), VerifyError> {
    type Decoded = T;
    fn strict(self) -> Result<T, VerifyError> {
        let (decoded, problems) = self?;
        match problems.into_iter().next() {
            Some(problem) => Err(problem.into()),
            None => Ok(decoded),
        }
    }
}

/// The time rules of spec section 3: expired when `exp <= now - leeway`, not yet valid when
/// `nbf > now + leeway`.
pub(crate) fn check_time(claims: &Claims, now: u64, leeway: u64) -> Result<(), VerifyError> {
    // Never expired while now - leeway is before 1970.
    if now.checked_sub(leeway).is_some_and(|t| claims.exp <= t) {
        return Err(VerifyError::Expired {
            exp: claims.exp,
            now,
            leeway,
        });
    }
    // Never not yet valid when now + leeway is past u64::MAX.
    if let Some(nbf) = claims.nbf
        && now.checked_add(leeway).is_some_and(|t| nbf > t)
    {
        return Err(VerifyError::NotYetValid { nbf, now, leeway });
    }
    Ok(())
}

/// The registered claims from their raw fields: `iss` a string, `exp` present, each time read
/// as `T` reads it. `payload` is the whole payload, for a time kept as it stands.
pub(crate) fn registered<T: Time>(
    [iss, exp, nbf, iat]: [Field<'_>; 4],
    payload: &[u8],
) -> Result<Claims<T>, VerifyError> {
    let time = |field, claim| T::read(field, claim, payload);
    Ok(Claims {
        iss: iss
            .string("iss")?
            .ok_or(VerifyError::MissingClaim { claim: "iss" })?,
        exp: time(exp, "exp")?.ok_or(VerifyError::MissingClaim { claim: "exp" })?,
        nbf: time(nbf, "nbf")?,
        iat: time(iat, "iat")?,
    })
}

/// `{"alg":"HS256","typ":"JWT"}`, as PyJWT and jsonwebtoken (Node) write it.
const HEADER_ALG_FIRST_B64: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

/// `{"typ":"JWT","alg":"HS256","cty":"twilio-fpa;v=1"}`, the header of every access token this
/// crate signs without a region (spec 1.2).
const ACCESS_HEADER_B64: &str =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiIsImN0eSI6InR3aWxpby1mcGE7dj0xIn0";

pub(crate) fn decode_header(text: &str) -> Result<Header, VerifyError> {
    // The headers most tokens have decode to known values; skip the work.
    let cty = match text {
        HEADER_B64 | HEADER_ALG_FIRST_B64 => None,
        ACCESS_HEADER_B64 => Some(ACCESS_CTY.to_owned()),
        _ => return decode_any_header(text),
    };
    Ok(Header {
        alg: "HS256".to_owned(),
        typ: Some("JWT".to_owned()),
        cty,
        twr: None,
    })
}

fn decode_any_header(text: &str) -> Result<Header, VerifyError> {
    let bytes = decode_b64(text, Segment::Header)?;
    let raw: RawHeader<'_> = parse_json(&bytes, Segment::Header)?;
    Ok(Header {
        alg: raw
            .alg
            .string("alg")?
            .ok_or(VerifyError::MissingClaim { claim: "alg" })?,
        typ: raw.typ.string("typ")?,
        cty: raw.cty.string("cty")?,
        twr: match raw.twr {
            Field::Other(JsonKind::Null) => None,
            twr => twr.string("twr")?,
        },
    })
}

/// How a time claim is read: strictly by [`verify_capability_token`](crate::verify_capability_token), as it stands by [`inspect`](crate::inspect).
pub(crate) trait Time: Sized {
    /// The claim, if present. `payload` is the whole payload, for a value kept as it stands.
    fn read(
        field: Field<'_>,
        claim: &'static str,
        payload: &[u8],
    ) -> Result<Option<Self>, VerifyError>;
}

impl Time for u64 {
    fn read(field: Field<'_>, claim: &'static str, _: &[u8]) -> Result<Option<u64>, VerifyError> {
        field.integer(claim)
    }
}

impl Time for TimeClaim {
    fn read(
        field: Field<'_>,
        claim: &'static str,
        payload: &[u8],
    ) -> Result<Option<TimeClaim>, VerifyError> {
        Ok(match field {
            Field::Absent => None,
            Field::U64(secs) => Some(TimeClaim::Seconds(secs)),
            // Rare, so the payload is parsed again rather than every value kept on the way.
            _ => {
                let mut claims: serde_json::Map<String, serde_json::Value> =
                    parse_json(payload, Segment::Payload)?;
                claims.remove(claim).map(TimeClaim::Invalid)
            }
        })
    }
}

#[derive(Deserialize)]
struct RawHeader<'a> {
    #[serde(borrow, default)]
    alg: Field<'a>,
    #[serde(borrow, default)]
    typ: Field<'a>,
    #[serde(borrow, default)]
    cty: Field<'a>,
    #[serde(borrow, default)]
    twr: Field<'a>,
}

/// A claim that is present whenever its key is, `null` included: for `#[serde(default,
/// deserialize_with = "present")]` on an `Option`, which alone would read `null` as absent.
/// Format detection counts a `"grants": null` as a `grants` claim, so its reader must too, and
/// then say that `null` is not an object.
pub(crate) fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// One JSON field, kept as whatever it is so that a wrong type is reported by name.
/// (`Option<T>` would read `null` as absent.)
#[derive(Default)]
pub(crate) enum Field<'a> {
    #[default]
    Absent,
    Str(Cow<'a, str>),
    U64(u64),
    Bool(bool),
    Other(JsonKind),
}

impl Field<'_> {
    pub(crate) fn kind(&self) -> JsonKind {
        match self {
            Field::Str(_) => JsonKind::String,
            Field::U64(_) => JsonKind::Integer,
            Field::Bool(_) => JsonKind::Bool,
            Field::Other(kind) => *kind,
            Field::Absent => JsonKind::Null,
        }
    }

    pub(crate) fn string(self, claim: &'static str) -> Result<Option<String>, VerifyError> {
        match self {
            Field::Absent => Ok(None),
            Field::Str(s) => Ok(Some(s.into_owned())),
            other => Err(VerifyError::ClaimType {
                claim,
                expected: "a string",
                found: other.kind(),
            }),
        }
    }

    pub(crate) fn integer(self, claim: &'static str) -> Result<Option<u64>, VerifyError> {
        match self {
            Field::Absent => Ok(None),
            Field::U64(n) => Ok(Some(n)),
            other => Err(VerifyError::ClaimType {
                claim,
                expected: "a non-negative JSON integer",
                found: other.kind(),
            }),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Field<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Shape(Skip))
            .map(|read| read.unwrap_or_else(|field| field))
    }
}

/// How [`Shape`] reads an object: [`Skip`] skips it, a typed reader reads its members.
pub(crate) trait ObjectReader<'de>: Sized {
    type Out;
    fn read<A: MapAccess<'de>>(self, map: A) -> Result<Self::Out, A::Error>;

    /// An array: skipped unread and named by its kind, unless the reader reads arrays too.
    fn read_array<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> Result<Result<Self::Out, Field<'de>>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Err(Field::Other(JsonKind::Array)))
    }
}

/// The next key, borrowed from the text when it has no escapes.
pub(crate) fn key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Cow<'de, str>>, A::Error> {
    match map.next_key::<Field<'de>>()? {
        Some(Field::Str(key)) => Ok(Some(key)),
        Some(_) => Err(de::Error::custom("a key that is not a string")),
        None => Ok(None),
    }
}

/// A plain [`Field`]'s object: skipped, and named by its kind.
pub(crate) struct Skip;

impl<'de> ObjectReader<'de> for Skip {
    type Out = Field<'de>;
    fn read<A: MapAccess<'de>>(self, mut map: A) -> Result<Field<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Field::Other(JsonKind::Object))
    }
}

/// Any JSON value, in one pass: an object read by `O`, anything else kept as a `Field`, so
/// that a value of the wrong type is reported by its kind.
pub(crate) struct Shape<O>(pub(crate) O);

impl<'de, O: ObjectReader<'de>> DeserializeSeed<'de> for Shape<O> {
    type Value = Result<O::Out, Field<'de>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, O: ObjectReader<'de>> Visitor<'de> for Shape<O> {
    type Value = Result<O::Out, Field<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Err(Field::Str(Cow::Borrowed(v))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Err(Field::Str(Cow::Owned(v.to_owned()))))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Err(Field::Str(Cow::Owned(v))))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Err(Field::U64(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        // serde_json gives non-negative integers to `visit_u64`; this is only reached for
        // negative ones, but say so from the value rather than trust that.
        Ok(Err(match u64::try_from(v) {
            Ok(v) => Field::U64(v),
            Err(_) => Field::Other(JsonKind::NegativeInteger),
        }))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err(Field::Other(JsonKind::OtherNumber)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Err(Field::Bool(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Err(Field::Other(JsonKind::Null)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.read_array(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.read(map).map(Ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each header decoded without the work decodes so with it.
    #[test]
    fn the_known_headers_decode_as_any_header() {
        for text in [HEADER_B64, HEADER_ALG_FIRST_B64, ACCESS_HEADER_B64] {
            assert_eq!(decode_header(text), decode_any_header(text), "{text}");
        }
        assert_eq!(
            decode_header(ACCESS_HEADER_B64).unwrap().cty.as_deref(),
            Some(ACCESS_CTY)
        );
    }
}
