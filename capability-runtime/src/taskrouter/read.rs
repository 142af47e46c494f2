//! Reading TaskRouter tokens (spec section 3): the policies of a verified payload, in whatever
//! key order the library wrote them, missing filters counting as `{}`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::jwt::raw_payload::raw_payload;
use crate::jwt::verify::{self, Field, ObjectReader, RawKind, Shape, Time, key};
use crate::verifier::verify_once;
use crate::{
    AuthToken, Claims, CustomPolicy, Header, JsonKind, Malformed, Segment, TaskRouter, TokenKind,
    VerifyError,
};

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
#[derive(Clone, PartialEq, Eq)]
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
    /// The `policies` array exactly as the token holds it; [`raw_policies`](Self::raw_policies)
    /// parses it.
    pub policies_json: String,
}

impl<T> DecodedTaskRouterToken<T> {
    /// The `policies` array as decoded, object for object.
    pub fn raw_policies(&self) -> Vec<Value> {
        // The text was read as an array when the token was decoded (as a `Value`, since
        // serde_json reads some objects as other values).
        match serde_json::from_str(&self.policies_json) {
            Ok(Value::Array(policies)) => policies,
            _ => Vec::new(),
        }
    }
}

// By hand, to show the policies as the values `raw_policies` gives rather than as escaped text.
impl<T: fmt::Debug> fmt::Debug for DecodedTaskRouterToken<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            header,
            claims,
            account_sid,
            workspace_sid,
            channel,
            friendly_name,
            version,
            worker_sid,
            taskqueue_sid,
            policies,
            policies_json: _,
        } = self;
        f.debug_struct("DecodedTaskRouterToken")
            .field("header", header)
            .field("claims", claims)
            .field("account_sid", account_sid)
            .field("workspace_sid", workspace_sid)
            .field("channel", channel)
            .field("friendly_name", friendly_name)
            .field("version", version)
            .field("worker_sid", worker_sid)
            .field("taskqueue_sid", taskqueue_sid)
            .field("policies", policies)
            .field("raw_policies", &self.raw_policies())
            .finish()
    }
}

verify_once! {
    /// Checks a TaskRouter token completely, under the auth token that signed it: its shape, an
    /// `HS256` header, the signature, the claim types, each policy's types, and the time.
    pub fn verify_taskrouter_token(auth_token: &AuthToken) -> DecodedTaskRouterToken;
    pub type TaskRouterVerifier = Verifier<TaskRouter>;
}

raw_payload! {
    #[serde(bound(deserialize = "P: Deserialize<'de>"))]
    struct RawTaskRouter<'a, P> {
        account_sid, workspace_sid, channel, friendly_name, version, worker_sid, taskqueue_sid,
        grants;
        /// The text, or (for the rare payload the stream gives up on) the value tree.
        #[serde(default, deserialize_with = "verify::present")]
        policies: Option<P>,
    }
}

/// A TaskRouter token's payload, with its times read as `T` reads them, and the type errors of
/// its policies: `verify` refuses the token for the first, `inspect` warns about each.
pub(crate) fn decode<T: Time>(
    header: Header,
    payload: &[u8],
) -> Result<(DecodedTaskRouterToken<T>, Vec<VerifyError>), VerifyError> {
    // The policies are read straight from their text, in one pass. What the stream gives up on
    // (a parser error, serde_json's raw-value key) is read as the value tree it always was, so
    // that every answer, down to the parser's message, is the tree's.
    let mut text = None;
    if let Ok(raw) = verify::parse_json::<RawTaskRouter<'_, &RawValue>>(payload, Segment::Payload) {
        text = raw.policies.map(RawValue::get);
        match text.map(stream) {
            None => return finish(header, raw, None, payload),
            Some(Some(read)) => return finish(header, raw, Some(read), payload),
            Some(None) => {}
        }
    }
    let raw: RawTaskRouter<'_, Value> = verify::parse_json(payload, Segment::Payload)?;
    let read = match &raw.policies {
        None => None,
        Some(tree) => Some(Policies {
            read: Claim.deserialize(tree).map_err(|e| Malformed::Json {
                segment: Segment::Payload,
                message: e.to_string(),
            })?,
            json: text.map_or_else(|| tree.to_string(), str::to_owned),
        }),
    };
    finish(header, raw, read, payload)
}

