//! Reading any token without a key: [`inspect`], which tells the formats apart.

use crate::jwt::verify;
use crate::{
    Claims, DecodedAccessToken, DecodedCapabilityToken, DecodedTaskRouterToken, Header, Scope,
    TimeClaim, TokenKind, VerifyError, Warning, access, capability, taskrouter,
};

/// A decoded token of any format.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decoded<T = u64> {
    /// A capability token.
    Capability(DecodedCapabilityToken<T>),
    /// An access token (boxed: it is several times the size of the others).
    Access(Box<DecodedAccessToken<T>>),
    /// A TaskRouter token (boxed, as the access token).
    TaskRouter(Box<DecodedTaskRouterToken<T>>),
}

impl<T> Decoded<T> {
    /// Which format the token is.
    pub fn kind(&self) -> TokenKind {
        match self {
            Decoded::Capability(_) => TokenKind::Capability,
            Decoded::Access(_) => TokenKind::Access,
            Decoded::TaskRouter(_) => TokenKind::TaskRouter,
        }
    }

    /// The header.
    pub fn header(&self) -> &Header {
        match self {
            Decoded::Capability(t) => &t.header,
            Decoded::Access(t) => &t.header,
            Decoded::TaskRouter(t) => &t.header,
        }
    }

    /// The registered claims.
    pub fn claims(&self) -> &Claims<T> {
        match self {
            Decoded::Capability(t) => &t.claims,
            Decoded::Access(t) => &t.claims,
            Decoded::TaskRouter(t) => &t.claims,
        }
    }
}

/// Decodes a token **without verifying anything**: not the signature, not the algorithm, not
/// the time. Use it to look at a token, never to trust one; [`verify_capability_token`](crate::verify_capability_token) is for that. The result
/// is wrapped in [`Unverified`] so that every use of it says so.
///
/// It rejects only what cannot be read: a token over [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN), bad base64url, bad
/// JSON, a missing or non-string `iss`, a missing `exp`, or a malformed scope claim. Whatever
/// it rejects, [`verify_capability_token`](crate::verify_capability_token) rejects too. What it reads but spec section 2 forbids, such as an
/// empty client name or an `exp` that is not an integer, is in [`Unverified::warnings`].
///
/// # Errors
/// A [`VerifyError`] saying what could not be read.
///
/// ```
/// // Minted by this crate (reference vector `incoming_only`).
/// let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDppbmNvbWluZz9jbGllbnROYW1lPWFsaWNlIiwiaXNzIjoiQUNhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYSIsImV4cCI6MTcwMDAwMzYwMH0.47d5j89oIlCRzGiaqBOOgA7ui5Bq9EfNCuKrmqp54hg";
/// let unverified = capability::inspect(token)?;
/// assert_eq!(unverified.claims().iss, "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
/// # Ok::<(), capability::VerifyError>(())
/// ```
pub fn inspect(token: &str) -> Result<Unverified, VerifyError> {
    let (header, payload) = verify::decode_unchecked(token)?;
    let (decoded, warnings) = match verify::kind(&header, &payload)? {
        TokenKind::Access => {
            let (decoded, problems) = access::read::decode::<TimeClaim>(header, &payload)?;
            let warnings = access::warnings::of(&decoded, &problems);
            (Decoded::Access(Box::new(decoded)), warnings)
        }
        TokenKind::TaskRouter => {
            let (decoded, problems) = taskrouter::read::decode::<TimeClaim>(header, &payload)?;
            let warnings = taskrouter::warnings::of(&decoded, &problems);
            (Decoded::TaskRouter(Box::new(decoded)), warnings)
        }
        TokenKind::Capability => {
            let decoded = capability::read::decode::<TimeClaim>(header, &payload)?;
            let warnings = capability::warnings::of(&decoded);
            (Decoded::Capability(decoded), warnings)
        }
    };
    Ok(Unverified { decoded, warnings })
}

/// A token decoded by [`inspect`]: **its signature, algorithm and time were not checked**, so
/// anyone could have written it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unverified {
    decoded: Decoded<TimeClaim>,
    warnings: Vec<Warning>,
}

impl Unverified {
    /// Which format the token is.
    pub fn kind(&self) -> TokenKind {
        self.decoded.kind()
    }

    /// The header, unverified.
    pub fn header(&self) -> &Header {
        self.decoded.header()
    }

    /// The registered claims, unverified, with the times as the token holds them.
    pub fn claims(&self) -> &Claims<TimeClaim> {
        self.decoded.claims()
    }

    /// The scopes of a capability token, unverified; none for another format.
    pub fn scopes(&self) -> &[Scope] {
        match &self.decoded {
            Decoded::Capability(t) => &t.scopes,
            Decoded::Access(_) | Decoded::TaskRouter(_) => &[],
        }
    }

    /// The decoded token, unverified.
    pub fn decoded(&self) -> &Decoded<TimeClaim> {
        &self.decoded
    }

    /// Every rule of spec section 2 the token breaks, in claim order: values such as an empty
    /// client name, grants given twice, a lifetime over 24 hours, a time that is not an
    /// integer. A token made by this crate has none.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The decoded token, still unverified.
    pub fn into_unverified_inner(self) -> Decoded<TimeClaim> {
        self.decoded
    }
}
