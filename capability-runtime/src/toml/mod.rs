//! Policy files: walking a spanned TOML document, inputs, and diagnostics with
//! file:line:column, for every format.

pub(crate) mod diagnostic;
pub(crate) mod format;
pub(crate) mod input;
pub(crate) mod lower;
pub(crate) mod template;
pub(crate) mod walk;
