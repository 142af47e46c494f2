//! Signing: a policy and credentials make a token in the reference format (spec section 1).

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::Mac as _;

use crate::encoding::push_u64;
use crate::{Credentials, Policy};

/// `base64url({"typ":"JWT","alg":"HS256"})`, the header of every token this crate signs.
pub(crate) const HEADER_B64: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9";

/// A signed capability token, ready to hand to a Twilio Client device.
///
/// It is a bearer credential for as long as it lives: treat it like a session cookie.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Token {
    text: String,
    expires_at: u64,
}

impl Token {
    /// The token text: three base64url segments joined by `.`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The token text, without a copy.
    pub fn into_string(self) -> String {
        self.text
    }

    /// The `exp` claim: when the token stops being valid, in Unix seconds.
    pub fn expires_at(&self) -> u64 {
        self.expires_at
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for Token {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// Why a token could not be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The system clock reads a time before 1970.
    #[error("the system clock reads a time before the Unix epoch (1970-01-01)")]
    ClockBeforeEpoch,
    /// `now + ttl` does not fit in 64 bits.
    #[error("expiry {now} + {ttl} seconds overflows a 64-bit Unix time")]
    ExpiryOverflow {
        /// The signing time, in Unix seconds.
        now: u64,
        /// The policy's ttl, in seconds.
        ttl: u32,
    },
}

/// Whole seconds since the Unix epoch, floored, from the system clock.
pub(crate) fn unix_now() -> Result<u64, SignError> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| SignError::ClockBeforeEpoch)
}

impl Policy {
    /// Signs a token that expires `ttl` seconds from now, by the system clock.
    ///
    /// # Errors
    /// [`SignError::ClockBeforeEpoch`] when the clock reads a time before 1970.
    pub fn sign(&self, creds: &Credentials) -> Result<Token, SignError> {
        self.sign_at(creds, unix_now()?)
    }

    /// Signs a token as if the time were `now` (Unix seconds). The output depends only on the
    /// policy, the credentials and `now`, so it can be compared byte for byte.
    ///
    /// # Errors
    /// [`SignError::ExpiryOverflow`] when `now + ttl` does not fit in a `u64`.
    pub fn sign_at(&self, creds: &Credentials, now: u64) -> Result<Token, SignError> {
        let ttl = self.ttl().as_secs();
        let expires_at = now
            .checked_add(u64::from(ttl))
            .ok_or(SignError::ExpiryOverflow { now, ttl })?;
        let text = sign_claims(creds, self.scope_claim(), expires_at);
        Ok(Token { text, expires_at })
    }
}

/// The whole token for a scope claim, the credentials' issuer and `exp`.
fn sign_claims(creds: &Credentials, scope: &str, exp: u64) -> String {
    // The scope claim is made of E's output and fixed ASCII, and the issuer is `AC` + hex,
    // so neither needs JSON escaping.
    let mut payload = String::with_capacity(scope.len() + 80);
    payload.push_str(r#"{"scope":""#);
    payload.push_str(scope);
    payload.push_str(r#"","iss":""#);
    payload.push_str(creds.account_sid().as_str());
    payload.push_str(r#"","exp":"#);
    push_u64(&mut payload, exp);
    payload.push('}');

    let mut token = String::with_capacity(HEADER_B64.len() + 2 + payload.len() * 4 / 3 + 4 + 43);
    token.push_str(HEADER_B64);
    token.push('.');
    URL_SAFE_NO_PAD.encode_string(payload.as_bytes(), &mut token);
    let mut mac = creds.key().clone();
    mac.update(token.as_bytes());
    let signature = mac.finalize().into_bytes();
    token.push('.');
    URL_SAFE_NO_PAD.encode_string(signature, &mut token);
    token
}
