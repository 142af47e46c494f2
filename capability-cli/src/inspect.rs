//! `capability inspect`: decode a token, say what it grants and when it expires, and with
//! `--verify` check its signature and time.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{IsTerminal as _, Read as _};

use capability::{MAX_TOKEN_LEN, TimeClaim, Unverified, VerifyError, inspect, verify};

use crate::cli::InspectArgs;
use crate::failure::Failure;
use crate::{credentials, json, output, time};

/// How much of standard input is read: a token, with room for whitespace around it.
const MAX_STDIN_LEN: usize = 4 * MAX_TOKEN_LEN;

/// What `--verify` found.
enum Verdict {
    /// No `--verify`.
    NotChecked,
    /// The signature and the time are good.
    Verified,
    /// The token was decoded, but is rejected for this reason.
    Rejected(VerifyError),
}

/// Runs `inspect`. The report is of what the token says, decoded by `inspect` whether or not
/// it verifies, with its warnings. With `--verify`, a token that fails is still shown, marked
/// as failed, when it can be decoded, and the command exits 1; a warning alone never fails it.
pub fn run(args: &InspectArgs) -> Result<(), Failure> {
    let key = if args.verify {
        Some(credentials::auth_token(args.env_file.as_deref())?)
    } else {
        None
    };
    let token = read_token(args.token.as_deref())?;
    let now = match args.now {
        Some(now) => now,
        None => time::system_now()?,
    };
    let leeway = args.leeway.unwrap_or(0);
    let verdict = match &key {
        None => Verdict::NotChecked,
        Some(key) => match verify(&token, key, now, leeway) {
            Ok(_) => Verdict::Verified,
            Err(error) => Verdict::Rejected(error),
        },
    };
    let unverified = match (inspect(&token), &verdict) {
        (Ok(unverified), _) => unverified,
        (Err(_), Verdict::Rejected(error)) => return Err(rejected(error)),
        (Err(e), _) => return Err(Failure::invalid(format!("cannot read the token: {e}"))),
    };
    let text = if args.json {
        json::line(&json::Inspected {
            verified: match verdict {
                Verdict::NotChecked => None,
                Verdict::Verified => Some(true),
                Verdict::Rejected(_) => Some(false),
            },
            header: unverified.header().into(),
            claims: unverified.claims().into(),
            scopes: json::scopes(unverified.scopes()),
            warnings: unverified
                .warnings()
                .iter()
                .map(ToString::to_string)
                .collect(),
        })?
    } else {
        describe(&unverified, &verdict, now, leeway)
    };
    output::print(&text)?;
    match verdict {
        Verdict::Rejected(error) => Err(rejected(&error)),
        Verdict::NotChecked | Verdict::Verified => Ok(()),
    }
}

/// The failure for a token `--verify` rejects: the runtime's reason, with times also as dates.
fn rejected(error: &VerifyError) -> Failure {
    let when = match error {
        VerifyError::Expired { exp, now, .. } => {
            format!("; {}, at {}", time::expiry(*exp, *now), time::utc(*exp))
        }
        VerifyError::NotYetValid { nbf, now, .. } => format!(
            "; valid {}, from {}",
            time::relative(*nbf, *now),
            time::utc(*nbf)
        ),
        _ => String::new(),
    };
    Failure::invalid(format!("token rejected: {error}{when}"))
}

/// The token from the argument, or from standard input for `-` or no argument, trimmed.
fn read_token(arg: Option<&str>) -> Result<String, Failure> {
    let text = match arg {
        Some(token) if token != "-" => token.to_owned(),
        _ => {
            let stdin = std::io::stdin();
            if arg.is_none() && stdin.is_terminal() {
                return Err(Failure::usage(
                    "no token given: pass TOKEN, or `-` and type it, or pipe it on standard input",
                ));
            }
            let mut bytes = Vec::new();
            stdin
                .lock()
                .take(MAX_STDIN_LEN as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Failure::invalid(format!("cannot read standard input: {e}")))?;
            if bytes.len() > MAX_STDIN_LEN {
                return Err(Failure::invalid(format!(
                    "standard input holds more than {MAX_STDIN_LEN} bytes; a token is at most {MAX_TOKEN_LEN}"
                )));
            }
            String::from_utf8(bytes)
                .map_err(|_| Failure::invalid("standard input is not UTF-8 text"))?
        }
    };
    let token = text.trim();
    if token.is_empty() {
        let from = if arg.is_some_and(|a| a != "-") {
            "the TOKEN argument is empty"
        } else {
            "standard input is empty"
        };
        return Err(Failure::invalid(format!("no token given: {from}")));
    }
    Ok(token.to_owned())
}

/// The text report. Every string that came from the token is quoted or checked for control
/// characters, so that a forged token cannot write escape sequences to the terminal.
fn describe(token: &Unverified, verdict: &Verdict, now: u64, leeway: u64) -> String {
    let mut out = String::new();
    let header = token.header();
    let claims = token.claims();
    let typ = header
        .typ
        .as_deref()
        .map_or_else(|| "none".to_owned(), |t| format!("{t:?}"));
    let _ = writeln!(out, "header:     alg {:?}, typ {typ}", header.alg);
    let _ = writeln!(out, "issuer:     {}", plain(&claims.iss));
    let _ = writeln!(out, "expiry:     {}", when(&claims.exp, now, time::expiry));
    if let Some(nbf) = &claims.nbf {
        let _ = writeln!(out, "not before: {}", when(nbf, now, time::relative));
    }
    if let Some(iat) = &claims.iat {
        let _ = writeln!(out, "issued at:  {}", when(iat, now, time::relative));
    }
    if token.scopes().is_empty() {
        let _ = writeln!(out, "grants:     nothing");
    } else {
        let _ = writeln!(out, "grants:");
        for scope in token.scopes() {
            let _ = writeln!(out, "  - {scope}");
        }
    }
    for warning in token.warnings() {
        let _ = writeln!(out, "warning:    {warning}");
    }
    let _ = match verdict {
        Verdict::NotChecked => writeln!(out, "signature:  NOT verified (use --verify)"),
        Verdict::Verified => writeln!(
            out,
            "signature:  verified with TWILIO_AUTH_TOKEN; time checked (leeway {leeway}s)"
        ),
        Verdict::Rejected(error) => writeln!(out, "signature:  REJECTED: {error}"),
    };
    out
}

/// A time claim as a date and how far it is from `now`; one that is not Unix seconds as the
/// JSON the token holds (its warning says what is wrong with it).
fn when(claim: &TimeClaim, now: u64, relative: fn(u64, u64) -> String) -> String {
    match claim.seconds() {
        Some(secs) => format!("{} ({})", time::utc(secs), relative(secs, now)),
        None => format!("{claim} (not Unix seconds)"),
    }
}

/// `text` as it is when it has no control characters, else quoted and escaped.
fn plain(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) || text.is_empty() {
        Cow::Owned(format!("{text:?}"))
    } else {
        Cow::Borrowed(text)
    }
}
