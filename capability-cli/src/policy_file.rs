//! Loading a policy file, with its errors rendered rustc-style for the terminal.

use std::path::Path;

use capability::{Input, InputUse, PolicyFile};

/// Loads the policy at `path`.
///
/// # Errors
/// Every error of the file, rendered rustc-style (`error: …`, `--> file:line:col`, the line and
/// a caret), ready for standard error.
pub fn load(path: &Path) -> Result<PolicyFile, String> {
    PolicyFile::from_toml_file(path).map_err(|e| {
        let rendered = e.render();
        if rendered.is_empty() {
            // No diagnostics: never expected, but say something rather than nothing.
            format!("error: {}: the policy is invalid\n", path.display())
        } else {
            rendered
        }
    })
}

/// The inputs a policy takes, one line each, as `NAME: what it fills, …`.
pub fn describe_inputs(inputs: &[Input]) -> Vec<String> {
    inputs
        .iter()
        .map(|input| {
            let uses: Vec<String> = input.uses().iter().map(describe_use).collect();
            format!("{}: {}", input.name(), uses.join(", "))
        })
        .collect()
}

/// The inputs' names as `--input` flags, for a hint: `--input identity=… --input team=…`.
pub fn input_flags(inputs: &[Input]) -> String {
    let flags: Vec<String> = inputs
        .iter()
        .map(|i| format!("--input {}=…", i.name()))
        .collect();
    flags.join(" ")
}

fn describe_use(use_: &InputUse) -> String {
    match use_ {
        InputUse::ClientName => "incoming client name".to_owned(),
        InputUse::ApplicationSid => "outgoing application SID".to_owned(),
        InputUse::Param { key } => format!("outgoing param `{key}`"),
        InputUse::Filter { key } => format!("event stream filter `{key}`"),
        InputUse::Identity => "identity".to_owned(),
        InputUse::VoiceIdentity => {
            "identity (a client name: the policy has a voice grant)".to_owned()
        }
        InputUse::Sid(kind) => kind.field().to_owned(),
        InputUse::Text(kind) => kind.field().to_owned(),
        InputUse::Region => "region".to_owned(),
        InputUse::PolicyUrl => "custom policy URL".to_owned(),
        _ => "a field of the policy".to_owned(),
    }
}
