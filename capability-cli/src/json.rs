//! The JSON that `mint --json` and `inspect --json` print. Fields serialize in the order
//! written here.

use capability::{
    AccessPolicy, CapabilityPolicy, Claims, DecodedAccessToken, Header, Scope, TaskRouterRule,
    TimeClaim, Token,
};
use serde::Serialize;
use serde::ser::SerializeStruct as _;
use serde_json::Value;

use crate::failure::Failure;

/// A scope: `{"kind": "incoming", …}`, with params and filters as `[key, value]` pairs.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScopeJson<'a> {
    /// `{"kind": "incoming", "client_name": …}`.
    Incoming {
        /// The client name.
        client_name: &'a str,
    },
    /// `{"kind": "outgoing", "application_sid": …, "client_name": … or null, "params": […]}`.
    Outgoing {
        /// The TwiML application SID.
        application_sid: &'a str,
        /// The client name the application sees, if any.
        client_name: Option<&'a str>,
        /// The params, decoded.
        params: &'a [(String, String)],
    },
    /// `{"kind": "event_stream", "filters": […]}`.
    EventStream {
        /// The filters, decoded.
        filters: &'a [(String, String)],
    },
    /// `{"kind": "unknown", "raw": …}`.
    Unknown {
        /// The scope as it stands in the claim.
        raw: &'a str,
    },
}

impl<'a> From<&'a Scope> for ScopeJson<'a> {
    fn from(scope: &'a Scope) -> Self {
        match scope {
            Scope::Incoming { client_name } => ScopeJson::Incoming { client_name },
            Scope::Outgoing {
                application_sid,
                client_name,
                params,
            } => ScopeJson::Outgoing {
                application_sid,
                client_name: client_name.as_deref(),
                params,
            },
            Scope::EventStream { filters } => ScopeJson::EventStream { filters },
            Scope::Unknown { raw } => ScopeJson::Unknown { raw },
        }
    }
}

/// Every scope, in order.
pub fn scopes(scopes: &[Scope]) -> Vec<ScopeJson<'_>> {
    scopes.iter().map(ScopeJson::from).collect()
}

/// What `mint --json` prints: `{"kind", "token", "expires_at"}`, then `"scopes"` for a
/// capability token, or `"identity"` and `"grants"` (the token's grants object) for an
/// access token.
#[derive(Debug, Serialize)]
pub struct Minted<'a> {
    /// `capability` or `access_token`.
    pub kind: &'static str,
    /// The token.
    pub token: &'a str,
    /// Its `exp` claim, in Unix seconds.
    pub expires_at: u64,
    /// What a capability token grants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Value>,
    /// An access token's identity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<&'a str>,
    /// An access token's grants object, as the token carries it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grants: Option<Value>,
    /// A TaskRouter token's policies, in token order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policies: Option<Value>,
}

