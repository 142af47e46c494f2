//! The layout of the scope claim (spec 1.4), written once for every front end.
//!
//! The runtime lays out a claim whose parts are all known and gets one encoded string. The
//! `capability!` macro lays out the same claim at compile time with a [`Text::Slot`] for each
//! run-time expression: the literal parts come back already encoded, and only the slots are
//! encoded when the program runs.

use crate::capability::encoding;
use crate::jwt::layout::Writer;
pub use crate::jwt::layout::{Piece, Text};

/// Lays out the claim: every incoming scope in the order declared, then the event-stream
/// scope, then the outgoing scope, which carries the last incoming name. Adjacent literal text
/// is merged, so a claim with no slots is one [`Piece::Lit`].
pub fn layout(
    incoming: &[Text<'_>],
    event_stream: Option<&[(Text<'_>, Text<'_>)]>,
    outgoing: Option<(Text<'_>, &[(Text<'_>, Text<'_>)])>,
) -> Vec<Piece<String>> {
    let mut w = ScopeWriter::default();
    for &name in incoming {
        w.separate();
        w.lit("scope:client:incoming?clientName=");
        w.text(name, false);
    }
    if let Some(filters) = event_stream {
        w.separate();
        w.lit("scope:stream:subscribe?path=%2F2010-04-01%2FEvents");
        if !filters.is_empty() {
            w.lit("&params=");
            w.pairs(filters);
        }
    }
    if let Some((app_sid, params)) = outgoing {
        w.separate();
        w.lit("scope:client:outgoing?appSid=");
        w.text(app_sid, false);
        if !params.is_empty() {
            w.lit("&appParams=");
            w.pairs(params);
        }
        if let Some(&name) = incoming.last() {
            w.lit("&clientName=");
            w.text(name, false);
        }
    }
    w.finish()
}

/// Fills the slots of a laid-out claim with their values.
pub fn assemble(pieces: &[Piece<&str>], slots: &[&str]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match *piece {
            Piece::Lit(text) => out.push_str(text),
            Piece::Slot { index, twice } => encoding::encode_as(&mut out, slots[index], twice),
        }
    }
    out
}

/// The capability claim's writer: scopes are joined by one space, and text is percent-encoded,
/// once or (inside a param list) twice.
#[derive(Default)]
struct ScopeWriter {
    w: Writer,
    started: bool,
}

impl ScopeWriter {
    fn lit(&mut self, text: &str) {
        self.w.lit(text);
    }

    /// Scopes are joined by one space.
    fn separate(&mut self) {
        if self.started {
            self.w.lit(" ");
        }
        self.started = true;
    }

    fn text(&mut self, text: Text<'_>, twice: bool) {
        self.w.text_twice_as(text, twice, |out, text| {
            encoding::encode_as(out, text, twice)
        });
    }

    /// `E(Q(pairs))`: each pair as `E(key)=E(value)` joined by `&`, all encoded once more.
    /// The outer pass turns the separators into `%3D` and `%26`.
    fn pairs(&mut self, pairs: &[(Text<'_>, Text<'_>)]) {
        for (i, &(key, value)) in pairs.iter().enumerate() {
            if i > 0 {
                self.lit("%26");
            }
            self.text(key, true);
            self.lit("%3D");
            self.text(value, true);
        }
    }

    fn finish(self) -> Vec<Piece<String>> {
        self.w.finish()
    }
}
