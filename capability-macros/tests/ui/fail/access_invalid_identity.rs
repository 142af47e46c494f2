use capability::access_token;

fn main() {
    let _ = access_token! {
        identity "bob smith";
        video {};
    };
}
