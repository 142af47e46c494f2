//! Twilio tokens (Client capability tokens, Access Tokens and TaskRouter capability tokens)
//! from checked, declarative policies.
//!
//! The package is `twilio-capability` (`cargo add twilio-capability`), since `capability` on
//! crates.io is an unrelated crate, and the library is `capability`, as the `md-5` package's is
//! `md5`: code says `use capability::…`, and the macros' expansions name `::capability`. A
//! dependency renamed to something else (`tokens = { package = "twilio-capability", … }`) would
//! break those expansions, so keep the library's name.
//!
//! A policy says what a token grants. Write it with the [`capability!`] macro, where the
//! compiler checks every literal, with [`Policy::builder`], or in TOML with
//! [`PolicyTemplate`]. Then [`Policy::sign`] makes a [`Token`] in the reference byte format,
//! and [`verify`] reads one back.
//!
//! ```
//! use capability::{Credentials, capability};
//!
//! let policy = capability! {
//!     incoming "andrew";
//!     outgoing "AP89a0180a1a4ddf1da954efca349b7a20" { plan: "gold" };
//!     ttl 300;
//! };
//! let creds = Credentials::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0123456789abcdef0123456789abcdef")?;
//! let token = policy.sign(&creds)?;
//! # let _ = token;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! An Access Token, for Twilio's current SDKs, is written the same way with [`access_token!`]
//! (or [`AccessPolicy::builder`]) and signed with an API key:
//!
//! ```
//! use capability::{ApiKey, access_token};
//!
//! let policy = access_token! {
//!     identity "alice";
//!     voice { incoming; outgoing "AP89a0180a1a4ddf1da954efca349b7a20" { plan: "gold" } };
//!     video { room "standup" };
//! };
//! let key = ApiKey::new(
//!     "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
//!     "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
//!     "goldenvectorsecret0123456789abcd",
//! )?;
//! let token = policy.sign(&key)?;
//! # let _ = token;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A TaskRouter capability token, for TaskRouter.js v1, with [`taskrouter!`] (or
//! [`TaskRouterPolicy::builder`]), signed with the auth token:
//!
//! ```
//! use capability::{Credentials, taskrouter};
//!
//! let policy = taskrouter! {
//!     workspace "WS11111111111111111111111111111111";
//!     worker "WK22222222222222222222222222222222";
//!     allow activity_updates, reservation_updates;
//!     ttl 28800;
//! };
//! let creds = Credentials::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0123456789abcdef0123456789abcdef")?;
//! let token = policy.sign(&creds)?;
//! # let _ = token;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

// Lets the macro's `::capability::…` paths resolve inside this crate too.
extern crate self as capability;

pub use capability_runtime::*;

#[doc(inline)]
pub use capability_macros::{access_token, capability, taskrouter};

/// What the expansions of [`capability!`], [`access_token!`] and [`taskrouter!`] name. Not
/// public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    use std::fmt::Display;

    pub use capability_runtime::claim_layout::{Piece, assemble};
    pub use capability_runtime::{
        AccessPolicy, AccessPolicyBuilder, Allow, AppSid, ChatGrant, ChatServiceSid, ClientName,
        CustomPolicy, DeploymentRoleSid, EndpointId, Identity, Method, Policy, PushCredentialSid,
        Region, RoomName, SyncGrant, SyncServiceSid, TaskQueueSid, TaskRouterGrant,
        TaskRouterPolicy, TaskRouterRole, TaskRouterUrl, Ttl, VideoGrant, VoiceGrant, WorkerSid,
        WorkspaceSid,
    };
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
        note = "a number known only at run time must be checked first: `let ttl = Ttl::try_from(secs)?;`"
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
            AnyIdentity::ClientName(name) => builder.__identity_from_client_name(name),
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
}

// The macro's documentation lives in the macro crate, whose doctests cannot name this crate;
// its examples are run here.
#[cfg(doctest)]
#[doc = include_str!("../capability-macros/src/capability.md")]
struct CapabilityMacroDocs;

#[cfg(doctest)]
#[doc = include_str!("../capability-macros/src/access_token.md")]
struct AccessTokenMacroDocs;

#[cfg(doctest)]
#[doc = include_str!("../capability-macros/src/taskrouter.md")]
struct TaskRouterMacroDocs;

// The README's Rust examples are compiled and run with the doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDocs;
