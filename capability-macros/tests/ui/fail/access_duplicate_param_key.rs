use capability::access_token;

fn main() {
    let plan = "gold";
    let _ = access_token! {
        identity "alice";
        voice {
            outgoing "AP89a0180a1a4ddf1da954efca349b7a20" { plan: plan, user_id: 42, "plan": "silver" };
        };
    };
}
