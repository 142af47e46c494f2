// The expansion names nothing from the caller's scope: the prelude may be shadowed and its
// own locals cannot be captured.
#![allow(dead_code, non_camel_case_types, non_snake_case)]

use capability::capability;

struct String;
struct Vec;
struct Option;
struct Cow;
fn Some() {}
mod std {}
mod core {}

fn main() {
    let scope = "mine";
    let value_0 = 1;
    let name_0 = 2;
    let ttl_0 = 3;
    let policy = capability! {
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { a: scope, b: value_0, c: name_0, d: ttl_0 };
    };
    let values: ::std::vec::Vec<&str> = policy
        .outgoing()
        .unwrap()
        .params()
        .iter()
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(values, ["mine", "1", "2", "3"]);
}
