//! What the minters of every format share: [`Minter`], written once over each format's
//! compiled token.

use std::fmt;

use crate::format::MintInto;
use crate::jwt::token::{self, unix_now};
use crate::{Format, Input, MintError, Template, Token};

/// A signer built once from a policy (or a policy file with inputs) and its format's key, that
/// mints tokens byte for byte equal to the policy's `sign_at` with less work:
/// [`CapabilityMinter`](crate::CapabilityMinter), [`AccessMinter`](crate::AccessMinter) or
/// [`TaskRouterMinter`](crate::TaskRouterMinter).
#[derive(Clone)]
pub struct Minter<F: Format> {
    compiled: F::Minter,
}

impl<F: Format> Minter<F> {
    /// A minter for a policy with no inputs.
    pub fn new(policy: &F::Policy, key: &F::Key) -> Self {
        Minter {
            compiled: F::Minter::new(policy, key),
        }
    }

    /// A minter for a policy file; [`mint_at`](Self::mint_at) takes the values of
    /// [`inputs`](Self::inputs), in order.
    pub fn from_template(template: &Template<F>, key: &F::Key) -> Self {
        Minter {
            compiled: F::Minter::from_template(template, key),
        }
    }

    /// The inputs [`mint_at`](Self::mint_at) takes, in order.
    pub fn inputs(&self) -> &[Input] {
        &self.compiled.basics().inputs
    }

    /// Mints a token as if the time were `now`, with `inputs[i]` the value of
    /// [`inputs()[i]`](Self::inputs).
    ///
    /// # Errors
    /// [`MintError::Inputs`], as the template's `bind` reports it, when the number of values is
    /// wrong, a value breaks its field's rule, or the values break a policy rule (such as a
    /// token that could be over [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN)); [`MintError::Sign`]
    /// when `now + ttl` overflows, or a run-time value of a macro's policy broke a rule.
    pub fn mint_at(&self, inputs: &[&str], now: u64) -> Result<Token, MintError> {
        let mut text = String::with_capacity(self.compiled.capacity_hint(inputs));
        let expires_at = self.mint_into(&mut text, inputs, now)?;
        Ok(Token::from_parts(text, expires_at))
    }

    /// Mints by the system clock.
    ///
    /// # Errors
    /// As [`mint_at`](Self::mint_at), and
    /// [`SignError::ClockBeforeEpoch`](crate::SignError::ClockBeforeEpoch).
    pub fn mint(&self, inputs: &[&str]) -> Result<Token, MintError> {
        self.mint_at(inputs, unix_now()?)
    }

    /// Mints into `out`, replacing its contents, and returns `exp`. Once `out` has the
    /// capacity for a token, this allocates nothing.
    ///
    /// # Errors
    /// As [`mint_at`](Self::mint_at). On error, `out` is left empty.
    pub fn mint_into(&self, out: &mut String, inputs: &[&str], now: u64) -> Result<u64, MintError> {
        self.compiled.mint_into(out, inputs, now)
    }
}

/// Minting, written once: each format's `MintInto::mint_into` is this, so that it is compiled
/// in this crate with the format's steps inlined, and a caller makes one call.
#[inline]
pub(crate) fn mint_into<F: Format, M: MintInto<F>>(
    compiled: &M,
    out: &mut String,
    inputs: &[&str],
    now: u64,
) -> Result<u64, MintError> {
    out.clear();
    let basics = compiled.basics();
    if let Some(e) = &basics.deferred {
        return Err(e.clone().into());
    }
    let checked = compiled.check_inputs(inputs)?;
    let exp = token::expiry(now, basics.ttl)?;
    compiled.write(out, inputs, checked, now, exp)?;
    Ok(exp)
}

impl<F: Format> fmt::Debug for Minter<F> {
    /// The inputs and the ttl, never the key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let basics = self.compiled.basics();
        f.debug_struct(basics.name)
            .field("inputs", &basics.inputs)
            .field("ttl", &basics.ttl)
            .finish_non_exhaustive()
    }
}