/// The `policies` claim, read: its text, and its rules and their problems in token order, or
/// the kind of a claim that is not an array.
struct Policies {
    json: String,
    read: Result<(Vec<TaskRouterRule>, Vec<VerifyError>), JsonKind>,
}

/// The policies from their text in one pass; `None` when the stream gives up.
fn stream(text: &str) -> Option<Policies> {
    // In an array of its own the text is nested as deep as in the payload, where the parser's
    // depth limit comes one level sooner.
    let mut json = String::with_capacity(text.len() + 2);
    json.push('[');
    json.push_str(text);
    json.push(']');
    let mut de = serde_json::Deserializer::from_str(&json);
    let read = de.deserialize_seq(Only(Claim)).ok()?;
    json.pop();
    json.remove(0);
    Some(Policies { json, read })
}

/// The rest of the payload, checked in the order the claims always were.
fn finish<T: Time, P>(
    header: Header,
    raw: RawTaskRouter<'_, P>,
    policies: Option<Policies>,
    payload: &[u8],
) -> Result<(DecodedTaskRouterToken<T>, Vec<VerifyError>), VerifyError> {
    RawKind {
        grants: raw.grants,
        policies: match policies {
            Some(_) => Field::Other(JsonKind::Array),
            None => Field::Absent,
        },
        workspace_sid: match &raw.workspace_sid {
            Field::Absent => Field::Absent,
            _ => Field::Other(JsonKind::String),
        },
    }
    .expect(&header, TokenKind::TaskRouter)?;
    let claims = verify::registered([raw.iss, raw.exp, raw.nbf, raw.iat], payload)?;
    let required = |field: Field<'_>, claim| {
        field
            .string(claim)?
            .ok_or(VerifyError::MissingClaim { claim })
    };
    let account_sid = required(raw.account_sid, "account_sid")?;
    let workspace_sid = required(raw.workspace_sid, "workspace_sid")?;
    let channel = required(raw.channel, "channel")?;
    let (policies, problems, policies_json) = match policies {
        Some(Policies {
            json,
            read: Ok((rules, problems)),
        }) => (rules, problems, json),
        other => {
            return Err(VerifyError::ClaimType {
                claim: "policies",
                expected: "an array",
                found: other.map_or(JsonKind::Null, |p| p.read.err().unwrap_or(JsonKind::Null)),
            });
        }
    };
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
            policies_json,
        },
        problems,
    ))
}

/// The one value of `[value]`, read by `S`.
struct Only<S>(S);

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Only<S> {
    type Value = S::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of one value")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<S::Value, A::Error> {
        seq.next_element_seed(self.0)?
            .ok_or_else(|| de::Error::invalid_length(0, &"one value"))
    }
}

/// The `policies` claim: its rules and their problems, or the kind of a value not an array.
struct Claim;

impl<'de> DeserializeSeed<'de> for Claim {
    type Value = Result<(Vec<TaskRouterRule>, Vec<VerifyError>), JsonKind>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let mut problems = Vec::new();
        Ok(match Shape(Array(&mut problems)).deserialize(d)? {
            Ok(Some(rules)) => Ok((rules, problems)),
            Ok(None) => Err(JsonKind::Object),
            Err(other) => Err(other.kind()),
        })
    }
}

// Every value in the policies is read as strictly as a `serde_json::Value` is (`Shape` parses
// each scalar; `Strict` and `Ignore` read every array and object through), so that the
// stream fails exactly where the tree did.

/// `O`, with any array read through.
struct Strict<O>(O);

impl<'de, O: ObjectReader<'de>> ObjectReader<'de> for Strict<O> {
    type Out = O::Out;
    fn read<A: MapAccess<'de>>(self, map: A) -> Result<O::Out, A::Error> {
        self.0.read(map)
    }
    fn read_array<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> Result<Result<O::Out, Field<'de>>, A::Error> {
        while seq.next_element_seed(any())?.is_some() {}
        Ok(Err(Field::Other(JsonKind::Array)))
    }
}

