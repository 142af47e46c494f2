//! How a command fails: an exit code, and the lines to tell the user on standard error.

use std::process::ExitCode;

use crate::stderr;

/// The exit code of a failed command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// 1: an invalid token, policy, input or credential, or a failure to read or write.
    Invalid = 1,
    /// 2: the command line itself is wrong.
    Usage = 2,
}

/// A failed command. Its messages are printed to standard error, each prefixed `error: `.
///
/// No message may contain the auth token: messages are built from the runtime's errors, which
/// never carry it, and from file names and variable names.
#[derive(Debug)]
pub struct Failure {
    code: Code,
    messages: Vec<String>,
    help: Option<String>,
}

impl Failure {
    /// Exit 1, saying `message`.
    pub fn invalid(message: impl Into<String>) -> Self {
        Failure {
            code: Code::Invalid,
            messages: vec![message.into()],
            help: None,
        }
    }

    /// Exit 1, saying each of `messages` on its own line.
    pub fn invalid_all(messages: Vec<String>) -> Self {
        Failure {
            code: Code::Invalid,
            messages,
            help: None,
        }
    }

    /// Exit 2, saying `message`.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: Code::Usage,
            messages: vec![message.into()],
            help: None,
        }
    }

    /// Exit with `code`; what went wrong was already printed.
    pub fn reported(code: Code) -> Self {
        Failure {
            code,
            messages: Vec::new(),
            help: None,
        }
    }

    /// Adds a last line, `help: HELP`, that says how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Prints the messages to standard error and gives the exit code.
    pub fn report(self) -> ExitCode {
        for message in &self.messages {
            stderr::error(message);
        }
        if let Some(help) = &self.help {
            stderr::eprint(&format!("help: {help}\n"));
        }
        ExitCode::from(self.code as u8)
    }
}