impl<'a> Minted<'a> {
    /// A capability token and what it grants.
    pub fn capability(token: &'a Token, policy: &CapabilityPolicy) -> Minted<'a> {
        Minted {
            kind: "capability",
            token: token.as_str(),
            expires_at: token.expires_at(),
            scopes: serde_json::to_value(scopes(&policy.scopes())).ok(),
            identity: None,
            grants: None,
            policies: None,
        }
    }

    /// A TaskRouter token and its policies.
    pub fn taskrouter(token: &'a Token, rules: &[TaskRouterRule]) -> Minted<'a> {
        let filter = |f: &[(String, bool)]| -> Value {
            f.iter()
                .map(|(k, required)| (k.clone(), serde_json::json!({ "required": required })))
                .collect::<serde_json::Map<_, _>>()
                .into()
        };
        let policies = rules
            .iter()
            .map(|r| {
                serde_json::json!({
                    "url": r.url,
                    "method": r.method,
                    "allow": r.allow,
                    "query_filter": filter(&r.query_filter),
                    "post_filter": filter(&r.post_filter),
                })
            })
            .collect();
        Minted {
            kind: "taskrouter",
            token: token.as_str(),
            expires_at: token.expires_at(),
            scopes: None,
            identity: None,
            grants: None,
            policies: Some(Value::Array(policies)),
        }
    }

    /// An access token and what it grants.
    pub fn access(token: &'a Token, policy: &'a AccessPolicy) -> Result<Minted<'a>, Failure> {
        let grants = serde_json::from_str(policy.grants_json())
            .map_err(|e| Failure::invalid(format!("cannot write JSON: {e}")))?;
        Ok(Minted {
            kind: "access_token",
            token: token.as_str(),
            expires_at: token.expires_at(),
            scopes: None,
            identity: Some(policy.identity().as_str()),
            grants: Some(grants),
            policies: None,
        })
    }
}

/// What `inspect --json` prints: `{"kind", "verified", "header", "claims"}`, then what the
/// format has of its own, then `"warnings"`.
#[derive(Debug, Serialize)]
pub struct Inspected<H, C, O> {
    /// `capability`, `access_token` or `taskrouter`.
    pub kind: &'static str,
    /// `true` or `false` with `--verify`, `null` without.
    pub verified: Option<bool>,
    /// The header: as [`HeaderJson`], or the object as decoded.
    pub header: H,
    /// The claims other than the grants; absent ones are `null`.
    pub claims: C,
    /// The format's own fields.
    #[serde(flatten)]
    pub own: O,
    /// Each rule of spec section 2 the token breaks, in words; empty when it breaks none.
    pub warnings: Vec<String>,
}

/// What `inspect --json` says of every token: whether it verified, and what it breaks.
#[derive(Debug)]
pub struct Report {
    /// `true` or `false` with `--verify`, `None` without.
    pub verified: Option<bool>,
    /// The token's warnings, in words.
    pub warnings: Vec<String>,
}

impl Report {
    /// The report of a token of format `kind`, as one line of JSON.
    pub fn line(
        self,
        kind: &'static str,
        header: impl Serialize,
        claims: impl Serialize,
        own: impl Serialize,
    ) -> Result<String, Failure> {
        let Report { verified, warnings } = self;
        line(&Inspected {
            kind,
            verified,
            header,
            claims,
            own,
            warnings,
        })
    }
}

/// An access token's own: `{"grants"}`, the grants object as decoded, key for key.
#[derive(Debug, Serialize)]
pub struct AccessJson<'a> {
    /// The grants object.
    pub grants: &'a serde_json::Map<String, Value>,
}

/// `{"jti", "iss", "sub", "exp", "nbf", "iat"}`, absent ones `null`: the registered claims,
/// with the access token's own in their places.
#[derive(Debug)]
pub struct AccessClaimsJson<'a> {
    /// The token's id.
    pub jti: Option<&'a str>,
    /// The account SID.
    pub sub: &'a str,
    /// The registered claims; `iss` is the API key SID.
    pub claims: ClaimsJson<'a>,
}

impl<'a> From<&'a DecodedAccessToken<TimeClaim>> for AccessClaimsJson<'a> {
    fn from(token: &'a DecodedAccessToken<TimeClaim>) -> Self {
        AccessClaimsJson {
            jti: token.jti.as_deref(),
            sub: &token.sub,
            claims: (&token.claims).into(),
        }
    }
}

impl Serialize for AccessClaimsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ClaimsJson { iss, exp, nbf, iat } = &self.claims;
        let mut out = s.serialize_struct("AccessClaimsJson", 6)?;
        out.serialize_field("jti", &self.jti)?;
        out.serialize_field("iss", iss)?;
        out.serialize_field("sub", &self.sub)?;
        out.serialize_field("exp", exp)?;
        out.serialize_field("nbf", nbf)?;
        out.serialize_field("iat", iat)?;
        out.end()
    }
}

