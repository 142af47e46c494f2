//! `CapabilityMinter::mint_into` makes no heap allocation once its buffer has grown.
//!
//! A counting global allocator needs `unsafe impl GlobalAlloc`; it lives in this test binary
//! only, and counts only the current thread, so the test harness cannot disturb the count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use capability::{CapabilityMinter, CapabilityTemplate, Credentials};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is a
// thread-local `Cell` with a const initializer, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

fn creds() -> Credentials {
    Credentials::new(
        "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "0123456789abcdef0123456789abcdef",
    )
    .unwrap()
}

#[test]
fn minting_into_a_grown_buffer_allocates_nothing() {
    let template = CapabilityTemplate::from_toml_str(
        r#"
[incoming]
client_name = { input = "identity" }
[outgoing]
application_sid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
params = { user_id = { input = "user_id" }, plan = "gold & more" }
[event_stream]
filters = { CallSid = "CA123" }
"#,
    )
    .unwrap();
    let creds = creds();
    let minter = CapabilityMinter::from_template(&template, &creds);
    let mut buf = String::with_capacity(1024);
    minter
        .mint_into(&mut buf, &["alice", "a b&c=d/é"], 1_700_000_000)
        .unwrap();
    let first = buf.clone();

    let before = allocations();
    for (i, now) in (1_700_000_000..1_700_000_100).enumerate() {
        let user = if i % 2 == 0 { "42" } else { "a b&c=d/é" };
        minter.mint_into(&mut buf, &["bob", user], now).unwrap();
    }
    minter
        .mint_into(&mut buf, &["alice", "a b&c=d/é"], 1_700_000_000)
        .unwrap();
    let during = allocations() - before;
    assert_eq!(buf, first, "the buffer holds the token");
    assert_eq!(during, 0, "mint_into allocated {during} times");

    // The counter works: the allocating path is seen.
    let before = allocations();
    let token = minter.mint_at(&["alice", "x"], 1_700_000_000).unwrap();
    assert!(allocations() > before);
    assert!(!token.as_str().is_empty());
}

#[test]
fn minting_a_token_allocates_its_string_once() {
    // One input in two param values: each of its bytes can become five in each (`/` is
    // `%252F`), so the token's String must be sized for ten.
    let template = CapabilityTemplate::from_toml_str(
        r#"
[outgoing]
application_sid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
params = { a = { input = "path" }, b = { input = "path" } }
"#,
    )
    .unwrap();
    let creds = creds();
    let minter = CapabilityMinter::from_template(&template, &creds);
    let path = "/".repeat(60);
    let before = allocations();
    let token = minter.mint_at(&[&path], 1_700_000_000).unwrap();
    let during = allocations() - before;
    assert_eq!(during, 1, "mint_at allocated {during} times");
    let same = template.bind([("path", path.as_str())]).unwrap();
    assert_eq!(token, same.sign_at(&creds, 1_700_000_000).unwrap());
}

#[test]
fn the_access_minter_allocates_nothing_into_a_grown_buffer_and_once_for_a_token() {
    let template = capability::AccessTemplate::from_toml_str(
        r#"
format = "access-token"
identity = { input = "identity" }
region = { input = "region" }
[voice]
incoming = true
outgoing = { application_sid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", params = { user = { input = "user" } } }
"#,
    )
    .unwrap();
    let key = capability::ApiKey::new(
        "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "goldenvectorsecret0123456789abcd",
    )
    .unwrap();
    let minter = capability::AccessMinter::from_template(&template, &key);
    let mut buf = String::with_capacity(2048);
    minter
        .mint_into(&mut buf, &["alice", "ie1", "say \"hi\"\n"], 1_700_000_000)
        .unwrap();
    let first = buf.clone();
    let before = allocations();
    for (i, now) in (1_700_000_000..1_700_000_100).enumerate() {
        let user = if i % 2 == 0 { "42" } else { "\u{1}é😀" };
        minter
            .mint_into(&mut buf, &["bob", "us1", user], now)
            .unwrap();
    }
    minter
        .mint_into(&mut buf, &["alice", "ie1", "say \"hi\"\n"], 1_700_000_000)
        .unwrap();
    let during = allocations() - before;
    assert_eq!(buf, first, "the buffer holds the token");
    assert_eq!(during, 0, "mint_into allocated {during} times");

    let user = "\u{1}".repeat(50);
    let before = allocations();
    let token = minter
        .mint_at(&["alice", "ie1", &user], 1_700_000_000)
        .unwrap();
    let during = allocations() - before;
    assert_eq!(during, 1, "mint_at allocated {during} times");
    let same = template
        .bind([
            ("identity", "alice"),
            ("region", "ie1"),
            ("user", user.as_str()),
        ])
        .unwrap();
    assert_eq!(token, same.sign_at(&key, 1_700_000_000).unwrap());
}
