//! A policy file of any format: `format` says which, and [`PolicyFile`] loads it.

use std::path::Path;

use crate::toml::format::PolicyFormat;
use crate::toml::walk;
use crate::{
    AccessTemplate, CapabilityTemplate, Input, LoadError, TaskRouterTemplate, access, capability,
    taskrouter,
};

/// A policy file of any format, loaded by what its `format` key says.
///
/// [`policy_schema`](crate::policy_schema) (`capability schema`) is the JSON Schema of these
/// files, for editors. A first line `#:schema PATH` is a comment to the loader; a root
/// `"$schema"` key is refused, as every unknown key is.
///
/// ```
/// use capability::{PolicyFile, PolicyFormat};
///
/// let file = PolicyFile::from_toml_str(r#"
///     format = "access-token"
///     identity = { input = "identity" }
///     [voice]
///     incoming = true
/// "#)?;
/// assert_eq!(file.format(), PolicyFormat::AccessToken);
/// let PolicyFile::Access(template) = file else { unreachable!() };
/// let policy = template.bind([("identity", "alice")])?;
/// assert_eq!(policy.identity().as_str(), "alice");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PolicyFile {
    /// A capability policy.
    Capability(CapabilityTemplate),
    /// An access-token policy (boxed: it is the larger).
    Access(Box<AccessTemplate>),
    /// A TaskRouter policy.
    TaskRouter(Box<TaskRouterTemplate>),
}

impl PolicyFile {
    /// Loads a policy of any format from TOML text.
    ///
    /// # Errors
    /// A [`LoadError`] with every error found, each with its line and column.
    pub fn from_toml_str(source: &str) -> Result<PolicyFile, LoadError> {
        load(source, None)
    }

    /// Loads a policy file of any format. Errors name the file.
    ///
    /// # Errors
    /// As [`CapabilityTemplate::from_toml_file`].
    pub fn from_toml_file(path: impl AsRef<Path>) -> Result<PolicyFile, LoadError> {
        let path = path.as_ref();
        let source = walk::read_file(path)?;
        load(&source, Some(path.display().to_string()))
    }

    /// The file's format.
    pub fn format(&self) -> PolicyFormat {
        match self {
            PolicyFile::Capability(_) => PolicyFormat::Capability,
            PolicyFile::Access(_) => PolicyFormat::AccessToken,
            PolicyFile::TaskRouter(_) => PolicyFormat::TaskRouter,
        }
    }

    /// The inputs the policy asks for, in the order they first appear.
    pub fn inputs(&self) -> &[Input] {
        match self {
            PolicyFile::Capability(t) => t.inputs(),
            PolicyFile::Access(t) => t.inputs(),
            PolicyFile::TaskRouter(t) => t.inputs(),
        }
    }
}

fn load(source: &str, origin: Option<String>) -> Result<PolicyFile, LoadError> {
    walk::walk(source, origin, |w, root| match w.format(root, None) {
        Some(PolicyFormat::AccessToken) => {
            PolicyFile::Access(Box::new(access::load::read(w, root)))
        }
        Some(PolicyFormat::TaskRouter) => {
            PolicyFile::TaskRouter(Box::new(taskrouter::load::read(w, root)))
        }
        // An unreadable `format` is reported; the rest is read as a capability policy, so
        // that its errors are reported too.
        Some(PolicyFormat::Capability) | None => {
            PolicyFile::Capability(capability::load::read(w, root))
        }
    })
}
