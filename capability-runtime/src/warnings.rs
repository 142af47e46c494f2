//! What [`inspect`](crate::inspect) reads but a format's spec section 2 forbids: each a
//! [`Warning`] that names the field, the value and the rule, found by the same rule functions
//! that refuse such a policy when it is built. Each format lists its own; this is what they
//! share.

use std::fmt;

use crate::{Claims, JsonKind, ParamScope, PolicyError, TimeClaim, Ttl, ValueError, rules};

/// A rule of spec section 2 that a decoded token breaks. Twilio refuses such a token, or
/// treats it otherwise than its maker meant; the official helper libraries mint them all the
/// same, so [`inspect`](crate::inspect) reads the token and reports the break.
///
/// ```
/// // Minted by twilio-python 9.13 for `allow_client_incoming("")`.
/// let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDppbmNvbWluZz9jbGllbnROYW1lPSIsImlzcyI6IkFDMTExMTExMTExMTExMTExMTExMTExMTExMTExMWFhYWEiLCJleHAiOjE3NTAwMDA2MDAsIm5iZiI6MTc1MDAwMDAwMH0.zxkqeOXBB7zfxP3_SPXEm8B8livi0PU0Aa0Ydlo-P6g";
/// let unverified = capability::inspect(token)?;
/// let warnings: Vec<String> = unverified.warnings().iter().map(ToString::to_string).collect();
/// assert_eq!(warnings, [r#"incoming scope: client name "" must not be empty"#]);
/// # Ok::<(), capability::VerifyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// A value breaks the rule of its field.
    Value {
        /// Where the value stands in the token, as `incoming scope`.
        at: &'static str,
        /// The value, decoded.
        value: String,
        /// The rule it breaks, as the policy builder would report it.
        error: ValueError,
    },
    /// The grants together break a policy rule, such as a grant given twice.
    Policy(PolicyError),
    /// The token lives for a time outside 1 to 86400 seconds.
    Lifetime {
        /// The claim the lifetime is counted from: `nbf`, else `iat`.
        from: &'static str,
        /// `exp` minus that claim.
        secs: i128,
    },
    /// A claim is of the wrong JSON type, such as a param value that is not a string.
    /// [`verify_access_token`](crate::verify_access_token) refuses a token whose grants are
    /// not of their types.
    ClaimType {
        /// The claim, as `grants.voice.outgoing.params`.
        claim: &'static str,
        /// What it must be.
        expected: &'static str,
        /// What it is.
        found: JsonKind,
    },
    /// A time claim is not a non-negative integer. [`verify_capability_token`](crate::verify_capability_token) refuses the token.
    TimeType {
        /// The claim.
        claim: &'static str,
        /// Its value, as JSON text.
        value: String,
        /// What it is.
        found: JsonKind,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // A value over the length limit is not repeated: its error names key and length.
            Warning::Value {
                at,
                error: error @ ValueError::TooLong { .. },
                ..
            } => write!(f, "{at}: {error}"),
            Warning::Value { at, value, error } => {
                write!(f, "{at}: {} {value:?} {}", error.field(), error.rule())
            }
            Warning::Policy(error) => write!(f, "{error}"),
            Warning::Lifetime { from, secs } => write!(
                f,
                "lifetime (exp - {from}) of {secs} seconds: a token's lifetime must be 1 to {} seconds",
                Ttl::MAX_SECS
            ),
            Warning::ClaimType {
                claim,
                expected,
                found,
            } => write!(f, "claim `{claim}` must be {expected}, not {found}"),
            Warning::TimeType {
                claim,
                value,
                found,
            } => write!(
                f,
                "claim `{claim}` is {value}: it must be a non-negative JSON integer, not {found}"
            ),
        }
    }
}

/// Collects warnings, in the order they are found.
#[derive(Default)]
pub(crate) struct Warnings(pub(crate) Vec<Warning>);

impl Warnings {
    pub(crate) fn value(
        &mut self,
        at: &'static str,
        value: &str,
        rule: fn(&str) -> Result<(), ValueError>,
    ) {
        self.checked(at, value, rule(value));
    }

    /// A warning at `at` when `value` broke its rule, as `checked` says.
    pub(crate) fn checked(
        &mut self,
        at: &'static str,
        value: &str,
        checked: Result<(), ValueError>,
    ) {
        if let Err(error) = checked {
            self.0.push(Warning::Value {
                at,
                value: value.to_owned(),
                error,
            });
        }
    }

    pub(crate) fn policy(&mut self, result: Result<(), PolicyError>) {
        if let Err(error) = result {
            self.0.push(Warning::Policy(error));
        }
    }

    pub(crate) fn time(&mut self, claim: &'static str, time: Option<&TimeClaim>) {
        if let Some(TimeClaim::Invalid(value)) = time {
            self.0.push(Warning::TimeType {
                claim,
                value: value.to_string(),
                found: kind(value),
            });
        }
    }

    /// The times that are not integers, then a lifetime outside 1 to 86400 seconds, counted
    /// from `nbf` (Python) or else `iat` (Node), when the token has one.
    pub(crate) fn times(&mut self, claims: &Claims<TimeClaim>) {
        self.time("exp", Some(&claims.exp));
        self.time("nbf", claims.nbf.as_ref());
        self.time("iat", claims.iat.as_ref());
        let start = [("nbf", &claims.nbf), ("iat", &claims.iat)]
            .into_iter()
            .find_map(|(from, time)| Some((from, time.as_ref()?.seconds()?)));
        if let (Some(exp), Some((from, start))) = (claims.exp.seconds(), start) {
            let secs = i128::from(exp) - i128::from(start);
            if Ttl::check(secs).is_err() {
                self.0.push(Warning::Lifetime { from, secs });
            }
        }
    }

    pub(crate) fn pairs(
        &mut self,
        at: &'static str,
        scope: ParamScope,
        pairs: &[(String, String)],
    ) {
        self.policy(rules::check_pair_count(scope, pairs.len()));
        for (i, (key, value)) in pairs.iter().enumerate() {
            let earlier = pairs[..i].iter().map(|(k, _)| k.as_str());
            self.policy(rules::check_key(scope, key, earlier));
            if let Err(error) = rules::check_value(scope, key, value) {
                self.0.push(Warning::Value {
                    at,
                    value: value.clone(),
                    error,
                });
            }
        }
    }
}

/// The kind of a JSON value that is not a non-negative integer of 64 bits.
pub(crate) fn kind(value: &serde_json::Value) -> JsonKind {
    use serde_json::Value;
    match value {
        Value::Null => JsonKind::Null,
        Value::Bool(_) => JsonKind::Bool,
        Value::Number(n) if n.is_u64() => JsonKind::Integer,
        Value::Number(n) if n.is_i64() => JsonKind::NegativeInteger,
        Value::Number(_) => JsonKind::OtherNumber,
        Value::String(_) => JsonKind::String,
        Value::Array(_) => JsonKind::Array,
        Value::Object(_) => JsonKind::Object,
    }
}
