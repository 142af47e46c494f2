use capability::taskrouter;

fn main() {
    let _ = taskrouter! {
        workspace "WS11111111111111111111111111111111";
        worker "WK22222222222222222222222222222222";
        allow activity_updates, reservation_update;
    };
}
