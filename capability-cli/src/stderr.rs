//! Writing to standard error, where a failure to write cannot be reported anywhere.

use std::io::{self, Write as _};

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
