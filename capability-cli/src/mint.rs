//! `capability mint`: load a policy file, bind its inputs, sign, print the token.

use capability::BindProblem;

use crate::cli::MintArgs;
use crate::failure::{Code, Failure};
use crate::{credentials, json, output, policy_file, time};

/// Runs `mint`. The output is byte for byte what `Policy::sign_at` gives for the same policy,
/// inputs, credentials and time.
pub fn run(args: &MintArgs) -> Result<(), Failure> {
    let path = args.policy.display();
    let template = policy_file::load(&args.policy).map_err(|rendered| {
        output::eprint(&rendered);
        Failure::reported(Code::Invalid)
    })?;
    let template = match args.ttl {
        Some(ttl) => template.with_ttl(ttl),
        None => template,
    };
    let inputs = args.inputs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let policy = template.bind(inputs).map_err(|e| {
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
        } else if template.inputs().is_empty() {
            failure.with_help(format!("{path} takes no inputs"))
        } else {
            failure.with_help(format!(
                "{path} takes {}",
                policy_file::input_flags(&template)
            ))
        }
    })?;
    let creds = credentials::credentials(args.env_file.as_deref())?;
    let now = match args.now {
        Some(now) => now,
        None => time::system_now()?,
    };
    let token = policy
        .sign_at(&creds, now)
        .map_err(|e| Failure::invalid(e.to_string()))?;
    if args.json {
        let scopes = policy.scopes();
        output::print(&json::line(&json::Minted {
            token: token.as_str(),
            expires_at: token.expires_at(),
            scopes: json::scopes(&scopes),
        })?)
    } else {
        output::line(token.as_str())
    }
}
