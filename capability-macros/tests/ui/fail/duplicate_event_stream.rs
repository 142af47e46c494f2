use capability::capability;

fn main() {
    let _ = capability! {
        event_stream;
        event_stream { CallSid: "CA123" };
    };
}
