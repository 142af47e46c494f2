access_token! {
    ttl config.ttl;
    task_router { role &user.role; worker user.worker.clone(); workspace &config.workspace };
    identity session.identity();
    voice {
        outgoing &config.app_sid { user_id: user.id, plan: "gold", "display-name": format!("{} {}", user.first, user.last) };
        incoming;
        push_credential config.push.clone();
        endpoint &devices[0];
    };
    video {};
    chat { service config.chat; endpoint endpoint(&user); deployment_role &config.role; push_credential &config.push };
    sync { service &config.sync; endpoint endpoint(&user) };
    region config.region;
}
