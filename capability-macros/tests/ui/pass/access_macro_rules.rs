// Literals passed down by `macro_rules!` are still checked as literals, and `?` works inside
// an expression as it does outside the macro.
use capability::{RoomName, access_token};

macro_rules! room_policy {
    ($identity:literal, $room:literal, $ttl:literal) => {
        access_token! {
            identity $identity;
            video { room $room };
            ttl $ttl;
        }
    };
}

macro_rules! room_policy_expr {
    ($identity:expr, $room:expr) => {
        access_token! { identity $identity; video { room $room } }
    };
}

fn main() -> Result<(), capability::ValueError> {
    let policy = room_policy!("agent_7", "standup", 120);
    assert_eq!(policy.ttl().as_secs(), 120);
    let policy = room_policy_expr!("agent_8", "r1".parse::<RoomName>()?);
    assert_eq!(policy.identity().as_str(), "agent_8");
    Ok(())
}
