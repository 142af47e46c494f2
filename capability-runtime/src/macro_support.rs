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

pub use crate::derived::{DerivedPolicy, policy, sign, sign_at};

/// What `#[derive(PolicyFile)]` does at compile time: loads the file with the runtime's own
/// loader, and writes the checked template back as Rust.
pub mod policy_file {
    use crate::toml::lower::{Lower, Rust};
    use crate::toml::walk;
    use crate::{Diagnostic, LoadError, PolicyFile};

    /// Reads the policy file at `path` (bounded, as every reader of policy files) and loads
    /// it; `origin` names it in errors.
    ///
    /// # Errors
    /// The [`LoadError`] that `capability check` reports for the file.
    pub fn load(path: &std::path::Path, origin: &str) -> Result<PolicyFile, LoadError> {
        let source = walk::read_file(path)?;
        crate::policy_file::load(&source, Some(origin.to_owned()))
    }

    /// One error of `error`, as [`LoadError::render`] writes it.
    pub fn render(error: &LoadError, diagnostic: &Diagnostic) -> String {
        let mut out = String::new();
        crate::toml::diagnostic::render_one(
            &mut out,
            error.origin(),
            error.source_text(),
            diagnostic,
        );
        out
    }

    /// The names, in the facade, of `file`'s format marker, policy type and key type.
    pub fn type_names(file: &PolicyFile) -> [&'static str; 3] {
        file.format().type_names()
    }

    /// The Rust expression that rebuilds `file`'s template, its paths under `root` (a module
    /// that re-exports [`lowered`](super::lowered)).
    pub fn lower(file: &PolicyFile, root: &str) -> String {
        let mut out = Rust::new(root);
        match file {
            PolicyFile::Capability(t) => t.lower(&mut out),
            PolicyFile::Access(t) => t.lower(&mut out),
            PolicyFile::TaskRouter(t) => t.lower(&mut out),
        }
        out.into_text()
    }
}

/// Everything the expression of [`policy_file::lower`] names.
pub mod lowered {
    pub use super::{checked, checked_ttl};
    pub use crate::access::template::{
        AccessSlots, ChatSlots, SyncSlots, TaskRouterGrantSlots, VoiceSlots,
    };
    pub use crate::capability::template::CapabilitySlots;
    pub use crate::taskrouter::template::{ChannelSlot, CustomSlots, TaskRouterSlots};
    pub use crate::toml::input::Slot;
    pub use crate::{
        Access, Allow, AppSid, Capability, ChatServiceSid, ClientName, DeploymentRoleSid,
        EndpointId, Identity, Input, InputUse, Method, PushCredentialSid, Region, RoomName,
        SidKind, SyncServiceSid, TaskQueueSid, TaskRouter, TaskRouterRole, TaskRouterUrl, Template,
        TextKind, WorkerSid, WorkspaceSid,
    };
    pub use std::option::Option;
    pub use std::string::String;
    pub use std::vec::Vec;

    /// A template of format `F` from the values its loader checked.
    pub fn template<F: crate::Format>(
        slots: F::Slots,
        ttl: crate::Ttl,
        inputs: Vec<Input>,
    ) -> Template<F> {
        Template { slots, ttl, inputs }
    }

    /// An input, with the fields it fills.
    pub fn input(name: String, uses: Vec<InputUse>) -> Input {
        Input { name, uses }
    }
}
