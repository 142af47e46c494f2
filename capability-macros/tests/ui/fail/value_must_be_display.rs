use capability::capability;

struct Plan;

struct Plans {
    gold: Plan,
}

fn main() {
    let plans = Plans { gold: Plan };
    let _ = capability! {
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { plan: plans.gold };
    };
}
