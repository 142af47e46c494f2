use capability::taskrouter;

fn main() {
    let _ = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        workspace_channel;
        ttl 86401;
    };
    let _ = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        workspace_channel;
        ttl -1;
    };
}
