// The expansion names nothing from the caller's scope: the prelude may be shadowed, and locals
// named like the expansion's own are neither captured nor shadowed.
#![allow(dead_code, non_camel_case_types, non_snake_case)]

use capability::{ClientName, access_token};

struct String;
struct Vec;
struct Option;
struct Identity;
struct VoiceGrant;
struct AccessPolicy;
fn Some() {}
mod std {}
mod core {}

fn main() {
    let name: ClientName = "alice".parse().unwrap();
    let builder = "mine";
    let value_0 = 1;
    let identity_0 = 2;
    let app_sid_1 = 3;
    let ttl = 4;
    let policy = access_token! {
        identity name;
        voice {
            incoming;
            outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" {
                a: builder, b: value_0, c: identity_0, d: app_sid_1, e: ttl
            };
        };
        ttl 60;
    };
    let values: ::std::vec::Vec<&str> = policy
        .voice()
        .unwrap()
        .outgoing()
        .unwrap()
        .params()
        .iter()
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(values, ["mine", "1", "2", "3", "4"]);
    assert_eq!(policy.ttl().as_secs(), 60);
}
