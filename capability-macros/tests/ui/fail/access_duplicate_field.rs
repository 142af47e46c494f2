use capability::access_token;

fn main() {
    let _ = access_token! {
        identity "alice";
        voice { incoming; endpoint "alice-1"; incoming };
        sync { service "default"; service "IS0123456789abcdef0123456789abcdef" };
    };
}
