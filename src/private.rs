//! What the expansions of `capability!`, `access_token!` and `taskrouter!` name, and nothing
//! else names. Not public API: it may change in any release. The module's name carries the
//! crate's version, which the macros crate, required at exactly that version, writes in every
//! path it emits; an expansion that meets another version of this crate fails to compile
//! instead of building values by another version's rules.

use std::fmt::Display;

pub use capability_runtime::__macro_support::{
    DerivedPolicy, lowered, policy as derived_policy, sign as derived_sign,
    sign_at as derived_sign_at,
};
pub use capability_runtime::__macro_support::{
    Piece, assemble, build_access, build_taskrouter, capability_policy, checked, checked_ttl,
};
pub use capability_runtime::{
    AccessPolicy, AccessPolicyBuilder, Allow, AppSid, CapabilityPolicy, ChatGrant, ChatServiceSid,
    ClientName, CustomPolicy, DeploymentRoleSid, EndpointId, Identity, Method, PushCredentialSid,
    Region, RoomName, SyncGrant, SyncServiceSid, TaskQueueSid, TaskRouterGrant, TaskRouterPolicy,
    TaskRouterRole, TaskRouterUrl, Ttl, VideoGrant, VoiceGrant, WorkerSid, WorkspaceSid,
};
pub use capability_runtime::{ApiKey, BindError, Credentials, MintError, PolicyFileMinter, Token};
pub use std::borrow::Cow;
pub use std::option::Option;
pub use std::string::String;
pub use std::vec::Vec;

/// A run-time `incoming` name: a `ClientName`, owned or borrowed.
#[diagnostic::on_unimplemented(
    message = "`incoming` takes a client name: a string literal, or a `ClientName` (owned or borrowed), not `{Self}`",
    label = "expected a `ClientName` here",
    note = "text known only at run time must be checked first: `let name: ClientName = text.parse()?;`"
)]
pub trait IntoClientName {
    /// The name, cloned if borrowed.
    fn into_client_name(self) -> ClientName;
}

impl IntoClientName for ClientName {
    fn into_client_name(self) -> ClientName {
        self
    }
}

impl IntoClientName for &ClientName {
    fn into_client_name(self) -> ClientName {
        self.clone()
    }
}

/// A run-time `outgoing` application SID: an `AppSid`, owned or borrowed.
#[diagnostic::on_unimplemented(
    message = "`outgoing` takes an application SID: a string literal, or an `AppSid` (owned or borrowed), not `{Self}`",
    label = "expected an `AppSid` here",
    note = "text known only at run time must be checked first: `let sid: AppSid = text.parse()?;`"
)]
pub trait IntoAppSid {
    /// The SID, cloned if borrowed.
    fn into_app_sid(self) -> AppSid;
}

impl IntoAppSid for AppSid {
    fn into_app_sid(self) -> AppSid {
        self
    }
}

impl IntoAppSid for &AppSid {
    fn into_app_sid(self) -> AppSid {
        self.clone()
    }
}

/// A run-time `ttl`: a `Ttl`, owned or borrowed.
#[diagnostic::on_unimplemented(
    message = "`ttl` takes a whole number of seconds: an integer literal, or a `Ttl` (owned or borrowed), not `{Self}`",
    label = "expected a `Ttl` here",
    note = "a number known only at run time must be checked first: `let ttl = Ttl::from_secs(secs)?;`"
)]
pub trait IntoTtl {
    /// The ttl.
    fn into_ttl(self) -> Ttl;
}

impl IntoTtl for Ttl {
    fn into_ttl(self) -> Ttl {
        self
    }
}

impl IntoTtl for &Ttl {
    fn into_ttl(self) -> Ttl {
        *self
    }
}

/// `incoming NAME`, for a name that is not a literal.
pub fn client_name(name: impl IntoClientName) -> ClientName {
    name.into_client_name()
}

/// `outgoing SID`, for a SID that is not a literal.
pub fn app_sid(sid: impl IntoAppSid) -> AppSid {
    sid.into_app_sid()
}

/// `ttl SECONDS`, for a ttl that is not a literal.
pub fn ttl(ttl: impl IntoTtl) -> Ttl {
    ttl.into_ttl()
}

/// An `access_token!` `identity` that is not a literal: an `Identity`, or a `ClientName`
/// (which becomes one when it is at most 121 characters long; a longer one makes signing
/// fail).
pub enum AnyIdentity {
    /// An identity.
    Identity(Identity),
    /// A client name.
    ClientName(ClientName),
}

/// A run-time `identity`: an `Identity` or a `ClientName`, owned or borrowed.
#[diagnostic::on_unimplemented(
    message = "`identity` takes an identity: a string literal, or an `Identity` or a `ClientName` (owned or borrowed), not `{Self}`",
    label = "expected an `Identity` or a `ClientName` here",
    note = "text known only at run time must be checked first: `let identity: Identity = text.parse()?;`"
)]
pub trait IntoIdentity {
    /// The identity, cloned if borrowed.
    fn into_identity(self) -> AnyIdentity;
}

