//! Laying out a token's variable text as pieces: literal text, already encoded, and slots for
//! values known only when a token is minted. Every format lays out its claims with a
//! [`Writer`]; the `capability!` macro lays out a capability claim at compile time.

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

/// Collects pieces, merging adjacent literal text.
#[derive(Default)]
pub(crate) struct Writer {
    pieces: Vec<Piece<String>>,
    lit: String,
}

impl Writer {
    /// Literal text, already encoded.
    pub(crate) fn lit(&mut self, text: &str) {
        self.lit.push_str(text);
    }

    /// `text`: known text as `encode` writes it, or a slot, to be encoded as the format
    /// encodes its slots.
    pub(crate) fn text_as(&mut self, text: Text<'_>, encode: impl FnOnce(&mut String, &str)) {
        self.text_twice_as(text, false, encode);
    }

    /// [`text_as`](Self::text_as), for a slot encoded `twice` when it is filled.
    pub(crate) fn text_twice_as(
        &mut self,
        text: Text<'_>,
        twice: bool,
        encode: impl FnOnce(&mut String, &str),
    ) {
        match text {
            Text::Known(text) => encode(&mut self.lit, text),
            Text::Slot(index) => {
                self.flush();
                self.pieces.push(Piece::Slot { index, twice });
            }
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

/// The text of pieces laid out from known text only.
pub(crate) fn known(pieces: &[Piece<String>]) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Lit(text) => text.as_str(),
            // Known text makes no slot.
            Piece::Slot { .. } => "",
        })
        .collect()
}

/// The length of the literal pieces: what a token holds whatever its inputs are.
pub(crate) fn literal_len(pieces: &[Piece<String>]) -> usize {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Lit(text) => text.len(),
            Piece::Slot { .. } => 0,
        })
        .sum()
}
