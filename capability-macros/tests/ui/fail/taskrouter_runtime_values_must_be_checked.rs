use capability::taskrouter;

fn main() {
    let workspace = String::from("WS11111111111111111111111111111111");
    let worker = "WK22222222222222222222222222222222";
    let url = "https://taskrouter.twilio.com/v1/Workspaces";
    let secs: u64 = 60;
    let _ = taskrouter! {
        workspace workspace;
        worker worker;
        policy GET url;
        ttl secs;
    };
    let _ = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        task_queue 33;
    };
}
