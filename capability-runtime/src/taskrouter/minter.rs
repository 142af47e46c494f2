//! `TaskRouterMinter`: a TaskRouter signer precompiled from a policy (or a policy file with
//! inputs) and credentials, for minting on every request.

use crate::format::{MintBasics, MintInto};
use crate::jwt::compiled::{Compiled, Raw, grown_len, raw, slots};
use crate::jwt::layout::{Piece, literal_len};
use crate::jwt::token::{self, SignError, token_len};
use crate::minter;
use crate::taskrouter::template::{self, ChannelSlot, TaskRouterTemplate};
use crate::toml::input::{self, Slot};
use crate::{
    BindError, BindProblem, Credentials, Input, MintError, Minter, TaskRouter, TaskRouterPolicy,
    Ttl,
};

/// `{"typ":"JWT","alg":"HS256"}`, the header of TaskRouter tokens.
const HEADER: &str = r#"{"typ":"JWT","alg":"HS256"}"#;

/// A signer built once from a TaskRouter policy (or a policy file with inputs) and
/// credentials, that mints tokens byte for byte equal to [`TaskRouterPolicy::sign_at`], with
/// the header and every static part of the payload encoded and hashed once.
///
/// ```
/// use capability::{Credentials, TaskRouterMinter, TaskRouterTemplate};
///
/// let template = TaskRouterTemplate::from_toml_str(r#"
///     format = "taskrouter"
///     workspace_sid = "WS11111111111111111111111111111111"
///     [worker]
///     sid = { input = "worker_sid" }
///     activity_updates = true
/// "#)?;
/// let creds = Credentials::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0123456789abcdef0123456789abcdef")?;
/// let minter = TaskRouterMinter::from_template(&template, &creds);
/// let worker = "WK22222222222222222222222222222222";
/// let token = minter.mint_at(&[worker], 1_700_000_000)?;
/// let same = template.bind([("worker_sid", worker)])?.sign_at(&creds, 1_700_000_000)?;
/// assert_eq!(token, same);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type TaskRouterMinter = Minter<TaskRouter>;

/// What a [`TaskRouterMinter`] mints from: the token compiled for this format.
#[derive(Clone)]
pub struct CompiledTaskRouter {
    token: Compiled,
    basics: MintBasics,
    /// The literal bytes of the payload up to `"exp":`.
    payload_len: usize,
    slots: Vec<usize>,
    /// A template whose inputs could make two policies equal: binding it checks them, for
    /// this account.
    template: Option<(TaskRouterTemplate, String)>,
}

impl CompiledTaskRouter {
    fn build(
        payload: Vec<Piece<String>>,
        inputs: Vec<Input>,
        ttl: Ttl,
        creds: &Credentials,
    ) -> CompiledTaskRouter {
        let (payload_len, slots) = (literal_len(&payload), slots(&payload, inputs.len()));
        let mut pieces: Vec<Raw> = raw(payload).collect();
        pieces.extend([Raw::Exp, Raw::Lit("}".to_owned())]);
        let key = creds.auth_token().expose_secret().as_bytes();
        CompiledTaskRouter {
            token: Compiled::new(key, vec![Raw::Lit(HEADER.to_owned())], pieces),
            basics: MintBasics {
                name: "TaskRouterMinter",
                inputs,
                ttl,
                deferred: None,
            },
            payload_len,
            slots,
            template: None,
        }
    }
}

impl MintInto<TaskRouter> for CompiledTaskRouter {
    /// A minter for a policy with no inputs.
    fn new(policy: &TaskRouterPolicy, creds: &Credentials) -> CompiledTaskRouter {
        let account = creds.account_sid().as_str();
        let payload = vec![Piece::Lit(policy.payload(account))];
        let mut minter = Self::build(payload, Vec::new(), policy.ttl(), creds);
        // A `taskrouter!` policy's run-time rule break, or one these credentials bring.
        let deferred = (policy.deferred.clone()).or_else(|| policy.check_account(account).err());
        minter.basics.deferred = deferred.map(SignError::Policy);
        minter
    }

    /// A minter for a policy file; [`mint_at`](Self::mint_at) takes the values of
    /// [`inputs`](Self::inputs), in order.
    fn from_template(template: &TaskRouterTemplate, creds: &Credentials) -> CompiledTaskRouter {
        let account = creds.account_sid().as_str();
        let payload = template.layout(account);
        let inputs = template.inputs().to_vec();
        let mut minter = Self::build(payload, inputs, template.ttl(), creds);
        if template.slots.policies.is_empty() {
            return minter;
        }
        if template.inputs().is_empty() {
            // The policy is known now: whether these credentials can sign it, too.
            let deferred = match template::build(template, &[]) {
                Ok(policy) => policy.check_account(account).err(),
                Err(BindProblem::Policy(e)) => Some(e),
                Err(_) => None,
            };
            minter.basics.deferred = deferred.map(SignError::Policy);
            return minter;
        }
        // Inputs in a policy's URL, or in the SIDs of the default policies' URLs, could make a
        // custom policy equal to another: such a template is bound to be checked.
        let input_url = template
            .slots
            .policies
            .iter()
            .any(|p| matches!(p.url, Slot::Input(_)));
        let input_sid = matches!(template.slots.workspace, Some(Slot::Input(_)))
            || matches!(
                template.slots.channel,
                Some(ChannelSlot::Worker(Slot::Input(_)) | ChannelSlot::TaskQueue(Slot::Input(_)))
            );
        if input_url || input_sid {
            minter.template = Some((template.clone(), account.to_owned()));
        }
        minter
    }

    type Checked = ();

    fn basics(&self) -> &MintBasics {
        &self.basics
    }

    fn mint_into(&self, out: &mut String, inputs: &[&str], now: u64) -> Result<u64, MintError> {
        minter::mint_into(self, out, inputs, now)
    }

    #[inline]
    fn check_inputs(&self, inputs: &[&str]) -> Result<(), MintError> {
        input::check_positional(&self.basics.inputs, inputs)?;
        if let Some((template, account)) = &self.template {
            let policy = template::build(template, inputs)
                .map_err(|problem| BindError::new(vec![problem]))?;
            policy.check_account(account).map_err(SignError::Policy)?;
        }
        Ok(())
    }

    #[inline]
    fn write(
        &self,
        out: &mut String,
        inputs: &[&str],
        (): (),
        now: u64,
        exp: u64,
    ) -> Result<(), MintError> {
        let payload = grown_len(self.payload_len, inputs, &self.slots);
        let digits = exp.checked_ilog10().map_or(1, |d| d as usize + 1);
        let len = token_len(payload.saturating_add(digits + 1));
        token::check_len(len)?;
        out.reserve(len);
        self.token.mint_into(out, inputs, now, exp);
        Ok(())
    }
}
