//! The `scope_claim` target: see `src/scope_claim.rs` for what it checks.
#![no_main]
#![forbid(unsafe_code)]

libfuzzer_sys::fuzz_target!(|data: &[u8]| capability_fuzz::scope_claim::run(data));
