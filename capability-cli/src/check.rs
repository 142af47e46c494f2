//! `capability check`: validate policy files, say what inputs each takes.

use std::path::Path;

use capability::{Format, Template, TemplateVisitor};

use crate::cli::CheckArgs;
use crate::failure::Failure;
use crate::{output, policy_file, stderr};

/// Runs `check` on every file, reporting each error; fails if any file fails.
pub fn run(args: &CheckArgs) -> Result<(), Failure> {
    let total = args.policies.len();
    let mut failed = 0;
    for path in &args.policies {
        match policy_file::load(path) {
            Ok(file) => output::print(&file.visit(Report(path)))?,
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

/// A file's report: its format, its ttl, and the inputs it takes.
struct Report<'a>(&'a Path);

impl<F: Format> TemplateVisitor<F> for Report<'_> {
    type Output = String;

    fn visit(self, template: Template<F>) -> String {
        let inputs = policy_file::describe_inputs(template.inputs());
        let count = match inputs.len() {
            0 => "no inputs".to_owned(),
            1 => "1 input".to_owned(),
            n => format!("{n} inputs"),
        };
        let mut text = format!(
            "{}: ok, {} policy, ttl {}s, {count}\n",
            self.0.display(),
            F::FORMAT,
            template.ttl()
        );
        for line in inputs {
            text.push_str("  ");
            text.push_str(&line);
            text.push('\n');
        }
        text
    }
}
