use capability::PolicyFile;

// A file that cannot be read is one error, naming the path it resolved: here an absolute one,
// which resolves to itself (a relative path is resolved against CARGO_MANIFEST_DIR; the
// in-process tests check that, as trybuild's scratch crate lives at a machine's own path).
#[derive(PolicyFile)]
#[policy(file = "/nonexistent/policies/voice_agent.toml")]
struct Policy;

fn main() {}
