//! Policy files: the schema of the `capability!` macro, in TOML, with inputs bound at mint time.

use crate::capability::layout::{self, Piece, Text};
use crate::toml::input::{self, PairSlots, Slot};
use crate::toml::lower::lowered_struct;
use crate::{AppSid, BindProblem, Capability, CapabilityPolicy, ClientName, Template};

/// A capability policy loaded from TOML: its literal values are checked, and its inputs wait
/// to be bound. [`PolicyFile`](crate::PolicyFile) loads a file of any format.
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
pub type CapabilityTemplate = Template<Capability>;

lowered_struct! {
    /// A capability template's own fields.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct CapabilitySlots {
        pub incoming: Vec<Slot<ClientName>>,
        pub outgoing: Option<(Slot<AppSid>, PairSlots)>,
        pub event_stream: Option<PairSlots>,
    }
}

/// The policy with input `i` replaced by `values[i]`.
pub(crate) fn build(
    t: &CapabilityTemplate,
    values: &[&str],
) -> Result<CapabilityPolicy, BindProblem> {
    let pairs = |pairs| input::pairs(pairs, values);
    let mut builder = CapabilityPolicy::builder().ttl(t.ttl);
    for name in &t.slots.incoming {
        builder = builder.allow_client_incoming(input::resolve(name, values, &t.inputs)?);
    }
    if let Some((sid, params)) = &t.slots.outgoing {
        builder =
            builder.allow_client_outgoing(input::resolve(sid, values, &t.inputs)?, pairs(params));
    }
    if let Some(filters) = &t.slots.event_stream {
        builder = builder.allow_event_stream(pairs(filters));
    }
    builder.build().map_err(BindProblem::Policy)
}

impl CapabilityTemplate {
    /// The scope claim laid out with input `i` as [`Text::Slot(i)`](layout::Text::Slot),
    /// and the incoming names as slots or literals, for [`CapabilityMinter`](crate::CapabilityMinter).
    pub(crate) fn layout(&self) -> (Vec<Piece<String>>, Vec<Slot<ClientName>>) {
        fn pairs(pairs: &[(String, Slot<String>)]) -> Vec<(Text<'_>, Text<'_>)> {
            pairs
                .iter()
                .map(|(k, v)| (Text::Known(k.as_str()), Slot::text(v)))
                .collect()
        }
        let slots = &self.slots;
        let names: Vec<_> = slots.incoming.iter().map(Slot::text).collect();
        let filters = slots.event_stream.as_deref().map(pairs);
        let outgoing = slots
            .outgoing
            .as_ref()
            .map(|(sid, params)| (Slot::text(sid), pairs(params)));
        let pieces = layout::layout(
            &names,
            filters.as_deref(),
            outgoing.as_ref().map(|(sid, params)| (*sid, &params[..])),
        );
        (pieces, slots.incoming.clone())
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
