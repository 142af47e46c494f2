//! The `verify_inspect` target: see `src/verify_inspect.rs` for what it checks.
#![no_main]
#![forbid(unsafe_code)]

libfuzzer_sys::fuzz_target!(|data: &[u8]| capability_fuzz::verify_inspect::run(data));
