//! Writing to standard output and standard error without panicking.
//!
//! `println!` panics when standard output is closed (`capability inspect … | head -1`); these
//! functions report that as a failure instead.

use std::io::{self, Write as _};

use crate::failure::{Code, Failure};

/// Writes `text` to standard output as it is.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // The reader went away; there is nobody left to tell.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(Failure::reported(Code::Invalid)),
        Err(e) => Err(Failure::invalid(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

/// Writes `line` and a newline to standard output.
pub fn line(line: &str) -> Result<(), Failure> {
    print(&format!("{line}\n"))
}

/// Writes `text` to standard error as it is. A failure to write there cannot be reported
/// anywhere, so it is ignored.
pub fn eprint(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// Writes `error: MESSAGE` to standard error, one `error: ` per line of `message`.
pub fn error(message: &str) {
    let mut text = String::new();
    for line in message.lines() {
        text.push_str("error: ");
        text.push_str(line);
        text.push('\n');
    }
    if text.is_empty() {
        text.push_str("error\n");
    }
    eprint(&text);
}
