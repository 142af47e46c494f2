use capability::taskrouter;

fn main() {
    let _ = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        worker "WK22222222222222222222222222222222";
        allow update_self, activity_updates;
        allow update_self;
    };
}
