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

/// A key or secret the commands read: [`Credentials`] or [`ApiKey`] to sign, [`AuthToken`] or
/// [`ApiSecret`] to verify (the account SID is not needed, since a token names its issuer).
pub trait Load: Sized {
    /// Reads it through `lookup`, as the runtime's `from_lookup` does.
    fn from_lookup(
        lookup: impl FnMut(&'static str) -> Option<OsString>,
    ) -> Result<Self, CredentialsError>;
}

macro_rules! load_with_from_lookup {
    ($($ty:ty),*) => {$(
        impl Load for $ty {
            fn from_lookup(
                lookup: impl FnMut(&'static str) -> Option<OsString>,
            ) -> Result<Self, CredentialsError> {
                <$ty>::from_lookup(lookup)
            }
        }
    )*};
}

load_with_from_lookup!(Credentials, AuthToken, ApiKey, ApiSecret);

/// A key or secret, from the environment or from the `--env-file`.
pub fn load<T: Load>(env_file: Option<&Path>) -> Result<T, Failure> {
    let source = Source::open(env_file)?;
    T::from_lookup(|var| source.lookup(var)).map_err(|e| source.failure(&e))
}
