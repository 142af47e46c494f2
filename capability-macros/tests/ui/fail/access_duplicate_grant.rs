use capability::access_token;

fn main() {
    let _ = access_token! {
        identity "alice";
        voice { incoming };
        video {};
        voice { outgoing "AP89a0180a1a4ddf1da954efca349b7a20" };
    };
}
