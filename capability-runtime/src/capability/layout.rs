//! The layout of the scope claim (spec 1.4), written once for every front end.
//!
//! The runtime lays out a claim whose parts are all known and gets one encoded string. The
//! `capability!` macro lays out the same claim at compile time with a [`Text::Slot`] for each
//! run-time expression: the literal parts come back already encoded, and only the slots are
//! encoded when the program runs.

use crate::capability::encoding;

/// A text in a claim: known now, or the value of run-time slot `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text<'a> {
    /// Known text, not yet encoded.
    Known(&'a str),
    /// The text of run-time slot `n`.
    Slot(usize),
}

/// One piece of a laid-out claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<S> {
    /// Claim text, already encoded.
    Lit(S),
    /// Slot `index`, encoded once (`E`), or twice (`E(E(..))`) inside a param list.
    Slot {
        /// The slot.
        index: usize,
        /// Whether the slot is a param key or value, which is encoded twice.
        twice: bool,
    },
}

impl Piece<String> {
    /// The same piece, borrowing its text.
    pub fn as_deref(&self) -> Piece<&str> {
        match self {
            Piece::Lit(text) => Piece::Lit(text),
            Piece::Slot { index, twice } => Piece::Slot {
                index: *index,
                twice: *twice,
            },
        }
    }
}

/// Lays out the claim: every incoming scope in the order declared, then the event-stream
/// scope, then the outgoing scope, which carries the last incoming name. Adjacent literal text
/// is merged, so a claim with no slots is one [`Piece::Lit`].
pub fn layout(
    incoming: &[Text<'_>],
    event_stream: Option<&[(Text<'_>, Text<'_>)]>,
    outgoing: Option<(Text<'_>, &[(Text<'_>, Text<'_>)])>,
) -> Vec<Piece<String>> {
    let mut w = Writer::default();
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

/// Collects pieces, merging adjacent literal text. Every format lays out its variable text
/// with one.
#[derive(Default)]
pub(crate) struct Writer {
    pieces: Vec<Piece<String>>,
    lit: String,
    started: bool,
}

impl Writer {
    /// Literal text, already encoded.
    pub(crate) fn lit(&mut self, text: &str) {
        self.lit.push_str(text);
    }

    /// `text`: known text as `encode` writes it, or a slot, to be encoded as the format
    /// encodes its slots.
    pub(crate) fn text_as(&mut self, text: Text<'_>, encode: impl FnOnce(&mut String, &str)) {
        match text {
            Text::Known(text) => encode(&mut self.lit, text),
            Text::Slot(index) => {
                self.flush();
                self.pieces.push(Piece::Slot {
                    index,
                    twice: false,
                });
            }
        }
    }

    /// Scopes are joined by one space.
    fn separate(&mut self) {
        if self.started {
            self.lit.push(' ');
        }
        self.started = true;
    }

    fn text(&mut self, text: Text<'_>, twice: bool) {
        match text {
            Text::Known(text) => encoding::encode_as(&mut self.lit, text, twice),
            Text::Slot(index) => {
                self.flush();
                self.pieces.push(Piece::Slot { index, twice });
            }
        }
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

    fn flush(&mut self) {
        if !self.lit.is_empty() {
            self.pieces.push(Piece::Lit(std::mem::take(&mut self.lit)));
        }
    }

    pub(crate) fn finish(mut self) -> Vec<Piece<String>> {
        self.flush();
        self.pieces
    }
}
