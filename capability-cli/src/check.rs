//! `capability check`: validate policy files, say what inputs each takes.

use capability::{PolicyFile, Ttl};

use crate::cli::CheckArgs;
use crate::failure::Failure;
use crate::{output, policy_file, stderr};

/// Runs `check` on every file, reporting each error; fails if any file fails.
pub fn run(args: &CheckArgs) -> Result<(), Failure> {
    let total = args.policies.len();
    let mut failed = 0;
    for path in &args.policies {
        match policy_file::load(path) {
            Ok(file) => {
                let inputs = policy_file::describe_inputs(file.inputs());
                let count = match inputs.len() {
                    0 => "no inputs".to_owned(),
                    1 => "1 input".to_owned(),
                    n => format!("{n} inputs"),
                };
                let ttl = match &file {
                    PolicyFile::Capability(t) => t.ttl(),
                    PolicyFile::Access(t) => t.ttl(),
                    PolicyFile::TaskRouter(t) => t.ttl(),
                    _ => Ttl::DEFAULT,
                };
                let format = file.format();
                let mut text = format!(
                    "{}: ok, {format} policy, ttl {ttl}s, {count}\n",
                    path.display()
                );
                for line in inputs {
                    text.push_str("  ");
                    text.push_str(&line);
                    text.push('\n');
                }
                output::print(&text)?;
            }
            Err(rendered) => {
                stderr::eprint(&rendered);
                failed += 1;
            }
        }
    }
    if failed == 0 {
        Ok(())
    } else {
        let files = if total == 1 { "file" } else { "files" };
        Err(Failure::invalid(format!(
            "{failed} of {total} policy {files} failed the check"
        )))
    }
}
