// Run-time values of the checked types, owned or borrowed, and any `Display` as a value.
use capability::{AppSid, ClientName, Ttl, capability};

struct Config {
    app_sid: AppSid,
    ttl: Ttl,
}

struct User {
    id: u64,
    name: ClientName,
    plan: String,
}

fn identity(user: &User) -> &ClientName {
    &user.name
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config {
        app_sid: "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".parse()?,
        ttl: Ttl::try_from(600u64)?,
    };
    let user = User {
        id: 7,
        name: "ada".parse()?,
        plan: "gold".into(),
    };
    let agents: Vec<ClientName> = vec!["agent_1".parse()?];
    let policy = capability! {
        incoming identity(&user);
        incoming agents[0].clone();
        outgoing &config.app_sid {
            user_id: user.id,
            plan: user.plan,
            name: user.name,
            label: format!("{}-{}", user.plan, user.id),
            float: 1.5,
            flag: true,
            "if": if user.id > 5 { "big" } else { "small" },
        };
        event_stream { CallSid: String::from("CA1"), weird: { let x = 1; x + 1 } };
        ttl config.ttl;
    };
    assert_eq!(policy.ttl().as_secs(), 600);
    assert_eq!(policy.outgoing().unwrap().params()[3].1, "gold-7");
    assert_eq!(policy.event_stream().unwrap().filters()[1].1, "2");
    Ok(())
}
