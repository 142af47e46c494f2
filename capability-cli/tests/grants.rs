//! `inspect`'s words for an access token's grants, with every field of every grant: the
//! names come from the runtime's schema tables and must read as they always have.

mod support;

use support::capability;

#[test]
fn inspect_names_every_field_of_every_grant() {
    let out = capability([
        "mint",
        "schema/fixtures/valid/access_every_field.toml",
        "--now",
        "1700000000",
    ])
    .vector_api_key()
    .run();
    let token = out.ok().to_owned();
    let out = capability(["inspect", "--now", "1700000000"])
        .stdin(&token)
        .run();
    let text = out.ok();
    for line in [
        "  - voice: incoming calls; outgoing calls through application \"AP89a0180a1a4ddf1da954efca349b7a20\", with params \"user_id\" = \"42\", \"plan\" = \"gold\", \"vip\" = \"false\"; push credential \"CR0123456789ABCDEF0123456789abcdef\"; endpoint \"alice-browser-1\"\n",
        "  - video: room \"Daily Standup\"\n",
        "  - chat: service \"IS0123456789abcdef0123456789abcdef\", endpoint \"alice:browser:1\", deployment role \"RL0123456789abcdef0123456789abcdef\", push credential \"CR0123456789abcdef0123456789abcdef\"\n",
        "  - sync: service \"IS0123456789abcdef0123456789abcdef\", endpoint \"alice:browser:1\"\n",
        "  - task_router: workspace \"WS0123456789abcdef0123456789abcdef\", worker \"WK0123456789abcdef0123456789abcdef\", role \"supervisor\"\n",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
}
