use capability::access_token;

fn main() {
    let _ = access_token! {
        identity "alice";
        video { rooms "standup" };
        chat { service "IS0123456789abcdef0123456789abcdef"; role "admin" };
    };
}
