//! The runtime of [`capability`](https://docs.rs/capability): Twilio Client capability tokens
//! from policies that are checked before anything is signed.
//!
//! Use it through the `capability` crate, which re-exports everything here.
//!
//! - [`Policy`] is what a token grants. [`Policy::builder`] makes one with method calls,
//!   [`PolicyTemplate`] loads one from a TOML file.
//! - [`Policy::sign`] makes a [`Token`] in the reference byte format.
//! - [`verify`] checks a token from this crate or any official helper library; [`inspect`]
//!   decodes one without checking anything.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod b64_stream;
#[doc(hidden)]
pub mod claim_layout;
mod credentials;
pub mod encoding;
mod error;
mod expiry_tail;
mod hmac_prefix;
mod minter;
mod policy;
pub mod rules;
mod scan;
mod scope;
mod sign;
mod template;
mod values;
mod verify;
mod warnings;

pub use credentials::{ACCOUNT_SID_VAR, AUTH_TOKEN_VAR, Credentials, CredentialsError};
pub use error::{Clause, ParamScope, PolicyError, ValueError};
pub use minter::{MintError, Minter};
pub use policy::{EventStream, Outgoing, Policy, PolicyBuilder};
pub use scope::{Scope, ScopeError, ScopeRule, parse_claim as parse_scope_claim};
pub use sign::{SignError, Token};
pub use template::{
    BindError, BindProblem, Diagnostic, Input, InputUse, LoadError, LoadErrorKind, MAX_POLICY_LEN,
    PolicyTemplate,
};
pub use values::{AccountSid, AppSid, AuthToken, ClientName, Ttl};
pub use verify::{
    Claims, DecodedToken, Header, JsonKind, MAX_TOKEN_LEN, Malformed, Segment, TimeClaim,
    Unverified, Verifier, VerifyError, inspect, verify,
};
pub use warnings::Warning;
