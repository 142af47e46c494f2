//! Twilio Client capability tokens: the scope claim and its percent-encoding, the policy and
//! its builder, policy files, the precompiled minter, and reading tokens back.

pub(crate) mod builder;
pub mod encoding;
pub mod layout;
pub(crate) mod load;
pub(crate) mod minter;
pub(crate) mod policy;
pub(crate) mod read;
pub(crate) mod schema;
pub(crate) mod scope;
pub(crate) mod sign;
pub(crate) mod template;
pub(crate) mod warnings;

use crate::toml::template as any_template;
use crate::{
    BindProblem, Capability, CapabilityPolicy, CapabilityTemplate, Format, LoadError, PolicyFormat,
};

impl Format for Capability {
    type Policy = CapabilityPolicy;
    type Secret = crate::AuthToken;
    type Decoded = crate::DecodedCapabilityToken;
    type Key = crate::Credentials;
    const FORMAT: PolicyFormat = PolicyFormat::Capability;
    type Slots = template::CapabilitySlots;

    fn load(source: &str, origin: Option<String>) -> Result<CapabilityTemplate, LoadError> {
        any_template::load(source, origin, load::read, Self::Slots::default())
    }

    fn build(t: &CapabilityTemplate, values: &[&str]) -> Result<CapabilityPolicy, BindProblem> {
        template::build(t, values)
    }

    type Minter = minter::CompiledCapability;

    fn sign_at(
        policy: &CapabilityPolicy,
        key: &crate::Credentials,
        now: u64,
    ) -> Result<crate::Token, crate::SignError> {
        policy.sign_at(key, now)
    }

    fn decode(
        header: crate::Header,
        payload: &[u8],
    ) -> Result<crate::DecodedCapabilityToken, crate::VerifyError> {
        read::decode(header, payload)
    }

    fn claims(decoded: &crate::DecodedCapabilityToken) -> &crate::Claims {
        &decoded.claims
    }
}
