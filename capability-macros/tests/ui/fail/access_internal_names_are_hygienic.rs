use capability::{Identity, access_token};

fn main() {
    let identity: Identity = "alice".parse().unwrap();
    // The expansion binds `identity_0` for `identity`, but no user expression can name it.
    let _ = access_token! {
        identity identity;
        voice { outgoing "AP89a0180a1a4ddf1da954efca349b7a20" { copy: identity_0 } };
    };
}
