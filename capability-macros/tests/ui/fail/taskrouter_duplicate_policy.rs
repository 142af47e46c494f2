use capability::taskrouter;

fn main() {
    let _ = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        worker "WK22222222222222222222222222222222";
        allow activity_updates;
        // The default of `activity_updates`.
        policy POST "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Workers/WK22222222222222222222222222222222" {
            post_filter { ActivitySid: required };
        };
        // Every worker's token has it.
        policy GET "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks/**";
        policy GET "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Workers" { deny };
        policy GET "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Workers" { deny };
    };
}
