use capability::{WorkspaceSid, taskrouter};

fn main() {
    let workspace: WorkspaceSid = "WS11111111111111111111111111111111".parse().unwrap();
    // The expansion binds `workspace_sid_0` for `workspace`, but no user expression can name it.
    let _ = taskrouter! {
        workspace workspace;
        worker workspace_sid_0;
    };
}
