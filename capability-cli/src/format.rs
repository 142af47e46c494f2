//! What the commands do differently for each format, and nothing else: which variable holds
//! the secret it verifies with, what `--as access-token` does with it, and what `mint --json`
//! says; each format signs by `Format::sign_at`. `mint`, `inspect` and `check` are written once over [`CliFormat`].

use capability::{
    Access, AccessPolicy, Capability, ClientName, ConvertError, Format, TaskRouter, Token,
};

use crate::credentials::Load;
use crate::failure::Failure;
use crate::json::Minted;

/// A format as the command line handles it: its key and secret are read by
/// [`credentials::load`](crate::credentials::load).
pub trait CliFormat: Format<Key: Load, Secret: Load> {
    /// The variable that holds the secret `inspect --verify` checks with, for its report.
    const SECRET_VAR: &'static str;

    /// What `mint --json` prints for the token.
    fn minted<'a>(token: &'a Token, policy: &'a Self::Policy, key: &Self::Key) -> Json<'a>;

    /// `--as access-token`: what makes an access policy of the policy, for a format that
    /// converts.
    const TO_ACCESS: Option<ToAccess<Self>> = None;
}

/// What `mint --json` prints, or why it cannot.
pub type Json<'a> = Result<Minted<'a>, Failure>;

/// Makes an access policy of a policy, with the `--identity` given.
pub type ToAccess<F> =
    fn(&<F as Format>::Policy, Option<ClientName>) -> Result<AccessPolicy, ConvertError>;

impl CliFormat for Capability {
    const SECRET_VAR: &'static str = "TWILIO_AUTH_TOKEN";
    const TO_ACCESS: Option<ToAccess<Self>> = Some(AccessPolicy::from_capability);

    fn minted<'a>(token: &'a Token, policy: &'a Self::Policy, _key: &Self::Key) -> Json<'a> {
        Ok(Minted::capability(token, policy))
    }
}

impl CliFormat for Access {
    const SECRET_VAR: &'static str = "TWILIO_API_SECRET";

    fn minted<'a>(token: &'a Token, policy: &'a Self::Policy, _key: &Self::Key) -> Json<'a> {
        Minted::access(token, policy)
    }
}

impl CliFormat for TaskRouter {
    const SECRET_VAR: &'static str = "TWILIO_AUTH_TOKEN";

    fn minted<'a>(token: &'a Token, policy: &'a Self::Policy, key: &Self::Key) -> Json<'a> {
        let rules = policy.rules(key.account_sid().as_str());
        Ok(Minted::taskrouter(token, &rules))
    }
}
