//! Reading capability tokens: the scopes of a verified payload.

use crate::capability::scope::{self, Scope};
use crate::jwt::raw_payload::raw_payload;
use crate::jwt::verify::{self, Field, RawKind, Strict, Time};
use crate::verifier::verify_once;
use crate::{AuthToken, Capability, Claims, Header, Malformed, Segment, TokenKind, VerifyError};

/// What a token says: its header, its claims and its scopes, with params decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodedCapabilityToken<T = u64> {
    /// The header.
    pub header: Header,
    /// The registered claims.
    pub claims: Claims<T>,
    /// The grants, in token order. An unknown kind is kept as [`Scope::Unknown`].
    pub scopes: Vec<Scope>,
}

verify_once! {
    /// Checks a token completely: its shape, an `HS256` header, the signature under `auth_token`
    /// (in constant time, over the bytes as received), the claim types, the scopes, and the time.
    ///
    /// `now` and `leeway` are Unix seconds. The token is expired when `exp <= now - leeway`, and
    /// not yet valid when `nbf > now + leeway`. Tokens of every official helper library are
    /// accepted when their signature is right.
    ///
    /// ```
    /// use capability::{verify_capability_token, AuthToken, Scope};
    ///
    /// // Minted by twilio-python 9.13 (helper notes, V7).
    /// let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDppbmNvbWluZz9jbGllbnROYW1lPWFsaWNlIHNjb3BlOmNsaWVudDpvdXRnb2luZz9hcHBQYXJhbXM9Zm9vJTNEYmFyJTI2biUzRDMmYXBwU2lkPUFQYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmImY2xpZW50TmFtZT1hbGljZSBzY29wZTpzdHJlYW06c3Vic2NyaWJlP3BhcmFtcz1mb29iYXIlM0RoZXkmcGF0aD0lMkYyMDEwLTA0LTAxJTJGRXZlbnRzIiwiaXNzIjoiQUNhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYSIsImV4cCI6MTcwMDAwMzYwMCwibmJmIjoxNzAwMDAwMDAwfQ.hAj0FJHYjNEnaPLCihH8Xg3ToCllx3h7RHhIoNdxN9o";
    /// let key: AuthToken = "0123456789abcdef0123456789abcdef".parse()?;
    /// let decoded = verify_capability_token(token, &key, 1_700_000_000, 0)?;
    /// assert_eq!(decoded.claims.exp, 1_700_003_600);
    /// assert_eq!(decoded.scopes[0], Scope::Incoming { client_name: "alice".into() });
    ///
    /// let wrong: AuthToken = "not the key".parse()?;
    /// assert!(verify_capability_token(token, &wrong, 1_700_000_000, 0).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify_capability_token(auth_token: &AuthToken) -> DecodedCapabilityToken;
    ///
    /// ```
    /// use capability::{AuthToken, CapabilityVerifier};
    ///
    /// let key: AuthToken = "0123456789abcdef0123456789abcdef".parse()?;
    /// let verifier = CapabilityVerifier::new(&key); // once
    /// # let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDppbmNvbWluZz9jbGllbnROYW1lPWFsaWNlIiwiaXNzIjoiQUNhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYSIsImV4cCI6MTcwMDAwMzYwMH0.47d5j89oIlCRzGiaqBOOgA7ui5Bq9EfNCuKrmqp54hg";
    /// let decoded = verifier.verify(token, 1_700_000_000, 0)?; // per token
    /// assert_eq!(decoded.claims.exp, 1_700_003_600);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub type CapabilityVerifier = Verifier<Capability>;
}

/// A capability token's payload has no problem that is not an error already.
impl Strict for Result<DecodedCapabilityToken, VerifyError> {
    type Decoded = DecodedCapabilityToken;
    // Inlined across codegen units: a call would copy the decoded token through the stack.
    #[inline]
    fn strict(self) -> Self {
        self
    }
}

/// A capability token's payload, with its times read as `T` reads them.
pub(crate) fn decode<T: Time>(
    header: Header,
    payload: &[u8],
) -> Result<DecodedCapabilityToken<T>, VerifyError> {
    let raw: RawClaims<'_> = verify::parse_json(payload, Segment::Payload)?;
    RawKind {
        grants: raw.grants,
        policies: raw.policies,
        workspace_sid: raw.workspace_sid,
    }
    .expect(&header, TokenKind::Capability)?;
    let claims = verify::registered([raw.iss, raw.exp, raw.nbf, raw.iat], payload)?;
    // C# 5+ leaves `scope` out when it grants nothing; every other library writes "".
    let scopes = match raw.scope {
        Field::Absent => Vec::new(),
        Field::Str(claim) => scope::parse_claim(&claim).map_err(Malformed::from)?,
        other => other.string("scope").map(|_| Vec::new())?,
    };
    Ok(DecodedCapabilityToken {
        header,
        claims,
        scopes,
    })
}

raw_payload! {
    struct RawClaims<'a> {
        scope, grants, policies, workspace_sid;
    }
}
