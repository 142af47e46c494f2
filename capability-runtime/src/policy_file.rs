//! A policy file of any format: `format` says which, [`PolicyFile`] loads it, and
//! [`PolicyFile::visit`] runs code written once over [`Format`] on it.

use std::path::Path;

use crate::toml::format::PolicyFormat;
use crate::toml::walk;
use crate::{
    Access, AccessTemplate, Capability, CapabilityTemplate, Format, Input, LoadError, TaskRouter,
    TaskRouterTemplate, Template, Ttl, access, capability, taskrouter,
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
///
/// To have the compiler read a file instead, with a struct's fields as its inputs, derive
/// `PolicyFile` (the derive of the same name in `capability`) on the struct:
///
/// ```
/// use capability::{ClientName, PolicyFile};
///
/// #[derive(PolicyFile)]
/// #[policy(file = "../examples/policies/voice_agent.toml")] // relative to CARGO_MANIFEST_DIR
/// struct VoiceAgent<'a> {
///     identity: ClientName,
///     team: &'a str,
/// }
///
/// let agent = VoiceAgent { identity: "alice".parse()?, team: "billing" };
/// let policy = agent.policy()?;
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
    /// The lifetime of tokens made from this policy.
    pub fn ttl(&self) -> Ttl {
        match self {
            PolicyFile::Capability(t) => t.ttl(),
            PolicyFile::Access(t) => t.ttl(),
            PolicyFile::TaskRouter(t) => t.ttl(),
        }
    }

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

    /// Runs `visitor` on the file's template, whatever its format: the one place that
    /// matches on the format, so that code for any policy file is written once, as a
    /// [`TemplateVisitor`].
    pub fn visit<V, O>(self, visitor: V) -> O
    where
        V: TemplateVisitor<Capability, Output = O>
            + TemplateVisitor<Access, Output = O>
            + TemplateVisitor<TaskRouter, Output = O>,
    {
        match self {
            PolicyFile::Capability(t) => visitor.visit(t),
            PolicyFile::Access(t) => visitor.visit(*t),
            PolicyFile::TaskRouter(t) => visitor.visit(*t),
        }
    }
}

/// Code that [`PolicyFile::visit`] runs on a template of format `F`. Implement it once, for
/// every `F` that meets the bounds the code needs: [`Format`] alone, or a trait of your own
/// that the three formats implement, for what differs between them (such as which key signs).
///
/// A service that mints from any policy file, with the key of its format:
///
/// ```
/// use capability::{
///     Access, ApiKey, Capability, Credentials, Format, Minter, PolicyFile, TaskRouter,
///     Template, TemplateVisitor,
/// };
///
/// struct Keys {
///     credentials: Credentials,
///     api_key: ApiKey,
/// }
///
/// /// Which of the keys signs each format's tokens.
/// trait KeyOf: Format {
///     fn key(keys: &Keys) -> &Self::Key;
/// }
/// impl KeyOf for Capability {
///     fn key(keys: &Keys) -> &Credentials { &keys.credentials }
/// }
/// impl KeyOf for Access {
///     fn key(keys: &Keys) -> &ApiKey { &keys.api_key }
/// }
/// impl KeyOf for TaskRouter {
///     fn key(keys: &Keys) -> &Credentials { &keys.credentials }
/// }
///
/// /// A policy file's minter, compiled once at start-up.
/// struct Compile<'a>(&'a Keys);
///
/// impl<F: KeyOf> TemplateVisitor<F> for Compile<'_> {
///     type Output = Box<dyn Fn(&[&str], u64) -> Result<String, capability::MintError>>;
///
///     fn visit(self, template: Template<F>) -> Self::Output {
///         let minter = Minter::from_template(&template, F::key(self.0));
///         Box::new(move |inputs, now| Ok(minter.mint_at(inputs, now)?.as_str().to_owned()))
///     }
/// }
///
/// let keys = Keys {
///     credentials: Credentials::new(
///         "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
///         "0123456789abcdef0123456789abcdef",
///     )?,
///     api_key: ApiKey::new(
///         "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
///         "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
///         "goldenvectorsecret0123456789abcd",
///     )?,
/// };
/// let file = PolicyFile::from_toml_str(
///     "format = \"access-token\"\nidentity = { input = \"who\" }\n[video]\n",
/// )?;
/// let mint = file.visit(Compile(&keys));
/// let token = mint(&["alice"], 1_700_000_000)?;
/// assert_eq!(capability::inspect(&token)?.claims().iss, "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait TemplateVisitor<F: Format> {
    /// What the code gives back; the same for every format.
    type Output;

    /// Runs on the template.
    fn visit(self, template: Template<F>) -> Self::Output;
}

pub(crate) fn load(source: &str, origin: Option<String>) -> Result<PolicyFile, LoadError> {
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
