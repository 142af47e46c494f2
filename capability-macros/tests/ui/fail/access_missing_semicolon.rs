use capability::access_token;

fn main() {
    let _ = access_token! {
        identity "alice"
        voice { incoming outgoing "AP89a0180a1a4ddf1da954efca349b7a20" }
        video { room };
    };
}
