use capability::capability;

fn main() {
    let user_id = 42;
    let _ = capability! {
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { user_id user_id };
    };
}
