//! Signing an access token (spec section 1).

use crate::access::layout;
use crate::jwt::b64_stream::B64Stream;
use crate::jwt::sink::Sink;
use crate::jwt::token::{self, finish_token};
use crate::{AccessPolicy, ApiKey, SignError, Token};

impl AccessPolicy {
    /// Signs a token as if the time were `now` (Unix seconds): `jti` is the key's SID and
    /// `now`, `exp` is `now + ttl`. The output depends only on the policy, the key and `now`.
    ///
    /// # Errors
    /// [`SignError::ExpiryOverflow`] when `now + ttl` does not fit in a `u64`;
    /// [`SignError::Policy`] when a run-time value of an `access_token!` policy breaks a rule.
    pub fn sign_at(&self, key: &ApiKey, now: u64) -> Result<Token, SignError> {
        if let Some(e) = &self.deferred {
            return Err(SignError::Policy(e.clone()));
        }
        let exp = token::expiry(now, self.ttl())?;
        let len = token_len(self.header_b64.len(), self.grants.len(), now, exp);
        token::check_len(len)?;
        let mut text = String::with_capacity(len);
        text.push_str(&self.header_b64);
        text.push('.');
        let mut payload = B64Stream::new(&mut text);
        layout::put_jti(&mut payload, key.key_sid());
        payload.put(itoa::Buffer::new().format(now));
        layout::put_issuer(&mut payload, key.key_sid(), key.account_sid());
        payload.put(itoa::Buffer::new().format(exp));
        payload.put(layout::GRANTS_KEY);
        payload.put(&self.grants);
        payload.put("}");
        payload.finish();
        finish_token(&mut text, key.key().clone(), 0);
        Ok(Token::from_parts(text, exp))
    }
}

/// The length of a token with this header, grants object and clock.
pub(crate) fn token_len(header_b64_len: usize, grants_len: usize, now: u64, exp: u64) -> usize {
    let payload = layout::payload_len(grants_len, now, exp);
    header_b64_len + 1 + (payload * 4).div_ceil(3) + 1 + token::SIGNATURE_B64_LEN
}

/// The longest a token with a header of `header_len` bytes of JSON and a grants object of
/// `grants_len` bytes can be: with 20-digit `now` and `exp`.
pub(crate) fn longest_token_len(header_len: usize, grants_len: usize) -> usize {
    token_len((header_len * 4).div_ceil(3), grants_len, u64::MAX, u64::MAX)
}
