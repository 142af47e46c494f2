use capability::taskrouter;

fn main() {
    let _ = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        worker "WK22222222222222222222222222222222";
        task_queue "WQ33333333333333333333333333333333";
    };
}
