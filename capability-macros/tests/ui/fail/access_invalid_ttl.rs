use capability::access_token;

fn main() {
    let _ = access_token! {
        identity "alice";
        video {};
        ttl 86401;
    };
    let _ = access_token! {
        identity "alice";
        video {};
        ttl -1;
    };
}
