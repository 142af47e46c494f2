use std::fmt::Display;

use crate::rules::{at_most_one, check_pairs, pairs};
use crate::setters::pushing_setters;
use crate::{AppSid, CapabilityPolicy, Clause, ClientName, ParamScope, PolicyError, Ttl, rules};

/// Builds a [`CapabilityPolicy`] with method calls that mirror Twilio's Ruby `Capability` API.
///
/// Each method takes and returns the builder; [`build`](Self::build) checks every rule of spec
/// section 2 and reports the first one broken.
///
/// ```
/// use capability::{ClientName, CapabilityPolicy, PolicyError};
///
/// let andrew: ClientName = "andrew".parse()?;
/// let err = CapabilityPolicy::builder()
///     .allow_client_incoming(andrew.clone())
///     .allow_client_incoming(andrew)
///     .build()
///     .unwrap_err();
/// assert_eq!(err, PolicyError::DuplicateClientName { name: "andrew".into() });
/// # Ok::<(), capability::ValueError>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct CapabilityPolicyBuilder {
    incoming: Vec<ClientName>,
    outgoing: Vec<(AppSid, Vec<(String, String)>)>,
    event_streams: Vec<Vec<(String, String)>>,
    ttls: Vec<Ttl>,
}

impl CapabilityPolicy {
    /// Starts a policy with method calls, in the style of Twilio's Ruby `Capability` API.
    pub fn builder() -> CapabilityPolicyBuilder {
        CapabilityPolicyBuilder::default()
    }
}

impl CapabilityPolicyBuilder {
    pushing_setters! {
        /// Grants incoming calls to `name`. May be called once per distinct name.
        fn allow_client_incoming(name: ClientName) => incoming;
    }

    /// Grants outgoing calls through the application `app_sid`, forwarding `params` to it in
    /// the order given. Pass `[] as [(&str, &str); 0]`, or an empty `Vec`, for no params.
    pub fn allow_client_outgoing<K: Into<String>, V: Display>(
        mut self,
        app_sid: AppSid,
        params: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.outgoing.push((app_sid, pairs(params)));
        self
    }

    /// Grants the event stream, narrowed by `filters` in the order given.
    pub fn allow_event_stream<K: Into<String>, V: Display>(
        mut self,
        filters: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.event_streams.push(pairs(filters));
        self
    }

    pushing_setters! {
        /// Sets the token lifetime. Without it, tokens live [`Ttl::DEFAULT`].
        fn ttl(ttl: Ttl) => ttls;
    }

    /// Checks every rule and makes the policy.
    ///
    /// # Errors
    /// The first [`PolicyError`] found: a repeated incoming name, a clause given twice, more
    /// than [`MAX_PAIRS`](crate::rules::MAX_PAIRS) params or filters, an empty or repeated
    /// key, a value over [`MAX_VALUE_LEN`](crate::rules::MAX_VALUE_LEN) bytes, a policy that
    /// grants nothing, or one whose token would be over
    /// [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN).
    pub fn build(self) -> Result<CapabilityPolicy, PolicyError> {
        let CapabilityPolicyBuilder {
            incoming,
            mut outgoing,
            mut event_streams,
            mut ttls,
        } = self;
        for (i, name) in incoming.iter().enumerate() {
            rules::check_distinct_name(
                name.as_str(),
                incoming[..i].iter().map(ClientName::as_str),
            )?;
        }
        let outgoing = at_most_one(
            &mut outgoing,
            PolicyError::DuplicateClause {
                clause: Clause::Outgoing,
            },
        )?;
        if let Some((_, params)) = &outgoing {
            check_pairs(ParamScope::OutgoingParams, params)?;
        }
        let event_stream = at_most_one(
            &mut event_streams,
            PolicyError::DuplicateClause {
                clause: Clause::EventStream,
            },
        )?;
        if let Some(filters) = &event_stream {
            check_pairs(ParamScope::EventStreamFilters, filters)?;
        }
        let ttl = at_most_one(
            &mut ttls,
            PolicyError::DuplicateClause {
                clause: Clause::Ttl,
            },
        )?
        .unwrap_or_default();
        rules::check_grants_something(incoming.len(), outgoing.is_some(), event_stream.is_some())?;
        let policy = CapabilityPolicy::from_checked_parts(incoming, outgoing, event_stream, ttl);
        rules::check_claim_len(policy.scope_claim().len())?;
        Ok(policy)
    }
}
