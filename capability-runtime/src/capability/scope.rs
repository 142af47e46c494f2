//! The scope claim: written in the reference format (spec 1.4), read in every official one
//! (spec 3).

use std::borrow::Cow;
use std::fmt;

use crate::capability::encoding::{self, DecodeError};
use crate::jwt::scan::split_once;

/// One grant of a token, as read back from its scope claim.
///
/// [`CapabilityPolicy::scopes`](crate::CapabilityPolicy::scopes) gives the same values for a policy, so a decoded
/// token can be compared with the policy that should have made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// `scope:client:incoming`: the device receives calls made to this client name.
    Incoming {
        /// The client name, decoded.
        client_name: String,
    },
    /// `scope:client:outgoing`: the device places calls through a TwiML application.
    Outgoing {
        /// The TwiML application SID.
        application_sid: String,
        /// The client name the application sees as the caller, if any.
        client_name: Option<String>,
        /// The parameters forwarded to the application, decoded, in token order.
        params: Vec<(String, String)>,
    },
    /// `scope:stream:subscribe`: the device subscribes to the account's event stream.
    EventStream {
        /// The filters, decoded, in token order.
        filters: Vec<(String, String)>,
    },
    /// A well-formed `scope:service:privilege` this crate does not know. Reported, not dropped.
    Unknown {
        /// The scope exactly as it stands in the claim.
        raw: String,
    },
}

/// The path every event-stream scope names.
pub(crate) const EVENTS_PATH: &str = "/2010-04-01/Events";

/// Why a scope claim could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("scope {scope:?}: {rule}")]
pub struct ScopeError {
    /// The scope, as it stands in the claim.
    pub scope: String,
    /// The rule it broke.
    pub rule: ScopeRule,
}

/// The rule a scope broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScopeRule {
    /// Scopes are separated by exactly one space, so none is empty.
    #[error("scopes must be separated by exactly one space")]
    Empty,
    /// Every scope starts with `scope:` and names a service and a privilege.
    #[error("a scope must look like scope:service:privilege[?query]")]
    Shape,
    /// A query item has no `=`.
    #[error("query item {item:?} has no `=`")]
    NoEquals {
        /// The item.
        item: String,
    },
    /// A query key or value is not valid percent-encoding of UTF-8.
    #[error("query item {item:?} does not decode: {source}")]
    Encoding {
        /// The item.
        item: String,
        /// What went wrong.
        source: DecodeError,
    },
    /// A parameter this kind of scope requires is missing. (An empty value is read as the
    /// empty text it is: whether it is a valid value is for [`Unverified::warnings`](crate::Unverified::warnings).)
    #[error("parameter `{name}` is required")]
    Missing {
        /// The parameter.
        name: &'static str,
    },
    /// A parameter appears twice.
    #[error("parameter `{name}` appears twice")]
    Repeated {
        /// The parameter.
        name: String,
    },
    /// A parameter this kind of scope does not have.
    #[error("parameter `{name}` is not part of this kind of scope")]
    UnknownParameter {
        /// The parameter.
        name: String,
    },
    /// The event-stream path is not `/2010-04-01/Events`.
    #[error("path {path:?} must be \"/2010-04-01/Events\"")]
    Path {
        /// The decoded path.
        path: String,
    },
}

/// Parses a whole scope claim, as [`verify_capability_token`](crate::verify_capability_token) does, tolerating every official
/// library's encoding (spec section 3). The empty claim grants nothing and parses to no scopes.
///
/// ```
/// use capability::{parse_scope_claim, Scope};
///
/// // twilio-node writes a raw path and names the filters `appParams`.
/// let scopes = parse_scope_claim("scope:stream:subscribe?path=/2010-04-01/Events&appParams=foobar%3Dhey")?;
/// assert_eq!(scopes, [Scope::EventStream { filters: vec![("foobar".into(), "hey".into())] }]);
/// # Ok::<(), capability::ScopeError>(())
/// ```
///
/// # Errors
/// A [`ScopeError`] naming the scope and the rule it broke.
pub fn parse_claim(claim: &str) -> Result<Vec<Scope>, ScopeError> {
    if claim.is_empty() {
        return Ok(Vec::new());
    }
    // Tokens grant a handful of scopes; one allocation covers the usual case.
    let mut scopes = Vec::with_capacity(4);
    for raw in Split::new(claim, b' ') {
        scopes.push(parse_scope(raw)?);
    }
    Ok(scopes)
}

/// Splits at an ASCII byte. For the short pieces of a scope claim a word-at-a-time scan beats
/// the general `str::split`, which sets up a searcher per call.
struct Split<'a> {
    rest: Option<&'a str>,
    at: u8,
}

impl<'a> Split<'a> {
    fn new(text: &'a str, at: u8) -> Self {
        Split {
            rest: Some(text),
            at,
        }
    }
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match split_once(rest, self.at) {
            Some((piece, tail)) => {
                self.rest = Some(tail);
                Some(piece)
            }
            None => self.rest.take(),
        }
    }
}

