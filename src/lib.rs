//! Twilio Client capability tokens from checked, declarative policies.
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
#![forbid(unsafe_code)]

// Lets the macro's `::capability::…` paths resolve inside this crate too.
extern crate self as capability;

pub use capability_runtime::*;

#[doc(inline)]
pub use capability_macros::capability;

/// What the expansion of [`capability!`] names. Not public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    use std::fmt::Display;

    pub use capability_runtime::claim_layout::{Piece, assemble};
    pub use capability_runtime::{AppSid, ClientName, Policy, Ttl};
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

// The README's Rust examples are compiled and run with the doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDocs;
