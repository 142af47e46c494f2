//! From a capability policy to an access token (spec section 4), for an application that moves
//! from Twilio Client 1.x to the Voice SDK 2.x with the policies it has.

use crate::{AccessPolicy, CapabilityPolicy, ClientName, Identity, PolicyError, VoiceGrant};

/// What of a capability policy an access token cannot carry. Each variant names it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConvertError {
    /// The policy grants incoming calls to several names; an access token has one identity.
    #[error(
        "the policy grants incoming calls to {} client names ({}); an access token has one identity",
        names.len(),
        names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ")
    )]
    SeveralIncoming {
        /// The names.
        names: Vec<String>,
    },
    /// The policy grants the event stream, which access tokens have no grant for.
    #[error("the policy grants the event stream; access tokens have no event-stream grant")]
    EventStream,
    /// The policy has no incoming name, and no identity was given.
    #[error("the policy has no incoming client name: give the access token's identity")]
    MissingIdentity,
    /// An identity was given for a policy whose incoming name already is one.
    #[error(
        "the policy's incoming client name {incoming:?} is the access token's identity; do not give another"
    )]
    IdentityGiven {
        /// The policy's incoming name.
        incoming: String,
    },
    /// The access policy breaks a rule of its own, such as an identity over 121 characters.
    #[error(transparent)]
    Policy(#[from] PolicyError),
}

impl AccessPolicy {
    /// The access-token policy with a voice grant that grants what `policy` grants (spec
    /// section 4): its one incoming name as the identity with incoming calls, its outgoing
    /// application with the same params in the same order, and its ttl. For a policy without an
    /// incoming name, `identity` is the token's identity; it must be a client name.
    ///
    /// ```
    /// use capability::{AccessPolicy, CapabilityPolicy};
    ///
    /// let policy = CapabilityPolicy::builder()
    ///     .allow_client_incoming("alice".parse()?)
    ///     .allow_client_outgoing("AP89a0180a1a4ddf1da954efca349b7a20".parse()?, [("plan", "gold")])
    ///     .build()?;
    /// let access = AccessPolicy::from_capability(&policy, None)?;
    /// assert_eq!(access.identity().as_str(), "alice");
    /// assert!(access.voice().unwrap().incoming());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// A [`ConvertError`] naming what cannot be carried over: several incoming names, an event
    /// stream, a missing identity, or an identity given for a policy that has one.
    pub fn from_capability(
        policy: &CapabilityPolicy,
        identity: Option<ClientName>,
    ) -> Result<AccessPolicy, ConvertError> {
        if policy.event_stream().is_some() {
            return Err(ConvertError::EventStream);
        }
        let (name, incoming) = match (policy.incoming(), identity) {
            ([], None) => return Err(ConvertError::MissingIdentity),
            ([], Some(identity)) => (identity, false),
            ([name], None) => (name.clone(), true),
            ([name], Some(_)) => {
                return Err(ConvertError::IdentityGiven {
                    incoming: name.as_str().to_owned(),
                });
            }
            (names, _) => {
                return Err(ConvertError::SeveralIncoming {
                    names: names.iter().map(|n| n.as_str().to_owned()).collect(),
                });
            }
        };
        let identity = Identity::try_from(&name).map_err(PolicyError::from)?;
        let mut voice = VoiceGrant::new();
        if incoming {
            voice = voice.allow_incoming();
        }
        if let Some(outgoing) = policy.outgoing() {
            let params = outgoing
                .params()
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()));
            voice = voice.allow_outgoing(outgoing.application_sid().clone(), params);
        }
        let access = AccessPolicy::builder()
            .identity(identity)
            .voice(voice)
            .ttl(policy.ttl())
            .build()?;
        Ok(access)
    }
}
