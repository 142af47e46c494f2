//! The `load_toml` target: see `src/load_toml.rs` for what it checks.
#![no_main]
#![forbid(unsafe_code)]

libfuzzer_sys::fuzz_target!(|data: &[u8]| capability_fuzz::load_toml::run(data));