impl IntoIdentity for Identity {
    fn into_identity(self) -> AnyIdentity {
        AnyIdentity::Identity(self)
    }
}

impl IntoIdentity for &Identity {
    fn into_identity(self) -> AnyIdentity {
        AnyIdentity::Identity(self.clone())
    }
}

impl IntoIdentity for ClientName {
    fn into_identity(self) -> AnyIdentity {
        AnyIdentity::ClientName(self)
    }
}

impl IntoIdentity for &ClientName {
    fn into_identity(self) -> AnyIdentity {
        AnyIdentity::ClientName(self.clone())
    }
}

/// `identity NAME`, for a name that is not a literal.
pub fn identity(identity: impl IntoIdentity) -> AnyIdentity {
    identity.into_identity()
}

/// The builder of an `access_token!` policy whose identity is not a literal.
pub fn access_builder(identity: AnyIdentity) -> AccessPolicyBuilder {
    let builder = AccessPolicy::builder();
    match identity {
        AnyIdentity::Identity(identity) => builder.identity(identity),
        AnyIdentity::ClientName(name) => {
            capability_runtime::__macro_support::access_identity(builder, name)
        }
    }
}

/// Declares the trait through which an `access_token!` value that is not a literal is
/// taken, owned or borrowed, and the function the expansion calls, named as the value's
/// local (`push_credential_sid_0`). The message says what the value may be, so the impls
/// are not listed again under it (`do_not_recommend`), which would quote this macro.
macro_rules! checked_value {
    ($ty:ident, $trait:ident, $function:ident, $message:literal, $label:literal, $note:literal) => {
        #[doc = concat!("A run-time `", stringify!($ty), "`, owned or borrowed.")]
        #[diagnostic::on_unimplemented(message = $message, label = $label, note = $note)]
        pub trait $trait {
            /// The value, cloned if borrowed.
            fn into_checked(self) -> $ty;
        }

        #[diagnostic::do_not_recommend]
        impl $trait for $ty {
            fn into_checked(self) -> $ty {
                self
            }
        }

        #[diagnostic::do_not_recommend]
        impl $trait for &$ty {
            fn into_checked(self) -> $ty {
                self.clone()
            }
        }

        #[doc = concat!("A `", stringify!($ty), "` that is not a literal.")]
        pub fn $function(value: impl $trait) -> $ty {
            value.into_checked()
        }
    };
}

checked_value!(
    Region,
    IntoRegion,
    region,
    "`region` takes a region: a string literal, or a `Region` (owned or borrowed), not `{Self}`",
    "expected a `Region` here",
    "text known only at run time must be checked first: `let region: Region = text.parse()?;`"
);
checked_value!(
    PushCredentialSid,
    IntoPushCredentialSid,
    push_credential_sid,
    "`push_credential` takes a push credential SID: a string literal, or a `PushCredentialSid` (owned or borrowed), not `{Self}`",
    "expected a `PushCredentialSid` here",
    "text known only at run time must be checked first: `let sid: PushCredentialSid = text.parse()?;`"
);
checked_value!(
    EndpointId,
    IntoEndpointId,
    endpoint_id,
    "`endpoint` takes an endpoint id: a string literal, or an `EndpointId` (owned or borrowed), not `{Self}`",
    "expected an `EndpointId` here",
    "text known only at run time must be checked first: `let id: EndpointId = text.parse()?;`"
);
checked_value!(
    RoomName,
    IntoRoomName,
    room_name,
    "`room` takes a video room: a string literal, or a `RoomName` (owned or borrowed), not `{Self}`",
    "expected a `RoomName` here",
    "text known only at run time must be checked first: `let room: RoomName = text.parse()?;`"
);
checked_value!(
    ChatServiceSid,
    IntoChatServiceSid,
    chat_service_sid,
    "`service` of a chat grant takes a chat service SID: a string literal, or a `ChatServiceSid` (owned or borrowed), not `{Self}`",
    "expected a `ChatServiceSid` here",
    "text known only at run time must be checked first: `let sid: ChatServiceSid = text.parse()?;`"
);
checked_value!(
    DeploymentRoleSid,
    IntoDeploymentRoleSid,
    deployment_role_sid,
    "`deployment_role` takes a deployment role SID: a string literal, or a `DeploymentRoleSid` (owned or borrowed), not `{Self}`",
    "expected a `DeploymentRoleSid` here",
    "text known only at run time must be checked first: `let sid: DeploymentRoleSid = text.parse()?;`"
);
checked_value!(
    SyncServiceSid,
    IntoSyncServiceSid,
    sync_service_sid,
    "`service` of a sync grant takes a sync service SID: a string literal, or a `SyncServiceSid` (owned or borrowed), not `{Self}`",
    "expected a `SyncServiceSid` here",
    "text known only at run time must be checked first: `let sid: SyncServiceSid = text.parse()?;`"
);
checked_value!(
    WorkspaceSid,
    IntoWorkspaceSid,
    workspace_sid,
    "`workspace` takes a workspace SID: a string literal, or a `WorkspaceSid` (owned or borrowed), not `{Self}`",
    "expected a `WorkspaceSid` here",
    "text known only at run time must be checked first: `let sid: WorkspaceSid = text.parse()?;`"
);
checked_value!(
    WorkerSid,
    IntoWorkerSid,
    worker_sid,
    "`worker` takes a worker SID: a string literal, or a `WorkerSid` (owned or borrowed), not `{Self}`",
    "expected a `WorkerSid` here",
    "text known only at run time must be checked first: `let sid: WorkerSid = text.parse()?;`"
);
checked_value!(
    TaskRouterRole,
    IntoTaskRouterRole,
    task_router_role,
    "`role` takes a TaskRouter role: a string literal, or a `TaskRouterRole` (owned or borrowed), not `{Self}`",
    "expected a `TaskRouterRole` here",
    "text known only at run time must be checked first: `let role: TaskRouterRole = text.parse()?;`"
);

