//! `capability`: mint, inspect and check Twilio tokens from the shell: Client capability
//! tokens and Access Tokens.
//!
//! - `capability mint POLICY.toml --input NAME=VALUE…` binds a policy file's inputs and prints
//!   a signed token on one line (`--json` adds its expiry and scopes).
//! - `capability inspect [TOKEN | -]` decodes a token from this crate or any official helper
//!   library and says what it grants and when it expires; `--verify` also checks its signature
//!   and time.
//! - `capability check POLICY.toml…` validates policy files, printing each error rustc-style.
//! - `capability schema` prints the JSON Schema of policy files, for editors.
//!
//! Credentials come from `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN` (capability tokens) or
//! `TWILIO_API_KEY` and `TWILIO_API_SECRET` (access tokens), or from a dotenv file named by
//! `--env-file`. No flag takes them, because the command line is visible to every
//! user of the machine, and the auth token is never printed, on success or on failure.
//!
//! Exit codes: 0 for success; 1 for an invalid token, policy, input or credential; 2 for a
//! usage error. Errors go to standard error, each line prefixed `error: `.
#![forbid(unsafe_code)]

mod check;
mod cli;
mod credentials;
mod dotenv;
mod failure;
mod format;
mod grants;
mod inspect;
mod json;
mod mint;
mod output;
mod policy_file;
mod schema;
mod stderr;
mod time;

use std::process::ExitCode;

use clap::Parser as _;

use crate::cli::{Cli, Command};

fn main() -> ExitCode {
    // Clap prints its own usage errors and exits 2; `--help` and `--version` exit 0.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Mint(args) => mint::run(&args),
        Command::Inspect(args) => inspect::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Schema => schema::run(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}
