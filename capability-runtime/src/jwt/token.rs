//! A signed token, the errors of signing, and what every format's signer shares: the clock,
//! the token's length, and the signature.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use hmac::Mac as _;

use crate::credentials::HmacSha256;
use crate::jwt::b64_stream;
use crate::{BindError, PolicyError, Ttl, ValueError};

/// The longest token [`verify_capability_token`](crate::verify_capability_token) and [`inspect`](crate::inspect) read, in bytes. Anything longer is refused
/// before it is decoded.
pub const MAX_TOKEN_LEN: usize = 8 * 1024;

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
    /// A run-time value of an `access_token!` policy breaks a policy rule, such as an
    /// `Identity` that is not a client name beside a voice grant. (The macro cannot fail, so
    /// signing does.)
    #[error(transparent)]
    Policy(PolicyError),
    /// The token would be longer than [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN), which
    /// [`verify_capability_token`](crate::verify_capability_token) refuses: params and filters are encoded twice, so 4 KiB of
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

/// `exp` for a token signed at `now` that lives `ttl`.
#[inline]
pub(crate) fn expiry(now: u64, ttl: Ttl) -> Result<u64, SignError> {
    let ttl = ttl.as_secs();
    now.checked_add(u64::from(ttl))
        .ok_or(SignError::ExpiryOverflow { now, ttl })
}

/// Refuses a token of `len` bytes that a verifier would not read.
#[inline]
pub(crate) fn check_len(len: usize) -> Result<(), SignError> {
    if len > MAX_TOKEN_LEN {
        return Err(SignError::TooLong {
            len,
            max: MAX_TOKEN_LEN,
        });
    }
    Ok(())
}

/// The length of a token whose payload is `payload_len` bytes: the header, the unpadded
/// base64 of the payload, and the 43 characters of the signature.
pub(crate) fn token_len(payload_len: usize) -> usize {
    HEADER_B64.len() + 1 + (payload_len * 4).div_ceil(3) + 1 + SIGNATURE_B64_LEN
}

/// The unpadded base64 of a 32-byte HMAC-SHA256.
pub(crate) const SIGNATURE_B64_LEN: usize = 43;

/// Signs `token[unsigned_from..]` with `mac`, which has already absorbed everything before it,
/// and appends `.` and the signature.
pub(crate) fn finish_token(token: &mut String, mut mac: HmacSha256, unsigned_from: usize) {
    mac.update(&token.as_bytes()[unsigned_from..]);
    b64_stream::push_signature(token, &mac.finalize().into_bytes().into());
}

/// Why a minter ([`CapabilityMinter`](crate::CapabilityMinter), [`AccessMinter`](crate::AccessMinter) or
/// [`TaskRouterMinter`](crate::TaskRouterMinter)) could not mint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MintError {
    /// The input values are wrong: count, field rules, or a policy rule once bound.
    #[error(transparent)]
    Inputs(#[from] BindError),
    /// The token could not be signed.
    #[error(transparent)]
    Sign(#[from] SignError),
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::{SignError, unix_seconds};

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
