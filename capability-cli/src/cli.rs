//! The command line, as clap definitions. Each subcommand's behaviour lives in its own module.

use std::path::PathBuf;

use capability::{Ttl, ValueError};
use clap::{Args, Parser, Subcommand};

const CREDENTIALS_HELP: &str = "\
Credentials:
  A capability or TaskRouter policy signs with TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN; an access-token
  policy (format = \"access-token\", or --as access-token) with TWILIO_ACCOUNT_SID,
  TWILIO_API_KEY and TWILIO_API_SECRET. They are read from the environment, or from the
  dotenv file given with --env-file. No flag takes them: the command line is visible to every
  user of the machine. The secrets are never printed, on success or on failure.
  Each may instead be in a file, as container runtimes mount secrets: NAME_FILE=PATH (such as
  TWILIO_AUTH_TOKEN_FILE=/run/secrets/twilio_auth_token) in the environment or the dotenv
  file. The value is the file's contents less one trailing newline; a file over 64 KiB is
  refused; NAME and NAME_FILE together are an error.";

const VERIFY_CREDENTIALS_HELP: &str = "\
Credentials:
  --verify reads TWILIO_API_SECRET for an access token and TWILIO_AUTH_TOKEN for any other,
  from the environment, or from the dotenv file given with --env-file. No flag takes them:
  the command line is visible to every user of the machine. They are never printed, on
  success or on failure. Each may instead be in a file named by TWILIO_API_SECRET_FILE or
  TWILIO_AUTH_TOKEN_FILE: its contents, less one trailing newline, at most 64 KiB.";

const EXIT_HELP: &str = "\
Exit status:
  0  success
  1  an invalid token, policy, input or credential
  2  a usage error";

/// Mint, inspect and check Twilio tokens: Client capability tokens, Access Tokens and
/// TaskRouter capability tokens.
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
    /// Print the JSON Schema (draft-07) of policy files, for editors.
    ///
    /// One schema covers every format; the `format` key selects the branch. Point an editor
    /// at it with a first line `#:schema PATH` in the policy file. The rules it cannot say are
    /// listed in its top-level description: `capability check` checks them.
    Schema,
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
    #[arg(long, value_name = "SECS", value_parser = parse_whole_number, allow_negative_numbers = true)]
    pub ttl: Option<WholeNumber>,

    /// Sign as if the time were UNIX (seconds since 1970-01-01 UTC). Default: the system clock.
    #[arg(long, value_name = "UNIX")]
    pub now: Option<u64>,

    /// Sign a capability policy as another format: `access-token` gives an access token with
    /// a voice grant (its incoming name as the identity, its outgoing application and params).
    #[arg(long = "as", value_name = "FORMAT", value_parser = ["access-token"])]
    pub as_format: Option<String>,

    /// With --as access-token, the identity of a policy that has no incoming name. It must be
    /// a client name.
    #[arg(long, value_name = "NAME", requires = "as_format")]
    pub identity: Option<String>,

    /// Print {"kind", "token", "expires_at", and "scopes" or "identity" and "grants"} as JSON
    /// instead of the bare token.
    #[arg(long)]
    pub json: bool,

    /// Read the credentials from this dotenv file instead of the environment.
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

    /// Check the signature (HS256 only) with TWILIO_API_SECRET for an access token and
    /// TWILIO_AUTH_TOKEN for any other, and check the time. Exits 1, saying why, if either
    /// fails.
    #[arg(long)]
    pub verify: bool,

    /// Judge expiry as if the time were UNIX (seconds since 1970-01-01 UTC). Default: the
    /// system clock.
    #[arg(long, value_name = "UNIX")]
    pub now: Option<u64>,

    /// Seconds of clock skew to allow when --verify checks the time.
    #[arg(long, value_name = "SECS", requires = "verify")]
    pub leeway: Option<u64>,

    /// Print {"kind", "verified", "header", "claims", "scopes" or "grants", "warnings"} as
    /// JSON. "verified" is null without --verify.
    #[arg(long)]
    pub json: bool,

    /// Read the key for --verify from this dotenv file instead of the environment.
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

/// A whole number as written, sign and all: its syntax is the command line's to check (exit
/// 2), its range the policy's rule (exit 1, with the message the same value gets in a file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WholeNumber(String);

impl WholeNumber {
    /// The number as a ttl, by the runtime's rule: `ttl 0 must be …`, as in a policy file.
    pub fn ttl(&self) -> Result<Ttl, ValueError> {
        match self.0.parse::<i128>() {
            Ok(secs) => Ttl::try_from(secs),
            // More digits than any i128: the text, under the same rule.
            Err(_) => self.0.parse(),
        }
    }
}

/// An optional `-`, then one or more decimal digits.
fn parse_whole_number(text: &str) -> Result<WholeNumber, String> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(WholeNumber(text.to_owned()))
    } else {
        Err("expected a whole number of seconds, such as 600".to_owned())
    }
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

    #[test]
    fn a_whole_number_is_syntax_and_its_range_the_rule() {
        for bad in ["", "-", "abc", "1.5", "+5", " 5", "5s", "1e3", "--5"] {
            assert!(parse_whole_number(bad).is_err(), "{bad:?}");
        }
        let ttl = |text: &str| parse_whole_number(text).unwrap().ttl();
        assert_eq!(ttl("600").map(Ttl::as_secs), Ok(600));
        assert_eq!(ttl("0"), Err(ValueError::Ttl { value: 0 }));
        assert_eq!(ttl("-1"), Err(ValueError::Ttl { value: -1 }));
        assert_eq!(
            ttl("18446744073709551616"),
            Err(ValueError::Ttl {
                value: 18_446_744_073_709_551_616
            })
        );
        let huge = "9".repeat(60);
        assert_eq!(ttl(&huge), Err(ValueError::TtlText { value: huge }));
    }
}
