use capability::capability;

fn main() {
    let _ = capability! {
        incoming "alice" ttl 0;
        outgoing "APnot_a_sid" { "": 1, plan: "gold", plan: "silver" };
        incoming "alice";
        ttl 300;
        stream;
    };
}
