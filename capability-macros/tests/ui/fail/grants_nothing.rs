use capability::capability;

fn main() {
    let _ = capability! {
        ttl 300;
    };
}
