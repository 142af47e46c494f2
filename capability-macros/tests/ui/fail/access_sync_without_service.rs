use capability::access_token;

fn main() {
    let _ = access_token! {
        identity "alice";
        sync {};
    };
}
