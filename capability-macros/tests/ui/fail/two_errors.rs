use capability::capability;

fn main() {
    let policy = capability! {
        incoming "bob smith";
        ttl 172800;
    };
    let _ = policy.scope_claim();
}
