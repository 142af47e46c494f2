capability! {
    ttl 600;
    event_stream { CallSid: "CA123", "call type": "a b&c=d/é" };
    incoming "andrew";
    incoming "bridget";
    outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { user_id: "42", plan: "gold" };
}
