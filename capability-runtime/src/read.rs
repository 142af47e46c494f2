//! Reading any token without a key: [`inspect`].

use crate::capability;
use crate::jwt::verify;
use crate::{Claims, DecodedToken, Header, Scope, TimeClaim, VerifyError, Warning};

/// Decodes a token **without verifying anything**: not the signature, not the algorithm, not
/// the time. Use it to look at a token, never to trust one; [`verify`](crate::verify()) is for that. The result
/// is wrapped in [`Unverified`] so that every use of it says so.
///
/// It rejects only what cannot be read: a token over [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN), bad base64url, bad
/// JSON, a missing or non-string `iss`, a missing `exp`, or a malformed scope claim. Whatever
/// it rejects, [`verify`](crate::verify()) rejects too. What it reads but spec section 2 forbids, such as an
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
    let decoded = capability::read::decode::<TimeClaim>(header, &payload)?;
    let warnings = capability::warnings::of(&decoded);
    Ok(Unverified { decoded, warnings })
}

/// A token decoded by [`inspect`]: **its signature, algorithm and time were not checked**, so
/// anyone could have written it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unverified {
    decoded: DecodedToken<TimeClaim>,
    warnings: Vec<Warning>,
}

impl Unverified {
    /// The header, unverified.
    pub fn header(&self) -> &Header {
        &self.decoded.header
    }

    /// The claims, unverified, with the times as the token holds them.
    pub fn claims(&self) -> &Claims<TimeClaim> {
        &self.decoded.claims
    }

    /// The scopes, unverified.
    pub fn scopes(&self) -> &[Scope] {
        &self.decoded.scopes
    }

    /// Every rule of spec section 2 the token breaks, in claim order: values such as an empty
    /// client name, grants given twice, a lifetime over 24 hours, a time that is not an
    /// integer. A token made by this crate has none.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The decoded token, still unverified.
    pub fn into_unverified_inner(self) -> DecodedToken<TimeClaim> {
        self.decoded
    }
}
