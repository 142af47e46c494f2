//! The policy-level rules of spec section 2, each written once.
//!
//! [`PolicyBuilder::build`](crate::PolicyBuilder::build), the TOML loader and the `capability!`
//! macro all call these, item by item, so each front end can place an error on the item that
//! broke the rule.

use crate::{ParamScope, PolicyError, ValueError};

/// The most params, or filters, one scope may hold.
pub const MAX_PAIRS: usize = 64;

/// The longest a param or filter value may be, in bytes. Encoded twice it can grow ninefold,
/// and a token must stay under [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN) to be read back.
pub const MAX_VALUE_LEN: usize = 4096;

/// A params or filters list holds at most [`MAX_PAIRS`] pairs. Checked before any pair is
/// looked at.
///
/// ```
/// use capability::{rules::check_pair_count, ParamScope};
///
/// assert!(check_pair_count(ParamScope::OutgoingParams, 64).is_ok());
/// assert!(check_pair_count(ParamScope::OutgoingParams, 65).is_err());
/// ```
pub fn check_pair_count(scope: ParamScope, count: usize) -> Result<(), PolicyError> {
    if count > MAX_PAIRS {
        return Err(PolicyError::TooManyPairs {
            scope,
            count,
            max: MAX_PAIRS,
        });
    }
    Ok(())
}

/// A param or filter value is at most [`MAX_VALUE_LEN`] bytes long; any text is allowed.
///
/// ```
/// use capability::{rules::check_value, ParamScope};
///
/// let scope = ParamScope::EventStreamFilters;
/// assert!(check_value(scope, "CallSid", &"x".repeat(4096)).is_ok());
/// assert!(check_value(scope, "CallSid", &"x".repeat(4097)).is_err());
/// ```
pub fn check_value(scope: ParamScope, key: &str, value: &str) -> Result<(), ValueError> {
    if value.len() > MAX_VALUE_LEN {
        return Err(ValueError::TooLong {
            scope,
            key: key.to_owned(),
            len: value.len(),
            max: MAX_VALUE_LEN,
        });
    }
    Ok(())
}

/// An incoming client name must differ from every name granted before it.
///
/// ```
/// use capability::rules::check_distinct_name;
///
/// assert!(check_distinct_name("bob", ["alice"]).is_ok());
/// assert!(check_distinct_name("alice", ["alice"]).is_err());
/// ```
pub fn check_distinct_name<'a>(
    name: &str,
    earlier: impl IntoIterator<Item = &'a str>,
) -> Result<(), PolicyError> {
    if earlier.into_iter().any(|e| e == name) {
        return Err(PolicyError::DuplicateClientName {
            name: name.to_owned(),
        });
    }
    Ok(())
}

/// A param or filter key must not be empty, and must differ from every key before it in its
/// scope.
///
/// ```
/// use capability::{rules::check_key, ParamScope};
///
/// let scope = ParamScope::OutgoingParams;
/// assert!(check_key(scope, "plan", ["user_id"]).is_ok());
/// assert!(check_key(scope, "", []).is_err());
/// assert!(check_key(scope, "user_id", ["user_id"]).is_err());
/// ```
pub fn check_key<'a>(
    scope: ParamScope,
    key: &str,
    earlier: impl IntoIterator<Item = &'a str>,
) -> Result<(), PolicyError> {
    if key.is_empty() {
        return Err(PolicyError::EmptyKey { scope });
    }
    if earlier.into_iter().any(|e| e == key) {
        return Err(PolicyError::DuplicateKey {
            scope,
            key: key.to_owned(),
        });
    }
    Ok(())
}

/// A policy must grant at least one scope: a token that grants nothing is a mistake.
pub fn check_grants_something(
    incoming: usize,
    outgoing: bool,
    event_stream: bool,
) -> Result<(), PolicyError> {
    if incoming == 0 && !outgoing && !event_stream {
        return Err(PolicyError::Empty);
    }
    Ok(())
}

/// A policy whose scope claim is `claim_len` bytes long makes tokens no longer than
/// [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN) for any expiry up to `u64::MAX`, so whatever it
/// grants can be signed and read back.
pub fn check_claim_len(claim_len: usize) -> Result<(), PolicyError> {
    let len = crate::capability::sign::longest_token_len(claim_len);
    if len > crate::MAX_TOKEN_LEN {
        return Err(PolicyError::TokenTooLong {
            len,
            max: crate::MAX_TOKEN_LEN,
        });
    }
    Ok(())
}
