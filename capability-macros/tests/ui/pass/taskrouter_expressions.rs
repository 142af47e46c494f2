// Run-time values of every checked type, owned and borrowed.
use capability::{
    Channel, TaskQueueSid, TaskRouterPolicy, TaskRouterUrl, Ttl, WorkerSid, WorkspaceSid,
    taskrouter,
};

struct Config {
    workspace: WorkspaceSid,
    url: TaskRouterUrl,
    ttl: Ttl,
}

fn tasks(config: &Config) -> TaskRouterUrl {
    format!("{}/Tasks", config.url).parse().unwrap()
}

/// Each value owned, then each borrowed.
fn policies(config: &Config, worker: &WorkerSid, queue: &TaskQueueSid) -> [TaskRouterPolicy; 4] {
    [
        taskrouter! {
            workspace config.workspace.clone();
            worker worker.clone();
            policy GET config.url.clone() { query_filter { Priority: optional } };
            policy POST tasks(config) { post_filter { Reason: required }; deny };
            ttl config.ttl;
        },
        taskrouter! {
            workspace &config.workspace;
            worker worker;
            policy GET &config.url;
            policy POST &tasks(config);
            ttl &config.ttl;
        },
        taskrouter! {
            workspace config.workspace.clone();
            task_queue queue.clone();
        },
        taskrouter! {
            workspace &config.workspace;
            task_queue queue;
            allow fetch_subresources;
        },
    ]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config {
        workspace: "WS0123456789abcdef0123456789abcdef".parse()?,
        url: "https://taskrouter.twilio.com/v1/Workspaces/WS0123456789abcdef0123456789abcdef"
            .parse()?,
        ttl: Ttl::try_from(600u64)?,
    };
    let worker: WorkerSid = "WK0123456789abcdef0123456789abcdef".parse()?;
    let queue: TaskQueueSid = "WQ0123456789abcdef0123456789abcdef".parse()?;
    let [owned, borrowed, queue_owned, queue_borrowed] = policies(&config, &worker, &queue);
    for policy in [&owned, &borrowed] {
        assert_eq!(policy.workspace(), &config.workspace);
        assert_eq!(policy.channel(), &Channel::Worker(worker.clone()));
        assert_eq!(policy.ttl().as_secs(), 600);
        assert_eq!(policy.custom_policies()[0].url(), &config.url);
        assert_eq!(policy.custom_policies()[1].url(), &tasks(&config));
    }
    assert!(!owned.custom_policies()[1].allow());
    assert_eq!(queue_owned.channel(), &Channel::TaskQueue(queue.clone()));
    assert_eq!(queue_borrowed.channel(), queue_owned.channel());
    assert_eq!(queue_borrowed.allows().len(), 1);
    Ok(())
}
