//! The runtime of [`capability`](https://docs.rs/twilio-capability) (package
//! `twilio-capability`): Twilio tokens from policies that are checked before anything is signed.
//!
//! Use it through `twilio-capability`, which re-exports everything here.
//!
//! - [`AccessPolicy`], [`CapabilityPolicy`] and [`TaskRouterPolicy`] are what an Access Token, a Client
//!   capability token and a TaskRouter token grant; each has a builder, a TOML template
//!   ([`AccessTemplate`], [`CapabilityTemplate`], [`TaskRouterTemplate`], or [`PolicyFile`] for
//!   any, whose [`visit`](PolicyFile::visit) runs code written once over [`Format`])
//!   and a precompiled minter ([`AccessMinter`], [`CapabilityMinter`], [`TaskRouterMinter`]).
//! - `sign` makes a [`Token`] in the format's reference bytes.
//! - [`verify_access_token`], [`verify_capability_token`] and [`verify_taskrouter_token`] check a token from
//!   this crate or any official helper library; [`inspect`] decodes one of any format without
//!   checking anything, and says what it breaks.
//!
//! The source is laid out by what the formats share and what each has of its own:
//! `values/` (checked value types), `jwt/` (base64url, HMAC, signing and verification),
//! `toml/` (policy files and their diagnostics), `format.rs` (what a format is, and its steps
//! written once; `format_impl.rs` implements it for a format from one row), then one folder
//! per format.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[doc(hidden)]
#[path = "macro_support.rs"]
pub mod __macro_support;
mod access;
mod capability;
mod convert;
mod credentials;
mod derived;
mod error;
mod format;
mod format_impl;
mod jwt;
mod minter;
mod policy_file;
mod policy_schema;
mod read;
pub mod rules;
mod schema;
mod setters;
mod taskrouter;
mod toml;
mod values;
mod verifier;
mod verify_error;
mod warnings;

/// Each format's fields, as data, for the macro crate. Not public API.
#[doc(hidden)]
pub mod __schema {
    pub use crate::schema::*;
    /// An access-token policy's tables.
    pub mod access {
        pub use crate::access::schema::*;
    }
    /// A capability policy's tables.
    pub mod capability {
        pub use crate::capability::schema::*;
    }
    /// A TaskRouter policy's tables.
    pub mod taskrouter {
        pub use crate::taskrouter::schema::*;
    }
}

pub use access::grants::{ChatGrant, SyncGrant, TaskRouterGrant, VideoGrant, VoiceGrant};
pub use access::minter::AccessMinter;
pub use access::policy::{AccessPolicy, AccessPolicyBuilder};
pub use access::read::{
    AccessGrants, AccessVerifier, ChatClaims, DecodedAccessToken, OutgoingClaims, SyncClaims,
    TaskRouterClaims, VideoClaims, VoiceClaims, verify_access_token,
};
pub use access::template::AccessTemplate;
pub use capability::builder::CapabilityPolicyBuilder;
pub use capability::encoding;
pub use capability::minter::CapabilityMinter;
pub use capability::policy::{CapabilityPolicy, EventStream};
pub use capability::read::{CapabilityVerifier, DecodedCapabilityToken, verify_capability_token};
pub use capability::scope::{Scope, ScopeError, ScopeRule, parse_claim as parse_scope_claim};
pub use capability::template::CapabilityTemplate;
pub use convert::ConvertError;
pub use credentials::{
    ACCOUNT_SID_FILE_VAR, ACCOUNT_SID_VAR, API_KEY_FILE_VAR, API_KEY_VAR, API_SECRET_FILE_VAR,
    API_SECRET_VAR, AUTH_TOKEN_FILE_VAR, AUTH_TOKEN_VAR, ApiKey, Credentials, CredentialsError,
    MAX_SECRET_FILE_LEN,
};
pub use derived::PolicyFileMinter;
pub use error::{Clause, PolicyError};
pub use format::{Access, Capability, Format, TaskRouter, Template};
pub use jwt::token::{MAX_TOKEN_LEN, MintError, SignError, Token};
pub use jwt::verify::{Claims, Header, TimeClaim};
pub use minter::Minter;
pub use policy_file::{PolicyFile, TemplateVisitor};
pub use policy_schema::policy_schema;
pub use read::{Decoded, Unverified, inspect};
pub use taskrouter::minter::TaskRouterMinter;
pub use taskrouter::policy::{Channel, CustomPolicy, TaskRouterPolicy, TaskRouterPolicyBuilder};
pub use taskrouter::read::{
    DecodedTaskRouterToken, TaskRouterRule, TaskRouterVerifier, verify_taskrouter_token,
};
pub use taskrouter::template::TaskRouterTemplate;
pub use toml::diagnostic::{BindError, BindProblem, Diagnostic, LoadError, LoadErrorKind};
pub use toml::format::PolicyFormat;
pub use toml::input::{Input, InputUse};
pub use toml::walk::MAX_POLICY_LEN;
pub use values::{
    AccountSid, Allow, ApiKeySid, ApiSecret, AppSid, AuthToken, ChannelKind, ChatServiceSid,
    ClientName, DeploymentRoleSid, EndpointId, GrantKind, Identity, Method, Outgoing, ParamScope,
    PushCredentialSid, Region, RoomName, SidKind, SyncServiceSid, TaskQueueSid, TaskRouterRole,
    TaskRouterUrl, TextKind, Ttl, ValueError, WorkerSid, WorkspaceSid,
};
pub use verifier::Verifier;
pub use verify_error::{JsonKind, Malformed, Segment, TokenKind, VerifyError};
pub use warnings::Warning;
