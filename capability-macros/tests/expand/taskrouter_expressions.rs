taskrouter! {
    ttl &config.ttl;
    workspace config.workspace.clone();
    task_queue &queues[0];
    allow fetch_subresources;
    policy GET urls.tasks() { query_filter { Priority: optional } };
    policy DELETE &config.url { deny };
    policy POST "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks";
}
