//! What a token format is, said once: the three formats implement [`Format`], and what every
//! format's policy file does is written once over it, in [`Template`].

use std::fmt;
use std::path::Path;

use crate::toml::input::{self, Input};
use crate::toml::lower::{Lower, Rust};
use crate::toml::walk;
use crate::{
    BindError, BindProblem, Claims, Header, LoadError, MintError, PolicyFormat, SignError, Token,
    Ttl, VerifyError,
};

/// A token format: the Client capability token ([`Capability`]), the Access Token
/// ([`Access`]) or the TaskRouter capability token ([`TaskRouter`]). Sealed: the three are
/// the formats Twilio reads.
///
/// Code written once for every format takes a `Template<F>`:
///
/// ```
/// use capability::{Format, Template};
///
/// fn describe<F: Format>(template: &Template<F>) -> String {
///     let names: Vec<_> = template.inputs().iter().map(|i| i.name()).collect();
///     format!("ttl {}s, inputs {}", template.ttl(), names.join(", "))
/// }
///
/// let template = capability::AccessTemplate::from_toml_str(
///     "format = \"access-token\"\nidentity = { input = \"who\" }\n[video]\n",
/// )?;
/// assert_eq!(describe(&template), "ttl 3600s, inputs who");
/// # Ok::<(), capability::LoadError>(())
/// ```
pub trait Format: sealed::Sealed + Copy + 'static {
    /// The policy a template of this format binds to.
    type Policy;
    /// What signs its tokens: [`Credentials`](crate::Credentials) or
    /// [`ApiKey`](crate::ApiKey).
    type Key;
    /// What verifies its tokens: [`AuthToken`](crate::AuthToken) or
    /// [`ApiSecret`](crate::ApiSecret).
    type Secret: AsRef<str>;
    /// A verified token of this format.
    type Decoded;
    /// The format's name in a policy file.
    const FORMAT: PolicyFormat;

    /// A template's own fields: literal values and input slots.
    #[doc(hidden)]
    type Slots: Clone + fmt::Debug + PartialEq + Eq + Lower;

    /// Loads a policy file of this format; `origin` names it in errors.
    #[doc(hidden)]
    fn load(source: &str, origin: Option<String>) -> Result<Template<Self>, LoadError>;

    /// The policy with input `i` replaced by `values[i]`.
    #[doc(hidden)]
    fn build(template: &Template<Self>, values: &[&str]) -> Result<Self::Policy, BindProblem>;

    /// The token a [`Minter`](crate::Minter) of this format mints from.
    #[doc(hidden)]
    type Minter: MintInto<Self>;

    /// A policy's token, signed as if the time were `now` (Unix seconds): the policy's own
    /// `sign_at`, for code written once for every format.
    ///
    /// # Errors
    /// As the policy's `sign_at`.
    fn sign_at(policy: &Self::Policy, key: &Self::Key, now: u64) -> Result<Token, SignError>;

    /// A signed token's payload, read strictly: the first problem of its claims is the error.
    #[doc(hidden)]
    fn decode(header: Header, payload: &[u8]) -> Result<Self::Decoded, VerifyError>;

    /// The registered claims of a decoded token.
    #[doc(hidden)]
    fn claims(decoded: &Self::Decoded) -> &Claims;
}

/// A format's compiled token: what [`Minter`](crate::Minter) mints from. Minting is written
/// once, in `minter::mint_into`; a format gives the steps that are its own.
#[doc(hidden)]
pub trait MintInto<F: Format>: Clone {
    /// A policy's token, compiled.
    fn new(policy: &F::Policy, key: &F::Key) -> Self;

    /// A policy file's token, compiled with a slot for each input.
    fn from_template(template: &Template<F>, key: &F::Key) -> Self;

    /// What [`check_inputs`](Self::check_inputs) learns of the values that
    /// [`write`](Self::write) needs, such as their lengths.
    type Checked;

    /// What every format's compiled token has.
    fn basics(&self) -> &MintBasics;

    /// The capacity a token with these inputs needs, or 0 to let the string grow.
    fn capacity_hint(&self, _inputs: &[&str]) -> usize {
        0
    }

    /// Mints into `out`, replacing its contents, and returns `exp`: `minter::mint_into`.
    fn mint_into(&self, out: &mut String, inputs: &[&str], now: u64) -> Result<u64, MintError>;

    /// Checks the values before the clock is read: their count, their fields' rules, and the
    /// policy rules they could break.
    fn check_inputs(&self, inputs: &[&str]) -> Result<Self::Checked, MintError>;