fn parse_scope(raw: &str) -> Result<Scope, ScopeError> {
    let fail = |rule| ScopeError {
        scope: raw.to_owned(),
        rule,
    };
    if raw.is_empty() {
        return Err(fail(ScopeRule::Empty));
    }
    let rest = raw
        .strip_prefix("scope:")
        .ok_or_else(|| fail(ScopeRule::Shape))?;
    let (head, query) = split_once(rest, b'?').unwrap_or((rest, ""));
    // The three known heads are well-formed; only another needs its shape checked.
    match head {
        "client:incoming" => {
            let mut p = Params::parse(query, ["clientName"]).map_err(fail)?;
            Ok(Scope::Incoming {
                client_name: p.required("clientName").map_err(fail)?,
            })
        }
        "client:outgoing" => {
            let mut p =
                Params::parse(query, ["appSid", "clientName", "appParams"]).map_err(fail)?;
            Ok(Scope::Outgoing {
                application_sid: p.required("appSid").map_err(fail)?,
                client_name: p.take("clientName").map(Cow::into_owned),
                params: p.pairs("appParams").map_err(fail)?,
            })
        }
        "stream:subscribe" => {
            let mut p = Params::parse(query, ["path", "params", "appParams"]).map_err(fail)?;
            let path = p.required("path").map_err(fail)?;
            if path != EVENTS_PATH {
                return Err(fail(ScopeRule::Path { path }));
            }
            // Ruby, Python and PHP name the filters `params`; Node, Java and C# `appParams`.
            if p.has("params") && p.has("appParams") {
                return Err(fail(ScopeRule::Repeated {
                    name: "params".to_owned(),
                }));
            }
            let mut filters = p.pairs("params").map_err(fail)?;
            if filters.is_empty() {
                filters = p.pairs("appParams").map_err(fail)?;
            }
            Ok(Scope::EventStream { filters })
        }
        _ => {
            let Some((service, privilege)) = split_once(head, b':') else {
                return Err(fail(ScopeRule::Shape));
            };
            let is_word = |s: &str| {
                !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            };
            if !is_word(service) || !is_word(privilege) {
                return Err(fail(ScopeRule::Shape));
            }
            Ok(Scope::Unknown {
                raw: raw.to_owned(),
            })
        }
    }
}

/// The items of a form query; the empty query has none.
fn items(query: &str) -> impl Iterator<Item = &str> {
    Split::new(query, b'&').filter(move |_| !query.is_empty())
}

/// One `key=value` item, both decoded; borrowed when there was nothing to decode.
fn decode_item(item: &str) -> Result<(Cow<'_, str>, Cow<'_, str>), ScopeRule> {
    let (key, value) = split_once(item, b'=').ok_or_else(|| ScopeRule::NoEquals {
        item: item.to_owned(),
    })?;
    let decode = |s| {
        encoding::decode_cow(s).map_err(|source| ScopeRule::Encoding {
            item: item.to_owned(),
            source,
        })
    };
    Ok((decode(key)?, decode(value)?))
}

/// A nested form query (the value of `appParams` or `params`) as owned pairs, in order.
fn parse_pairs(query: &str) -> Result<Vec<(String, String)>, ScopeRule> {
    items(query)
        .map(|item| decode_item(item).map(|(k, v)| (k.into_owned(), v.into_owned())))
        .collect()
}

/// The parameters of one scope by name: each known at most once, nothing unknown.
struct Params<'a, const N: usize> {
    names: [&'static str; N],
    values: [Option<Cow<'a, str>>; N],
}

impl<'a, const N: usize> Params<'a, N> {
    fn parse(query: &'a str, names: [&'static str; N]) -> Result<Self, ScopeRule> {
        let mut values = [const { None }; N];
        for item in items(query) {
            let (key, value) = decode_item(item)?;
            let Some(i) = names.iter().position(|n| *n == key) else {
                return Err(ScopeRule::UnknownParameter {
                    name: key.into_owned(),
                });
            };
            if values[i].is_some() {
                return Err(ScopeRule::Repeated {
                    name: key.into_owned(),
                });
            }
            values[i] = Some(value);
        }
        Ok(Params { names, values })
    }

    fn slot(&mut self, name: &str) -> Option<&mut Option<Cow<'a, str>>> {
        let i = self.names.iter().position(|n| *n == name)?;
        Some(&mut self.values[i])
    }

    fn has(&mut self, name: &str) -> bool {
        self.slot(name).is_some_and(|v| v.is_some())
    }

    fn take(&mut self, name: &str) -> Option<Cow<'a, str>> {
        self.slot(name)?.take()
    }

    fn required(&mut self, name: &'static str) -> Result<String, ScopeRule> {
        self.take(name)
            .map(Cow::into_owned)
            .ok_or(ScopeRule::Missing { name })
    }

    /// A parameter that holds a second, nested form query. Absent or empty means no pairs.
    fn pairs(&mut self, name: &str) -> Result<Vec<(String, String)>, ScopeRule> {
        self.take(name).map_or(Ok(Vec::new()), |q| parse_pairs(&q))
    }
}

impl fmt::Display for Scope {
    /// Describes the grant in plain words, with params decoded.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn pairs(f: &mut fmt::Formatter<'_>, pairs: &[(String, String)]) -> fmt::Result {
            for (i, (k, v)) in pairs.iter().enumerate() {
                let sep = if i == 0 { "" } else { ", " };
                write!(f, "{sep}{k:?} = {v:?}")?;
            }
            Ok(())
        }
        match self {
            Scope::Incoming { client_name } => {
                write!(f, "incoming calls to client {client_name:?}")
            }
            Scope::Outgoing {
                application_sid,
                client_name,
                params,
            } => {
                write!(f, "outgoing calls through application {application_sid:?}")?;
                if let Some(name) = client_name {
                    write!(f, " as client {name:?}")?;
                }
                if !params.is_empty() {
                    f.write_str(", with params ")?;
                    pairs(f, params)?;
                }
                Ok(())
            }
            Scope::EventStream { filters } => {
                f.write_str("the event stream")?;
                if !filters.is_empty() {
                    f.write_str(", filtered by ")?;
                    pairs(f, filters)?;
                }
                Ok(())
            }
            Scope::Unknown { raw } => write!(f, "unknown scope {raw:?}"),
        }
    }
}
