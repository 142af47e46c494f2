// Run-time values of every checked type, owned and borrowed, and any `Display` as a param.
use capability::{
    AccessPolicy, AppSid, ChatServiceSid, ClientName, DeploymentRoleSid, EndpointId, Identity,
    PushCredentialSid, Region, RoomName, SyncServiceSid, TaskRouterRole, Ttl, WorkerSid,
    WorkspaceSid, access_token,
};

struct Config {
    app: AppSid,
    push: PushCredentialSid,
    chat: ChatServiceSid,
    role: DeploymentRoleSid,
    sync: SyncServiceSid,
    workspace: WorkspaceSid,
    region: Region,
    ttl: Ttl,
}

struct User {
    id: u64,
    name: ClientName,
    email: Identity,
    endpoint: EndpointId,
    worker: WorkerSid,
    role: TaskRouterRole,
}

fn room(user: &User) -> RoomName {
    format!("room-{}", user.id).parse().unwrap()
}

/// Every field of every grant, each value owned (`by_value`) or borrowed.
fn policy(config: &Config, user: &User, identity: Option<&Identity>) -> AccessPolicy {
    match identity {
        Some(identity) => access_token! {
            identity identity;
            video { room room(user) };
            chat {
                service &config.chat;
                endpoint user.endpoint.clone();
                deployment_role &config.role;
                push_credential config.push.clone();
            };
            sync { service config.sync.clone(); endpoint &user.endpoint };
            task_router { workspace &config.workspace; worker user.worker.clone(); role &user.role };
            region &config.region;
            ttl &config.ttl;
        },
        None => access_token! {
            identity &user.name;
            voice {
                incoming;
                outgoing &config.app {
                    user_id: user.id,
                    name: user.name,
                    email: &user.email,
                    float: 1.5,
                    flag: true,
                    "if": if user.id > 5 { "big" } else { "small" },
                    block: { let x = 1; x + 1 },
                };
                push_credential &config.push;
                endpoint &user.endpoint;
            };
            chat {
                service config.chat.clone();
                deployment_role config.role.clone();
                push_credential &config.push;
            };
            sync { service &config.sync };
            task_router { workspace config.workspace.clone(); worker &user.worker; role user.role.clone() };
            region config.region.clone();
            ttl config.ttl;
        },
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config {
        app: "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".parse()?,
        push: "CR0123456789abcdef0123456789abcdef".parse()?,
        chat: "IS0123456789abcdef0123456789abcdef".parse()?,
        role: "RL0123456789abcdef0123456789abcdef".parse()?,
        sync: "default".parse()?,
        workspace: "WS0123456789abcdef0123456789abcdef".parse()?,
        region: "ie1".parse()?,
        ttl: Ttl::try_from(600u64)?,
    };
    let user = User {
        id: 7,
        name: "ada".parse()?,
        email: "ada@example.com".parse()?,
        endpoint: "ada:web".parse()?,
        worker: "WK0123456789abcdef0123456789abcdef".parse()?,
        role: "worker".parse()?,
    };
    let voice = policy(&config, &user, None);
    assert_eq!(voice.identity().as_str(), "ada");
    assert_eq!(voice.ttl().as_secs(), 600);
    let params = voice.voice().unwrap().outgoing().unwrap().params();
    assert_eq!(params[2].1, "ada@example.com");
    assert_eq!(params[6].1, "2");

    let email = policy(&config, &user, Some(&user.email));
    assert_eq!(email.identity().as_str(), "ada@example.com");
    assert_eq!(email.video().unwrap().room_name().unwrap().as_str(), "room-7");

    // An owned `Identity` and an owned `ClientName`.
    let owned = access_token! { identity user.email.clone(); video {} };
    assert_eq!(owned.identity(), &user.email);
    let owned = access_token! { identity user.name; video {} };
    assert_eq!(owned.identity().as_str(), "ada");
    Ok(())
}
