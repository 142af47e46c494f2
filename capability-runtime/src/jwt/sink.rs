//! Where encoded text goes: a `String`, or a stream that base64-encodes as it goes.

/// Takes text piece by piece.
pub(crate) trait Sink {
    fn put(&mut self, text: &str);
}

impl Sink for String {
    fn put(&mut self, text: &str) {
        self.push_str(text);
    }
}
