//! Reading TaskRouter tokens (spec section 3): the policies of a verified payload, in whatever
//! key order the library wrote them, missing filters counting as `{}`.

use std::fmt;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::jwt::hmac_prefix::HmacPrefix;
use crate::jwt::verify::{self, Field, RawKind, Time};
use crate::warnings::kind;
use crate::{AuthToken, Claims, CustomPolicy, Header, JsonKind, Segment, TokenKind, VerifyError};

/// One policy of a TaskRouter token: a request its holder may (or may not) make.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TaskRouterRule {
    /// The URL; a trailing `/**` stands for every sub-resource.
    pub url: String,
    /// The HTTP method, as the token writes it.
    pub method: String,
    /// Whether the request is allowed.
    pub allow: bool,
    /// Query parameters, each required or merely allowed, in token order.
    pub query_filter: Vec<(String, bool)>,
    /// Form parameters, each required or merely allowed, in token order.
    pub post_filter: Vec<(String, bool)>,
}

impl TaskRouterRule {
    /// Whether `custom` is exactly this policy.
    pub(crate) fn same_as(&self, custom: &CustomPolicy) -> bool {
        self.url == custom.url().as_str()
            && self.method == custom.method().as_str()
            && self.allow == custom.allow()
            && self.query_filter == custom.query_filters()
            && self.post_filter == custom.post_filters()
    }
}

/// What a TaskRouter token says.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodedTaskRouterToken<T = u64> {
    /// The header.
    pub header: Header,
    /// The registered claims; `iss` is the account SID.
    pub claims: Claims<T>,
    /// `account_sid`.
    pub account_sid: String,
    /// `workspace_sid`.
    pub workspace_sid: String,
    /// `channel`: the worker, task queue or workspace SID.
    pub channel: String,
    /// `friendly_name`, if present.
    pub friendly_name: Option<String>,
    /// `version`, if present.
    pub version: Option<String>,
    /// `worker_sid`, in a worker's token.
    pub worker_sid: Option<String>,
    /// `taskqueue_sid`, in a task queue's token.
    pub taskqueue_sid: Option<String>,
    /// The policies, in token order.
    pub policies: Vec<TaskRouterRule>,
    /// The `policies` array exactly as decoded.
    pub raw_policies: Vec<Value>,
}

/// Checks a TaskRouter token completely, under the auth token that signed it: its shape, an
/// `HS256` header, the signature, the claim types, each policy's types, and the time.
///
/// # Errors
/// A [`VerifyError`] naming the first rule the token broke; [`VerifyError::WrongKind`] for a
/// token of another format.
pub fn verify_taskrouter_token(
    token: &str,
    auth_token: &AuthToken,
    now: u64,
    leeway: u64,
) -> Result<DecodedTaskRouterToken, VerifyError> {
    TaskRouterVerifier::new(auth_token).verify(token, now, leeway)
}

/// [`verify_taskrouter_token`] with the HMAC keyed once, for a server that checks many tokens.
#[derive(Clone)]
pub struct TaskRouterVerifier {
    /// HMAC-SHA256 keyed with the auth token. Zeroized on drop.
    key: HmacPrefix,
}

impl TaskRouterVerifier {
    /// Keys the HMAC with the auth token.
    pub fn new(auth_token: &AuthToken) -> TaskRouterVerifier {
        TaskRouterVerifier {
            key: HmacPrefix::new(auth_token.expose_secret().as_bytes(), b""),
        }
    }

    /// Checks a token completely, as [`verify_taskrouter_token`] does.
    ///
    /// # Errors
    /// A [`VerifyError`] naming the first rule the token broke.
    pub fn verify(
        &self,
        token: &str,
        now: u64,
        leeway: u64,
    ) -> Result<DecodedTaskRouterToken, VerifyError> {
        let (decoded, problems) = verify::open(token, &self.key, decode)?;
        if let Some(problem) = problems.into_iter().next() {
            return Err(problem);
        }
        verify::check_time(&decoded.claims, now, leeway)?;
        Ok(decoded)
    }
}

impl fmt::Debug for TaskRouterVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TaskRouterVerifier(<keyed with a redacted auth token>)")
    }
}

#[derive(Deserialize)]
struct RawTaskRouter<'a> {
    #[serde(borrow, default)]
    iss: Field<'a>,
    #[serde(borrow, default)]
    exp: Field<'a>,
    #[serde(borrow, default)]
    nbf: Field<'a>,
    #[serde(borrow, default)]
    iat: Field<'a>,
    #[serde(borrow, default)]
    account_sid: Field<'a>,
    #[serde(borrow, default)]
    workspace_sid: Field<'a>,
    #[serde(borrow, default)]
    channel: Field<'a>,
    #[serde(borrow, default)]
    friendly_name: Field<'a>,
    #[serde(borrow, default)]
    version: Field<'a>,
    #[serde(borrow, default)]
    worker_sid: Field<'a>,
    #[serde(borrow, default)]
    taskqueue_sid: Field<'a>,
    #[serde(default, deserialize_with = "verify::present")]
    policies: Option<Value>,
    #[serde(borrow, default)]
    grants: Field<'a>,
}

