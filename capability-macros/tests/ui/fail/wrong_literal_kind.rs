use capability::capability;

fn main() {
    let _ = capability! {
        incoming 42;
        ttl "300";
    };
}
