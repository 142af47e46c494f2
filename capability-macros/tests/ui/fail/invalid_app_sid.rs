use capability::capability;

fn main() {
    let _ = capability! {
        outgoing "AP89a0180a1a4ddf1da954efca349b7a2" { plan: "gold" };
    };
}
