use capability::capability;

fn main() {
    let sid = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    let secs = 300u32;
    let _ = capability! {
        outgoing sid;
        ttl secs;
    };
}
