use capability::taskrouter;

fn main() {
    let _ = taskrouter! {
        worker "WK22222222222222222222222222222222";
        allow activity_updates;
    };
}