/// Any value, read through and dropped.
fn any() -> Shape<Strict<Ignore>> {
    Shape(Strict(Ignore))
}

struct Ignore;

impl<'de> ObjectReader<'de> for Ignore {
    type Out = ();
    fn read<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        members(&mut map, |map, _| drop_value(map))
    }
}

fn drop_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value_seed(any()).map(drop)
}

/// The next value as a `Field`, an object being read through.
fn field<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Field<'de>, A::Error> {
    let read = map.next_value_seed(any())?;
    Ok(read.err().unwrap_or(Field::Other(JsonKind::Object)))
}

/// The key serde_json's value tree reads an object by otherwise when it comes first.
const RAW_VALUE_KEY: &str = "$serde_json::private::RawValue";

/// Each member of an object, in token order, read by `each`; an error (and the tree) for an
/// object whose first key is serde_json's raw-value key.
fn members<'de, A: MapAccess<'de>>(
    map: &mut A,
    mut each: impl FnMut(&mut A, Cow<'de, str>) -> Result<(), A::Error>,
) -> Result<(), A::Error> {
    let mut first = true;
    while let Some(key) = key(map)? {
        if std::mem::take(&mut first) && key == RAW_VALUE_KEY {
            return Err(de::Error::custom("serde_json's raw-value key"));
        }
        each(map, key)?;
    }
    Ok(())
}

/// The `policies` array, each policy in token order, each problem noted; `None` for an object.
struct Array<'p>(&'p mut Vec<VerifyError>);

impl<'de> ObjectReader<'de> for Array<'_> {
    type Out = Option<Vec<TaskRouterRule>>;
    fn read<A: MapAccess<'de>>(self, map: A) -> Result<Self::Out, A::Error> {
        Ignore.read(map).map(|()| None)
    }
    fn read_array<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> Result<Result<Self::Out, Field<'de>>, A::Error> {
        let mut rules = Vec::new();
        while let Some(read) = seq.next_element_seed(Shape(Strict(CapabilityPolicy(self.0))))? {
            match read {
                Ok(rule) => rules.extend(rule),
                Err(other) => self.0.push(VerifyError::ClaimType {
                    claim: "policies[]",
                    expected: "an object",
                    found: other.kind(),
                }),
            }
        }
        Ok(Ok(Some(rules)))
    }
}

/// A filter read, or what it was expected to be and what it was.
type Filter = Result<Vec<(String, bool)>, (&'static str, JsonKind)>;

/// One policy object: its rule, or none when a member has the wrong type, each such problem
/// noted in the order of the rule's fields.
struct CapabilityPolicy<'p>(&'p mut Vec<VerifyError>);

impl<'de> ObjectReader<'de> for CapabilityPolicy<'_> {
    type Out = Option<TaskRouterRule>;
    fn read<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Out, A::Error> {
        // Each member is the last of its key, as `Map::get` finds it.
        let (mut url, mut method, mut allow) = (Field::Absent, Field::Absent, Field::Absent);
        let (mut query, mut post): (Filter, Filter) = (Ok(Vec::new()), Ok(Vec::new()));
        members(&mut map, |map, key| {
            match &*key {
                "url" => url = field(map)?,
                "method" => method = field(map)?,
                "allow" => allow = field(map)?,
                "query_filter" => query = filter(map)?,
                "post_filter" => post = filter(map)?,
                _ => drop_value(map)?,
            }
            Ok(())
        })?;
        let problems = self.0;
        let mut wrong = |claim, expected, found| {
            problems.push(VerifyError::ClaimType {
                claim,
                expected,
                found,
            });
        };
        let mut text = |field: Field<'_>, claim| match field {
            Field::Str(s) => Some(s.into_owned()),
            other => {
                wrong(claim, "a string", other.kind());
                None
            }
        };
        let url = text(url, "policies[].url");
        let method = text(method, "policies[].method");
        let allow = match allow {
            Field::Bool(allow) => Some(allow),
            other => {
                wrong("policies[].allow", "a boolean", other.kind());
                None
            }
        };
        let mut filter = |read: Filter, claim| {
            read.map_err(|(expected, found)| wrong(claim, expected, found))
                .ok()
        };
        let query_filter = filter(query, "policies[].query_filter");
        let post_filter = filter(post, "policies[].post_filter");
        let (Some(url), Some(method), Some(allow), Some(query_filter), Some(post_filter)) =
            (url, method, allow, query_filter, post_filter)
        else {
            return Ok(None);
        };
        Ok(Some(TaskRouterRule {
            url,
            method,
            allow,
            query_filter,
            post_filter,
        }))
    }
}

