use capability::taskrouter;

fn main() {
    let _ = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        workspace_channel;
        policy POST "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks/**" {
            post_filter { Reason: mandatory, Priority: true };
        };
    };
}
