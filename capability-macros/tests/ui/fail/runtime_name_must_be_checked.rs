use capability::capability;

fn main() {
    let name = String::from("alice");
    let _ = capability! {
        incoming name;
    };
}
