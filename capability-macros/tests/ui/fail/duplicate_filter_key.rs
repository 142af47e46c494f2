use capability::capability;

fn main() {
    let _ = capability! {
        event_stream { CallSid: "CA1", CallSid: "CA2" };
    };
}
