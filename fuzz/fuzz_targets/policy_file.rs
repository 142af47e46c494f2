//! The `policy_file` target: see `src/policy_file.rs` for what it checks.
#![no_main]
#![forbid(unsafe_code)]

libfuzzer_sys::fuzz_target!(|data: &[u8]| capability_fuzz::policy_file::run(data));
