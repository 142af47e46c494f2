//! `capability mint`: load a policy file, bind its inputs, sign, print the token.

use capability::{
    Access, BindError, BindProblem, ClientName, Input, Template, TemplateVisitor, Ttl,
};

use crate::cli::MintArgs;
use crate::failure::{Code, Failure};
use crate::format::CliFormat;
use crate::{credentials, json, output, policy_file, stderr, time};

/// Runs `mint`. The output is byte for byte what the policy's `sign_at` gives for the same
/// policy, inputs, credentials and time.
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
    let inputs = args
        .inputs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    file.visit(Mint {
        args,
        path: &path,
        ttl,
        identity,
        inputs,
    })
}

/// `mint` once its flags are read: the steps every format takes.
struct Mint<'a> {
    args: &'a MintArgs,
    path: &'a str,
    ttl: Option<Ttl>,
    identity: Option<ClientName>,
    inputs: Vec<(&'a str, &'a str)>,
}

impl<F: CliFormat> TemplateVisitor<F> for Mint<'_> {
    type Output = Result<(), Failure>;

    fn visit(self, template: Template<F>) -> Result<(), Failure> {
        let path = self.path;
        let convert = match (self.args.as_format.as_deref(), F::TO_ACCESS) {
            (None, _) => None,
            (Some(_), Some(convert)) => Some(convert),
            (Some(format), None) => {
                return Err(Failure::usage(format!(
                    "{path} is not a capability policy: --as {format} converts capability policies"
                )));
            }
        };
        let template = match self.ttl {
            Some(ttl) => template.with_ttl(ttl),
            None => template,
        };
        let policy = template
            .bind(self.inputs)
            .map_err(|e| bind_failure(path, &e, template.inputs()))?;
        let Some(convert) = convert else {
            return sign::<F>(self.args, &policy);
        };
        let access = convert(&policy, self.identity).map_err(|e| {
            Failure::invalid(format!("{path}: cannot sign as an access token: {e}"))
        })?;
        sign::<Access>(self.args, &access)
    }
}

/// Signs with the key of the format and prints the token.
fn sign<F: CliFormat>(args: &MintArgs, policy: &F::Policy) -> Result<(), Failure> {
    let key: F::Key = credentials::load(args.env_file.as_deref())?;
    let token =
        F::sign_at(policy, &key, now(args)?).map_err(|e| Failure::invalid(e.to_string()))?;
    print(args, &F::minted(&token, policy, &key)?)
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
