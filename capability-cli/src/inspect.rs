//! `capability inspect`: decode a token, say what it grants and when it expires, and with
//! `--verify` check its signature and time.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{IsTerminal as _, Read as _};
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use capability::{
    Access, Capability, Decoded, MAX_TOKEN_LEN, TaskRouter, TimeClaim, TokenKind, Unverified,
    Verifier, VerifyError, inspect,
};
use serde_json::Value;

use crate::cli::InspectArgs;
use crate::failure::Failure;
use crate::format::CliFormat;
use crate::{credentials, grants, json, output, time};

/// How much of standard input is read: a token, with room for whitespace around it.
const MAX_STDIN_LEN: usize = 4 * MAX_TOKEN_LEN;

/// What `--verify` found.
enum Verdict {
    /// No `--verify`.
    NotChecked,
    /// The signature and the time are good, checked with the secret this variable holds.
    Verified(&'static str),
    /// The token was decoded, but is rejected for this reason.
    Rejected(VerifyError),
}

/// Runs `inspect`. The report is of what the token says, decoded by `inspect` whether or not
/// it verifies, with its warnings. With `--verify`, the token is checked with the key of its
/// format; one that fails is still shown, marked as failed, when it can be decoded, and the
/// command exits 1. A warning alone never fails it.
pub fn run(args: &InspectArgs) -> Result<(), Failure> {
    let token = read_token(args.token.as_deref())?;
    let now = match args.now {
        Some(now) => now,
        None => time::system_now()?,
    };
    let leeway = args.leeway.unwrap_or(0);
    let inspected = inspect(&token);
    // A token that cannot be read is verified as a capability token, for verify's reason.
    let kind = inspected
        .as_ref()
        .map_or(TokenKind::Capability, Unverified::kind);
    let env_file = args.env_file.as_deref();
    let verdict = match (args.verify, kind) {
        (false, _) => Verdict::NotChecked,
        (true, TokenKind::Access) => verify::<Access>(&token, env_file, now, leeway)?,
        (true, TokenKind::TaskRouter) => verify::<TaskRouter>(&token, env_file, now, leeway)?,
        (true, _) => verify::<Capability>(&token, env_file, now, leeway)?,
    };
    let unverified = match (inspected, &verdict) {
        (Ok(unverified), _) => unverified,
        (Err(_), Verdict::Rejected(error)) => return Err(rejected(error)),
        (Err(e), _) => return Err(Failure::invalid(format!("cannot read the token: {e}"))),
    };
    let verified = match verdict {
        Verdict::NotChecked => None,
        Verdict::Verified(_) => Some(true),
        Verdict::Rejected(_) => Some(false),
    };
    let report = json::Report {
        verified,
        warnings: (unverified.warnings().iter())
            .map(ToString::to_string)
            .collect(),
    };
    let text = match (unverified.decoded(), args.json) {
        (Decoded::Access(access), true) => report.line(
            "access_token",
            raw_header(&token),
            json::AccessClaimsJson::from(access.as_ref()),
            json::AccessJson {
                grants: &access.raw_grants(),
            },
        )?,
        (Decoded::TaskRouter(tr), true) => report.line(
            "taskrouter",
            raw_header(&token),
            json::ClaimsJson::from(unverified.claims()),
            json::TaskRouterJson {
                channel: &tr.channel,
                workspace_sid: &tr.workspace_sid,
                worker_sid: tr.worker_sid.as_deref(),
                taskqueue_sid: tr.taskqueue_sid.as_deref(),
                policies: &tr.raw_policies(),
            },
        )?,
        (_, true) => report.line(
            "capability",
            json::HeaderJson::from(unverified.header()),
            json::ClaimsJson::from(unverified.claims()),
            json::CapabilityJson {
                scopes: json::scopes(unverified.scopes()),
            },
        )?,
        (_, false) => describe(&unverified, &verdict, now, leeway),
    };
    output::print(&text)?;
    match verdict {
        Verdict::Rejected(error) => Err(rejected(&error)),
        Verdict::NotChecked | Verdict::Verified(_) => Ok(()),
    }
}

/// `--verify`: the token checked with the secret of format `F`.
fn verify<F: CliFormat>(
    token: &str,
    env_file: Option<&Path>,
    now: u64,
    leeway: u64,
) -> Result<Verdict, Failure> {
    let secret: F::Secret = credentials::load(env_file)?;
    Ok(
        match Verifier::<F>::new(&secret).verify(token, now, leeway) {
            Ok(_) => Verdict::Verified(F::SECRET_VAR),
            Err(error) => Verdict::Rejected(error),
        },
    )
}

/// The token's header object as decoded. `inspect` has read it, so it decodes.
fn raw_header(token: &str) -> Value {
    let header = token.split('.').next().unwrap_or_default();
    URL_SAFE_NO_PAD
        .decode(header)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or(Value::Null)
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
    let quoted = |text: &Option<String>| {
        text.as_deref()
            .map_or_else(|| "none".to_owned(), |t| format!("{t:?}"))
    };
    let _ = write!(
        out,
        "header:     alg {:?}, typ {}",
        header.alg,
        quoted(&header.typ)
    );
    if header.cty.is_some() {
        let _ = write!(out, ", cty {}", quoted(&header.cty));
    }
    if header.twr.is_some() {
        let _ = write!(out, ", region {}", quoted(&header.twr));
    }
    out.push('\n');
    let access = match token.decoded() {
        Decoded::Access(access) => Some(access),
        _ => None,
    };
    let _ = writeln!(out, "issuer:     {}", plain(&claims.iss));
    if let Some(access) = access {
        let _ = writeln!(out, "account:    {}", plain(&access.sub));
        let _ = writeln!(out, "identity:   {}", plain(&access.identity));
    }
    let _ = writeln!(out, "expiry:     {}", when(&claims.exp, now, time::expiry));
    if let Some(nbf) = &claims.nbf {
        let _ = writeln!(out, "not before: {}", when(nbf, now, time::relative));
    }
    if let Some(iat) = &claims.iat {
        let _ = writeln!(out, "issued at:  {}", when(iat, now, time::relative));
    }
    if let Decoded::TaskRouter(tr) = token.decoded() {
        let _ = writeln!(out, "workspace:  {}", plain(&tr.workspace_sid));
        let _ = writeln!(out, "channel:    {}", plain(&tr.channel));
    }
    let grants: Vec<String> = match token.decoded() {
        Decoded::Access(access) => grants::describe(&access.grants),
        Decoded::TaskRouter(tr) => tr.policies.iter().map(grants::describe_rule).collect(),
        _ => token.scopes().iter().map(ToString::to_string).collect(),
    };
    let label = match token.kind() {
        TokenKind::TaskRouter => "policies:",
        _ => "grants:",
    };
    if grants.is_empty() {
        let _ = writeln!(out, "{label:<11} nothing");
    } else {
        let _ = writeln!(out, "{label}");
        for grant in grants {
            let _ = writeln!(out, "  - {grant}");
        }
    }
    for warning in token.warnings() {
        let _ = writeln!(out, "warning:    {warning}");
    }
    let _ = match verdict {
        Verdict::NotChecked => writeln!(out, "signature:  NOT verified (use --verify)"),
        Verdict::Verified(key) => writeln!(
            out,
            "signature:  verified with {key}; time checked (leeway {leeway}s)"
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
