access_token! {
    identity "alice";
    voice {
        incoming;
        outgoing "AP89a0180a1a4ddf1da954efca349b7a20" { user_id: "42", plan: "gold" };
        push_credential "CR0123456789abcdef0123456789abcdef";
        endpoint "alice-browser-1";
    };
    video { room "standup" };
    chat {
        service "IS0123456789abcdef0123456789abcdef";
        endpoint "alice-chat";
        deployment_role "RL0123456789abcdef0123456789abcdef";
        push_credential "CR0123456789abcdef0123456789abcdef";
    };
    sync { service "default"; endpoint "alice-sync" };
    task_router {
        workspace "WS0123456789abcdef0123456789abcdef";
        worker "WK0123456789abcdef0123456789abcdef";
        role "worker";
    };
    region "ie1";
    ttl 600;
}
