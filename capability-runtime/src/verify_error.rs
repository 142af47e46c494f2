//! Why a token was refused: every rule of the specs' section 3, for every format.

use std::fmt;

use crate::ScopeError;

/// The three token formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// A Twilio Client capability token (`scope`), keyed by the auth token.
    Capability,
    /// An Access Token (`grants`, `cty: twilio-fpa;v=1`), keyed by an API secret.
    Access,
    /// A TaskRouter capability token (`policies` and `workspace_sid`), keyed by the auth token.
    TaskRouter,
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TokenKind::Capability => "a capability token",
            TokenKind::Access => "an access token",
            TokenKind::TaskRouter => "a TaskRouter token",
        })
    }
}

/// A part of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// The first part.
    Header,
    /// The second part, which holds the claims.
    Payload,
    /// The third part.
    Signature,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        })
    }
}

/// The kind of JSON value found where another was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    /// A string.
    String,
    /// A non-negative integer that fits 64 bits.
    Integer,
    /// A negative integer.
    NegativeInteger,
    /// A number with a fraction or an exponent, or an integer too large for 64 bits.
    OtherNumber,
    /// `true` or `false`.
    Bool,
    /// `null`.
    Null,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl fmt::Display for JsonKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JsonKind::String => "a string",
            JsonKind::Integer => "an integer",
            JsonKind::NegativeInteger => "a negative integer",
            JsonKind::OtherNumber => "a fraction, an exponent or an integer too large for 64 bits",
            JsonKind::Bool => "a boolean",
            JsonKind::Null => "null",
            JsonKind::Array => "an array",
            JsonKind::Object => "an object",
        })
    }
}

/// Why a token's structure could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Malformed {
    /// A token is three base64url segments joined by `.`.
    #[error("a token is three segments joined by `.`, found {count}")]
    Segments {
        /// How many segments were found.
        count: usize,
    },
    /// A segment is not unpadded, canonical base64url.
    #[error("the {segment} is not unpadded base64url")]
    Base64 {
        /// The segment.
        segment: Segment,
    },
    /// A segment is not the JSON object it must be.
    #[error("the {segment} is not a valid JSON object: {message}")]
    Json {
        /// The segment.
        segment: Segment,
        /// What the JSON parser said.
        message: String,
    },
    /// The scope claim does not follow the scope grammar.
    #[error("the scope claim is malformed: {0}")]
    Scope(#[from] ScopeError),
}

/// Why a token was rejected. Each rule of spec section 3 has its own variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The token is longer than [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN); it was not decoded.
    #[error("token is {len} bytes long, over the limit of {max} bytes")]
    TooLong {
        /// The token's length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The token's structure could not be read.
    #[error("malformed token: {0}")]
    Malformed(#[from] Malformed),
    /// The header names an algorithm other than HS256, such as `none` or `HS512`.
    #[error("unsupported algorithm {alg:?}: only \"HS256\" is accepted")]
    UnsupportedAlgorithm {
        /// The header's `alg`.
        alg: String,
    },
    /// The header's `typ` is present and is not `JWT`.
    #[error("unsupported token type {typ:?}: `typ`, when present, must be \"JWT\"")]
    UnsupportedType {
        /// The header's `typ`.
        typ: String,
    },
    /// The header's `cty` is present and is not `twilio-fpa;v=1`.
    #[error("unsupported content type {cty:?}: `cty`, when present, must be \"twilio-fpa;v=1\"")]
    UnsupportedContentType {
        /// The header's `cty`.
        cty: String,
    },
    /// The token is of another format than the one asked for: an access token given to the
    /// capability token's `verify`, say.
    #[error("this is {found}, not {expected}")]
    WrongKind {
        /// The format asked for.
        expected: TokenKind,
        /// The format the token is.
        found: TokenKind,
    },
    /// The signature does not match the header and payload under this key.
    #[error("bad signature: the token was not signed with this key, or was altered")]
    BadSignature,
    /// The token has expired.
    #[error("token expired at {exp}; it is now {now} (leeway {leeway}s)")]
    Expired {
        /// The `exp` claim.
        exp: u64,
        /// The time checked against.
        now: u64,
        /// The leeway allowed.
        leeway: u64,
    },
    /// The token's `nbf` is in the future.
    #[error("token is not valid before {nbf}; it is now {now} (leeway {leeway}s)")]
    NotYetValid {
        /// The `nbf` claim.
        nbf: u64,
        /// The time checked against.
        now: u64,
        /// The leeway allowed.
        leeway: u64,
    },
    /// A required claim is absent.
    #[error("claim `{claim}` is missing")]
    MissingClaim {
        /// The claim.
        claim: &'static str,
    },
    /// A claim that must not be empty is the empty string.
    #[error("claim `{claim}` must not be empty")]
    EmptyClaim {
        /// The claim.
        claim: &'static str,
    },
    /// A claim or header field has the wrong JSON type.
    #[error("claim `{claim}` must be {expected}, found {found}")]
    ClaimType {
        /// The claim or header field.
        claim: &'static str,
        /// What it must be.
        expected: &'static str,
        /// What it is.
        found: JsonKind,
    },
}
