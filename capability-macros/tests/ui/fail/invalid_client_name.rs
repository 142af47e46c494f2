use capability::{CapabilityPolicy, capability};

fn main() {
    // Only the macro's error is reported: the failed invocation does not also break the code
    // that uses it.
    let policy: CapabilityPolicy = capability! {
        incoming "bob smith";
    };
    let _ = policy.scope_claim();
}
