use capability::capability;

fn main() {
    let _ = capability! {
        incoming "alice";
        event_stream { CallSid: "CA123" type: "call" };
    };
}
