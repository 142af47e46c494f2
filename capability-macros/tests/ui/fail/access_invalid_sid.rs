use capability::access_token;

fn main() {
    let _ = access_token! {
        identity "alice";
        voice { outgoing "AP123"; push_credential "PN0123456789abcdef0123456789abcdef" };
        chat { service "default" };
        task_router { workspace "WS0123456789abcdef0123456789abcdeg" };
    };
}
