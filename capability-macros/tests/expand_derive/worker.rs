#[derive(PolicyFile)]
#[policy(file = "tests/policies/worker.toml")]
struct Worker {
    worker_sid: WorkerSid,
}
