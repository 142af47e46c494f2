use capability::taskrouter;

fn main() {
    // Wherever the channel is written, the options are checked against it.
    let _ = taskrouter! {
        allow activity_updates;
        workspace "WS11111111111111111111111111111111";
        task_queue "WQ33333333333333333333333333333333";
    };
    let _ = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        workspace_channel;
        allow update_self, reservation_updates;
    };
}
