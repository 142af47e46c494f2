use capability::capability;

fn main() {
    let user_id = 42;
    // The expansion binds `value_0` for `user_id`, but no user expression can name it.
    let _ = capability! {
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { user_id: user_id, copy: value_0 };
    };
}
