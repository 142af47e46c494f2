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

crate::format_impl::impl_format! {
    TaskRouter (TaskRouter) {
        TaskRouterPolicy, Credentials, AuthToken, DecodedTaskRouterToken, TaskRouterSlots,
        CompiledTaskRouter
    }
}
