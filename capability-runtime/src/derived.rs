//! What `#[derive(PolicyFile)]` gives a struct: the policy file's template, checked when the
//! crate was built, with the struct's fields as its inputs; and [`PolicyFileMinter`].

use std::fmt;
use std::marker::PhantomData;

use crate::jwt::token::unix_now;
use crate::{BindError, Format, MintError, Minter, Template, Token};

/// A struct whose fields are the inputs of a policy file, by `#[derive(PolicyFile)]`. Not
/// implemented by hand: the derive checks the file and the fields' types against each other.
#[doc(hidden)]
pub trait DerivedPolicy {
    /// The policy file's format.
    type Format: Format;
    /// The struct with every lifetime `'static`: a [`PolicyFileMinter`] names it, so that one
    /// minter mints for values of any lifetimes.
    type Erased;

    /// The template the derive checked, built from its checked values. Built on each call,
    /// not kept in a `static`: code that never signs with the struct then compiles none of it.
    fn template() -> Template<Self::Format>;

    /// Calls `f` with the fields' text, in the order of the template's inputs.
    fn with_inputs<R>(&self, f: impl FnOnce(&[&str]) -> R) -> R;
}

// Each step takes the struct whole: borrow-checked once, here, rather than in every crate for
// every derived struct. Measured (capability-bench/build_cost.py) against steps generic over
// the format alone, which the struct's methods would call through closures of their own: the
// closures cost the user's build more than the steps' instances do.

/// The policy of a derived struct: its template bound to its fields.
///
/// # Errors
/// A [`BindError`] when a field breaks a rule that its type does not carry.
pub fn policy<S: DerivedPolicy>(value: &S) -> Result<<S::Format as Format>::Policy, BindError> {
    value.with_inputs(|inputs| S::template().bind_values(inputs))
}

/// The token of a derived struct's policy, signed at `now`.
///
/// # Errors
/// [`MintError::Inputs`] as [`policy`] reports it, [`MintError::Sign`] as the policy's
/// `sign_at` does.
pub fn sign_at<S: DerivedPolicy>(
    value: &S,
    key: &<S::Format as Format>::Key,
    now: u64,
) -> Result<Token, MintError> {
    let policy = policy(value)?;
    Ok(S::Format::sign_at(&policy, key, now)?)
}

/// [`sign_at`] by the system clock.
///
/// # Errors
/// As [`sign_at`], and a clock before 1970.
pub fn sign<S: DerivedPolicy>(
    value: &S,
    key: &<S::Format as Format>::Key,
) -> Result<Token, MintError> {
    sign_at(value, key, unix_now()?)
}

/// The [`Minter`] of a struct with `#[derive(PolicyFile)]`, made once (in a `static` or an
/// app's state) by the struct's `minter(&key)`: it mints for values of the struct, of any
/// lifetimes, byte for byte as their `sign_at` signs.
///
/// `S` is the struct with every lifetime `'static` (`VoiceAgent<'static>`), so that a minter
/// made once is not tied to the lifetime of one value.
pub struct PolicyFileMinter<S: DerivedPolicy> {
    minter: Minter<S::Format>,
    _struct: PhantomData<fn(&S)>,
}

impl<S: DerivedPolicy> PolicyFileMinter<S> {
    /// Compiles the struct's policy file with `key`.
    pub fn new(key: &<S::Format as Format>::Key) -> Self {
        PolicyFileMinter {
            minter: Minter::from_template(&S::template(), key),
            _struct: PhantomData,
        }
    }

    /// Mints a token for `value` as if the time were `now`.
    ///
    /// # Errors
    /// As [`Minter::mint_at`].
    pub fn mint_at<V>(&self, value: &V, now: u64) -> Result<Token, MintError>
    where
        V: DerivedPolicy<Format = S::Format, Erased = S::Erased>,
    {
        value.with_inputs(|inputs| self.minter.mint_at(inputs, now))
    }

    /// Mints a token for `value` by the system clock.
    ///
    /// # Errors
    /// As [`Minter::mint`].
    pub fn mint<V>(&self, value: &V) -> Result<Token, MintError>
    where
        V: DerivedPolicy<Format = S::Format, Erased = S::Erased>,
    {
        value.with_inputs(|inputs| self.minter.mint(inputs))
    }
}

impl<S: DerivedPolicy> Clone for PolicyFileMinter<S> {
    fn clone(&self) -> Self {
        PolicyFileMinter {
            minter: self.minter.clone(),
            _struct: PhantomData,
        }
    }
}

impl<S: DerivedPolicy> fmt::Debug for PolicyFileMinter<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PolicyFileMinter")
            .field("minter", &self.minter)
            .finish()
    }
}
