//! The `capability!` macro: a Twilio Client capability-token policy.

pub(crate) mod expand;
pub(crate) mod parse;
pub(crate) mod validate;
