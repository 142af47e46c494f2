//! Writing to standard output without panicking.
//!
//! `println!` panics when standard output is closed (`capability inspect … | head -1`); these
//! functions report that as a failure instead. Standard error is [`stderr`](crate::stderr)'s.

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
