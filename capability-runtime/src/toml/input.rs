//! Inputs: the values a policy file leaves to mint time, with `{ input = "NAME" }`.

use crate::{AppSid, ClientName, ParamScope, ValueError, rules};

/// A value of a policy: written in the file, or an input supplied at mint time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Slot<T> {
    Literal(T),
    /// The index of the input in [`PolicyTemplate::inputs`].
    Input(usize),
}

/// Params or filters: literal keys, with literal or input values, in file order.
pub(crate) type PairSlots = Vec<(String, Slot<String>)>;

/// A field of a policy that an input fills.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputUse {
    /// An incoming client name.
    ClientName,
    /// The outgoing application SID.
    ApplicationSid,
    /// The value of outgoing param `key`.
    Param {
        /// The param's key.
        key: String,
    },
    /// The value of event-stream filter `key`.
    Filter {
        /// The filter's key.
        key: String,
    },
}

/// An input a policy file asks for with `{ input = "NAME" }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub(crate) name: String,
    pub(crate) uses: Vec<InputUse>,
}

impl Input {
    /// The input's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The fields it fills, in file order. One input may fill several.
    pub fn uses(&self) -> &[InputUse] {
        &self.uses
    }

    /// Whether every field it fills is a client name or an application SID: their rules admit
    /// only `A-Z a-z 0-9 _`, which percent-encoding leaves as they are, so a value that passes
    /// [`check`](Self::check) is its own encoding.
    pub(crate) fn encodes_as_itself(&self) -> bool {
        self.uses
            .iter()
            .all(|use_| matches!(use_, InputUse::ClientName | InputUse::ApplicationSid))
    }

    /// Checks `value` against the rule of every field this input fills.
    pub(crate) fn check(&self, value: &str) -> Result<(), ValueError> {
        for use_ in &self.uses {
            match use_ {
                InputUse::ClientName => ClientName::check(value)?,
                InputUse::ApplicationSid => AppSid::check(value)?,
                InputUse::Param { key } => {
                    rules::check_value(ParamScope::OutgoingParams, key, value)?
                }
                InputUse::Filter { key } => {
                    rules::check_value(ParamScope::EventStreamFilters, key, value)?;
                }
            }
        }
        Ok(())
    }
}
