//! Inputs: the values a policy file leaves to mint time, with `{ input = "NAME" }`.

use std::collections::BTreeMap;

use crate::jwt::layout::Text;
use crate::{
    AppSid, BindError, BindProblem, ClientName, Identity, ParamScope, Region, SidKind, TextKind,
    ValueError, rules,
};

/// A value of a policy: written in the file, or an input supplied at mint time.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot<T> {
    Literal(T),
    /// The index of the input in the template's inputs.
    Input(usize),
}

impl<T: AsRef<str>> Slot<T> {
    /// The slot as a layout's text: the literal, or the input's index.
    pub(crate) fn text(&self) -> Text<'_> {
        match self {
            Slot::Literal(v) => Text::Known(v.as_ref()),
            Slot::Input(i) => Text::Slot(*i),
        }
    }
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
    /// The identity of an access token.
    Identity,
    /// The identity of an access token with a voice grant, which must be a client name too.
    VoiceIdentity,
    /// A SID of an access or TaskRouter token.
    Sid(SidKind),
    /// A room name, endpoint id or TaskRouter role.
    Text(TextKind),
    /// The region of an access token.
    Region,
    /// The URL of a custom TaskRouter policy.
    PolicyUrl,
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
        self.uses.iter().try_for_each(|use_| use_.check(value))
    }
}

impl InputUse {
    /// Checks `value` against the rule of this field.
    pub(crate) fn check(&self, value: &str) -> Result<(), ValueError> {
        match self {
            InputUse::ClientName => ClientName::check(value),
            InputUse::ApplicationSid => AppSid::check(value),
            InputUse::Param { key } => rules::check_value(ParamScope::OutgoingParams, key, value),
            InputUse::Filter { key } => {
                rules::check_value(ParamScope::EventStreamFilters, key, value)
            }
            InputUse::Identity => Identity::check(value),
            InputUse::VoiceIdentity => {
                Identity::check(value)?;
                ClientName::check(value)
            }
            InputUse::Sid(kind) => kind.check(value),
            InputUse::Text(kind) => kind.check(value),
            InputUse::Region => Region::check(value),
            InputUse::PolicyUrl => crate::TaskRouterUrl::check(value),
        }
    }
}

/// The value of each input in `declared`, in order, from the `given` pairs. Every input that
/// is missing, unknown or given twice, and every value that breaks the rule of a field it
/// fills, is reported at once.
pub(crate) fn values<'v, K: AsRef<str>, V: AsRef<str>>(
    declared: &[Input],
    given: &'v [(K, V)],
) -> Result<Vec<&'v str>, BindError> {
    let mut by_name: BTreeMap<&str, &str> = BTreeMap::new();
    let mut problems = Vec::new();
    for (name, value) in given {
        let name = name.as_ref();
        if by_name.insert(name, value.as_ref()).is_some() {
            problems.push(BindProblem::Repeated {
                input: name.to_owned(),
            });
        }
    }
    for name in by_name.keys() {
        if !declared.iter().any(|i| i.name == *name) {
            problems.push(BindProblem::Unknown {
                input: (*name).to_owned(),
            });
        }
    }
    let mut values = Vec::with_capacity(declared.len());
    let mut invalid = Vec::new();
    for input in declared {
        match by_name.get(input.name.as_str()) {
            None => problems.push(BindProblem::Missing {
                input: input.name.clone(),
            }),
            Some(value) => {
                if let Err(error) = input.check(value) {
                    invalid.push(BindProblem::Invalid {
                        input: input.name.clone(),
                        error,
                    });
                }
            }
        }
        values.push(
            by_name
                .get(input.name.as_str())
                .copied()
                .unwrap_or_default(),
        );
    }
    problems.extend(invalid);
    if !problems.is_empty() {
        return Err(BindError::new(problems));
    }
    Ok(values)
}

/// A checked value: the literal, or the input's value passed through the field's rule.
pub(crate) fn resolve<T>(
    slot: &Slot<T>,
    values: &[&str],
    inputs: &[Input],
) -> Result<T, BindProblem>
where
    T: Clone + for<'a> TryFrom<&'a str, Error = ValueError>,
{
    match slot {
        Slot::Literal(v) => Ok(v.clone()),
        Slot::Input(i) => T::try_from(values[*i]).map_err(|error| BindProblem::Invalid {
            input: inputs[*i].name.clone(),
            error,
        }),
    }
}

/// Params or filters with each input replaced by its value.
pub(crate) fn pairs(pairs: &[(String, Slot<String>)], values: &[&str]) -> Vec<(String, String)> {
    let text = |slot: &Slot<String>| match slot {
        Slot::Literal(text) => text.clone(),
        Slot::Input(i) => values[*i].to_owned(),
    };
    pairs.iter().map(|(k, v)| (k.clone(), text(v))).collect()
}

/// Positional values for `inputs`: their count and each field's rule, as a minter checks
/// them, without allocating when the values pass.
pub(crate) fn check_positional(inputs: &[Input], values: &[&str]) -> Result<(), BindError> {
    if values.len() != inputs.len() {
        return Err(BindError::new(vec![BindProblem::InputCount {
            expected: inputs.len(),
            given: values.len(),
        }]));
    }
    if inputs.iter().zip(values).all(|(i, v)| i.check(v).is_ok()) {
        return Ok(());
    }
    let problems = inputs.iter().zip(values).filter_map(|(input, value)| {
        let error = input.check(value).err()?;
        Some(BindProblem::Invalid {
            input: input.name().to_owned(),
            error,
        })
    });
    Err(BindError::new(problems.collect()))
}
