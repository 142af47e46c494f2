//! `capability schema`: it prints the runtime's JSON Schema, byte for byte the committed
//! `schema/policy.schema.json`, and the help lists it.

mod support;

use support::{capability, workspace};

#[test]
fn schema_prints_the_generated_schema() {
    let out = capability(["schema"]).run();
    let text = out.ok();
    assert_eq!(text, capability::policy_schema());
    assert!(text.ends_with("}\n"), "pretty, with a trailing newline");
    let committed = std::fs::read_to_string(workspace().join("schema/policy.schema.json")).unwrap();
    assert!(
        text == committed,
        "schema/policy.schema.json differs; regenerate it with\n  \
         cargo run -q -p twilio-capability-cli -- schema > schema/policy.schema.json"
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn schema_takes_no_arguments_and_is_in_the_help() {
    capability(["schema", "policy.toml"]).run().code(2);
    let help = capability(["--help"]).run();
    assert!(
        help.ok()
            .contains("schema   Print the JSON Schema (draft-07) of policy files"),
        "{}",
        help.stdout
    );
}
