use capability::capability;

fn main() {
    let _ = capability! {
        outgoing "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" { 42: "answer" };
    };
}
