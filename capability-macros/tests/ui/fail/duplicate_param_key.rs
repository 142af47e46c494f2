use capability::capability;

fn main() {
    // An identifier and a string literal with the same text are the same key.
    let _ = capability! {
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { user_id: 1, plan: "gold", "user_id": 2 };
    };
}
