fn expansion() -> ::capability::TaskRouterPolicy {
    ::capability::__private_0_1_0::build_taskrouter(
        ::capability::__private_0_1_0::TaskRouterPolicy::builder()
            .workspace(
                ::capability::__private_0_1_0::checked::<
                    ::capability::__private_0_1_0::WorkspaceSid,
                >("WS11111111111111111111111111111111"),
            )
            .worker(
                ::capability::__private_0_1_0::checked::<
                    ::capability::__private_0_1_0::WorkerSid,
                >("WK22222222222222222222222222222222"),
            )
            .allow(::capability::__private_0_1_0::Allow::UpdateSelf)
            .allow(::capability::__private_0_1_0::Allow::ActivityUpdates)
            .allow(::capability::__private_0_1_0::Allow::ReservationUpdates)
            .policy(
                ::capability::__private_0_1_0::CustomPolicy::new(
                        ::capability::__private_0_1_0::checked::<
                            ::capability::__private_0_1_0::TaskRouterUrl,
                        >(
                            "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Tasks/**",
                        ),
                        ::capability::__private_0_1_0::Method::Post,
                    )
                    .allowing(false)
                    .query_filter("TaskQueueSid", true)
                    .post_filter("AssignmentStatus", true)
                    .post_filter("Reason", false),
            )
            .policy(
                ::capability::__private_0_1_0::CustomPolicy::new(
                    ::capability::__private_0_1_0::checked::<
                        ::capability::__private_0_1_0::TaskRouterUrl,
                    >(
                        "https://taskrouter.twilio.com/v1/Workspaces/WS11111111111111111111111111111111/Workers",
                    ),
                    ::capability::__private_0_1_0::Method::Get,
                ),
            )
            .ttl(::capability::__private_0_1_0::checked_ttl(28800)),
    )
}
