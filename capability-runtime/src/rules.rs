//! The policy-level rules of spec section 2, each written once.
//!
//! [`CapabilityPolicyBuilder::build`](crate::CapabilityPolicyBuilder::build), the TOML loader and the `capability!`
//! macro all call these, item by item, so each front end can place an error on the item that
//! broke the rule.

use std::fmt::Display;

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

/// An access token grants something: at least one grant.
pub fn check_access_grants(count: usize) -> Result<(), PolicyError> {
    if count == 0 {
        return Err(PolicyError::NoGrants);
    }
    Ok(())
}

/// A voice grant allows something: incoming calls, outgoing calls or push notifications.
///
/// ```
/// use capability::rules::check_voice_allows;
///
/// assert!(check_voice_allows(true, false, false).is_ok());
/// assert!(check_voice_allows(false, false, false).is_err());
/// ```
pub fn check_voice_allows(incoming: bool, outgoing: bool, push: bool) -> Result<(), PolicyError> {
    if !incoming && !outgoing && !push {
        return Err(PolicyError::VoiceAllowsNothing);
    }
    Ok(())
}

/// With a voice grant, the identity must be a client name (Twilio Voice error 31105).
///
/// ```
/// use capability::rules::check_voice_identity;
///
/// assert!(check_voice_identity("alice_1").is_ok());
/// assert!(check_voice_identity("frank@example.com").is_err());
/// ```
pub fn check_voice_identity(identity: &str) -> Result<(), PolicyError> {
    crate::ClientName::check(identity).map_err(|_| PolicyError::VoiceIdentity {
        identity: identity.to_owned(),
    })
}

/// A grant's required field is there: the chat and sync grants' `service`, the TaskRouter
/// grant's `workspace`.
pub fn check_grant_field(
    grant: crate::GrantKind,
    field: &'static str,
    present: bool,
) -> Result<(), PolicyError> {
    if !present {
        return Err(PolicyError::MissingGrantField { grant, field });
    }
    Ok(())
}

/// An access token whose header is `header_len` bytes and whose grants object is `grants_len`
/// bytes long stays within [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN) for any clock.
pub fn check_access_len(header_len: usize, grants_len: usize) -> Result<(), PolicyError> {
    let len = crate::access::sign::longest_token_len(header_len, grants_len);
    if len > crate::MAX_TOKEN_LEN {
        return Err(PolicyError::TokenTooLong {
            len,
            max: crate::MAX_TOKEN_LEN,
        });
    }
    Ok(())
}

/// An allow option of a TaskRouter token: once each, and the worker-only ones for a worker.
/// Only the channel's kind matters, so a policy file whose worker is an input is checked too.
pub fn check_allow(
    allow: crate::Allow,
    channel: crate::ChannelKind,
    earlier: &[crate::Allow],
) -> Result<(), PolicyError> {
    if earlier.contains(&allow) {
        return Err(PolicyError::DuplicateAllow { allow });
    }
    if allow.worker_only() && channel != crate::ChannelKind::Worker {
        return Err(PolicyError::WorkerOnly {
            allow,
            channel: channel.describe(),
        });
    }
    Ok(())
}

/// A TaskRouter policy's token stays within [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN) for any
/// account and clock.
///
/// `payload_len` is the payload up to `"exp":` for any account: every account SID is 34
/// characters long, so one stands for all.
pub fn check_taskrouter_len(payload_len: usize) -> Result<(), PolicyError> {
    let len = crate::jwt::token::token_len(payload_len + 20 + 1);
    if len > crate::MAX_TOKEN_LEN {
        return Err(PolicyError::TokenTooLong {
            len,
            max: crate::MAX_TOKEN_LEN,
        });
    }
    Ok(())
}

// Shared by the builders of every format.

/// Turns caller pairs into owned text, keeping their order.
pub(crate) fn pairs<K: Into<String>, V: Display>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .map(|(k, v)| (k.into(), v.to_string()))
        .collect()
}

/// The one item given, if any; `repeated` when there are more.
pub(crate) fn at_most_one<T>(
    items: &mut Vec<T>,
    repeated: PolicyError,
) -> Result<Option<T>, PolicyError> {
    if items.len() > 1 {
        return Err(repeated);
    }
    Ok(items.pop())
}

/// The count first, then each key and value, before anything is encoded.
pub(crate) fn check_pairs(
    scope: ParamScope,
    pairs: &[(String, String)],
) -> Result<(), PolicyError> {
    check_pair_count(scope, pairs.len())?;
    for (i, (key, value)) in pairs.iter().enumerate() {
        check_key(scope, key, pairs[..i].iter().map(|(k, _)| k.as_str()))?;
        check_value(scope, key, value)?;
    }
    Ok(())
}
