taskrouter! {
    ttl 28800;
    policy POST "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks/**" {
        post_filter { AssignmentStatus: required, "Reason": optional };
        query_filter { TaskQueueSid: required };
        deny;
    };
    allow reservation_updates, update_self;
    workspace "WS11111111111111111111111111111111";
    worker "WK22222222222222222222222222222222";
    allow activity_updates;
    policy GET "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Workers";
}
