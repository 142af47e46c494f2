//! Policy files: the schema of the `capability!` macro, in TOML, with inputs bound at mint time.

use crate::capability::layout::{self, Piece, Text};
use crate::toml::input::{self, Input, PairSlots, Slot};
use crate::{AppSid, BindError, BindProblem, CapabilityPolicy, ClientName, Ttl};

/// A policy loaded from TOML: its literal values are checked, and its inputs wait to be bound.
///
/// ```
/// use capability::CapabilityTemplate;
///
/// let template = CapabilityTemplate::from_toml_str(r#"
///     ttl = 300
///
///     [incoming]
///     client_name = { input = "identity" }
///
///     [outgoing]
///     application_sid = "AP89a0180a1a4ddf1da954efca349b7a20"
///     params = { user_id = { input = "user_id" }, plan = "gold" }
/// "#)?;
/// let names: Vec<_> = template.inputs().iter().map(|i| i.name()).collect();
/// assert_eq!(names, ["identity", "user_id"]);
///
/// let policy = template.bind([("identity", "alice"), ("user_id", "42")])?;
/// assert_eq!(policy.incoming()[0].as_str(), "alice");
///
/// let err = template.bind([("identity", "bob smith")]).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"input `user_id` is missing; input `identity`: client name "bob smith" may contain only letters, digits and underscores"#,
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The schema, with every key:
///
/// ```toml
/// ttl = 300                                 # optional; seconds, 1..=86400; default 3600
///
/// [incoming]
/// client_name = "andrew"                    # or { input = "identity" }, or an array of names
///
/// [outgoing]
/// application_sid = "AP89a0180a1a4ddf1da954efca349b7a20"   # or { input = "app_sid" }
/// params = { user_id = { input = "user_id" }, plan = "gold" }
///
/// [event_stream]
/// filters = { CallSid = "CA0123" }          # the filters table is optional
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapabilityTemplate {
    pub(crate) incoming: Vec<Slot<ClientName>>,
    pub(crate) outgoing: Option<(Slot<AppSid>, PairSlots)>,
    pub(crate) event_stream: Option<PairSlots>,
    pub(crate) ttl: Ttl,
    pub(crate) inputs: Vec<Input>,
}

impl CapabilityTemplate {
    /// A template that grants nothing, for a loader that found errors and returns none.
    pub(crate) fn empty() -> CapabilityTemplate {
        CapabilityTemplate {
            incoming: Vec::new(),
            outgoing: None,
            event_stream: None,
            ttl: Ttl::DEFAULT,
            inputs: Vec::new(),
        }
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

    /// The scope claim laid out with input `i` as [`Text::Slot(i)`](layout::Text::Slot),
    /// and the incoming names as slots or literals, for [`CapabilityMinter`](crate::CapabilityMinter).
    pub(crate) fn layout(&self) -> (Vec<Piece<String>>, Vec<Slot<ClientName>>) {
        fn text<T: AsRef<str>>(slot: &Slot<T>) -> Text<'_> {
            match slot {
                Slot::Literal(v) => Text::Known(v.as_ref()),
                Slot::Input(i) => Text::Slot(*i),
            }
        }
        fn pairs(pairs: &[(String, Slot<String>)]) -> Vec<(Text<'_>, Text<'_>)> {
            pairs
                .iter()
                .map(|(k, v)| (Text::Known(k.as_str()), text(v)))
                .collect()
        }
        let names: Vec<_> = self.incoming.iter().map(text).collect();
        let filters = self.event_stream.as_deref().map(pairs);
        let outgoing = self
            .outgoing
            .as_ref()
            .map(|(sid, params)| (text(sid), pairs(params)));
        let pieces = layout::layout(
            &names,
            filters.as_deref(),
            outgoing.as_ref().map(|(sid, params)| (*sid, &params[..])),
        );
        (pieces, self.incoming.clone())
    }

    /// Supplies the inputs and makes the policy.
    ///
    /// # Errors
    /// A [`BindError`] that lists every input that is missing, unknown or given twice, every
    /// value that breaks its field's rule and, once those are right, a policy-level rule the
    /// values break (such as two incoming inputs with the same name).
    pub fn bind<K: AsRef<str>, V: AsRef<str>>(
        &self,
        inputs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<CapabilityPolicy, BindError> {
        let inputs: Vec<(K, V)> = inputs.into_iter().collect();
        let values = input::values(&self.inputs, &inputs)?;
        self.build(&values)
            .map_err(|problem| BindError::new(vec![problem]))
    }

    /// The policy with input `i` replaced by `values[i]`.
    fn build(&self, values: &[&str]) -> Result<CapabilityPolicy, BindProblem> {
        let pairs = |pairs| input::pairs(pairs, values);
        let mut builder = CapabilityPolicy::builder().ttl(self.ttl);
        for name in &self.incoming {
            builder = builder.allow_client_incoming(input::resolve(name, values, &self.inputs)?);
        }
        if let Some((sid, params)) = &self.outgoing {
            builder = builder
                .allow_client_outgoing(input::resolve(sid, values, &self.inputs)?, pairs(params));
        }
        if let Some(filters) = &self.event_stream {
            builder = builder.allow_event_stream(pairs(filters));
        }
        builder.build().map_err(BindProblem::Policy)
    }
}

#[cfg(test)]
mod tests {
    use crate::capability::encoding::encode;
    use crate::{AppSid, CapabilityTemplate, ClientName};

    #[test]
    fn client_names_and_application_sids_are_their_own_encoding() {
        // Encoding goes byte by byte, so it is enough that each admitted character is kept.
        let chars = (0..=0x7f_u8).map(char::from).chain(['é', '€', '😀']);
        let mut admitted = 0;
        for c in chars {
            let name = c.to_string();
            if ClientName::check(&name).is_ok() {
                assert_eq!(encode(&name), name);
                admitted += 1;
            }
            let sid = format!("AP{}", name.repeat(32));
            if AppSid::check(&sid).is_ok() {
                assert_eq!(encode(&sid), sid);
                admitted += 1;
            }
        }
        assert_eq!(
            admitted,
            63 + 22,
            "letters, digits, `_`; hex digits of either case"
        );
    }

    #[test]
    fn only_inputs_that_fill_names_and_sids_encode_as_themselves() {
        let template = CapabilityTemplate::from_toml_str(
            r#"
            [incoming]
            client_name = { input = "who" }
            [outgoing]
            application_sid = { input = "app" }
            params = { user_id = { input = "user" }, again = { input = "who" } }
            "#,
        )
        .unwrap();
        let plain: Vec<_> = template
            .inputs()
            .iter()
            .map(|input| (input.name(), input.encodes_as_itself()))
            .collect();
        assert_eq!(plain, [("who", false), ("app", true), ("user", false)]);
    }
}
