//! `capability mint`: load a policy file, bind its inputs, sign, print the token.

use capability::{AccessPolicy, BindError, BindProblem, ClientName, Input, PolicyFile};

use crate::cli::MintArgs;
use crate::failure::{Code, Failure};
use crate::{credentials, json, output, policy_file, stderr, time};

/// Runs `mint`. The output is byte for byte what `CapabilityPolicy::sign_at` (or `AccessPolicy::sign_at`)
/// gives for the same policy, inputs, credentials and time.
pub fn run(args: &MintArgs) -> Result<(), Failure> {
    let path = args.policy.display().to_string();
    // A flag's value breaks a rule as a policy value does: exit 1, with the same message.
    let ttl = args
        .ttl
        .as_ref()
        .map(|n| n.ttl().map_err(|e| Failure::invalid(format!("--ttl: {e}"))))
        .transpose()?;
    let identity = args
        .identity
        .as_deref()
        .map(|name| {
            name.parse::<ClientName>()
                .map_err(|e| Failure::invalid(format!("--identity: {e}")))
        })
        .transpose()?;
    let file = policy_file::load(&args.policy).map_err(|rendered| {
        stderr::eprint(&rendered);
        Failure::reported(Code::Invalid)
    })?;
    let inputs: Vec<(&str, &str)> = args
        .inputs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let access = match (file, args.as_format.as_deref()) {
        (PolicyFile::Capability(template), as_format) => {
            let template = match ttl {
                Some(ttl) => template.with_ttl(ttl),
                None => template,
            };
            let policy = template
                .bind(inputs)
                .map_err(|e| bind_failure(&path, &e, template.inputs()))?;
            if as_format.is_none() {
                let creds = credentials::credentials(args.env_file.as_deref())?;
                let now = now(args)?;
                let token = policy
                    .sign_at(&creds, now)
                    .map_err(|e| Failure::invalid(e.to_string()))?;
                return print(args, &json::Minted::capability(&token, &policy));
            }
            AccessPolicy::from_capability(&policy, identity).map_err(|e| {
                Failure::invalid(format!("{path}: cannot sign as an access token: {e}"))
            })?
        }
        (PolicyFile::Access(template), None) => {
            let template = match ttl {
                Some(ttl) => template.with_ttl(ttl),
                None => *template,
            };
            template
                .bind(inputs)
                .map_err(|e| bind_failure(&path, &e, template.inputs()))?
        }
        (PolicyFile::TaskRouter(template), None) => {
            let template = match ttl {
                Some(ttl) => template.with_ttl(ttl),
                None => *template,
            };
            let policy = template
                .bind(inputs)
                .map_err(|e| bind_failure(&path, &e, template.inputs()))?;
            let creds = credentials::credentials(args.env_file.as_deref())?;
            let token = policy
                .sign_at(&creds, now(args)?)
                .map_err(|e| Failure::invalid(e.to_string()))?;
            let rules = policy.rules(creds.account_sid().as_str());
            return print(args, &json::Minted::taskrouter(&token, &rules));
        }
        (PolicyFile::Access(_) | PolicyFile::TaskRouter(_), Some(format)) => {
            return Err(Failure::usage(format!(
                "{path} is not a capability policy: --as {format} converts capability policies"
            )));
        }
        (_, _) => {
            return Err(Failure::invalid(format!(
                "{path}: a policy format this command does not mint"
            )));
        }
    };
    let key = credentials::api_key(args.env_file.as_deref())?;
    let token = access
        .sign_at(&key, now(args)?)
        .map_err(|e| Failure::invalid(e.to_string()))?;
    print(args, &json::Minted::access(&token, &access)?)
}

fn now(args: &MintArgs) -> Result<u64, Failure> {
    match args.now {
        Some(now) => Ok(now),
        None => time::system_now(),
    }
}

/// The token on one line, or the `--json` report.
fn print(args: &MintArgs, minted: &json::Minted<'_>) -> Result<(), Failure> {
    if args.json {
        output::print(&json::line(minted)?)
    } else {
        output::line(minted.token)
    }
}

/// Every binding problem, with a hint of the inputs the file takes when names were wrong.
fn bind_failure(path: &str, e: &BindError, inputs: &[Input]) -> Failure {
    let messages = e
        .problems()
        .iter()
        .map(|p| format!("{path}: {p}"))
        .collect();
    let failure = Failure::invalid_all(messages);
    let names_wrong = e
        .problems()
        .iter()
        .any(|p| matches!(p, BindProblem::Missing { .. } | BindProblem::Unknown { .. }));
    if !names_wrong {
        failure
    } else if inputs.is_empty() {
        failure.with_help(format!("{path} takes no inputs"))
    } else {
        failure.with_help(format!("{path} takes {}", policy_file::input_flags(inputs)))
    }
}
