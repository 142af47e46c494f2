use capability::taskrouter;

fn main() {
    let _ = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        workspace_channel;
        ttl 60;
        workspace "WS11111111111111111111111111111111";
        ttl 120;
    };
}
