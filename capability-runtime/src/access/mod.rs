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

use crate::toml::template as any_template;
use crate::{Access, AccessPolicy, AccessTemplate, BindProblem, Format, LoadError, PolicyFormat};

impl Format for Access {
    type Policy = AccessPolicy;
    type Secret = crate::ApiSecret;
    type Decoded = crate::DecodedAccessToken;
    type Key = crate::ApiKey;
    const FORMAT: PolicyFormat = PolicyFormat::AccessToken;
    type Slots = template::AccessSlots;

    fn load(source: &str, origin: Option<String>) -> Result<AccessTemplate, LoadError> {
        any_template::load(source, origin, load::read, Self::Slots::default())
    }

    fn build(t: &AccessTemplate, values: &[&str]) -> Result<AccessPolicy, BindProblem> {
        template::build(t, values)
    }

    type Minter = minter::CompiledAccess;

    fn sign_at(
        policy: &AccessPolicy,
        key: &crate::ApiKey,
        now: u64,
    ) -> Result<crate::Token, crate::SignError> {
        policy.sign_at(key, now)
    }

    fn decode(
        header: crate::Header,
        payload: &[u8],
    ) -> Result<crate::DecodedAccessToken, crate::VerifyError> {
        crate::jwt::verify::strict(read::decode(header, payload)?)
    }

    fn claims(decoded: &crate::DecodedAccessToken) -> &crate::Claims {
        &decoded.claims
    }
}
