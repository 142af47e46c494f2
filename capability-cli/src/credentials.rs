//! Credentials for `mint` and the key for `inspect --verify`: from the environment, or from the
//! dotenv file given with `--env-file`. Never from a flag.
//!
//! Any of them may be `NAME_FILE`, the path of a file that holds the value, in either place;
//! the runtime reads the file. Every error names the variable and where it was looked for,
//! never its value.

use std::ffi::OsString;
use std::path::Path;

use capability::{ApiKey, ApiSecret, AuthToken, Credentials, CredentialsError};

use crate::dotenv::{self, EnvFile};
use crate::failure::Failure;

/// Where the variables are looked up.
enum Source<'a> {
    /// The process environment.
    Env,
    /// A dotenv file, and nothing else: what it lacks is missing even if the environment has it.
    File { path: &'a Path, vars: EnvFile },
}

impl<'a> Source<'a> {
    fn open(env_file: Option<&'a Path>) -> Result<Self, Failure> {
        match env_file {
            None => Ok(Source::Env),
            Some(path) => Ok(Source::File {
                path,
                vars: dotenv::read(path).map_err(Failure::invalid)?,
            }),
        }
    }

    fn lookup(&self, var: &str) -> Option<OsString> {
        match self {
            Source::Env => std::env::var_os(var),
            Source::File { vars, .. } => vars.get(var).map(OsString::from),
        }
    }

    /// The error as the user should read it: where the variable was looked for, and how to
    /// fix it.
    fn failure(&self, error: &CredentialsError) -> Failure {
        match (self, error) {
            (Source::Env, CredentialsError::MissingVar { var }) => {
                Failure::invalid(format!("environment variable {var} is not set")).with_help(
                    format!(
                        "set {var}, or {var}_FILE to a file that holds it, or name a dotenv file with --env-file PATH"
                    ),
                )
            }
            (Source::File { path, .. }, CredentialsError::MissingVar { var }) => Failure::invalid(
                format!("the env file {} sets neither {var} nor {var}_FILE", path.display()),
            ),
            (Source::File { path, .. }, CredentialsError::InvalidVar { var, field, rule }) => {
                Failure::invalid(format!(
                    "the env file {}: {var}: the {field} {rule}",
                    path.display()
                ))
            }
            (Source::File { path, .. }, other) => {
                Failure::invalid(format!("the env file {}: {other}", path.display()))
            }
            (Source::Env, other) => Failure::invalid(other.to_string()),
        }
    }
}

/// The account SID and auth token, for signing.
pub fn credentials(env_file: Option<&Path>) -> Result<Credentials, Failure> {
    let source = Source::open(env_file)?;
    Credentials::from_lookup(|var| source.lookup(var)).map_err(|e| source.failure(&e))
}

/// The auth token alone, for verifying: the account SID is not needed, since the token names
/// its issuer.
pub fn auth_token(env_file: Option<&Path>) -> Result<AuthToken, Failure> {
    let source = Source::open(env_file)?;
    AuthToken::from_lookup(|var| source.lookup(var)).map_err(|e| source.failure(&e))
}

/// The account SID and API key, for signing access tokens.
pub fn api_key(env_file: Option<&Path>) -> Result<ApiKey, Failure> {
    let source = Source::open(env_file)?;
    ApiKey::from_lookup(|var| source.lookup(var)).map_err(|e| source.failure(&e))
}

/// The API secret alone, for verifying access tokens.
pub fn api_secret(env_file: Option<&Path>) -> Result<ApiSecret, Failure> {
    let source = Source::open(env_file)?;
    ApiSecret::from_lookup(|var| source.lookup(var)).map_err(|e| source.failure(&e))
}
