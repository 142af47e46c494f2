//! The command line, as clap definitions. Each subcommand's behaviour lives in its own module.

use std::path::PathBuf;

use capability::{Ttl, ValueError};
use clap::{Args, Parser, Subcommand};

const CREDENTIALS_HELP: &str = "\
Credentials:
  TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are read from the environment, or from the dotenv
  file given with --env-file. No flag takes them: the command line is visible to every user of
  the machine. The auth token is never printed, on success or on failure.";

const VERIFY_CREDENTIALS_HELP: &str = "\
Credentials:
  --verify reads TWILIO_AUTH_TOKEN from the environment, or from the dotenv file given with
  --env-file. No flag takes it: the command line is visible to every user of the machine. The
  auth token is never printed, on success or on failure.";

const EXIT_HELP: &str = "\
Exit status:
  0  success
  1  an invalid token, policy, input or credential
  2  a usage error";

/// Mint, inspect and check Twilio Client capability tokens.
#[derive(Debug, Parser)]
#[command(
    name = "capability",
    version,
    propagate_version = true,
    after_help = format!("{CREDENTIALS_HELP}\n\n{EXIT_HELP}"),
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign a token from a policy file and print it on one line.
    #[command(after_help = format!("{CREDENTIALS_HELP}\n\n{EXIT_HELP}"))]
    Mint(MintArgs),
    /// Decode a token and say what it grants and when it expires.
    ///
    /// Reads tokens from this tool and from every official Twilio helper library. Without
    /// --verify nothing is checked: anyone could have written the token.
    #[command(after_help = format!("{VERIFY_CREDENTIALS_HELP}\n\n{EXIT_HELP}"))]
    Inspect(InspectArgs),
    /// Validate policy files and list the inputs each one takes.
    ///
    /// Each error is printed rustc-style, with file:line:column and a caret under the
    /// offending text. Exits 1 if any file fails.
    #[command(after_help = EXIT_HELP)]
    Check(CheckArgs),
}

/// `capability mint`.
#[derive(Debug, Args)]
pub struct MintArgs {
    /// The policy file (TOML).
    #[arg(value_name = "POLICY.toml")]
    pub policy: PathBuf,

    /// An input the policy asks for with `{ input = "NAME" }`. Repeat it for each input.
    #[arg(short, long = "input", value_name = "NAME=VALUE", value_parser = parse_input)]
    pub inputs: Vec<(String, String)>,

    /// Token lifetime in seconds (1 to 86400), instead of the policy's ttl.
    #[arg(long, value_name = "SECS", value_parser = parse_ttl)]
    pub ttl: Option<Ttl>,

    /// Sign as if the time were UNIX (seconds since 1970-01-01 UTC). Default: the system clock.
    #[arg(long, value_name = "UNIX")]
    pub now: Option<u64>,

    /// Print {"token", "expires_at", "scopes"} as JSON instead of the bare token.
    #[arg(long)]
    pub json: bool,

    /// Read TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN from this dotenv file instead of the
    /// environment.
    #[arg(long, value_name = "PATH")]
    pub env_file: Option<PathBuf>,
}

/// `capability inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The token. `-`, or nothing, reads it from standard input. Whitespace around it is
    /// ignored.
    #[arg(value_name = "TOKEN")]
    pub token: Option<String>,

    /// Check the signature with TWILIO_AUTH_TOKEN (HS256 only), and check the time. Exits 1,
    /// saying why, if either fails.
    #[arg(long)]
    pub verify: bool,

    /// Judge expiry as if the time were UNIX (seconds since 1970-01-01 UTC). Default: the
    /// system clock.
    #[arg(long, value_name = "UNIX")]
    pub now: Option<u64>,

    /// Seconds of clock skew to allow when --verify checks the time.
    #[arg(long, value_name = "SECS", requires = "verify")]
    pub leeway: Option<u64>,

    /// Print {"verified", "header", "claims", "scopes"} as JSON. "verified" is null without
    /// --verify.
    #[arg(long)]
    pub json: bool,

    /// Read TWILIO_AUTH_TOKEN for --verify from this dotenv file instead of the environment.
    #[arg(long, value_name = "PATH", requires = "verify")]
    pub env_file: Option<PathBuf>,
}

/// `capability check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The policy files (TOML).
    #[arg(value_name = "POLICY.toml", required = true)]
    pub policies: Vec<PathBuf>,
}

/// `NAME=VALUE`, split at the first `=`. The value may be empty and may contain `=`.
fn parse_input(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err("expected NAME=VALUE, such as identity=alice".to_owned()),
    }
}

/// A ttl, by the runtime's rule.
fn parse_ttl(text: &str) -> Result<Ttl, ValueError> {
    text.parse()
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn inputs_split_at_the_first_equals_sign() {
        assert_eq!(
            parse_input("user=a=b"),
            Ok(("user".to_owned(), "a=b".to_owned()))
        );
        assert_eq!(parse_input("user="), Ok(("user".to_owned(), String::new())));
        assert!(parse_input("user").is_err());
        assert!(parse_input("=alice").is_err());
    }
}
