use capability::capability;

fn main() {
    let _ = capability! {
        incoming "alice";
        ttl 86_401;
    };
}
