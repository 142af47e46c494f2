use capability::capability;

fn main() {
    let _ = capability! {
        outgoing { user_id: 42 };
    };
}
