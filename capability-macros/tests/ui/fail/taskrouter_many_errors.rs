use capability::taskrouter;

fn main() {
    let _ = taskrouter! {
        workspace "WS1";
        task_queue "WQ33333333333333333333333333333333";
        workspace_channel;
        allow activity_updates, delete_self, delete_self, fly;
        policy PATCH "https://example.com/v1/x" {
            query_filter { "": required, TaskQueueSid: optional, TaskQueueSid: required };
            post_filter { Reason: maybe };
            deny;
            deny;
            colour;
        };
        ttl 0;
        ttl 60;
        priority 1;
    };
}
