capability! {
    incoming "andrew";
    outgoing "AP89a0180a1a4ddf1da954efca349b7a20" { user_id: user.id, plan: "gold" };
    event_stream { CallSid: call_sid };
    ttl 300;
}
