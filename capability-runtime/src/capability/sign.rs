//! Signing: a policy and credentials make a token in the reference format (spec section 1).

use crate::jwt::b64_stream::B64Stream;
use crate::jwt::expiry_tail;
use crate::jwt::sink::Sink;
use crate::jwt::token::{self, HEADER_B64, finish_token, token_len};
use crate::{AccountSid, CapabilityPolicy, Credentials, SignError, Token};

impl CapabilityPolicy {
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
        let expires_at = token::expiry(now, self.ttl())?;
        let scope = self.scope_claim();
        let len = token_len(payload_len(scope.len(), expires_at));
        token::check_len(len)?;
        let mut text = String::with_capacity(len);
        sign_claims(&mut text, creds, scope, expires_at);
        Ok(Token::from_parts(text, expires_at))
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
    let (end, len) = expiry_tail::expiry(exp);
    payload.put_bytes(&end[..len]);
}

#[cfg(test)]
mod tests {
    use super::payload_len;

    #[test]
    fn payload_len_counts_every_digit_of_exp() {
        let iss = format!("AC{}", "a".repeat(32));
        for exp in [0, 1, 9, 10, 99, 100, 1_700_003_600, 9_999_999_999, u64::MAX] {
            let payload = format!(r#"{{"scope":"abc","iss":"{iss}","exp":{exp}}}"#);
            assert_eq!(payload_len(3, exp), payload.len(), "exp {exp}");
        }
    }
}
