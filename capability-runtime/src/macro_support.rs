//! What the macros' expansions build policies with, and what the macros lay out at compile
//! time: constructors of values that the macro has already checked. Not public API: it may
//! change in any release. The facade re-exports it in its versioned `__private_0_1_0` module, the
//! only path an expansion names.

pub use crate::capability::layout::{Piece, Text, assemble, layout};
use crate::{
    AccessPolicy, AccessPolicyBuilder, ClientName, TaskRouterPolicy, TaskRouterPolicyBuilder, Ttl,
};

/// A text type whose literals the macros check at compile time.
pub trait Checked: Sized {
    /// Wraps a literal that has already passed the type's rule. Text that breaks it would
    /// make a value the rest of the crate trusts.
    fn checked(value: &'static str) -> Self;
}

/// A literal of a checked text type, as the macro checked it.
pub fn checked<T: Checked>(value: &'static str) -> T {
    T::checked(value)
}

/// A ttl literal, as the macro checked it.
pub const fn checked_ttl(secs: u32) -> Ttl {
    Ttl::checked(secs)
}

/// A `capability!` policy: `scope` is the claim laid out by [`layout`], with its literal
/// parts encoded at compile time.
pub use crate::capability::policy::capability_policy;

/// An `access_token!` identity given as a client name.
pub fn access_identity(builder: AccessPolicyBuilder, name: ClientName) -> AccessPolicyBuilder {
    builder.identity_from_client_name(name)
}

/// An `access_token!` policy; a rule a run-time value breaks makes signing fail.
pub fn build_access(builder: AccessPolicyBuilder) -> AccessPolicy {
    builder.build_from_macro()
}

/// A `taskrouter!` policy; a rule a run-time value breaks makes signing fail.
pub fn build_taskrouter(builder: TaskRouterPolicyBuilder) -> TaskRouterPolicy {
    builder.build_from_macro()
}
