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
//! compiler checks every literal, with [`CapabilityPolicy::builder`], or in TOML with
//! [`CapabilityTemplate`]. Then [`CapabilityPolicy::sign`] makes a [`Token`] in the reference byte format,
//! and [`verify_capability_token`] reads one back.
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
//!
//! # Policy files checked by the compiler
//!
//! A policy file that operators review in git can be read by the compiler too:
//! `#[derive(PolicyFile)]` loads it when the crate builds, with the same loader as
//! [`PolicyFile::from_toml_file`], and the struct's fields are its inputs. Each error in the
//! file fails the build, with its line and column; an input without a field, a field without
//! an input, and a field of the wrong type fail it too. Cargo rebuilds the crate when the file
//! changes.
//!
//! ```
//! use capability::{ApiKey, ClientName, PolicyFile};
//!
//! /// One access token per signed-in agent, for both directions.
//! #[derive(PolicyFile)]
//! #[policy(file = "examples/policies/voice_agent.toml")] // relative to CARGO_MANIFEST_DIR
//! struct VoiceAgent<'a> {
//!     identity: ClientName, // the file's `{ input = "identity" }`, a voice identity
//!     team: &'a str,        // the file's `{ input = "team" }`, an outgoing param
//! }
//!
//! let key = ApiKey::new(
//!     "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
//!     "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
//!     "goldenvectorsecret0123456789abcd",
//! )?;
//! let agent = VoiceAgent { identity: "alice".parse()?, team: "billing" };
//! let token = agent.sign(&key)?;
//! assert_eq!(VoiceAgent::INPUTS, ["identity", "team"]);
//!
//! // For a token on every request, compile the file once: the minter takes the struct.
//! let minter = VoiceAgent::minter(&key);
//! assert_eq!(minter.mint_at(&agent, 1_700_000_000)?, agent.sign_at(&key, 1_700_000_000)?);
//! # let _ = token;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The derive gives the struct, for a file of any format:
//! - `policy(&self)`: the format's policy ([`AccessPolicy`], [`CapabilityPolicy`] or
//!   [`TaskRouterPolicy`]), the file's template bound to the fields, or a [`BindError`];
//! - `sign(&self, &key)` and `sign_at(&self, &key, now)`: the format's key ([`ApiKey`] or
//!   [`Credentials`]), and the [`Token`] of the run-time path, byte for byte, or a
//!   [`MintError`];
//! - `minter(&key)`: a [`PolicyFileMinter`], made once, that mints for any value of the struct;
//! - `TTL` and `INPUTS`: the file's ttl and its inputs' names.
//!
//! A field's type is the checked type of what its input fills, owned or borrowed:
//! [`ClientName`] for a client name or a voice identity, [`Identity`] (or a `ClientName`) for
//! another identity, [`AppSid`], [`WorkerSid`], [`Region`], [`RoomName`] and so on. An input
//! that fills only params or filters takes anything `Display`, as the macros do; so does one
//! that fills fields no one checked type covers (an identity that is also an endpoint id),
//! which the policy then checks against every rule when it binds. A field fills the input of
//! its name, without `r#`; `#[policy(input = "user-id")]` names another.
//!
//! # Names
//!
//! Every item of one format is named for its format, the same way in all three, at the root
//! of the crate: a reader who knows one format's names can guess the others', and a program
//! that uses two formats needs no aliases. The formats differ in their keys and their claims,
//! not in what they have:
//!
//! | item | capability token (Client 1.x) | Access Token | TaskRouter token (TaskRouter.js v1) |
//! |---|---|---|---|
//! | policy | [`CapabilityPolicy`] | [`AccessPolicy`] | [`TaskRouterPolicy`] |
//! | builder | [`CapabilityPolicyBuilder`] | [`AccessPolicyBuilder`] | [`TaskRouterPolicyBuilder`] |
//! | macro | [`capability!`] | [`access_token!`] | [`taskrouter!`] |
//! | policy file | [`CapabilityTemplate`] | [`AccessTemplate`] | [`TaskRouterTemplate`] |
//! | minter | [`CapabilityMinter`] | [`AccessMinter`] | [`TaskRouterMinter`] |
//! | signing key | [`Credentials`] | [`ApiKey`] | [`Credentials`] |
//! | decoded token | [`DecodedCapabilityToken`] | [`DecodedAccessToken`] | [`DecodedTaskRouterToken`] |
//! | verifier | [`CapabilityVerifier`] | [`AccessVerifier`] | [`TaskRouterVerifier`] |
//! | verify once | [`verify_capability_token`] | [`verify_access_token`] | [`verify_taskrouter_token`] |
//!
//! The policy file, the minter and the verifier of every format are one generic type each,
//! [`Template`], [`Minter`] and [`Verifier`], over the format's marker type ([`Capability`],
//! [`Access`], [`TaskRouter`], which implement the sealed [`Format`]); the names above are
//! their aliases, and code written once for every format takes a `Template<F>`.
//!
//! What every format shares keeps a plain name: [`Token`], [`Ttl`], the value types
//! ([`ClientName`], [`Identity`], the SIDs), [`PolicyFile`](enum@PolicyFile) for a file of any
//! format (and [`TemplateVisitor`] for code that [`PolicyFile::visit`] runs on it, whatever its
//! format),
//! [`inspect`] for a token of any format, and the errors.
//! One module per format (`capability::access::Policy`) would have said the same, but would
//! leave three items called `Policy` that a program using two formats must rename on import,
//! and error messages and docs that name a bare `Policy`.
#![forbid(unsafe_code)]

// Lets the macro's `::capability::…` paths resolve inside this crate too.
extern crate self as capability;

pub use capability_runtime::*;

#[doc(inline)]
pub use capability_macros::{access_token, capability, taskrouter};

/// Derives a policy file read by the compiler: see [`PolicyFile`](enum@PolicyFile) and the
/// crate's "Policy files checked by the compiler".
pub use capability_macros::PolicyFile;

// What the expansions name; the macros crate writes this version in every path it emits.
#[doc(hidden)]
#[path = "private.rs"]
pub mod __private_0_1_0;

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
