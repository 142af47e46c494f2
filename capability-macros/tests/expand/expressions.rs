capability! {
    incoming session.identity();
    incoming &agents[0];
    outgoing config.app_sid.clone() { user_id: user.id, "display-name": format!("{} {}", user.first, user.last) };
    event_stream { CallSid: call_sid };
    ttl config.ttl;
}
