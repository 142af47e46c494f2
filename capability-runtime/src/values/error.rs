//! A single value that broke the rule of its field, and the lists a param belongs to.

use std::fmt;

use crate::{SidKind, TextKind};

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
    /// The API secret is empty.
    EmptyApiSecret,
    /// The identity is empty, longer than 121 characters, or has whitespace or a control
    /// character.
    Identity {
        /// The rejected text.
        value: String,
    },
    /// A SID is not its prefix followed by 32 hexadecimal digits.
    Sid {
        /// Which SID.
        kind: SidKind,
        /// The rejected text.
        value: String,
    },
    /// A room name, endpoint id or role is empty, too long, or has a control character.
    Text {
        /// Which field.
        kind: TextKind,
        /// The rejected text.
        value: String,
    },
    /// A TaskRouter policy URL is on another host, has whitespace or a control character, or
    /// is over 2 KiB.
    TaskRouterUrl {
        /// The rejected text.
        value: String,
    },
    /// A TaskRouter policy method is not `GET`, `POST` or `DELETE`.
    Method {
        /// The rejected text.
        value: String,
    },
    /// The region is not two lower-case letters and a digit.
    Region {
        /// The rejected text.
        value: String,
    },
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
            ValueError::EmptyApiSecret => "API secret",
            ValueError::Identity { .. } => "identity",
            ValueError::Sid { kind, .. } => kind.field(),
            ValueError::Text { kind, .. } => kind.field(),
            ValueError::Region { .. } => "region",
            ValueError::TaskRouterUrl { .. } => "TaskRouter policy URL",
            ValueError::Method { .. } => "TaskRouter policy method",
            ValueError::EmptyClientName | ValueError::ClientName { .. } => "client name",
            ValueError::AppSid { .. } => "application SID",
            ValueError::Ttl { .. } | ValueError::TtlText { .. } => "ttl",
            ValueError::TooLong { scope, .. } => match scope {
                ParamScope::OutgoingParams => "outgoing param value",
                ParamScope::EventStreamFilters => "event stream filter value",
                ParamScope::QueryFilter | ParamScope::PostFilter => "filter value",
            },
        }
    }

    /// The rule that was broken, without the value, as `may contain only letters, digits and
    /// underscores`. Use it where the value must not be shown.
    pub fn rule(&self) -> &'static str {
        match self {
            ValueError::AccountSid { .. } => "must be \"AC\" followed by 32 hexadecimal digits",
            ValueError::EmptyAuthToken
            | ValueError::EmptyApiSecret
            | ValueError::EmptyClientName => "must not be empty",
            ValueError::Identity { .. } => {
                "must be 1 to 121 characters, none of them whitespace or a control character"
            }
            ValueError::Sid { kind, .. } => kind.rule(),
            ValueError::Text { kind, .. } => kind.rule(),
            ValueError::Region { .. } => {
                "must be two lower-case letters and a digit, such as \"us1\" or \"ie1\""
            }
            ValueError::TaskRouterUrl { .. } => {
                "must start with https://taskrouter.twilio.com/v1/ or https://event-bridge.twilio.com/v1/, have no whitespace or control characters, and be at most 2048 bytes"
            }
            ValueError::Method { .. } => "must be GET, POST or DELETE",
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
            | ValueError::TtlText { value }
            | ValueError::Identity { value }
            | ValueError::Sid { value, .. }
            | ValueError::Text { value, .. }
            | ValueError::Region { value }
            | ValueError::TaskRouterUrl { value }
            | ValueError::Method { value } => write!(f, "{field} {value:?} {rule}"),
            ValueError::Ttl { value } => write!(f, "{field} {value} {rule}"),
            ValueError::EmptyAuthToken
            | ValueError::EmptyApiSecret
            | ValueError::EmptyClientName => write!(f, "{field} {rule}"),
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
    /// The query filter of a TaskRouter policy.
    QueryFilter,
    /// The post filter of a TaskRouter policy.
    PostFilter,
}

impl fmt::Display for ParamScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParamScope::OutgoingParams => "outgoing param",
            ParamScope::EventStreamFilters => "event stream filter",
            ParamScope::QueryFilter => "query filter",
            ParamScope::PostFilter => "post filter",
        })
    }
}
