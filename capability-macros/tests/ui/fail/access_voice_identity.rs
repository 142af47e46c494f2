use capability::access_token;

fn main() {
    // Fine without a voice grant; beside one, an identity must be a client name.
    let _ = access_token! {
        identity "frank@example.com";
        video {};
    };
    let _ = access_token! {
        identity "frank@example.com";
        voice { incoming };
    };
}
