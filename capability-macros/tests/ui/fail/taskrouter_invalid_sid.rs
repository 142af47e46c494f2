use capability::taskrouter;

fn main() {
    let _ = taskrouter! {
        workspace "WK22222222222222222222222222222222";
        worker "WK2222";
    };
    let _ = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        task_queue "WQ3333333333333333333333333333333g";
    };
}
