use capability::access_token;

fn main() {
    let _ = access_token! {
        voice { incoming };
        ttl 600;
    };
}
