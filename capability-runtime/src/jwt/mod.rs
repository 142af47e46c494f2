//! What every HS256 token shares: base64url streaming, the HMAC with its prefix hashed once,
//! the token and its signing, and the verification core.

pub(crate) mod b64_stream;
pub(crate) mod compiled;
pub(crate) mod expiry_tail;
pub(crate) mod hmac_prefix;
pub(crate) mod json;
pub(crate) mod layout;
pub(crate) mod raw_payload;
pub(crate) mod scan;
pub(crate) mod sink;
pub(crate) mod token;
pub(crate) mod verify;
