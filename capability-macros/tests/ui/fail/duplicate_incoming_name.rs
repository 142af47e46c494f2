use capability::capability;

fn main() {
    let _ = capability! {
        incoming "alice";
        incoming "bob";
        incoming "alice";
    };
}