checked_value!(
    TaskQueueSid,
    IntoTaskQueueSid,
    task_queue_sid,
    "`task_queue` takes a task queue SID: a string literal, or a `TaskQueueSid` (owned or borrowed), not `{Self}`",
    "expected a `TaskQueueSid` here",
    "text known only at run time must be checked first: `let sid: TaskQueueSid = text.parse()?;`"
);
checked_value!(
    TaskRouterUrl,
    IntoTaskRouterUrl,
    taskrouter_url,
    "`policy` takes a TaskRouter policy URL: a string literal, or a `TaskRouterUrl` (owned or borrowed), not `{Self}`",
    "expected a `TaskRouterUrl` here",
    "text known only at run time must be checked first: `let url: TaskRouterUrl = text.parse()?;`"
);

/// The params of an `outgoing` field that has none.
pub const NO_PARAMS: [(&str, String); 0] = [];

/// A param or filter value that is not a string literal, as text. Borrowed, so that a field
/// such as `user.name` is not moved out of `user`.
pub fn display<T: Display + ?Sized>(value: &T) -> String {
    value.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_module_is_named_for_the_version() {
        let version = env!("CARGO_PKG_VERSION").replace('.', "_");
        assert_eq!(
            module_path!(),
            format!("capability::__private_{version}::tests")
        );
    }
}

/// The text of a `#[derive(PolicyFile)]` field whose input fills a `T`.
#[diagnostic::on_unimplemented(
    message = "this field's input fills a `{T}` in the policy file, so the field must be a `{T}` (owned or borrowed), not `{Self}`",
    label = "expected a `{T}` here",
    note = "a value of the checked type has passed the field's rule before it reaches the policy: `let value: {T} = text.parse()?;`"
)]
pub trait CheckedInput<T> {
    fn input_text(&self) -> Cow<'_, str>;
}

/// The text of a `#[derive(PolicyFile)]` field whose input is free text, or text that no one
/// checked type covers (the policy checks it against every rule when it binds).
#[diagnostic::on_unimplemented(
    message = "this field's input is text in the policy file, so the field must implement `Display`, which `{Self}` does not",
    label = "expected text here"
)]
pub trait TextInput {
    fn input_text(&self) -> Cow<'_, str>;
}

impl<T: Display + ?Sized> TextInput for T {
    fn input_text(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

macro_rules! checked_input {
    ($($ty:ident),*) => {$(
        #[diagnostic::do_not_recommend]
        impl CheckedInput<$ty> for $ty {
            fn input_text(&self) -> Cow<'_, str> {
                Cow::Borrowed(self.as_str())
            }
        }

        #[diagnostic::do_not_recommend]
        impl CheckedInput<$ty> for &$ty {
            fn input_text(&self) -> Cow<'_, str> {
                Cow::Borrowed(self.as_str())
            }
        }
    )*};
}

capability_runtime::__for_each_input_type!(checked_input);

// An identity may be a client name, as the builder and the macros take it.
#[diagnostic::do_not_recommend]
impl CheckedInput<Identity> for ClientName {
    fn input_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

#[diagnostic::do_not_recommend]
impl CheckedInput<Identity> for &ClientName {
    fn input_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

/// What a `#[derive(PolicyFile)]` struct's items return when its file or fields have errors:
/// the crate does not compile, so nothing of it runs, and code that uses it reports nothing
/// more than the derive's errors.
pub struct Unloaded;

impl Unloaded {
    pub fn mint<V>(&self, _: &V) -> Result<Token, MintError> {
        unreachable!()
    }

    pub fn mint_at<V>(&self, _: &V, _: u64) -> Result<Token, MintError> {
        unreachable!()
    }
}
