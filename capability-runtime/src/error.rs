//! The errors of building a policy: one enum for a single value, one for a policy as a whole.

use std::fmt;

/// A single value broke the rule of its field (spec section 2).
///
/// The message names the field, the offending value and the rule. The auth token is a secret, so
/// its variant carries no value.
///
/// ```
/// use capability::ClientName;
///
/// let err = "bob smith".parse::<ClientName>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"client name "bob smith" may contain only letters, digits and underscores"#,
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueError {
    /// The account SID is not `AC` followed by 32 hexadecimal digits.
    AccountSid {
        /// The rejected text.
        value: String,
    },
    /// The auth token is empty.
    EmptyAuthToken,
    /// The client name is empty.
    EmptyClientName,
    /// The client name has a character other than `A-Z a-z 0-9 _`.
    ClientName {
        /// The rejected text.
        value: String,
    },
    /// The application SID is not `AP` followed by 32 hexadecimal digits.
    AppSid {
        /// The rejected text.
        value: String,
    },
    /// The ttl is outside 1 to 86400 seconds.
    Ttl {
        /// The rejected number.
        value: i128,
    },
    /// A ttl written as text is not a decimal number.
    TtlText {
        /// The rejected text.
        value: String,
    },
    /// A param or filter value is longer than [`MAX_VALUE_LEN`](crate::rules::MAX_VALUE_LEN).
    /// The value itself is not kept: it may be large, and it is somebody's input.
    TooLong {
        /// The list the value belongs to.
        scope: ParamScope,
        /// The value's key.
        key: String,
        /// The value's length in bytes.
        len: usize,
        /// The limit in bytes.
        max: usize,
    },
}

impl ValueError {
    /// The field whose rule was broken, as `client name`.
    pub fn field(&self) -> &'static str {
        match self {
            ValueError::AccountSid { .. } => "account SID",
            ValueError::EmptyAuthToken => "auth token",
            ValueError::EmptyClientName | ValueError::ClientName { .. } => "client name",
            ValueError::AppSid { .. } => "application SID",
            ValueError::Ttl { .. } | ValueError::TtlText { .. } => "ttl",
            ValueError::TooLong { scope, .. } => match scope {
                ParamScope::OutgoingParams => "outgoing param value",
                ParamScope::EventStreamFilters => "event stream filter value",
            },
        }
    }

    /// The rule that was broken, without the value, as `may contain only letters, digits and
    /// underscores`. Use it where the value must not be shown.
    pub fn rule(&self) -> &'static str {
        match self {
            ValueError::AccountSid { .. } => "must be \"AC\" followed by 32 hexadecimal digits",
            ValueError::EmptyAuthToken | ValueError::EmptyClientName => "must not be empty",
            ValueError::ClientName { .. } => "may contain only letters, digits and underscores",
            ValueError::AppSid { .. } => "must be \"AP\" followed by 32 hexadecimal digits",
            ValueError::Ttl { .. } | ValueError::TtlText { .. } => {
                "must be a whole number of seconds from 1 to 86400"
            }
            ValueError::TooLong { .. } => "must be at most 4096 bytes long",
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (field, rule) = (self.field(), self.rule());
        match self {
            ValueError::AccountSid { value }
            | ValueError::ClientName { value }
            | ValueError::AppSid { value }
            | ValueError::TtlText { value } => write!(f, "{field} {value:?} {rule}"),
            ValueError::Ttl { value } => write!(f, "{field} {value} {rule}"),
            ValueError::EmptyAuthToken | ValueError::EmptyClientName => write!(f, "{field} {rule}"),
            ValueError::TooLong {
                scope,
                key,
                len,
                max,
            } => write!(
                f,
                "{scope} {key:?} has a value of {len} bytes; values must be at most {max} bytes long"
            ),
        }
    }
}

impl std::error::Error for ValueError {}

/// Which parameter list of a policy a key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamScope {
    /// The params forwarded to the TwiML application of the outgoing scope.
    OutgoingParams,
    /// The filters of the event-stream scope.
    EventStreamFilters,
}

impl fmt::Display for ParamScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParamScope::OutgoingParams => "outgoing param",
            ParamScope::EventStreamFilters => "event stream filter",
        })
    }
}

/// A clause of a policy that may appear at most once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Clause {
    /// `allow_client_outgoing` / `outgoing`.
    Outgoing,
    /// `allow_event_stream` / `event_stream`.
    EventStream,
    /// `ttl`.
    Ttl,
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Clause::Outgoing => "outgoing",
            Clause::EventStream => "event_stream",
            Clause::Ttl => "ttl",
        })
    }
}

/// A policy as a whole broke a rule of spec section 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The policy grants nothing.
    #[error("policy grants nothing: give it at least one of incoming, outgoing or event_stream")]
    Empty,
    /// A clause that may appear once appears again.
    #[error("{clause} may appear only once in a policy")]
    DuplicateClause {
        /// The repeated clause.
        clause: Clause,
    },
    /// An incoming client name appears twice.
    #[error("incoming client name {name:?} is already granted; incoming names must be distinct")]
    DuplicateClientName {
        /// The repeated name.
        name: String,
    },
    /// A param or filter key is empty.
    #[error("{scope} key must not be empty")]
    EmptyKey {
        /// The list the key belongs to.
        scope: ParamScope,
    },
    /// A params or filters list is longer than [`MAX_PAIRS`](crate::rules::MAX_PAIRS).
    #[error("{scope}s: {count} given, at most {max} are allowed")]
    TooManyPairs {
        /// The list.
        scope: ParamScope,
        /// How many it holds.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// The policy's token would be longer than [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN), the
    /// most a verifier reads, whatever the expiry: params and filters are encoded twice, so
    /// values within their own limit can still add up to too much.
    #[error(
        "the policy's token would be up to {len} bytes long, over the {max} bytes a verifier reads; shorten its params or filters"
    )]
    TokenTooLong {
        /// The longest the token could be.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A param or filter value breaks its rule (it is too long).
    #[error(transparent)]
    Value(#[from] ValueError),
    /// A param or filter key appears twice in its list.
    #[error("{scope} key {key:?} appears twice; keys must be unique within their scope")]
    DuplicateKey {
        /// The list the key belongs to.
        scope: ParamScope,
        /// The repeated key.
        key: String,
    },
}
