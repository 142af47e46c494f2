fn expansion() -> ::capability::AccessPolicy {
    {
        let ttl_0 = ::capability::__private_0_1_0::ttl(config.ttl);
        let task_router_role_1 = ::capability::__private_0_1_0::task_router_role(
            &user.role,
        );
        let worker_sid_2 = ::capability::__private_0_1_0::worker_sid(
            user.worker.clone(),
        );
        let workspace_sid_3 = ::capability::__private_0_1_0::workspace_sid(
            &config.workspace,
        );
        let identity_4 = ::capability::__private_0_1_0::identity(session.identity());
        let app_sid_5 = ::capability::__private_0_1_0::app_sid(&config.app_sid);
        let value_6 = ::capability::__private_0_1_0::display(&(user.id));
        let value_7 = ::capability::__private_0_1_0::display(
            &(format!("{} {}", user.first, user.last)),
        );
        let push_credential_sid_8 = ::capability::__private_0_1_0::push_credential_sid(
            config.push.clone(),
        );
        let endpoint_id_9 = ::capability::__private_0_1_0::endpoint_id(&devices[0]);
        let chat_service_sid_10 = ::capability::__private_0_1_0::chat_service_sid(
            config.chat,
        );
        let endpoint_id_11 = ::capability::__private_0_1_0::endpoint_id(endpoint(&user));
        let deployment_role_sid_12 = ::capability::__private_0_1_0::deployment_role_sid(
            &config.role,
        );
        let push_credential_sid_13 = ::capability::__private_0_1_0::push_credential_sid(
            &config.push,
        );
        let sync_service_sid_14 = ::capability::__private_0_1_0::sync_service_sid(
            &config.sync,
        );
        let endpoint_id_15 = ::capability::__private_0_1_0::endpoint_id(endpoint(&user));
        let region_16 = ::capability::__private_0_1_0::region(config.region);
        ::capability::__private_0_1_0::build_access(
            ::capability::__private_0_1_0::access_builder(identity_4)
                .voice(
                    ::capability::__private_0_1_0::VoiceGrant::new()
                        .allow_incoming()
                        .allow_outgoing(
                            app_sid_5,
                            [
                                ("user_id", value_6),
                                (
                                    "plan",
                                    ::capability::__private_0_1_0::String::from("gold"),
                                ),
                                ("display-name", value_7),
                            ],
                        )
                        .push_credential(push_credential_sid_8)
                        .endpoint(endpoint_id_9),
                )
                .video(::capability::__private_0_1_0::VideoGrant::new())
                .chat(
                    ::capability::__private_0_1_0::ChatGrant::new()
                        .service(chat_service_sid_10)
                        .endpoint(endpoint_id_11)
                        .deployment_role(deployment_role_sid_12)
                        .push_credential(push_credential_sid_13),
                )
                .sync(
                    ::capability::__private_0_1_0::SyncGrant::new()
                        .service(sync_service_sid_14)
                        .endpoint(endpoint_id_15),
                )
                .task_router(
                    ::capability::__private_0_1_0::TaskRouterGrant::new()
                        .workspace(workspace_sid_3)
                        .worker(worker_sid_2)
                        .role(task_router_role_1),
                )
                .region(region_16)
                .ttl(ttl_0),
        )
    }
}