/// A TaskRouter token's own: `{"channel", "workspace_sid", "worker_sid", "taskqueue_sid",
/// "policies"}`, the SIDs present only in the token of their channel.
#[derive(Debug, Serialize)]
pub struct TaskRouterJson<'a> {
    /// The channel: the worker, task queue or workspace SID.
    pub channel: &'a str,
    /// The workspace.
    pub workspace_sid: &'a str,
    /// A worker's token's worker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worker_sid: Option<&'a str>,
    /// A task queue's token's task queue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taskqueue_sid: Option<&'a str>,
    /// The policies, as the token's objects as decoded.
    pub policies: &'a [Value],
}

/// A capability token's own: `{"scopes"}`, what it grants.
#[derive(Debug, Serialize)]
pub struct CapabilityJson<'a> {
    /// The scopes.
    pub scopes: Vec<ScopeJson<'a>>,
}

/// `{"typ": … or null, "alg": …}`.
#[derive(Debug, Serialize)]
pub struct HeaderJson<'a> {
    /// The `typ` field, if present.
    pub typ: Option<&'a str>,
    /// The `alg` field.
    pub alg: &'a str,
}

impl<'a> From<&'a Header> for HeaderJson<'a> {
    fn from(header: &'a Header) -> Self {
        HeaderJson {
            typ: header.typ.as_deref(),
            alg: &header.alg,
        }
    }
}

/// `{"iss": …, "exp": …, "nbf": … or null, "iat": … or null}`, each time as the token holds
/// it: Unix seconds, or whatever other JSON value it is.
#[derive(Debug, Serialize)]
pub struct ClaimsJson<'a> {
    /// The issuer.
    pub iss: &'a str,
    /// The expiry.
    pub exp: TimeJson<'a>,
    /// Not before, if present.
    pub nbf: Option<TimeJson<'a>>,
    /// Issued at, if present.
    pub iat: Option<TimeJson<'a>>,
}

impl<'a> From<&'a Claims<TimeClaim>> for ClaimsJson<'a> {
    fn from(claims: &'a Claims<TimeClaim>) -> Self {
        ClaimsJson {
            iss: &claims.iss,
            exp: TimeJson(&claims.exp),
            nbf: claims.nbf.as_ref().map(TimeJson),
            iat: claims.iat.as_ref().map(TimeJson),
        }
    }
}

/// A time claim: its seconds, or the JSON value it is.
#[derive(Debug)]
pub struct TimeJson<'a>(&'a TimeClaim);

impl Serialize for TimeJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            TimeClaim::Seconds(secs) => s.serialize_u64(*secs),
            TimeClaim::Invalid(value) => value.serialize(s),
        }
    }
}

/// `value` as one line of compact JSON, with a newline.
pub fn line(value: &impl Serialize) -> Result<String, Failure> {
    serde_json::to_string(value)
        .map(|text| text + "\n")
        .map_err(|e| Failure::invalid(format!("cannot write JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_have_the_documented_shape() {
        let list = [
            Scope::Incoming {
                client_name: "andrew".into(),
            },
            Scope::Outgoing {
                application_sid: "APx".into(),
                client_name: None,
                params: vec![("user_id".into(), "42".into())],
            },
            Scope::EventStream {
                filters: vec![("CallSid".into(), "CA0123".into())],
            },
            Scope::Unknown {
                raw: "scope:x:y".into(),
            },
        ];
        let text = serde_json::to_string(&scopes(&list)).ok();
        assert_eq!(
            text.as_deref(),
            Some(concat!(
                r#"[{"kind":"incoming","client_name":"andrew"},"#,
                r#"{"kind":"outgoing","application_sid":"APx","client_name":null,"params":[["user_id","42"]]},"#,
                r#"{"kind":"event_stream","filters":[["CallSid","CA0123"]]},"#,
                r#"{"kind":"unknown","raw":"scope:x:y"}]"#
            ))
        );
    }
}
