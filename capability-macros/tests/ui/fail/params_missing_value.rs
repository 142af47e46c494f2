use capability::capability;

fn main() {
    let _ = capability! {
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { plan: , user_id: 42 };
    };
}
