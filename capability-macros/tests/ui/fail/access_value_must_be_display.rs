use capability::access_token;

struct Opaque;

fn main() {
    let _ = access_token! {
        identity "alice";
        voice { outgoing "AP89a0180a1a4ddf1da954efca349b7a20" { ok: 1, opaque: Opaque } };
    };
}
