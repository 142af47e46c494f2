use capability::access_token;

fn main() {
    let _ = access_token! {
        identity "alice";
        task_router { workspace "WS0123456789abcdef0123456789abcdef"; role "" };
    };
}
