use capability::access_token;

fn main() {
    let name = String::from("alice");
    let room = "standup";
    let sid = "CR0123456789abcdef0123456789abcdef";
    let _ = access_token! {
        identity name;
        voice { incoming; push_credential sid };
        video { room room };
        region 'x'.to_string();
    };
}
