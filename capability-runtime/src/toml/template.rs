//! Loading a policy file of one format with that format's reader, written once for the three.

use toml::de::DeTable;

use crate::toml::walk::{self, Walker};
use crate::{Format, LoadError, Template, Ttl};

/// Loads a policy of format `F` from TOML text with the format's reader: a file of another
/// format is reported, and not read further, since its tables are not this one's.
pub(crate) fn load<F: Format>(
    source: &str,
    origin: Option<String>,
    read: fn(&mut Walker, &DeTable<'_>) -> Template<F>,
    empty: F::Slots,
) -> Result<Template<F>, LoadError> {
    walk::walk(source, origin, |w, table| {
        match w.format(table, Some(F::FORMAT)) {
            Some(_) => read(w, table),
            None => Template {
                slots: empty,
                ttl: Ttl::DEFAULT,
                inputs: Vec::new(),
            },
        }
    })
}
