//! `CapabilityPolicy`: what a token grants, checked when it is built.

use std::borrow::Cow;

use crate::capability::layout::{self, Piece, Text};
use crate::capability::scope::Scope;
use crate::{AppSid, ClientName, Outgoing, ParamScope, Ttl, ValueError, rules};

/// What a capability token grants, checked against every rule of spec section 2.
///
/// A `CapabilityPolicy` can only be made by [`CapabilityPolicy::builder`], the TOML loader
/// ([`CapabilityTemplate`](crate::CapabilityTemplate)) or the `capability!` macro, and each checks the
/// rules, so a `CapabilityPolicy` always describes a token Twilio accepts. Its scope claim is encoded once,
/// when it is built; signing only adds the issuer and the expiry.
///
/// ```
/// use capability::{AppSid, ClientName, Credentials, CapabilityPolicy, Ttl};
///
/// let policy = CapabilityPolicy::builder()
///     .allow_client_incoming("andrew".parse::<ClientName>()?)
///     .allow_client_outgoing("APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".parse::<AppSid>()?, [("user_id", 42)])
///     .ttl(Ttl::try_from(300u64)?)
///     .build()?;
///
/// let creds = Credentials::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0123456789abcdef0123456789abcdef")?;
/// let token = policy.sign_at(&creds, 1_700_000_000)?;
/// assert_eq!(token.expires_at(), 1_700_000_300);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapabilityPolicy {
    incoming: Vec<ClientName>,
    outgoing: Option<Outgoing>,
    event_stream: Option<EventStream>,
    ttl: Ttl,
    /// The encoded scope claim (spec 1.4), made once from the fields above.
    scope: Cow<'static, str>,
    /// A run-time value of a `capability!` policy that breaks its rule. The macro cannot fail,
    /// so signing does: [`SignError::Value`](crate::SignError::Value).
    deferred: Option<ValueError>,
}

/// The event-stream grant of a policy, with its filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventStream {
    filters: Vec<(String, String)>,
}

impl EventStream {
    /// The filters, in declaration order.
    pub fn filters(&self) -> &[(String, String)] {
        &self.filters
    }
}

impl CapabilityPolicy {
    /// Assembles a policy from parts that already passed every rule, and encodes its scope.
    pub(crate) fn from_checked_parts(
        incoming: Vec<ClientName>,
        outgoing: Option<(AppSid, Vec<(String, String)>)>,
        event_stream: Option<Vec<(String, String)>>,
        ttl: Ttl,
    ) -> CapabilityPolicy {
        let names: Vec<_> = incoming.iter().map(|n| Text::Known(n.as_str())).collect();
        let filters = event_stream.as_deref().map(known);
        let out = outgoing
            .as_ref()
            .map(|(sid, params)| (Text::Known(sid.as_str()), known(params)));
        let pieces = layout::layout(
            &names,
            filters.as_deref(),
            out.as_ref().map(|(sid, params)| (*sid, &params[..])),
        );
        // Every text is known, so the layout has no slots to fill.
        let pieces: Vec<_> = pieces.iter().map(Piece::as_deref).collect();
        let claim = layout::assemble(&pieces, &[]);
        capability_policy(incoming, outgoing, event_stream, ttl, Cow::Owned(claim))
    }

    /// The error a run-time value of a `capability!` policy deferred to signing, if any.
    pub(crate) fn deferred_error(&self) -> Option<&ValueError> {
        self.deferred.as_ref()
    }

    /// The client names that receive incoming calls, in declaration order.
    pub fn incoming(&self) -> &[ClientName] {
        &self.incoming
    }

    /// The outgoing grant, if any.
    pub fn outgoing(&self) -> Option<&Outgoing> {
        self.outgoing.as_ref()
    }

    /// The event-stream grant, if any.
    pub fn event_stream(&self) -> Option<&EventStream> {
        self.event_stream.as_ref()
    }

    /// How long a token signed from this policy lives.
    pub fn ttl(&self) -> Ttl {
        self.ttl
    }

    /// The encoded scope claim, exactly as a signed token carries it.
    pub fn scope_claim(&self) -> &str {
        &self.scope
    }

    /// The grants as [`Scope`] values, in the order the token lists them. Verifying a token
    /// signed from this policy gives back exactly these.
    pub fn scopes(&self) -> Vec<Scope> {
        let last_name = self.incoming.last().map(|n| n.as_str().to_owned());
        let incoming = self.incoming.iter().map(|n| Scope::Incoming {
            client_name: n.as_str().to_owned(),
        });
        let stream = self.event_stream.iter().map(|s| Scope::EventStream {
            filters: s.filters.clone(),
        });
        let outgoing = self.outgoing.iter().map(|o| Scope::Outgoing {
            application_sid: o.application_sid().as_str().to_owned(),
            client_name: last_name.clone(),
            params: o.params().to_vec(),
        });
        incoming.chain(stream).chain(outgoing).collect()
    }
}

/// Pairs whose text is all known, for [`layout::layout`].
fn known(pairs: &[(String, String)]) -> Vec<(Text<'_>, Text<'_>)> {
    pairs
        .iter()
        .map(|(k, v)| (Text::Known(k), Text::Known(v)))
        .collect()
}

/// Assembles a policy written with the `capability!` macro, for its expansion (through
/// `__macro_support`). The macro has checked every
/// literal, key and clause at compile time; the run-time values are of checked types or
/// free text. `scope` is the claim, laid out by [`layout`](crate::capability::layout::layout) with its literal parts
/// encoded at compile time. Two run-time names that turn out equal give two identical
/// incoming scopes, which grant what one would: the macro has no way to fail at run time.
/// A run-time param value over [`MAX_VALUE_LEN`](crate::rules::MAX_VALUE_LEN) makes
/// [`sign`](CapabilityPolicy::sign) fail instead.
pub fn capability_policy(
    incoming: Vec<ClientName>,
    outgoing: Option<(AppSid, Vec<(String, String)>)>,
    event_stream: Option<Vec<(String, String)>>,
    ttl: Ttl,
    scope: Cow<'static, str>,
) -> CapabilityPolicy {
    let deferred = [
        outgoing
            .as_ref()
            .map(|(_, p)| (ParamScope::OutgoingParams, p)),
        event_stream
            .as_ref()
            .map(|f| (ParamScope::EventStreamFilters, f)),
    ]
    .into_iter()
    .flatten()
    .flat_map(|(scope, pairs)| {
        pairs
            .iter()
            .map(move |(k, v)| rules::check_value(scope, k, v))
    })
    .find_map(Result::err);
    CapabilityPolicy {
        incoming,
        outgoing: outgoing.map(|(application_sid, params)| Outgoing::new(application_sid, params)),
        event_stream: event_stream.map(|filters| EventStream { filters }),
        ttl,
        scope,
        deferred,
    }
}
