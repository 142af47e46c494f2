//! Compile-time behaviour of `capability!`: what must not compile, and the message it gives
//! (`tests/ui/fail/*.stderr`), and what must compile and run (`tests/ui/pass`).
//!
//! Regenerate the expected messages with `TRYBUILD=overwrite cargo test -p capability-macros --test ui`, then read
//! every changed `.stderr`. They depend on the compiler version pinned in `rust-toolchain.toml`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
