fn expansion() -> ::capability::TaskRouterPolicy {
    {
        let ttl_0 = ::capability::__private::ttl(&config.ttl);
        let workspace_sid_1 = ::capability::__private::workspace_sid(
            config.workspace.clone(),
        );
        let task_queue_sid_2 = ::capability::__private::task_queue_sid(&queues[0]);
        let taskrouter_url_3 = ::capability::__private::taskrouter_url(urls.tasks());
        let taskrouter_url_4 = ::capability::__private::taskrouter_url(&config.url);
        ::capability::__private::TaskRouterPolicy::builder()
            .workspace(workspace_sid_1)
            .task_queue(task_queue_sid_2)
            .allow(::capability::__private::Allow::FetchSubresources)
            .policy(
                ::capability::__private::CustomPolicy::new(
                        taskrouter_url_3,
                        ::capability::__private::Method::Get,
                    )
                    .query_filter("Priority", false),
            )
            .policy(
                ::capability::__private::CustomPolicy::new(
                        taskrouter_url_4,
                        ::capability::__private::Method::Delete,
                    )
                    .allowing(false),
            )
            .policy(
                ::capability::__private::CustomPolicy::new(
                    ::capability::__private::TaskRouterUrl::__checked(
                        "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks",
                    ),
                    ::capability::__private::Method::Post,
                ),
            )
            .ttl(ttl_0)
            .__build_from_macro()
    }
}