    /// Writes the token into the empty `out`. It fails, leaving `out` empty, only for a token
    /// over [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN) at this clock.
    fn write(
        &self,
        out: &mut String,
        inputs: &[&str],
        checked: Self::Checked,
        now: u64,
        exp: u64,
    ) -> Result<(), MintError>;
}

/// What every format's compiled token has besides its bytes.
#[doc(hidden)]
#[derive(Clone)]
pub struct MintBasics {
    /// The minter's name in `Debug`.
    pub(crate) name: &'static str,
    /// The inputs it takes, in order.
    pub(crate) inputs: Vec<Input>,
    /// The lifetime of its tokens.
    pub(crate) ttl: Ttl,
    /// A policy that cannot be signed, such as a macro policy's run-time value that breaks a
    /// rule: every mint fails with it.
    pub(crate) deferred: Option<SignError>,
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Capability {}
    impl Sealed for super::Access {}
    impl Sealed for super::TaskRouter {}
}

/// The Twilio Client 1.x capability token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capability {}

/// The Access Token of Twilio's current SDKs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {}

/// The TaskRouter capability token of TaskRouter.js v1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskRouter {}

/// A policy file of format `F`, loaded: [`CapabilityTemplate`](crate::CapabilityTemplate),
/// [`AccessTemplate`](crate::AccessTemplate) or [`TaskRouterTemplate`](crate::TaskRouterTemplate).
/// [`PolicyFile`](crate::PolicyFile) loads a file of any format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template<F: Format> {
    pub(crate) slots: F::Slots,
    pub(crate) ttl: Ttl,
    pub(crate) inputs: Vec<Input>,
}

impl<F: Format> Template<F> {
    /// Loads a policy of this format from TOML text.
    ///
    /// # Errors
    /// A [`LoadError`] with every error found, each with its line and column; a file of
    /// another format is one of them.
    pub fn from_toml_str(source: &str) -> Result<Self, LoadError> {
        F::load(source, None)
    }

    /// Loads a policy file of this format. Errors name the file. A file over
    /// [`MAX_POLICY_LEN`](crate::MAX_POLICY_LEN) is refused before it is read whole.
    ///
    /// # Errors
    /// A [`LoadError`]: the file cannot be read, is too large, or breaks the schema or a rule.
    pub fn from_toml_file(path: impl AsRef<Path>) -> Result<Self, LoadError> {
        let path = path.as_ref();
        let source = walk::read_file(path)?;
        F::load(&source, Some(path.display().to_string()))
    }

    /// The inputs the policy asks for, in the order they first appear.
    pub fn inputs(&self) -> &[Input] {
        &self.inputs
    }

    /// The lifetime of tokens made from this policy.
    pub fn ttl(&self) -> Ttl {
        self.ttl
    }

    /// The same policy with another lifetime.
    #[must_use]
    pub fn with_ttl(mut self, ttl: Ttl) -> Self {
        self.ttl = ttl;
        self
    }

    /// Supplies the inputs and makes the policy.
    ///
    /// # Errors
    /// A [`BindError`] that lists every input that is missing, unknown or given twice, every
    /// value that breaks its field's rule and, once those are right, a policy-level rule the
    /// values break.
    pub fn bind<K: AsRef<str>, V: AsRef<str>>(
        &self,
        inputs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<F::Policy, BindError> {
        let inputs: Vec<(K, V)> = inputs.into_iter().collect();
        let values = input::values(&self.inputs, &inputs)?;
        self.build_checked(&values)
    }

    /// The policy with input `i` replaced by `values[i]`: the values' count and rules are
    /// checked as [`bind`](Self::bind) checks them.
    pub(crate) fn bind_values(&self, values: &[&str]) -> Result<F::Policy, BindError> {
        input::check_positional(&self.inputs, values)?;
        self.build_checked(values)
    }

    /// The policy from values that have passed their fields' rules: what is left to break is
    /// a rule of the policy.
    fn build_checked(&self, values: &[&str]) -> Result<F::Policy, BindError> {
        F::build(self, values).map_err(|problem| BindError::new(vec![problem]))
    }
}

impl<F: Format> Lower for Template<F> {
    fn lower(&self, out: &mut Rust) {
        let [format, ..] = F::FORMAT.type_names();
        out.path("template::<").path(format).raw(">(");
        out.value(&self.slots).raw(", ").value(&self.ttl).raw(", ");
        out.value(&self.inputs).raw(")");
    }
}
