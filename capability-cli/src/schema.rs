//! `capability schema`: the JSON Schema of policy files, as the runtime generates it.

use crate::failure::Failure;
use crate::output;

/// Prints the schema, pretty, with a trailing newline.
pub fn run() -> Result<(), Failure> {
    output::print(&capability::policy_schema())
}