/// The next value as a filter.
fn filter<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Filter, A::Error> {
    Ok(match map.next_value_seed(Shape(Strict(Pairs)))? {
        Ok(pairs) => pairs.map_err(|found| ("an object of {\"required\": a boolean}", found)),
        Err(other) => Err(("an object", other.kind())),
    })
}

/// Names past this many in one filter are looked up in an index rather than by a scan.
const SCAN: usize = 16;

/// `{"Name":{"required":bool},…}` as pairs, as a `Map` holds them: each name in the place of
/// its first use with its last value; or the kind found in the first that is not so.
struct Pairs;

impl<'de> ObjectReader<'de> for Pairs {
    type Out = Result<Vec<(String, bool)>, JsonKind>;
    fn read<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Out, A::Error> {
        let mut pairs: Vec<(Cow<'de, str>, Result<bool, JsonKind>)> = Vec::new();
        // A token may hold a thousand names in a filter: no scan for each.
        let mut index = BTreeMap::new();
        members(&mut map, |map, name| {
            let required = map
                .next_value_seed(Shape(Strict(Required)))?
                .unwrap_or_else(|other| Err(other.kind()));
            let at = if pairs.len() < SCAN {
                pairs.iter().position(|(n, _)| *n == name)
            } else {
                for (i, (n, _)) in pairs.iter().enumerate().skip(index.len()) {
                    index.insert(n.clone(), i);
                }
                index.get(&name).copied()
            };
            match at {
                Some(i) => pairs[i].1 = required,
                None => pairs.push((name, required)),
            }
            Ok(())
        })?;
        Ok(pairs
            .into_iter()
            .map(|(name, required)| Ok((name.into_owned(), required?)))
            .collect())
    }
}

/// A filter's `{"required": bool}`: the last `required`, or the kind found instead (the
/// object's own when it has none).
struct Required;

impl<'de> ObjectReader<'de> for Required {
    type Out = Result<bool, JsonKind>;
    fn read<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Out, A::Error> {
        let mut required = None;
        members(&mut map, |map, key| {
            if key == "required" {
                required = Some(field(map)?);
                Ok(())
            } else {
                drop_value(map)
            }
        })?;
        Ok(match required {
            Some(Field::Bool(required)) => Ok(required),
            Some(other) => Err(other.kind()),
            None => Err(JsonKind::Object),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The policies the libraries write are read by the stream, not left to the tree.
    #[test]
    fn the_stream_reads_ordinary_policies() {
        let text = r#"[{"url":"https://taskrouter.twilio.com/v1/Workspaces/WS1/Activities","method":"POST","allow":true,"query_filter":{},"post_filter":{"ActivitySid":{"required":true}}}]"#;
        let read = stream(text).expect("read by the stream");
        assert_eq!(read.json, text);
        let (rules, problems) = read.read.expect("an array");
        assert_eq!(rules[0].post_filter, [("ActivitySid".to_owned(), true)]);
        assert!(problems.is_empty());
    }

    /// It gives up where the tree's parser failed in the payload, a level sooner than on the
    /// text alone, and on serde_json's raw-value key.
    #[test]
    fn the_stream_gives_up_where_the_tree_reads_otherwise() {
        let deep = |depth| format!(r#"[{{"x":{}{}}}]"#, "[".repeat(depth), "]".repeat(depth));
        assert!(stream(&deep(124)).is_some());
        assert!(stream(&deep(125)).is_none());
        assert!(stream(r#"[{"$serde_json::private::RawValue":"1"}]"#).is_none());
        assert!(stream(r#"[{"url":"u","$serde_json::private::RawValue":"1"}]"#).is_some());
    }
}
