use capability::access_token;

fn main() {
    let _ = access_token! {
        identity "frank@example.com";
        voice {
            incoming;
            outgoing "APnot_a_sid" { "": 1, plan: "gold", plan: "silver" };
            incoming;
        };
        video { room "" };
        video {};
        chat {};
        sync { service "IS123" };
        region "IE1";
        ttl 0;
        ttl 300;
        player {};
    };
}
