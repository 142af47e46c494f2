use capability::capability;

fn main() {
    let _ = capability! {
        incoming "";
    };
}
