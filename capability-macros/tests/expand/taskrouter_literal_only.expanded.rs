fn expansion() -> ::capability::TaskRouterPolicy {
    ::capability::__private::TaskRouterPolicy::builder()
        .workspace(
            ::capability::__private::WorkspaceSid::__checked(
                "WS11111111111111111111111111111111",
            ),
        )
        .worker(
            ::capability::__private::WorkerSid::__checked(
                "WK22222222222222222222222222222222",
            ),
        )
        .allow(::capability::__private::Allow::UpdateSelf)
        .allow(::capability::__private::Allow::ActivityUpdates)
        .allow(::capability::__private::Allow::ReservationUpdates)
        .policy(
            ::capability::__private::CustomPolicy::new(
                    ::capability::__private::TaskRouterUrl::__checked(
                        "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks/**",
                    ),
                    ::capability::__private::Method::Post,
                )
                .allowing(false)
                .query_filter("TaskQueueSid", true)
                .post_filter("AssignmentStatus", true)
                .post_filter("Reason", false),
        )
        .policy(
            ::capability::__private::CustomPolicy::new(
                ::capability::__private::TaskRouterUrl::__checked(
                    "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Workers",
                ),
                ::capability::__private::Method::Get,
            ),
        )
        .ttl(::capability::__private::Ttl::__checked(28800))
        .__build_from_macro()
}
