//! Signing: a policy and credentials make a token in the reference format (spec section 1).

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use hmac::Mac as _;

use crate::b64_stream::{self, B64Stream};
use crate::credentials::HmacSha256;
use crate::encoding::Sink;
use crate::{AccountSid, Credentials, MAX_TOKEN_LEN, Policy, ValueError};

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

impl Token {
    pub(crate) fn from_parts(text: String, expires_at: u64) -> Token {
        Token { text, expires_at }
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
    /// A run-time value of a `capability!` policy breaks its rule: a param or filter value
    /// over [`MAX_VALUE_LEN`](crate::rules::MAX_VALUE_LEN) bytes. (The macro cannot fail, so
    /// signing does.)
    #[error(transparent)]
    Value(ValueError),
    /// The token would be longer than [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN), which
    /// [`verify`](crate::verify) refuses: params and filters are encoded twice, so 4 KiB of
    /// `%` alone would take 27 KiB. Checked before anything is hashed.
    #[error("the token would be {len} bytes long, over the limit of {max} bytes a verifier reads")]
    TooLong {
        /// The length the token would have.
        len: usize,
        /// The limit.
        max: usize,
    },
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
    unix_seconds(SystemTime::now())
}

/// Whole seconds since the Unix epoch, floored; an error before 1970.
fn unix_seconds(time: SystemTime) -> Result<u64, SignError> {
    time.duration_since(UNIX_EPOCH)
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
    /// [`SignError::ExpiryOverflow`] when `now + ttl` does not fit in a `u64`;
    /// [`SignError::Value`] when a run-time value of a `capability!` policy is too long.
    pub fn sign_at(&self, creds: &Credentials, now: u64) -> Result<Token, SignError> {
        if let Some(e) = self.deferred_error() {
            return Err(SignError::Value(e.clone()));
        }
        let ttl = self.ttl().as_secs();
        let expires_at = now
            .checked_add(u64::from(ttl))
            .ok_or(SignError::ExpiryOverflow { now, ttl })?;
        let scope = self.scope_claim();
        let len = token_len(payload_len(scope.len(), expires_at));
        if len > MAX_TOKEN_LEN {
            return Err(SignError::TooLong {
                len,
                max: MAX_TOKEN_LEN,
            });
        }
        let mut text = String::with_capacity(len);
        sign_claims(&mut text, creds, scope, expires_at);
        Ok(Token { text, expires_at })
    }
}

/// The whole token for a scope claim, the credentials' issuer and `exp`.
fn sign_claims(token: &mut String, creds: &Credentials, scope: &str, exp: u64) {
    token.push_str(HEADER_B64);
    token.push('.');
    let mut payload = B64Stream::new(token);
    // The scope claim is made of E's output and fixed ASCII, so it needs no JSON escaping.
    payload.put(r#"{"scope":""#);
    payload.put(scope);
    put_issuer(&mut payload, creds.account_sid());
    put_expiry(&mut payload, exp);
    payload.finish();
    finish_token(token, creds.key().clone(), 0);
}

/// The length of `{"scope":"…","iss":"AC…","exp":N}` for a scope claim of `scope_len` bytes.
pub(crate) fn payload_len(scope_len: usize, exp: u64) -> usize {
    let fixed = r#"{"scope":"","iss":"","exp":}"#.len() + 34;
    let digits = exp.checked_ilog10().map_or(1, |d| d as usize + 1);
    fixed + scope_len + digits
}

/// The longest a token with a scope claim of `claim_len` bytes can be: with a 20-digit `exp`.
pub(crate) fn longest_token_len(claim_len: usize) -> usize {
    token_len(payload_len(claim_len, u64::MAX))
}

/// The length of a token whose payload is `payload_len` bytes: the header, the unpadded
/// base64 of the payload, and the 43 characters of the signature.
pub(crate) fn token_len(payload_len: usize) -> usize {
    HEADER_B64.len() + 1 + (payload_len * 4).div_ceil(3) + 1 + SIGNATURE_B64_LEN
}

/// The unpadded base64 of a 32-byte HMAC-SHA256.
pub(crate) const SIGNATURE_B64_LEN: usize = 43;

/// The payload between the scope and the expiry: `","iss":"AC…","exp":`. The issuer is `AC` +
/// hex, so it needs no JSON escaping either.
pub(crate) fn put_issuer(payload: &mut impl Sink, iss: &AccountSid) {
    payload.put(r#"","iss":""#);
    payload.put(iss.as_str());
    payload.put(r#"","exp":"#);
}

/// The end of the payload: `exp` and the closing brace.
fn put_expiry(payload: &mut B64Stream<'_>, exp: u64) {
    // One piece rather than two: a minted token's payload ends in many small pieces.
    let (end, len) = expiry(exp);
    payload.put_bytes(&end[..len]);
}

/// `exp` and the closing brace, and their length: at most 20 digits and `}`.
pub(crate) fn expiry(exp: u64) -> ([u8; 21], usize) {
    let mut end = [b'}'; 21];
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(exp).as_bytes();
    end[..digits.len()].copy_from_slice(digits);
    (end, digits.len() + 1)
}

/// Signs `token[unsigned_from..]` with `mac`, which has already absorbed everything before it,
/// and appends `.` and the signature.
pub(crate) fn finish_token(token: &mut String, mut mac: HmacSha256, unsigned_from: usize) {
    mac.update(&token.as_bytes()[unsigned_from..]);
    b64_stream::push_signature(token, &mac.finalize().into_bytes().into());
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::{SignError, payload_len, unix_seconds};

    #[test]
    fn payload_len_counts_every_digit_of_exp() {
        let iss = format!("AC{}", "a".repeat(32));
        for exp in [0, 1, 9, 10, 99, 100, 1_700_003_600, 9_999_999_999, u64::MAX] {
            let payload = format!(r#"{{"scope":"abc","iss":"{iss}","exp":{exp}}}"#);
            assert_eq!(payload_len(3, exp), payload.len(), "exp {exp}");
        }
    }

    #[test]
    fn a_clock_before_1970_is_an_error() {
        let before = UNIX_EPOCH - Duration::from_millis(1);
        assert_eq!(unix_seconds(before), Err(SignError::ClockBeforeEpoch));
        assert_eq!(unix_seconds(UNIX_EPOCH), Ok(0));
        assert_eq!(
            unix_seconds(UNIX_EPOCH + Duration::from_millis(1999)),
            Ok(1)
        );
    }
}
