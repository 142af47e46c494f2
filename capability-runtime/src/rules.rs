//! The policy-level rules of spec section 2, each written once.
//!
//! [`PolicyBuilder::build`](crate::PolicyBuilder::build), the TOML loader and the `capability!`
//! macro all call these, item by item, so each front end can place an error on the item that
//! broke the rule.

use crate::{ParamScope, PolicyError};

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
