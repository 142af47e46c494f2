//! The `bind_inputs` target: see `src/bind_inputs.rs` for what it checks.
#![no_main]
#![forbid(unsafe_code)]

libfuzzer_sys::fuzz_target!(|data: &[u8]| capability_fuzz::bind_inputs::run(data));
