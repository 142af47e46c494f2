//! Mints a token from a policy file and shows what it grants.
//!
//! ```sh
//! cargo run --example mint -- examples/policies/agent_desk.toml identity=alice team=billing
//! ```
//!
//! Credentials come from `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN`; when those are unset it
//! uses clearly fake demo values, so the example runs anywhere.

use std::process::ExitCode;

use capability::{Credentials, PolicyTemplate, inspect};

const DEMO_ACCOUNT_SID: &str = "AC00000000000000000000000000000000";
const DEMO_AUTH_TOKEN: &str = "demo-auth-token-not-a-secret";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: mint POLICY.toml [NAME=VALUE]...")?;
    let inputs: Vec<(String, String)> = args
        .map(|a| {
            a.split_once('=')
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .ok_or_else(|| format!("input {a:?} must be NAME=VALUE"))
        })
        .collect::<Result<_, _>>()?;

    let policy = PolicyTemplate::from_toml_file(&path)?.bind(inputs)?;
    let creds = match Credentials::from_env() {
        Ok(creds) => creds,
        Err(_) => {
            eprintln!("(TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN unset: signing with fake demo credentials)");
            Credentials::new(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)?
        }
    };
    let token = policy.sign(&creds)?;
    println!("{token}");
    println!();
    println!("expires at {} (Unix seconds); grants:", token.expires_at());
    for scope in inspect(token.as_str())?.scopes() {
        println!("  - {scope}");
    }
    Ok(())
}
