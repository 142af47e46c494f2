//! What the minters of every format share.

use crate::{BindError, SignError};

/// Why a minter ([`CapabilityMinter`](crate::CapabilityMinter), [`AccessMinter`](crate::AccessMinter) or
/// [`TaskRouterMinter`](crate::TaskRouterMinter)) could not mint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MintError {
    /// The input values are wrong: count, field rules, or a policy rule once bound.
    #[error(transparent)]
    Inputs(#[from] BindError),
    /// The token could not be signed.
    #[error(transparent)]
    Sign(#[from] SignError),
}
