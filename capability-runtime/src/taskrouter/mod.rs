//! TaskRouter capability tokens, for TaskRouter.js v1: the policies of spec 1.5 and their
//! URLs, the policy and its builder, signing, and reading tokens back.

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
use crate::{
    BindProblem, Format, LoadError, PolicyFormat, TaskRouter, TaskRouterPolicy, TaskRouterTemplate,
};

impl Format for TaskRouter {
    type Policy = TaskRouterPolicy;
    type Secret = crate::AuthToken;
    type Decoded = crate::DecodedTaskRouterToken;
    type Key = crate::Credentials;
    const FORMAT: PolicyFormat = PolicyFormat::TaskRouter;
    type Slots = template::TaskRouterSlots;

    fn load(source: &str, origin: Option<String>) -> Result<TaskRouterTemplate, LoadError> {
        any_template::load(source, origin, load::read, Self::Slots::default())
    }

    fn build(t: &TaskRouterTemplate, values: &[&str]) -> Result<TaskRouterPolicy, BindProblem> {
        t.build(values)
    }

    type Minter = minter::CompiledTaskRouter;

    fn sign_at(
        policy: &TaskRouterPolicy,
        key: &crate::Credentials,
        now: u64,
    ) -> Result<crate::Token, crate::SignError> {
        policy.sign_at(key, now)
    }

    fn decode(
        header: crate::Header,
        payload: &[u8],
    ) -> Result<crate::DecodedTaskRouterToken, crate::VerifyError> {
        crate::jwt::verify::strict(read::decode(header, payload)?)
    }

    fn claims(decoded: &crate::DecodedTaskRouterToken) -> &crate::Claims {
        &decoded.claims
    }
}
