fn expansion() -> ::capability::TaskRouterPolicy {
    {
        let ttl_0 = ::capability::__private_0_1_0::ttl(&config.ttl);
        let workspace_sid_1 = ::capability::__private_0_1_0::workspace_sid(
            config.workspace.clone(),
        );
        let task_queue_sid_2 = ::capability::__private_0_1_0::task_queue_sid(&queues[0]);
        let taskrouter_url_3 = ::capability::__private_0_1_0::taskrouter_url(
            urls.tasks(),
        );
        let taskrouter_url_4 = ::capability::__private_0_1_0::taskrouter_url(
            &config.url,
        );
        ::capability::__private_0_1_0::build_taskrouter(
            ::capability::__private_0_1_0::TaskRouterPolicy::builder()
                .workspace(workspace_sid_1)
                .task_queue(task_queue_sid_2)
                .allow(::capability::__private_0_1_0::Allow::FetchSubresources)
                .policy(
                    ::capability::__private_0_1_0::CustomPolicy::new(
                            taskrouter_url_3,
                            ::capability::__private_0_1_0::Method::Get,
                        )
                        .query_filter("Priority", false),
                )
                .policy(
                    ::capability::__private_0_1_0::CustomPolicy::new(
                            taskrouter_url_4,
                            ::capability::__private_0_1_0::Method::Delete,
                        )
                        .allowing(false),
                )
                .policy(
                    ::capability::__private_0_1_0::CustomPolicy::new(
                        ::capability::__private_0_1_0::checked::<
                            ::capability::__private_0_1_0::TaskRouterUrl,
                        >(
                            "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks",
                        ),
                        ::capability::__private_0_1_0::Method::Post,
                    ),
                )
                .ttl(ttl_0),
        )
    }
}
