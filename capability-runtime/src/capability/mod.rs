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

crate::format_impl::impl_format! {
    Capability (Capability) {
        CapabilityPolicy, Credentials, AuthToken, DecodedCapabilityToken, CapabilitySlots,
        CompiledCapability
    }
}
