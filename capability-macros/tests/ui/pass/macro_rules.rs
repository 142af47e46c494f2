// Literals passed down by `macro_rules!` are still checked as literals.
use capability::capability;

macro_rules! agent_policy {
    ($name:literal, $ttl:literal) => {
        capability! {
            incoming $name;
            outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { agent: $name };
            ttl $ttl;
        }
    };
}

macro_rules! agent_policy_expr {
    ($name:expr) => {
        capability! { incoming $name }
    };
}

fn main() {
    let policy = agent_policy!("agent_7", 120);
    assert_eq!(policy.ttl().as_secs(), 120);
    let policy = agent_policy_expr!("agent_8");
    assert_eq!(policy.incoming()[0].as_str(), "agent_8");
}