/// A TaskRouter token's payload, with its times read as `T` reads them, and the type errors of
/// its policies: `verify` refuses the token for the first, `inspect` warns about each.
pub(crate) fn decode<T: Time>(
    header: Header,
    payload: &[u8],
) -> Result<(DecodedTaskRouterToken<T>, Vec<VerifyError>), VerifyError> {
    let raw: RawTaskRouter<'_> = verify::parse_json(payload, Segment::Payload)?;
    let present = |value: &Option<Value>| {
        if value.is_some() {
            Field::Other(JsonKind::Array)
        } else {
            Field::Absent
        }
    };
    let found = RawKind {
        grants: raw.grants,
        policies: present(&raw.policies),
        workspace_sid: match &raw.workspace_sid {
            Field::Absent => Field::Absent,
            _ => Field::Other(JsonKind::String),
        },
    }
    .kind(&header);
    if found != TokenKind::TaskRouter {
        return Err(VerifyError::WrongKind {
            expected: TokenKind::TaskRouter,
            found,
        });
    }
    let claims = verify::registered([raw.iss, raw.exp, raw.nbf, raw.iat], payload)?;
    let required = |field: Field<'_>, claim| {
        field
            .string(claim)?
            .ok_or(VerifyError::MissingClaim { claim })
    };
    let account_sid = required(raw.account_sid, "account_sid")?;
    let workspace_sid = required(raw.workspace_sid, "workspace_sid")?;
    let channel = required(raw.channel, "channel")?;
    let mut problems = Vec::new();
    let raw_policies = match raw.policies {
        Some(Value::Array(items)) => items,
        other => {
            return Err(VerifyError::ClaimType {
                claim: "policies",
                expected: "an array",
                found: other.as_ref().map_or(JsonKind::Null, kind),
            });
        }
    };
    let policies = raw_policies
        .iter()
        .filter_map(|p| rule(p, &mut problems))
        .collect();
    Ok((
        DecodedTaskRouterToken {
            header,
            claims,
            account_sid,
            workspace_sid,
            channel,
            friendly_name: raw.friendly_name.string("friendly_name")?,
            version: raw.version.string("version")?,
            worker_sid: raw.worker_sid.string("worker_sid")?,
            taskqueue_sid: raw.taskqueue_sid.string("taskqueue_sid")?,
            policies,
            raw_policies,
        },
        problems,
    ))
}

/// One policy object, or none and a problem.
fn rule(value: &Value, problems: &mut Vec<VerifyError>) -> Option<TaskRouterRule> {
    let mut wrong = |claim, expected, value: Option<&Value>| {
        problems.push(VerifyError::ClaimType {
            claim,
            expected,
            found: value.map_or(JsonKind::Null, kind),
        });
    };
    let Value::Object(object) = value else {
        wrong("policies[]", "an object", Some(value));
        return None;
    };
    let [url, method, allow, query_filter, post_filter] = members(
        object,
        ["url", "method", "allow", "query_filter", "post_filter"],
    );
    fn text(value: Option<&Value>) -> Result<String, Option<&Value>> {
        match value {
            Some(Value::String(s)) => Ok(s.clone()),
            other => Err(other),
        }
    }
    let url = text(url)
        .map_err(|v| wrong("policies[].url", "a string", v))
        .ok();
    let method = text(method)
        .map_err(|v| wrong("policies[].method", "a string", v))
        .ok();
    let allow = match allow {
        Some(Value::Bool(b)) => Some(*b),
        other => {
            wrong("policies[].allow", "a boolean", other);
            None
        }
    };
    let mut filter = |value: Option<&Value>, claim| match value {
        None => Some(Vec::new()),
        Some(Value::Object(map)) => filter_of(map, claim, &mut wrong),
        Some(other) => {
            wrong(claim, "an object", Some(other));
            None
        }
    };
    let query_filter = filter(query_filter, "policies[].query_filter");
    let post_filter = filter(post_filter, "policies[].post_filter");
    Some(TaskRouterRule {
        url: url?,
        method: method?,
        allow: allow?,
        query_filter: query_filter?,
        post_filter: post_filter?,
    })
}

/// `{"Name":{"required":bool},…}` as pairs.
fn filter_of(
    map: &Map<String, Value>,
    claim: &'static str,
    wrong: &mut impl FnMut(&'static str, &'static str, Option<&Value>),
) -> Option<Vec<(String, bool)>> {
    let mut out = Vec::new();
    for (name, value) in map {
        let required = match value {
            Value::Object(object) => members(object, ["required"])[0],
            _ => None,
        };
        match required {
            Some(Value::Bool(required)) => out.push((name.clone(), *required)),
            other => {
                wrong(
                    claim,
                    "an object of {\"required\": a boolean}",
                    other.or(Some(value)),
                );
                return None;
            }
        }
    }
    Some(out)
}

/// The members `keys` of an object, in one walk over it rather than a hashed lookup each: a
/// policy is read so for every token.
fn members<'a, const N: usize>(
    object: &'a Map<String, Value>,
    keys: [&str; N],
) -> [Option<&'a Value>; N] {
    let mut out = [None; N];
    for (key, value) in object {
        // The keys of a `Map` are unique: this is what `get` finds.
        if let Some(i) = keys.iter().position(|k| k == key) {
            out[i] = Some(value);
        }
    }
    out
}
