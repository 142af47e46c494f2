//! Access Tokens, for Twilio's current SDKs: the grants, the bytes of the token, the policy
//! and its builder, policy files, the precompiled minter, reading tokens back, and converting
//! a capability policy.

pub(crate) mod grants;
pub(crate) mod layout;
pub(crate) mod load;
pub(crate) mod minter;
pub(crate) mod policy;
pub(crate) mod read;
pub(crate) mod schema;
pub(crate) mod sign;
pub(crate) mod template;
pub(crate) mod warnings;

crate::format_impl::impl_format! {
    Access (AccessToken) {
        AccessPolicy, ApiKey, ApiSecret, DecodedAccessToken, AccessSlots, CompiledAccess
    }
}
