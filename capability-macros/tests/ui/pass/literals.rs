// Every clause, in literals, in any order; the last `;` may be left out.
use capability::{Credentials, capability};

fn main() {
    let policy = capability! {
        ttl 300;
        event_stream { CallSid: "CA123", "call type": "inbound" };
        incoming "andrew";
        outgoing "AP89a0180a1a4ddf1da954efca349b7a20" { plan: "gold", "user-id": "42" };
        incoming "bridget"
    };
    let creds = Credentials::new(
        "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "0123456789abcdef0123456789abcdef",
    )
    .unwrap();
    let token = policy.sign_at(&creds, 1_700_000_000).unwrap();
    assert_eq!(token.expires_at(), 1_700_000_300);
    assert_eq!(policy.incoming().len(), 2);

    // Blocks are optional, and may be empty or end with a comma.
    let _ = capability! { outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" };
    let _ = capability! { event_stream {} };
    let _ = capability! { event_stream { a: 1, }; ttl 86400; };
}
