use capability::capability;

fn main() {
    let _ = capability! {
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        incoming "alice";
        outgoing "APcccccccccccccccccccccccccccccccc";
    };
}
